/**
 * The bit pattern of an f64 (a JS number) without losing a NaN payload: the bitwise f64
 * instructions (spec §4.3.3 fabs, fneg, fcopysign; §4.4.7 f64.store; i64.reinterpret_f64;
 * f64x2.replace_lane) must keep every bit of a NaN, signalling ones included.
 *
 * JS can only read a number's bits by storing it into a Float64Array or a DataView and reading
 * integer views back. Node 26's V8 silences a NaN on such a store once Maglev has optimised the
 * code doing it (the quiet bit is set: 0x7ff4… becomes 0x7ffc…), for a Float64Array element as
 * for DataView.setFloat64; unoptimised code and TurboFan, and Maglev on Nodes 20 and 24, keep the
 * bits. Loads, moves, calls and boxing keep them in every tier. A store only ever changes a NaN,
 * so non-NaN values keep the inlined store; a NaN is written by TypedArray.prototype.fill, a
 * builtin that neither Maglev nor TurboFan inlines (Nodes 20, 24, 26), which keeps the bits.
 * f64.store of an arithmetic result skips the check (FuncGen.arithmetic in codegen.ts): the
 * spec lets that NaN be any arithmetic NaN. test/loader/interp/nan-payload.test.ts forces each
 * tier to check all of this.
 */

import { HI } from './int64.js';

const F = new Float64Array(1);
/** the two halves of F: W[0] is the low word, W[1] the high word (little-endian host) */
const W = new Int32Array(F.buffer);

/** stores x's exact bits into F (and so into W) */
function put(x: number): void {
  if (x === x) F[0] = x;
  else F.fill(x);
}

/** the low word of x's bits; the high word is left in HI[0] (i64.reinterpret_f64, pair convention) */
export function f64_bits_p(x: number): number {
  put(x);
  HI[0] = W[1] as number;
  return W[0] as number;
}

/** the high word of x's bits (sign, exponent and the top of the significand) */
export function f64_high(x: number): number {
  put(x);
  return W[1] as number;
}

/** writes x's bits into out[i] (low word) and out[i + 1] (high word) */
export function f64_put_words(out: Int32Array, i: number, x: number): void {
  put(x);
  out[i] = W[0] as number;
  out[i + 1] = W[1] as number;
}

/** f64.store of a NaN (generated code stores other values with dv.setFloat64 itself) */
export function f64_store_nan(dv: DataView, ea: number, x: number): void {
  F.fill(x);
  dv.setInt32(ea, W[0] as number, true);
  dv.setInt32(ea + 4, W[1] as number, true);
}

/** fabs: clears the sign bit */
export function f64_abs(x: number): number {
  if (x === x) return Math.abs(x);
  put(x);
  W[1] = (W[1] as number) & 0x7fffffff;
  return F[0] as number;
}

/** fneg: flips the sign bit */
export function f64_neg(x: number): number {
  if (x === x) return -x;
  put(x);
  W[1] = (W[1] as number) ^ 0x80000000;
  return F[0] as number;
}

/** fcopysign: x with the sign bit of y */
export function f64_copysign(x: number, y: number): number {
  const negative = y === y ? y < 0 || 1 / y < 0 : f64_high(y) < 0;
  if (x === x) return negative ? -Math.abs(x) : Math.abs(x);
  put(x);
  W[1] = negative ? (W[1] as number) | 0x80000000 : (W[1] as number) & 0x7fffffff;
  return F[0] as number;
}
