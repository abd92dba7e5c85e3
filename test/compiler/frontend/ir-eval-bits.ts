/**
 * Float bit patterns for the reference IR evaluator (ir-eval.ts, ir-eval-simd.ts), for tests
 * only: f32 values travel as their int32 bit pattern, f64 values as unsigned 64-bit bigints, so
 * NaN payloads survive every row that does not compute (moves, abs, neg, copysign, pmin/pmax).
 * A row that computes a NaN returns the canonical NaN, which satisfies both of the spec's NaN
 * result patterns (core spec §4.3.3, "NaN propagation").
 */

const f32 = new Float32Array(1);
const i32v = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** the f32 whose bit pattern is `bits` (any 32-bit integer, taken modulo 2^32) */
export const toF32 = (bits: number): number => ((i32v[0] = bits), f32[0] as number);
/** `x` rounded to f32 (ties to even), as its int32 bit pattern; NaN becomes the canonical NaN */
export const fromF32 = (x: number): number => (x !== x ? 0x7fc00000 : ((f32[0] = x), i32v[0] as number));
/** the f64 whose bit pattern is `bits` (taken modulo 2^64) */
export const toF64 = (bits: bigint): number => ((u64[0] = BigInt.asUintN(64, bits)), f64[0] as number);
/** the unsigned bit pattern of `x`; NaN becomes the canonical NaN */
export const fromF64 = (x: number): bigint => (x !== x ? 0x7ff8000000000000n : ((f64[0] = x), u64[0] as bigint));

/** round to the nearest integer, ties to even, keeping the sign of zero (spec `fnearest`) */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const fl = Math.floor(x);
  const d = x - fl;
  const r = d < 0.5 ? fl : d > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
  return r === 0 && x < 0 ? -0 : r;
}

/**
 * wasm `fmin` / `fmax` on JS numbers (spec §4.3.3): NaN if either operand is NaN, and -0 below
 * +0; the caller encodes the result at its width
 */
export function minMax(x: number, y: number, max: boolean): number {
  if (x !== x || y !== y) return NaN;
  if (x === 0 && y === 0) {
    const neg = max ? Object.is(x, -0) && Object.is(y, -0) : Object.is(x, -0) || Object.is(y, -0);
    return neg ? -0 : 0;
  }
  return max ? Math.max(x, y) : Math.min(x, y);
}
