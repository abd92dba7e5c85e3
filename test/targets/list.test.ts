/**
 * The target table (targets/list.ts): names, the host's entry, and `codegen` in step with the
 * compile driver (targets/compile.ts `targetFor`).
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../formats/errors.js';
import { targetFor } from '../../targets/compile.js';
import { hostTarget, targetByName, TARGETS } from '../../targets/list.js';

describe('the target table', () => {
  it('names each target <isa>-<os>, and finds them by name', () => {
    expect(TARGETS.map((t) => t.name)).toEqual(['x86_64-linux', 'aarch64-linux']);
    for (const t of TARGETS) expect(t.name).toBe(`${t.isa}-${t.os}`);
    expect(targetByName('aarch64-linux')?.isa).toBe('aarch64');
    expect(targetByName('x86_64-windows')).toBeUndefined();
  });

  it('the host: an x86-64 or arm64 Linux, else none', () => {
    expect(hostTarget('linux', 'x64')?.name).toBe('x86_64-linux');
    expect(hostTarget('linux', 'arm64')?.name).toBe('aarch64-linux');
    expect(hostTarget('darwin', 'arm64')).toBeNull();
    expect(hostTarget('linux', 'riscv64')).toBeNull();
  });

  it('says there is a code generator exactly where the compile driver has one', () => {
    for (const t of TARGETS) {
      let has = true;
      try {
        targetFor(t.isa);
      } catch (e) {
        expect(e).toBeInstanceOf(KilnError);
        has = false;
      }
      expect([t.name, has]).toEqual([t.name, t.codegen]);
    }
  });
});
