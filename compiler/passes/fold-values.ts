/**
 * Constants for constant folding: reading the constant a value is (through copies), and
 * rewriting an instruction in place into a constant or a copy of another value. Integer
 * constants are signed bigints normalised to the width; float constants are bit patterns
 * (f32: an int32; f64: a bigint of the 64 bits), so NaN payloads and signs are kept exactly.
 */

import { Func, ValueKind } from '../ir/func.js';
import { OPCODES, opFor } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { COPY_OP } from './graph.js';

const ICONST = new Uint8Array(OPCODES.length);
const FCONST = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (r.base === 'iconst') ICONST[r.id] = 1;
  if (r.base === 'fconst') FCONST[r.id] = 1;
}

/** the instruction defining v, looking through copies, or -1 when v is a block param */
export function defOf(f: Func, v: number): number {
  for (;;) {
    if (f.valueKind[v] !== ValueKind.Result) return -1;
    const d = f.valueDef[v] as number;
    if (COPY_OP[f.instOp[d] as number] !== 1) return d;
    v = f.operand(d, 0);
  }
}

/** the value v stands for, looking through copies */
export function throughCopies(f: Func, v: number): number {
  while (f.valueKind[v] === ValueKind.Result && COPY_OP[f.instOp[f.valueDef[v] as number] as number] === 1) {
    v = f.operand(f.valueDef[v] as number, 0);
  }
  return v;
}

/**
 * The 64-bit words as a bigint: signed when `hi` is read as signed. No `BigInt.asIntN(64, …)`
 * here or below: Node 20's TurboFan aborts the process ("Phi of kRepTagged (SignedBigInt64)
 * cannot be changed to kRepWord64") when such a value meets another bigint at a phi after
 * inlining, as happened here once foldIntBinary got hot.
 */
const word64 = (lo: number, hi: number): bigint => (BigInt(hi) << 32n) + BigInt(lo >>> 0);

/** the integer constant v is (i32 or i64, signed), or null */
export function intConst(f: Func, v: number): bigint | null {
  const d = defOf(f, v);
  if (d < 0 || ICONST[f.instOp[d] as number] !== 1) return null;
  const t = f.valueType[v];
  if (t === Type.I32) return BigInt(f.instImm0[d] as number);
  if (t === Type.I64) return word64(f.instImm0[d] as number, f.instImm1[d] as number);
  return null;
}

/** the float constant v is, as its bits (f32: int32 number as bigint; f64: u64), or null */
export function floatBits(f: Func, v: number): bigint | null {
  const d = defOf(f, v);
  if (d < 0 || FCONST[f.instOp[d] as number] !== 1) return null;
  if (f.valueType[v] === Type.F32) return BigInt((f.instImm0[d] as number) >>> 0);
  return word64(f.instImm0[d] as number, (f.instImm1[d] as number) >>> 0);
}

/** the low 32 bits of x as a signed int32 (x may be any bigint) */
const low32 = (x: bigint): number => Number(x & 0xffffffffn) | 0;

/** write x's low 32 bits to imm0, and for a 64-bit type the next 32 to imm1 (else 0) */
function setWords(f: Func, i: number, x: bigint, wide: boolean): void {
  f.instImm0[i] = low32(x);
  f.instImm1[i] = wide ? low32(x >> 32n) : 0;
}

/** rewrite inst i (one result of type t) into `iconst.t x` (x is taken modulo the width) */
export function toIconst(f: Func, i: number, t: Type, x: bigint): void {
  f.instOp[i] = opFor('iconst', t);
  setWords(f, i, x, t !== Type.I32);
  f.instOperandCount[i] = 0;
}

/** rewrite inst i (one result of type t) into `fconst.t` with these bits */
export function toFconst(f: Func, i: number, t: Type, bits: bigint): void {
  f.instOp[i] = opFor('fconst', t);
  setWords(f, i, bits, t !== Type.F32);
  f.instOperandCount[i] = 0;
}

/** rewrite inst i (one result of type t) into `copy.t v` */
export function toCopy(f: Func, i: number, t: Type, v: number): void {
  f.instOp[i] = opFor('copy', t);
  f.instImm0[i] = f.instImm1[i] = 0;
  f.instOperandCount[i] = 1;
  f.setOperand(i, 0, v);
}
