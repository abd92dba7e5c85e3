/**
 * The target-neutral instruction selection driver: one IR function (optimised, verified) → a
 * machine function of instructions on virtual registers, ready for the target-neutral
 * allocator. Each target's lower.ts extends `LowerDriver` with its calling convention, its
 * lowering table and its folding choices (`fold`); nothing here depends on the ISA.
 *
 * - Each IR block becomes the machine block with the same layout position; edges that are
 *   critical (from a terminator with several successors into a block with several
 *   predecessors) get a split block holding one jump, placed right after the block the edge
 *   leaves (so a loop's back edge stays inside the loop's stretch of the layout, and the
 *   allocator's intervals of values live across the loop end there too).
 * - Each IR instruction is lowered by the handler the target registered for its opcode.
 * - Folding: `fold` decides, for a single-use value whose only user is in the same block,
 *   whether its producer is emitted at that user; a folded instruction produces no machine
 *   instruction of its own.
 */

import { Func, NO, ValueKind } from '../compiler/ir/func.js';
import { Type } from '../compiler/ir/types.js';
import { op, OPCODES } from '../compiler/ir/opcodes.js';
import { grow } from '../compiler/ir/growable.js';
import { Constraint, OpKind, RegClassId, type MachFunc } from '../compiler/regalloc/mach.js';

const OP_INTERRUPT_CHECK = op('interrupt_check');

/** per opcode: an iconst row */
const ICONST = Uint8Array.from(OPCODES, (r) => (r.base === 'iconst' ? 1 : 0));
/** the base names of the linear-memory loads and stores */
export const ACCESSES: ReadonlySet<string> = new Set([
  'load', 'sload8', 'uload8', 'sload16', 'uload16', 'sload32', 'uload32',
  'store', 'istore8', 'istore16', 'istore32',
]);

/** per opcode: a terminator whose block calls may number more than one (brif, br_table) */
const MULTI_TARGET = Uint8Array.from(OPCODES, (r) => (r.imm === 'brif' || r.imm === 'br_table' ? 1 : 0));
/** per opcode: a terminator with block calls (jump, brif, br_table) */
const HAS_CALLS = Uint8Array.from(OPCODES, (r) => (r.imm === 'jump' || r.imm === 'brif' || r.imm === 'br_table' ? 1 : 0));

/** where an incoming argument is: a register number, or -1 and its stack slot */
export interface ArgPlace {
  readonly reg: number;
  readonly slot: number;
}

/** what the driver needs of a target's machine function */
export interface LoweredFunc {
  readonly m: MachFunc;
  layout: { readonly args: readonly ArgPlace[] };
  reset(): void;
  inst(rule: number, irInst: number, flags?: number, a0?: number, a1?: number, a2?: number): number;
}

/** the emit rules the driver itself uses */
export interface DriverRules {
  /** an unconditional jump (a split block's only instruction) */
  readonly jump: number;
  /** the Fixed defs of the incoming register arguments */
  readonly args: number;
  /** the load of stack-passed argument `a0` */
  readonly stackArg: number;
  /** the load of the runtime block's address from the vmctx */
  readonly runtimeBlockLoad: number;
}

/** what a target tells the driver */
export interface LowerTarget<X extends LoweredFunc> {
  /** the name error messages give */
  readonly isa: string;
  readonly rules: DriverRules;
  /** per opcode: the target's producer class of a value that may be folded into its user (0: never folded) */
  readonly producers: Uint8Array;
  /** the calling-convention layout of a function's own parameters and results */
  readonly callConv: (params: readonly Type[], results: readonly Type[]) => X['layout'];
  /** the register class of values of IR type t */
  readonly classOf: (t: Type) => RegClassId;
}

/** f has a v128 value (float-class values are then 128 bits wide: MachFunc.wideFloat) */
function hasV128Values(f: Func): boolean {
  for (let v = 0; v < f.valueCount; v++) if (f.valueType[v] === Type.V128) return true;
  return false;
}

export abstract class LowerDriver<X extends LoweredFunc, F extends string> {
  f: Func = new Func();
  private vregs = new Int32Array(64);
  private uses = new Int32Array(64);
  private user = new Int32Array(64);
  /** per instruction: 1 when it is folded into its user (set by `fold`) */
  protected fused = new Uint8Array(64);
  private mblock = new Int32Array(16);
  private preds = new Int32Array(16);
  /** the vreg holding the runtime block's address, or -1 (no interruption checks) */
  private rtVreg = -1;
  private hasInterruptChecks = false;
  /** per block call: the machine block of its split block, or -1 */
  private splitOf = new Int32Array(16);
  private termMulti = false;

  private readonly rules: DriverRules;
  private readonly producers: Uint8Array;

  /** `features`: what the code may use */
  constructor(
    readonly x: X,
    private readonly features: ReadonlySet<F>,
    private readonly target: LowerTarget<X>,
  ) {
    this.rules = target.rules;
    this.producers = target.producers;
  }

  /** true when the code may use CPU feature `feature` */
  hasFeature(feature: F): boolean {
    return this.features.has(feature);
  }

  /** the lowering handler of IR opcode `op` */
  protected abstract loweringOf(op: number): ((c: this, inst: number) => void) | undefined;
  /**
   * fold instruction i (of producer class `producer`, result v) into u, its only user (in the
   * same block), when the target can: set `fused[i]`
   */
  protected abstract fold(i: number, producer: number, v: number, u: number): void;
  /** per-function state of the target's folding, reset before the folding decisions */
  protected prepareFolds(): void {}

  lower(f: Func): X {
    this.f = f;
    const x = this.x;
    x.reset();
    x.m.wideFloat = hasV128Values(f);
    x.layout = this.target.callConv(f.params, f.results);
    this.prepare();
    let first = true;
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      x.m.beginBlock();
      if (first) {
        this.lowerEntry(b);
        first = false;
      } else {
        for (let i = 0; i < (f.blockParamCount[b] as number); i++) x.m.param(this.vreg(f.blockParam(b, i)));
      }
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
        if (this.fused[i] === 1) continue;
        const op = f.instOp[i] as number;
        const fn = this.loweringOf(op);
        if (fn === undefined) throw new Error(`${this.target.isa}: no lowering for ${OPCODES[op]!.name}`);
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
      this.x.inst(this.rules.jump, -1, 1 /* TERM */);
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
    this.prepareFolds();
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) this.decideFold(i, b);
    }
  }

  private countUse(v: number, inst: number): void {
    (this.uses[v] as number)++;
    this.user[v] = inst;
  }

  /** a single-result producer whose value has one use, by an instruction of the same block: ask `fold` */
  private decideFold(i: number, b: number): void {
    const f = this.f;
    if ((f.instResultCount[i] as number) !== 1) return;
    const producer = this.producers[f.instOp[i] as number] as number;
    if (producer === 0) return;
    const v = f.result(i, 0);
    if (this.uses[v] !== 1) return;
    const u = this.user[v] as number;
    if (u < 0 || f.instBlock[u] !== b) return;
    this.fold(i, producer, v, u);
  }

  /** block 0: the incoming arguments as Fixed defs, then loads of the stack-passed ones */
  private lowerEntry(b: number): void {
    const f = this.f;
    const x = this.x;
    const places = x.layout.args;
    x.inst(this.rules.args, -1);
    for (let k = 0; k < places.length; k++) {
      const p = places[k]!;
      if (p.reg >= 0) this.def(f.blockParam(b, k), Constraint.Fixed, p.reg);
    }
    for (let k = 0; k < places.length; k++) {
      const p = places[k]!;
      if (p.reg >= 0) continue;
      x.inst(this.rules.stackArg, -1, 0, p.slot);
      this.def(f.blockParam(b, k));
    }
    if (this.hasInterruptChecks) {
      this.rtVreg = x.m.newVreg(RegClassId.Int);
      x.inst(this.rules.runtimeBlockLoad, -1);
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
      const type = this.f.valueType[v] as Type;
      r = this.x.m.newVreg(this.target.classOf(type));
      if (type === Type.V128) this.x.m.vregWide[r] = 1;
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
  protected iconstOf(v: number): number {
    const f = this.f;
    if (f.valueKind[v] !== ValueKind.Result) return -1;
    const d = f.valueDef[v] as number;
    return ICONST[f.instOp[d] as number] === 1 ? d : -1;
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
