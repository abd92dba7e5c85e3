/**
 * Float semantics for constant folding, folding only where the result is bit-exact under the
 * Wasm 2.0 spec (section 4.3.3 "Floating-Point Operations") with JS doubles:
 * - neg, abs and copysign are bit operations and fold for every operand, NaNs included;
 * - comparisons fold for every operand (JS's IEEE comparisons are wasm's: `ne` is true on NaN);
 * - add, sub, mul, div, sqrt, min, max, ceil, floor, trunc and nearest fold only when no
 *   operand is a NaN and the result is not a NaN, since the spec lets a NaN result be any of a
 *   set of NaNs and the choice is left to the engine. f32 arithmetic is done in f64 and rounded
 *   once more to f32, which is exact for + - * / sqrt (a double has more than 2 × 24 + 2
 *   significand bits: Figueroa, "When is double rounding innocuous?", SIGNUM 1995);
 * - conversions fold where JS rounds exactly once: promote, demote (Math.fround rounds to
 *   nearest-even), int to float except i64 to f32 beyond 2^53 (two roundings); trapping float
 *   to int only when in range; saturating float to int always.
 * Values are bit patterns: f32 as a u32 bigint, f64 as a u64 bigint.
 */

import { FloatCC } from '../ir/conds.js';
import { Type } from '../ir/types.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

export function toNumber(t: Type, bits: bigint): number {
  if (t === Type.F32) {
    u32[0] = Number(bits);
    return f32[0] as number;
  }
  u64[0] = bits;
  return f64[0] as number;
}
/** bits of a non-NaN number (rounded to f32 for F32) */
export function toBits(t: Type, x: number): bigint {
  if (t === Type.F32) {
    f32[0] = x;
    return BigInt(u32[0] as number);
  }
  f64[0] = x;
  return u64[0] as bigint;
}

const signBit = (t: Type): bigint => (t === Type.F32 ? 1n << 31n : 1n << 63n);

/** bit operations: defined on every pattern */
export const FLOAT_BITS_UNARY: ReadonlyMap<string, (t: Type, a: bigint) => bigint> = new Map([
  ['fneg', (t: Type, a: bigint) => a ^ signBit(t)],
  ['fabs', (t: Type, a: bigint) => a & ~signBit(t)],
]);

export function copysign(t: Type, a: bigint, b: bigint): bigint {
  return (a & ~signBit(t)) | (b & signBit(t));
}

function nearest(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  let r = Math.round(x); // halves go up
  if (r - x === 0.5 && r % 2 !== 0) r -= 1;
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

/** arithmetic on numbers; the caller rejects NaN operands and NaN results */
export const FLOAT_BINARY: ReadonlyMap<string, (a: number, b: number) => number> = new Map([
  ['fadd', (a: number, b: number) => a + b],
  ['fsub', (a: number, b: number) => a - b],
  ['fmul', (a: number, b: number) => a * b],
  ['fdiv', (a: number, b: number) => a / b],
  ['fmin', (a: number, b: number) => Math.min(a, b)],
  ['fmax', (a: number, b: number) => Math.max(a, b)],
]);
export const FLOAT_UNARY: ReadonlyMap<string, (a: number) => number> = new Map([
  ['sqrt', Math.sqrt],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['trunc', Math.trunc],
  ['nearest', nearest],
]);

/** fcmp: 1n or 0n */
export function fcmp(cc: number, a: number, b: number): bigint {
  const r = cc === FloatCC.eq ? a === b : cc === FloatCC.ne ? a !== b : cc === FloatCC.lt ? a < b : cc === FloatCC.le ? a <= b : cc === FloatCC.gt ? a > b : a >= b;
  return r ? 1n : 0n;
}

const LIMITS: Record<string, [number, number]> = {
  // [lowest, highest] integer value of the result, as exact doubles of the bounds
  's32': [-(2 ** 31), 2 ** 31 - 1],
  'u32': [0, 2 ** 32 - 1],
  's64': [-(2 ** 63), 2 ** 63],
  'u64': [0, 2 ** 64],
};

/**
 * float → int: the integer, or null when it would trap (NaN, out of range) and `sat` is false.
 * `signed` and `w` describe the result.
 */
export function floatToInt(x: number, signed: boolean, w: number, sat: boolean): bigint | null {
  const [lo, hi] = LIMITS[(signed ? 's' : 'u') + w] as [number, number];
  if (x !== x) return sat ? 0n : null;
  const t = Math.trunc(x);
  // for 64 bits `hi` is 2^w (or 2^(w-1)), which is out of range itself
  const over = w === 64 ? t >= hi : t > hi;
  if (t < lo || over) {
    if (!sat) return null;
    return t < lo ? BigInt(lo) : w === 64 ? BigInt(hi) - 1n : BigInt(hi);
  }
  return BigInt(t);
}

/** int → float: the result bits, or null where JS would round twice */
export function intToFloat(t: Type, x: bigint): bigint | null {
  if (t === Type.F32 && (x > 1n << 53n || x < -(1n << 53n))) return null;
  return toBits(t, Number(x));
}
