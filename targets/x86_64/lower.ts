/**
 * x86-64 instruction selection: one IR function (optimised, verified) → an X86Func of machine
 * instructions on virtual registers, ready for the target-neutral allocator. The driver
 * (blocks, critical-edge split blocks, use counts, entry arguments, edges) is
 * targets/lower-driver.ts; this file gives it the x86-64 calling convention, lowering table
 * (rules/*.ts) and folding choices.
 *
 * - Folding: an `icmp`/`eqz`/`fcmp` whose only user is a `brif`, `trapnz`, `trapz` (or, for
 *   integer conditions, a `select`) in the same block is emitted at that user; a `ptradd` whose
 *   only user is a load or store in the same block becomes that access's addressing mode;
 *   an `iconst` that fits a sign-extended imm32 becomes an immediate where the rule allows;
 *   a `load.i64` / `load.i32` right before the `v128.from_i64` / `v128.from_i32` that is its
 *   only user becomes that instruction's memory operand (movq / movd xmm, m), and a
 *   `v128.from_i64` right before the `extend_low` that is its only user is folded into it
 *   (pmovsx / pmovzx xmm, m64 when its load was folded too: the widening loads).
 *   A folded instruction produces no machine instruction of its own.
 */

import { FloatCC } from '../../compiler/ir/conds.js';
import { op, OPCODES } from '../../compiler/ir/opcodes.js';
import { ACCESSES, LowerDriver, type LowerTarget } from '../lower-driver.js';
import { classOf, kilnCC } from './abi.js';
import { BASELINE_FEATURES, type CpuFeature } from './features.js';
import { X86Func } from './mfunc.js';
import { lowering, type LowerCtx, type LowerFn } from './rules/rule.js';
import { RULE } from './rules/index.js';

/** what a single-use value may be folded into (fold): the producer's class ... */
const P_CMP = 1;
const P_FCMP = 2;
const P_PTRADD = 3;
const P_SCALAR_LOAD = 4;
const P_FROM_I64 = 5;
const PRODUCER = Uint8Array.from(OPCODES, (r) =>
  r.base === 'icmp' || r.base === 'eqz'
    ? P_CMP
    : r.base === 'fcmp'
      ? P_FCMP
      : r.base === 'ptradd'
        ? P_PTRADD
        : r.name === 'load.i64' || r.name === 'load.i32'
          ? P_SCALAR_LOAD
          : r.name === 'v128.from_i64'
            ? P_FROM_I64
            : 0,
);
/** the user a scalar load may fold into, by the load's opcode */
const LOAD_INTO = new Map<number, number>([
  [op('load.i64'), op('v128.from_i64')],
  [op('load.i32'), op('v128.from_i32')],
]);
/** the rows a v128.from_i64 may fold into: the widening of the low half */
const EXTEND_LOW = new Set(OPCODES.filter((r) => /^i(16x8|32x4|64x2)\.extend_low_/.test(r.name)).map((r) => r.id));
/** ... and the user's: a conditional branch or trap, a select, a memory access */
const U_BRANCH = 1;
const U_SELECT = 2;
const U_ACCESS = 3;
const USER = Uint8Array.from(OPCODES, (r) =>
  r.base === 'brif' || r.base === 'trapnz' || r.base === 'trapz' ? U_BRANCH : r.base === 'select' ? U_SELECT : ACCESSES.has(r.base) ? U_ACCESS : 0,
);

const TARGET: LowerTarget<X86Func> = { isa: 'x86_64', rules: RULE, producers: PRODUCER, callConv: kilnCC, classOf };

export class Lowerer extends LowerDriver<X86Func, CpuFeature> implements LowerCtx {
  /** `features`: what the code may use (default: the x86-64-v2 baseline) */
  constructor(features: ReadonlySet<CpuFeature> = BASELINE_FEATURES) {
    super(new X86Func(), features, TARGET);
  }

  protected override loweringOf(op: number): LowerFn | undefined {
    return lowering(op);
  }

  /** the user reads the value as its operand 0: a compare into a branch or select, an address into an access */
  protected override fold(i: number, producer: number, v: number, u: number): void {
    const f = this.f;
    if (f.operand(u, 0) !== v) return;
    const user = USER[f.instOp[u] as number] as number;
    if (producer === P_CMP) {
      if (user === U_BRANCH || user === U_SELECT) this.fused[i] = 1;
    } else if (producer === P_FCMP) {
      const cc = f.instImm0[i] as number;
      const simple = cc !== FloatCC.eq && cc !== FloatCC.ne;
      if (user === U_BRANCH || (user === U_SELECT && simple)) this.fused[i] = 1;
    } else if (producer === P_SCALAR_LOAD || producer === P_FROM_I64) {
      // only from right before the user, so no store or trap comes between the two
      const into = f.instOp[u] as number;
      const fits = producer === P_SCALAR_LOAD ? LOAD_INTO.get(f.instOp[i] as number) === into : EXTEND_LOW.has(into);
      if (fits && f.instNext[i] === u) this.fused[i] = 1;
    } else if (user === U_ACCESS) {
      this.fused[i] = 1;
    }
  }

  imm32Of(v: number): number | null {
    const d = this.iconstOf(v);
    if (d < 0) return null;
    const f = this.f;
    const lo = f.instImm0[d] as number;
    if (f.valueType[v] === 0) return lo;
    return (f.instImm1[d] as number) === lo >> 31 ? lo : null;
  }
}
