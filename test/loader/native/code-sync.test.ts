/**
 * Every switch of a code region from read-write to read-execute first synchronises the caches
 * over exactly the range written (loader/native/code-sync.ts). On x86-64 the routine does
 * nothing, but the calls are the same on every host: this test is what proves the AArch64
 * engine flushes what it writes, since qemu would hide a missing flush.
 */

import { describe, expect, it } from 'vitest';
import type { WasmFunction } from '../../../loader/api.js';
import { loadArtifact } from '../../../loader/cwasm/load.js';
import { watchCodeSync } from '../../../loader/native/code-sync.js';
import { codeRanges } from '../../../loader/native/index.js';
import { compileArtifact } from '../../../linker/cwasm.js';
import { fromWat } from '../../cwasm/helpers.js';

const WAT = `(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (func (export "f") (param i32) (result i32) (call $twice (i32.add (local.get 0) (i32.const 1)))))`;

describe('instruction-cache synchronisation', () => {
  it('each new code region is synchronised once, over exactly its range, before it runs', () => {
    const m = fromWat(WAT);
    const bytes = compileArtifact(m.module, m.wasm);
    const before = new Set(codeRanges().map(([s]) => s));
    const synced: Array<readonly [number, number]> = [];
    const stop = watchCodeSync((start, length) => synced.push([start, length]));
    try {
      const l = loadArtifact(bytes, { fallback: 'none' });
      const inst = l.engine.instantiate(l.compiled, { env: { twice: (x: number) => 2 * x } });
      expect((inst.exports['f'] as WasmFunction).call(20)).toBe(42);
    } finally {
      stop();
    }
    const made = codeRanges()
      .filter(([s]) => !before.has(s))
      .map(([s, e]) => [s, e - s] as const);
    expect(made.length).toBeGreaterThan(0);
    const key = (r: readonly [number, number]): string => `${r[0].toString(16)}+${r[1].toString(16)}`;
    expect(synced.map(key).sort()).toEqual(made.map(key).sort());
  });
});
