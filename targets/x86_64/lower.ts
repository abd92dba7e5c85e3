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
 *   an `iconst` that fits a sign-extended imm32 becomes an immediate where the rule allows.
 *   A folded instruction produces no machine instruction of its own.
 */

import { FloatCC } from '../../compiler/ir/conds.js';
import { OPCODES } from '../../compiler/ir/opcodes.js';
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
const PRODUCER = Uint8Array.from(OPCODES, (r) =>
  r.base === 'icmp' || r.base === 'eqz' ? P_CMP : r.base === 'fcmp' ? P_FCMP : r.base === 'ptradd' ? P_PTRADD : 0,
);
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
