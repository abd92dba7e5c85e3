/**
 * The two tables instruction selection is made of:
 * - emit rules, indexed by a machine instruction's rule id: how its bytes are produced once
 *   registers are allocated;
 * - lowering handlers, indexed by IR opcode: which machine instructions (rule + operands with
 *   constraints) an IR instruction becomes.
 * Family files (int.ts, float.ts, convert.ts, memory.ts, control.ts, calls.ts) fill both.
 */

import type { Func } from '../../../compiler/ir/func.js';
import { binaryLowering, constLowering, EmitRules, Lowerings, unaryLowering, type EmitRule as SharedEmitRule } from '../../rule-tables.js';
import type { Constraint, OpKind, RegClassId } from '../../../compiler/regalloc/mach.js';
import type { Assembler } from '../asm.js';
import type { CpuFeature } from '../features.js';
import type { Label } from '../operands.js';
import type { Gpr, Xmm } from '../regs.js';
import type { X86Func } from '../mfunc.js';

export interface EmitCtx {
  readonly asm: Assembler;
  readonly f: Func;
  readonly x: X86Func;
  /** operand k of machine instruction mi, allocated to a GPR */
  gpr(mi: number, k: number): Gpr;
  /** operand k of machine instruction mi, allocated to an XMM register */
  xmm(mi: number, k: number): Xmm;
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
  /** the label of a 16-byte constant placed after the code, 16-byte aligned (equal constants share one) */
  constV128(bytes: Uint8Array): Label;
  /** restore callee-saved registers and the frame, then `ret` */
  epilogue(): void;
}

export type EmitRule = SharedEmitRule<EmitCtx>;

const rules = new EmitRules<EmitCtx>('x86_64');

/** register an emit rule; returns its id */
export function defineRule(name: string, emit: (e: EmitCtx, mi: number) => void, pure = false): number {
  return rules.define(name, emit, pure);
}

export function emitRule(id: number): EmitRule {
  return rules.get(id);
}

export interface LowerCtx {
  readonly f: Func;
  readonly x: X86Func;
  /** true when the code may use CPU feature `feature` (instruction choices that depend on one) */
  hasFeature(feature: CpuFeature): boolean;
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
  /** the constant IR value v holds when it fits a sign-extended imm32, else null */
  imm32Of(v: number): number | null;
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

const lowerings = new Lowerings<LowerCtx>('x86_64');

/** register the lowering of every IR row of family `base` (all its types) */
export function defineLowering(bases: string, fn: LowerFn): void {
  lowerings.define(bases, fn);
}

export function lowering(opcode: number): LowerFn | undefined {
  return lowerings.get(opcode);
}

/** every IR opcode without a lowering (a test keeps this empty) */
export function missingLowerings(): string[] {
  return lowerings.missing();
}

/** the lowering `def result, use operand 0` of a one-operand instruction with emit rule `rule` */
export const lowerUnary = (rule: number): LowerFn => unaryLowering<LowerCtx>(rule);

/** the lowering of a constant: one def the allocator may rematerialise instead of spilling */
export const lowerConst = (rule: number): LowerFn => constLowering<LowerCtx>(rule);

/** the lowering `def result, use operand 0, use operand 1` of a three-address instruction */
export const lowerBinary = (rule: number): LowerFn => binaryLowering<LowerCtx>(rule);
