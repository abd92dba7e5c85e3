/**
 * AArch64 instruction selection driver: one IR function (optimised, verified) → an A64Func of
 * machine instructions on virtual registers, ready for the target-neutral allocator. The same
 * driver as targets/x86_64/lower.ts; only the folding choices differ.
 *
 * - Each IR block becomes the machine block with the same layout position; edges that are
 *   critical (from a terminator with several successors into a block with several
 *   predecessors) get a split block holding one jump, placed right after the block the edge
 *   leaves (so a loop's back edge stays inside the loop's stretch of the layout, and the
 *   allocator's intervals of values live across the loop end there too).
 * - Each IR instruction is lowered by the handler registered for its opcode (rules/*.ts).
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

import { Func, NO, ValueKind } from '../../compiler/ir/func.js';
import { op, OPCODES } from '../../compiler/ir/opcodes.js';
import { grow } from '../../compiler/ir/growable.js';
import { Constraint, OpKind, RegClassId } from '../../compiler/regalloc/mach.js';
import { classOf, kilnCC } from './abi.js';
import { BASELINE_FEATURES } from './features.js';
import { encodeLogicalHalves, isAddImm } from './imm.js';
import { A64Func } from './mfunc.js';
import { lowering, type LowerCtx } from './rules/rule.js';
import { RULE } from './rules/index.js';

const OP_INTERRUPT_CHECK = op('interrupt_check');

/** per opcode: an iconst row */
const ICONST = Uint8Array.from(OPCODES, (r) => (r.base === 'iconst' ? 1 : 0));
const ACCESSES = new Set([
  'load', 'sload8', 'uload8', 'sload16', 'uload16', 'sload32', 'uload32',
  'store', 'istore8', 'istore16', 'istore32',
]);

/** per opcode: a terminator whose block calls may number more than one (brif, br_table) */
const MULTI_TARGET = Uint8Array.from(OPCODES, (r) => (r.imm === 'brif' || r.imm === 'br_table' ? 1 : 0));
/** per opcode: a terminator with block calls (jump, brif, br_table) */
const HAS_CALLS = Uint8Array.from(OPCODES, (r) => (r.imm === 'jump' || r.imm === 'brif' || r.imm === 'br_table' ? 1 : 0));

/** what a single-use value may be folded into (decideFold): the producer's class ... */
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

export class Lowerer implements LowerCtx {
  f: Func = new Func();
  readonly x = new A64Func();
  private vregs = new Int32Array(64);
  private uses = new Int32Array(64);
  private user = new Int32Array(64);
  private fused = new Uint8Array(64);
  /** per instruction: 1 when one of its arithmetic operands already has a folded producer */
  private hasFolded = new Uint8Array(64);
  private mblock = new Int32Array(16);
  private preds = new Int32Array(16);
  /** the vreg holding the runtime block's address, or -1 (no interruption checks) */
  private rtVreg = -1;
  private hasInterruptChecks = false;
  /** per block call: the machine block of its split block, or -1 */
  private splitOf = new Int32Array(16);
  private termMulti = false;

  /** `features`: what the code may use (default: the armv8.0-a baseline) */
  constructor(private readonly features: ReadonlySet<string> = BASELINE_FEATURES) {}

  hasFeature(feature: string): boolean {
    return this.features.has(feature);
  }

  lower(f: Func): A64Func {
    this.f = f;
    const x = this.x;
    x.reset();
    x.layout = kilnCC(f.params, f.results);
    this.prepare();
    let first = true;
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      if (first) {
        x.m.beginBlock();
        this.lowerEntry(b);
        first = false;
      } else {
        x.m.beginBlock();
        for (let i = 0; i < (f.blockParamCount[b] as number); i++) x.m.param(this.vreg(f.blockParam(b, i)));
      }
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
        if (this.fused[i] === 1) continue;
        const op = f.instOp[i] as number;
        const fn = lowering(op);
        if (fn === undefined) throw new Error(`aarch64: no lowering for ${OPCODES[op]!.name}`);
        this.termMulti = MULTI_TARGET[op] === 1 && (f.instImm1[i] as number) > 1;
        fn(this, i);
      }
      this.lowerSplits(b);
    }
    return x;
  }

  /** the split blocks of b's critical out-edges, in the order prepare numbered them */
  private lowerSplits(b: number): void {
    const f = this.f;
    const last = f.blockLast[b] as number;
    if (last === NO || MULTI_TARGET[f.instOp[last] as number] !== 1) return;
    const c0 = f.instImm0[last] as number;
    for (let c = c0; c < c0 + (f.instImm1[last] as number); c++) {
      if ((this.splitOf[c] as number) < 0) continue;
      this.x.m.beginBlock();
      this.x.inst(RULE.jump, -1, 1 /* TERM */);
      this.termMulti = false;
      this.edge(c);
    }
  }

  /** use counts, single users, predecessor counts, folding decisions, block numbering */
  private prepare(): void {
    const f = this.f;
    this.vregs = grow(this.vregs, f.valueCount);
    this.uses = grow(this.uses, f.valueCount);
    this.user = grow(this.user, f.valueCount);
    this.fused = grow(this.fused, f.instCount);
    this.mblock = grow(this.mblock, f.blockCount);
    this.preds = grow(this.preds, f.blockCount);
    this.vregs.fill(-1, 0, f.valueCount);
    this.uses.fill(0, 0, f.valueCount);
    this.fused.fill(0, 0, f.instCount);
    this.hasFolded = grow(this.hasFolded, f.instCount);
    this.hasFolded.fill(0, 0, f.instCount);
    this.preds.fill(0, 0, f.blockCount);
    this.hasInterruptChecks = false;
    this.rtVreg = -1;
    this.splitOf = grow(this.splitOf, f.callCount);
    this.splitOf.fill(-1, 0, f.callCount);
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
        if (f.instOp[i] === OP_INTERRUPT_CHECK) this.hasInterruptChecks = true;
        const start = (f.instArgStart[i] as number) + (f.instResultCount[i] as number);
        for (let k = 0; k < (f.instOperandCount[i] as number); k++) this.countUse(f.argPool[start + k] as number, i);
        if (HAS_CALLS[f.instOp[i] as number] !== 1) continue;
        const c0 = f.instImm0[i] as number;
        for (let c = c0; c < c0 + (f.instImm1[i] as number); c++) {
          (this.preds[f.callBlock[c] as number] as number)++;
          for (let k = 0; k < (f.callArgCount[c] as number); k++) this.countUse(f.callArg(c, k), -1);
        }
      }
    }
    let n = 0;
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      this.mblock[b] = n++;
      const last = f.blockLast[b] as number;
      if (last === NO || MULTI_TARGET[f.instOp[last] as number] !== 1 || (f.instImm1[last] as number) <= 1) continue;
      const c0 = f.instImm0[last] as number;
      for (let c = c0; c < c0 + (f.instImm1[last] as number); c++) {
        if ((this.preds[f.callBlock[c] as number] as number) > 1) this.splitOf[c] = n++;
      }
    }
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) this.decideFold(i, b);
    }
  }

  private countUse(v: number, inst: number): void {
    (this.uses[v] as number)++;
    this.user[v] = inst;
  }

  private decideFold(i: number, b: number): void {
    const f = this.f;
    if ((f.instResultCount[i] as number) !== 1) return;
    const producer = PRODUCER[f.instOp[i] as number] as number;
    if (producer === 0) return;
    const v = f.result(i, 0);
    if (this.uses[v] !== 1) return;
    const u = this.user[v] as number;
    if (u < 0 || f.instBlock[u] !== b) return;
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

  /** block 0: the incoming arguments as Fixed defs, then loads of the stack-passed ones */
  private lowerEntry(b: number): void {
    const f = this.f;
    const x = this.x;
    const places = x.layout.args;
    x.inst(RULE.args, -1);
    for (let k = 0; k < places.length; k++) {
      const p = places[k]!;
      if (p.reg >= 0) this.def(f.blockParam(b, k), Constraint.Fixed, p.reg);
    }
    for (let k = 0; k < places.length; k++) {
      const p = places[k]!;
      if (p.reg >= 0) continue;
      x.inst(RULE.stackArg, -1, 0, p.slot);
      this.def(f.blockParam(b, k));
    }
    if (this.hasInterruptChecks) {
      this.rtVreg = x.m.newVreg(RegClassId.Int);
      x.inst(RULE.runtimeBlockLoad, -1);
      x.m.operand(this.rtVreg, OpKind.Def, Constraint.Reg);
      this.use(this.vmctx());
    }
  }

  runtimeBlock(): number {
    return this.rtVreg;
  }

  vreg(v: number): number {
    let r = this.vregs[v] as number;
    if (r < 0) {
      r = this.x.m.newVreg(classOf(this.f.valueType[v] as 0));
      this.vregs[v] = r;
      const ref = this.f.valueRef[v] as number;
      if (ref !== 0) this.x.m.markRef(r, ref);
    }
    return r;
  }

  use(v: number, c: Constraint = Constraint.Reg, fixed = -1): void {
    this.x.m.operand(this.vreg(v), OpKind.Use, c, fixed);
  }

  def(v: number, c: Constraint = Constraint.Reg, fixed = -1): void {
    this.x.m.operand(this.vreg(v), OpKind.Def, c, fixed);
  }

  operandVreg(vreg: number, kind: OpKind, c: Constraint = Constraint.Reg, fixed = -1): void {
    this.x.m.operand(vreg, kind, c, fixed);
  }

  temp(cls: RegClassId, fixed = -1): void {
    const t = this.x.m.newVreg(cls);
    this.x.m.operand(t, OpKind.EarlyDef, fixed >= 0 ? Constraint.Fixed : Constraint.Reg, fixed);
  }

  /** the iconst instruction defining integer value v, or -1 */
  private iconstOf(v: number): number {
    const f = this.f;
    if (f.valueKind[v] !== ValueKind.Result) return -1;
    const d = f.valueDef[v] as number;
    return ICONST[f.instOp[d] as number] === 1 ? d : -1;
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

  fusedDef(v: number): number {
    const f = this.f;
    if (f.valueKind[v] !== ValueKind.Result) return -1;
    const d = f.valueDef[v] as number;
    return this.fused[d] === 1 ? d : -1;
  }

  vmctx(): number {
    return this.f.blockParam(this.f.firstBlock, 0);
  }

  edge(call: number): void {
    const f = this.f;
    const target = f.callBlock[call] as number;
    if (this.termMulti && (this.preds[target] as number) > 1) {
      this.x.m.succ(this.splitOf[call] as number);
      return;
    }
    const m = this.x.m;
    m.succ(this.mblock[target] as number);
    for (let k = 0; k < (f.callArgCount[call] as number); k++) m.succArg(this.vreg(f.callArg(call, k)));
  }
}
