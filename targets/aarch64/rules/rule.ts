/**
 * The two tables AArch64 instruction selection is made of (the same shape as
 * targets/x86_64/rules/rule.ts):
 * - emit rules, indexed by a machine instruction's rule id: how its words are produced once
 *   registers are allocated;
 * - lowering handlers, indexed by IR opcode: which machine instructions (rule + operands with
 *   constraints) an IR instruction becomes.
 * Family files (int.ts, float.ts, convert.ts, memory.ts, control.ts, calls.ts, cond.ts) fill both.
 *
 * Immediates: where x86 folds a sign-extended imm32, AArch64 folds what its encodings take —
 * an add/sub imm12 (optionally shifted by 12, of the value or of its negation) and a bitmask
 * (logical) immediate; `LowerCtx.constOf` gives any other constant to rules that want it.
 */

import type { Func } from '../../../compiler/ir/func.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import type { Constraint, OpKind, RegClassId } from '../../../compiler/regalloc/mach.js';
import type { Assembler } from '../asm.js';
import type { Label } from '../operands.js';
import type { Gpr, Vreg } from '../regs.js';
import type { A64Func } from '../mfunc.js';

export interface EmitCtx {
  readonly asm: Assembler;
  readonly f: Func;
  readonly x: A64Func;
  /** operand k of machine instruction mi, allocated to a general-purpose register */
  gpr(mi: number, k: number): Gpr;
  /** operand k of machine instruction mi, allocated to a SIMD&FP register */
  vreg(mi: number, k: number): Vreg;
  /** a fresh out-of-line trap stub for machine instruction mi raising IR trap `code` */
  trap(mi: number, code: number): Label;
  /** the next instruction is machine instruction mi's linear-memory access (a fault site in guard mode) */
  faultSite(mi: number): void;
  /** the label of machine block b */
  blockLabel(b: number): Label;
  /** true when machine block b is laid out right after the block being emitted */
  isNext(b: number): boolean;
  /** machine successor k of the block being emitted */
  succ(k: number): number;
  /** a jump table of 4-byte offsets (from the table's start) to `targets`, placed after the code */
  jumpTable(targets: readonly Label[]): Label;
  /** restore callee-saved registers and the frame, then `ret` */
  epilogue(): void;
}

export interface EmitRule {
  readonly name: string;
  readonly emit: (e: EmitCtx, mi: number) => void;
  /** no effect but its Def: skipped when the Def is never used */
  readonly pure: boolean;
}

const rules: EmitRule[] = [];

/** register an emit rule; returns its id */
export function defineRule(name: string, emit: (e: EmitCtx, mi: number) => void, pure = false): number {
  rules.push({ name, emit, pure });
  return rules.length - 1;
}

export function emitRule(id: number): EmitRule {
  const r = rules[id];
  if (r === undefined) throw new Error(`aarch64: no emit rule ${id}`);
  return r;
}

export interface LowerCtx {
  readonly f: Func;
  readonly x: A64Func;
  /** true when the code may use CPU feature `feature` (instruction choices that depend on one) */
  hasFeature(feature: string): boolean;
  /** the vreg of IR value v */
  vreg(v: number): number;
  /** add operand: IR value v used (read at the instruction's start) */
  use(v: number, c?: Constraint, fixed?: number): void;
  /** add operand: IR value v defined */
  def(v: number, c?: Constraint, fixed?: number): void;
  /** add operand of a raw vreg */
  operandVreg(vreg: number, kind: OpKind, c?: Constraint, fixed?: number): void;
  /** add a scratch register operand (an EarlyDef of a fresh vreg nothing reads) */
  temp(cls: RegClassId, fixed?: number): void;
  /**
   * the constant an integer IR value v holds (an `iconst` result), as a JS number when it is
   * exact (i32: the signed 32-bit value; i64: when within ±2^53), else null
   */
  constOf(v: number): number | null;
  /** the two 32-bit halves of an integer constant v ([hi, lo], unsigned), or null: i32 has hi = 0 */
  constHalves(v: number): readonly [number, number] | null;
  /**
   * when integer constant v (at its own width) or its negation is an add/sub immediate
   * (0–4095, or a multiple of 4096 up to 0xfff000): the signed value to add (negative: subtract
   * its magnitude), else null
   */
  addImmOf(v: number): number | null;
  /** the N:immr:imms encoding of integer constant v as a bitmask immediate of width `w`, or -1 */
  logicImmOf(v: number, w: 32 | 64): number;
  /** the instruction defining v when it is folded into its single user (see lower.ts) */
  fusedDef(v: number): number;
  /** the machine successor edge for IR block call `call` of the terminator being lowered */
  edge(call: number): void;
  /** the IR value of the function's vmctx (the entry block's first param) */
  vmctx(): number;
  /**
   * the vreg holding the runtime block's address (vmctx+8, loaded once at the function's entry
   * when it has interruption checks), or -1 when the function has none
   */
  runtimeBlock(): number;
}

export type LowerFn = (c: LowerCtx, inst: number) => void;

const lowerByOp: (LowerFn | undefined)[] = new Array<LowerFn | undefined>(OPCODES.length);

/** register the lowering of every IR row of family `base` (all its types) */
export function defineLowering(bases: string, fn: LowerFn): void {
  for (const base of bases.trim().split(/\s+/)) {
    let found = false;
    for (const r of OPCODES) {
      if (r.base !== base) continue;
      lowerByOp[r.id] = fn;
      found = true;
    }
    if (!found) throw new Error(`aarch64: no IR family ${base}`);
  }
}

export function lowering(opcode: number): LowerFn | undefined {
  return lowerByOp[opcode];
}

/** every IR opcode without a lowering (a test keeps this empty); v128 rows (type 4) are not required */
export function missingLowerings(): string[] {
  return OPCODES.filter((r) => lowerByOp[r.id] === undefined && r.type !== 4).map((r) => r.name);
}

/** the lowering `def result, use operand 0` of a one-operand instruction with emit rule `rule` */
export function lowerUnary(rule: number): LowerFn {
  return (c, i) => {
    c.x.inst(rule, i);
    c.def(c.f.result(i, 0));
    c.use(c.f.operand(i, 0));
  };
}

/** the lowering of a constant: one def the allocator may rematerialise instead of spilling */
export function lowerConst(rule: number): LowerFn {
  return (c, i) => {
    const mi = c.x.inst(rule, i);
    const v = c.f.result(i, 0);
    c.def(v);
    c.x.m.vregRemat[c.vreg(v)] = mi;
  };
}

/** the lowering `def result, use operand 0, use operand 1` of a three-address instruction */
export function lowerBinary(rule: number): LowerFn {
  return (c, i) => {
    c.x.inst(rule, i);
    c.def(c.f.result(i, 0));
    c.use(c.f.operand(i, 0));
    c.use(c.f.operand(i, 1));
  };
}
