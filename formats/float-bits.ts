/**
 * IEEE-754 bit patterns ⇄ JS numbers, through one shared scratch buffer. f32 patterns are
 * signed 32-bit integers (the raw value convention of loader/api.ts); f64 patterns are
 * signed 64-bit bigints. Reading a pattern into a JS number keeps f64 NaN payloads; f32
 * NaNs pass through f64 and may lose their signalling bit, which is why kiln carries f32
 * values as patterns.
 */

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** f32 bit pattern → JS number */
export function f32FromBits(bits: number): number {
  i32[0] = bits;
  return f32[0] as number;
}

/** JS number → f32 bit pattern (rounded to f32, ties to even) */
export function f32ToBits(x: number): number {
  f32[0] = x;
  return i32[0] as number;
}

/** f64 bit pattern (signed or unsigned bigint) → JS number, payload-preserving */
export function f64FromBits(bits: bigint): number {
  i64[0] = BigInt.asIntN(64, bits);
  return f64[0] as number;
}

/**
 * JS number → f64 bit pattern (signed bigint). A NaN is written with `fill`: Node 26's Maglev
 * tier quiets a NaN stored into a Float64Array element (see loader/interp/numeric/f64-bits.ts).
 */
export function f64ToBits(x: number): bigint {
  if (x === x) f64[0] = x;
  else f64.fill(x);
  return i64[0] as bigint;
}
