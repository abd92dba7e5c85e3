/**
 * A function of more than a megabyte of code: its conditional branches to the trap stubs after
 * the code are beyond b.cond's ±1 MiB, so emit.ts emits it again with every conditional branch
 * inverted around a `b` (±128 MiB). The result must assemble, keep one trap site per check,
 * and every `b.cond` must then skip exactly one `b`.
 */

import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import { compileModule } from '../../../targets/compile.js';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator } from '../../../compiler/regalloc/index.js';
import { aarch64Target } from '../../../targets/aarch64/target.js';

const LOADS = 60_000;

/** a chain of LOADS dependent loads, each with its explicit bounds check and trap stub */
function bigModule(): string {
  const body = 'i32.load offset=4\n'.repeat(LOADS);
  return `(module (memory 1) (func (export "chain") (param i32) (result i32) local.get 0\n${body}))`;
}

describe('AArch64 branches beyond ±1 MiB', () => {
  it('a function of more than a megabyte is emitted with far conditional branches', () => {
    const m = parseWat(bigModule());
    validateModule(m);
    const code = compileModule(m, { isa: 'aarch64', interrupts: false });
    const f = code.funcs[0]!;
    expect(f.code.length).toBeGreaterThan(2 << 20);
    expect(f.trapSites.length).toBe(LOADS + 1);
    // the listing: each b.cond jumps over the next instruction, a `b`
    const fe = new Frontend();
    const ir = fe.translate(m, 0, { interrupts: false });
    optimize(ir, new PassContext());
    const target = aarch64Target();
    const lowered = target.lower(ir);
    const alloc = new Allocation();
    new Allocator().allocate(lowered.m, target.env, alloc);
    const lines = target.emit(ir, lowered, alloc, 0, { listing: true }).listing!;
    const parsed = lines.map((l) => /^ *([0-9a-f]+):  (\S+)\t?(.*)$/.exec(l)!);
    let conditional = 0;
    parsed.forEach((p, k) => {
      if (!p[2]!.startsWith('b.')) return;
      conditional++;
      const at = parseInt(p[1]!, 16);
      expect(parseInt(/0x([0-9a-f]+)/.exec(p[3]!)![1]!, 16)).toBe(at + 8);
      expect(parsed[k + 1]![2]).toBe('b');
    });
    expect(conditional).toBe(LOADS + 1);
  }, 120_000);
});
