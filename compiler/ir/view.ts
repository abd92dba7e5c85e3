/**
 * The readable view over a Func store: arrays of block, instruction and value numbers,
 * the row of an instruction, expected operand and result types (fixed by the row, or by the
 * immediate's signature for calls, or by the function's results for `return`), effects, and
 * 64-bit immediates. The printer, parser, verifier, builder and tests use it; hot passes can
 * read the store's arrays directly.
 */

import { Effect } from './effects.js';
import { Func, NO } from './func.js';
import { OPCODES, type OpRow } from './opcodes.js';
import { RUNTIME, type RuntimeRow } from './runtime.js';
import { ANY_TRAP } from './traps.js';
import type { Type } from './types.js';

export function rowOf(f: Func, inst: number): OpRow {
  return OPCODES[f.instOp[inst] as number] as OpRow;
}

/** blocks in layout order */
export function blockOrder(f: Func): number[] {
  const out: number[] = [];
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) out.push(b);
  return out;
}

/** instructions of block b in order */
export function blockInsts(f: Func, b: number): number[] {
  const out: number[] = [];
  for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) out.push(i);
  return out;
}

export function blockParams(f: Func, b: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < (f.blockParamCount[b] as number); i++) out.push(f.blockParam(b, i));
  return out;
}

export function instResults(f: Func, inst: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < (f.instResultCount[inst] as number); i++) out.push(f.result(inst, i));
  return out;
}

export function instOperands(f: Func, inst: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < (f.instOperandCount[inst] as number); i++) out.push(f.operand(inst, i));
  return out;
}

/** the block calls of a terminator (empty for other instructions) */
export function instCalls(f: Func, inst: number): number[] {
  const imm = rowOf(f, inst).imm;
  if (imm !== 'jump' && imm !== 'brif' && imm !== 'br_table') return [];
  const out: number[] = [];
  const first = f.instImm0[inst] as number;
  for (let c = first; c < first + (f.instImm1[inst] as number); c++) out.push(c);
  return out;
}

export function callArgs(f: Func, c: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < (f.callArgCount[c] as number); i++) out.push(f.callArg(c, i));
  return out;
}

/** successor blocks of a terminator, in call order (may repeat) */
export function successors(f: Func, inst: number): number[] {
  return instCalls(f, inst).map((c) => f.callBlock[c] as number);
}

/** the runtime row of a call_runtime instruction (undefined if the id is out of range) */
export function runtimeOf(f: Func, inst: number): RuntimeRow | undefined {
  return RUNTIME[f.instImm0[inst] as number];
}

function sigTypes(f: Func, s: number, results: boolean): Type[] | null {
  if (s < 0 || s >= f.sigCount) return null;
  const out: Type[] = [];
  const n = (results ? f.sigResultCount[s] : f.sigParamCount[s]) as number;
  for (let i = 0; i < n; i++) out.push(results ? f.sigResult(s, i) : f.sigParam(s, i));
  return out;
}

export function sigParams(f: Func, s: number): Type[] | null {
  return sigTypes(f, s, false);
}
export function sigResults(f: Func, s: number): Type[] | null {
  return sigTypes(f, s, true);
}

/** the callee signature an immediate names (call, call_indirect, call_runtime), or null */
function calleeSig(f: Func, row: OpRow, imm0: number, imm1: number, results: boolean): Type[] | null {
  if (row.imm === 'call') return sigTypes(f, imm1, results);
  if (row.imm === 'call_indirect') return sigTypes(f, imm0, results);
  if (row.imm === 'runtime') {
    const rt = RUNTIME[imm0];
    return rt === undefined ? null : [...(results ? rt.results : rt.params)];
  }
  return null;
}

/** expected operand types of inst, or null when its immediate names no valid signature */
export function expectedOperands(f: Func, inst: number): Type[] | null {
  const row = rowOf(f, inst);
  if (!row.variadic) return [...row.operands];
  if (row.name === 'return') return [...f.results];
  const rest = calleeSig(f, row, f.instImm0[inst] as number, f.instImm1[inst] as number, false);
  return rest === null ? null : [...row.operands, ...rest];
}

/** result types of an instruction with this opcode and these immediates, or null (bad signature) */
export function resultTypesFor(f: Func, opcode: number, imm0: number, imm1: number): Type[] | null {
  const row = OPCODES[opcode] as OpRow;
  return row.results !== null ? [...row.results] : calleeSig(f, row, imm0, imm1, true);
}

/** expected result types of inst, or null when its immediate names no valid signature */
export function expectedResults(f: Func, inst: number): Type[] | null {
  return resultTypesFor(f, f.instOp[inst] as number, f.instImm0[inst] as number, f.instImm1[inst] as number);
}

/** effect flags of inst (a runtime call's are its runtime function's, plus CALL) */
export function instEffects(f: Func, inst: number): number {
  const row = rowOf(f, inst);
  if (row.imm !== 'runtime') return row.effects;
  const rt = runtimeOf(f, inst);
  return Effect.CALL | (rt === undefined ? row.effects : rt.effects);
}

/** mask of the trap codes inst may raise (the immediate's code for trap, trapnz, trapz) */
export function instTraps(f: Func, inst: number): number {
  const row = rowOf(f, inst);
  if (row.imm === 'trapcode') return (1 << (f.instImm0[inst] as number)) & ANY_TRAP;
  if (row.imm === 'runtime') return runtimeOf(f, inst)?.traps ?? 0;
  return row.traps;
}

/** the 64-bit immediate in (imm0 low, imm1 high) as a signed bigint */
export function imm64(f: Func, inst: number): bigint {
  return (BigInt(f.instImm1[inst] as number) << 32n) | BigInt((f.instImm0[inst] as number) >>> 0);
}
/** the same as an unsigned bigint */
export function uimm64(f: Func, inst: number): bigint {
  return BigInt.asUintN(64, imm64(f, inst));
}
/** split a 64-bit value into [low, high] int32 words */
export function splitImm64(x: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, x)), Number(BigInt.asIntN(32, x >> 32n))];
}
