/**
 * A function of more than a megabyte of code: the conditional branches of its first checks to
 * their trap stubs after the code are beyond b.cond's ±1 MiB, so emit.ts emits it again with
 * those branches inverted around a `b` (±128 MiB), and the others as they are. The result must
 * assemble and keep one trap site per check; every `b.cond` either reaches its target within
 * ±1 MiB or skips exactly one `b`, and both kinds occur.
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
import { Assembler } from '../../../targets/aarch64/asm.js';
import { bitIndex } from '../../../targets/aarch64/imm.js';
import { X0 } from '../../../targets/aarch64/regs.js';

const LOADS = 40_000;

/** a chain of LOADS dependent loads, each with its explicit bounds check and trap stub (an offset beyond imm12 makes each load longer than its stub, so the checks are at different distances from their stubs) */
function bigModule(): string {
  const body = 'i32.load offset=0x12345\n'.repeat(LOADS);
  return `(module (memory 1) (func (export "chain") (param i32) (result i32) local.get 0\n${body}))`;
}

describe('AArch64 branches beyond ±1 MiB', () => {
  it('Assembler.outOfReach lists every branch whose bound label is out of its field, in offset order', () => {
    const a = new Assembler();
    const far = a.newLabel();
    const near = a.newLabel();
    a.emit({ kind: 'tbz', op: 'tbz', rt: X0, bit: bitIndex(3), target: far }); // 0: imm14, out of reach
    a.emit({ kind: 'b_cond', cond: 'eq', target: near }); // 4: imm19, reaches
    a.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: X0, target: far }); // 8: imm19, reaches
    a.bind(near);
    for (let k = 0; k < 9000; k++) a.emit({ kind: 'nop' });
    a.bind(far);
    expect(a.outOfReach()).toEqual([0]);
    expect(() => a.finish()).toThrow(/imm14 branch at 0 cannot reach/);
  });

  it('a function of more than a megabyte is emitted with far conditional branches where they are needed', () => {
    const m = parseWat(bigModule());
    validateModule(m);
    const code = compileModule(m, { isa: 'aarch64', interrupts: false });
    const f = code.funcs[0]!;
    expect(f.code.length).toBeGreaterThan(1 << 20);
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
    let near = 0;
    let far = 0;
    parsed.forEach((p, k) => {
      if (!p[2]!.startsWith('b.')) return;
      const at = parseInt(p[1]!, 16);
      const target = parseInt(/0x([0-9a-f]+)/.exec(p[3]!)![1]!, 16);
      if (target === at + 8 && parsed[k + 1]![2] === 'b') far++;
      else {
        expect(Math.abs(target - at)).toBeLessThan(1 << 20);
        near++;
      }
    });
    expect(near + far).toBe(LOADS + 1);
    expect(far).toBeGreaterThan(0);
    expect(near).toBeGreaterThan(0);
  }, 120_000);
});
