/**
 * AArch64 instruction selection: one IR function (optimised, verified) → an A64Func of machine
 * instructions on virtual registers, ready for the target-neutral allocator. The driver
 * (blocks, critical-edge split blocks, use counts, entry arguments, edges) is
 * targets/lower-driver.ts, shared with x86-64; this file gives it the AArch64 calling
 * convention, lowering table (rules/*.ts) and folding choices.
 *
 * - Folding: an `icmp`/`eqz`/`fcmp` whose only user is a `brif`, `trapnz`, `trapz` or `select`
 *   in the same block is emitted at that user (every float condition is one A64 condition), and
 *   so is a `band` such a user only tests for zero (`tst`);
 *   a `ptradd` whose only user is a load or store in the same block becomes that access's
 *   register-offset addressing mode; a shift by a constant whose only user is an
 *   add/sub/and/or/xor in the same block becomes its shifted-register operand, and an `imul`
 *   whose only user is an add (or the subtrahend of a sub) becomes madd (msub). An `iconst`
 *   becomes an add/sub imm12 or a bitmask immediate where the rule allows. A folded instruction
 *   produces no machine instruction of its own (at most one operand of a user is folded).
 */

import { OPCODES } from '../../compiler/ir/opcodes.js';
import { grow } from '../../compiler/ir/growable.js';
import { ACCESSES, LowerDriver, type LowerTarget } from '../lower-driver.js';
import { classOf, kilnCC } from './abi.js';
import { BASELINE_FEATURES } from './features.js';
import { encodeLogicalHalves, isAddImm } from './imm.js';
import { A64Func } from './mfunc.js';
import { lowering, type LowerCtx, type LowerFn } from './rules/rule.js';
import { RULE } from './rules/index.js';

/** what a single-use value may be folded into (fold): the producer's class ... */
const P_CMP = 1;
const P_FCMP = 2;
const P_PTRADD = 3;
const P_SHIFT = 4;
const P_MUL = 5;
const P_AND = 6;
const PRODUCER = Uint8Array.from(OPCODES, (r) =>
  r.base === 'icmp' || r.base === 'eqz' ? P_CMP
  : r.base === 'band' ? P_AND
  : r.base === 'fcmp' ? P_FCMP
  : r.base === 'ptradd' ? P_PTRADD
  : r.base === 'ishl' || r.base === 'ushr' || r.base === 'sshr' ? P_SHIFT
  : r.base === 'imul' ? P_MUL
  : 0,
);
/** ... and the user's: a conditional branch or trap, a select, a memory access */
const U_BRANCH = 1;
const U_SELECT = 2;
const U_ACCESS = 3;
/** add (commutative), sub (only its second operand folds), and/or/xor (commutative) */
const U_ADD = 4;
const U_SUB = 5;
const U_LOGIC = 6;
const USER = Uint8Array.from(OPCODES, (r) =>
  r.base === 'brif' || r.base === 'trapnz' || r.base === 'trapz' ? U_BRANCH
  : r.base === 'select' ? U_SELECT
  : ACCESSES.has(r.base) ? U_ACCESS
  : r.base === 'iadd' ? U_ADD
  : r.base === 'isub' ? U_SUB
  : r.base === 'band' || r.base === 'bor' || r.base === 'bxor' ? U_LOGIC
  : 0,
);

const TARGET: LowerTarget<A64Func> = { isa: 'aarch64', rules: RULE, producers: PRODUCER, callConv: kilnCC, classOf };

export class Lowerer extends LowerDriver<A64Func, string> implements LowerCtx {
  /** per instruction: 1 when one of its arithmetic operands already has a folded producer */
  private hasFolded = new Uint8Array(64);

  /** `features`: what the code may use (default: the armv8.0-a baseline) */
  constructor(features: ReadonlySet<string> = BASELINE_FEATURES) {
    super(new A64Func(), features, TARGET);
  }

  protected override loweringOf(op: number): LowerFn | undefined {
    return lowering(op);
  }

  protected override prepareFolds(): void {
    const n = this.f.instCount;
    this.hasFolded = grow(this.hasFolded, n);
    this.hasFolded.fill(0, 0, n);
  }

  protected override fold(i: number, producer: number, v: number, u: number): void {
    const f = this.f;
    const user = USER[f.instOp[u] as number] as number;
    if (producer === P_SHIFT || producer === P_MUL) {
      if (this.hasFolded[u] === 1 || (producer === P_SHIFT && this.constOf(f.operand(i, 1)) === null)) return;
      const second = f.operand(u, 1) === v;
      const ok = producer === P_SHIFT
        ? user === U_SUB ? second : user === U_ADD || user === U_LOGIC
        : user === U_SUB ? second : user === U_ADD;
      if (!ok) return;
      this.fused[i] = 1;
      this.hasFolded[u] = 1;
      return;
    }
    if (f.operand(u, 0) !== v) return;
    if (producer === P_CMP || producer === P_FCMP) {
      if (user === U_BRANCH || user === U_SELECT) this.fused[i] = 1;
    } else if (producer === P_AND) {
      // an `and` only tested for zero: tst (unless a shift was folded into it already)
      if ((user === U_BRANCH || user === U_SELECT) && this.hasFolded[i] === 0) this.fused[i] = 1;
    } else if (user === U_ACCESS) {
      this.fused[i] = 1;
    }
  }

  constHalves(v: number): readonly [number, number] | null {
    const d = this.iconstOf(v);
    if (d < 0) return null;
    const lo = (this.f.instImm0[d] as number) >>> 0;
    return this.f.valueType[v] === 0 ? [0, lo] : [(this.f.instImm1[d] as number) >>> 0, lo];
  }

  constOf(v: number): number | null {
    const d = this.iconstOf(v);
    if (d < 0) return null;
    const lo = this.f.instImm0[d] as number;
    if (this.f.valueType[v] === 0) return lo | 0;
    const hi = this.f.instImm1[d] as number;
    const n = hi * 2 ** 32 + (lo >>> 0);
    return Number.isSafeInteger(n) ? n : null;
  }

  addImmOf(v: number): number | null {
    const k = this.constOf(v);
    if (k === null) return null;
    if (isAddImm(k)) return k;
    // the negation at the value's width (an i32 -0x1000 subtracts 0x1000)
    return k !== 0 && isAddImm(-k) ? k : null;
  }

  logicImmOf(v: number, w: 32 | 64): number {
    const d = this.iconstOf(v);
    if (d < 0) return -1;
    const lo = (this.f.instImm0[d] as number) >>> 0;
    return w === 32 ? encodeLogicalHalves(lo, lo) : encodeLogicalHalves((this.f.instImm1[d] as number) >>> 0, lo);
  }
}
