/**
 * Interesting v128 values for the generator's SIMD mode (spec §2.4.2 vector instructions,
 * §4.3.2 lane interpretations): a constant is filled lane by lane in one of the six shapes,
 * from pools of boundary values per lane type — integer range ends (INT_MIN, 0x7f, 0x8000, …),
 * ±0, ±inf, subnormals, NaNs with payloads (signalling, negative, non-canonical), values either
 * side of 2^31 and 2^32 for trunc_sat, ties for `nearest`, q15 halves for q15mulr — or splat
 * one value, or take random bytes. Also the immediate operands that decide edge cases: shift
 * counts (lane width, beyond it, negative) and swizzle index vectors (in and out of range).
 */

import { Rng } from './rng.js';
import { randF32Bits, randF64Bits, randI32, randI64 } from './values.js';

/** the six lane interpretations of a v128 (spec §2.4.2 `shape`) */
export type Shape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';
export const SHAPES: readonly Shape[] = ['i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2'];

/** bytes per lane of each shape */
export const LANE_BYTES: Readonly<Record<Shape, number>> = { i8x16: 1, i16x8: 2, i32x4: 4, i64x2: 8, f32x4: 4, f64x2: 8 };

const I8_SPECIAL = [0, 1, -1, 2, 0x7f, -0x80, 0x7e, -0x7f, 0x40, 0x10, 0x0f, 0xf0];
const I16_SPECIAL = [0, 1, -1, 2, 0x7fff, -0x8000, 0x7ffe, -0x7fff, 0xff, 0x100, 0x80, -0x80, 0x4000, -0x4000, 0x7f, -0x81];
/** f32 bits beyond values.ts: NaN payloads, subnormals, trunc_sat and nearest edges */
const F32_SIMD = [
  0x7fa00001, 0xffc00001, 0x7f800001, 0xff800001, 0x7fffffff, // NaNs: quiet/signalling with payloads, negative
  0x00000001, 0x807fffff, 0x00400000, 0x00800000, 0x80800000, // subnormals, smallest normals
  0x4effffff, 0x4f000000, 0x4f000001, 0xceffffff, 0xcf000000, 0xcf000001, // around ±2^31
  0x4f7fffff, 0x4f800000, 0xbf000000, 0xbf7fffff, 0xbf800000, // around 2^32; (-1, 0] and -1 for _u
  0x40200000, 0xc0200000, 0x3fc00000, 0x3f000001, 0x4b000000, 0x4b000001, 0x4affffff, // ties, 2^23
];
/** f64 bits beyond values.ts: NaN payloads, subnormals, trunc_sat_f64x2 and demote edges */
const F64_SIMD = [
  0x7ff4000000000001n, 0xfff8000000000001n, 0x7ff0000000000001n, 0x7fffffffffffffffn,
  0x000fffffffffffffn, 0x8000000000000001n, 0x0010000000000000n,
  0x41dfffffffe00000n /* 2^31 - 0.5 */, 0x41e0000000000000n /* 2^31 */, 0xc1e0000000100000n /* -2^31 - 0.5 */,
  0x41effffffff00000n /* 2^32 - 0.5 */, 0xbfefffffffffffffn /* just above -1 */,
  0x4004000000000000n /* 2.5 */, 0xc004000000000000n, 0x4330000000000000n /* 2^52 */, 0x4330000000000001n,
  0x47efffffe0000000n /* f32 max */, 0x47efffffefffffffn, 0x47effffff0000000n /* rounds to f32 inf */,
  0x36a0000000000000n /* 2^-149 */, 0x3690000000000000n /* 2^-150 */, 0x3810000000000000n /* 2^-126 */,
];

/** one lane's bytes (little-endian) written into `out` at `at` */
type LaneFill = (rng: Rng, out: Uint8Array, at: number) => void;

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

const FILL: Readonly<Record<Shape, LaneFill>> = {
  i8x16: (r, out, at) => void (out[at] = (r.chance(0.7) ? r.pick(I8_SPECIAL) : r.int(256)) & 0xff),
  i16x8: (r, out, at) => view(out).setInt16(at, r.chance(0.7) ? r.pick(I16_SPECIAL) : r.int(0x10000), true),
  i32x4: (r, out, at) => view(out).setInt32(at, randI32(r), true),
  i64x2: (r, out, at) => view(out).setBigInt64(at, randI64(r), true),
  f32x4: (r, out, at) => view(out).setUint32(at, r.chance(0.35) ? r.pick(F32_SIMD) >>> 0 : randF32Bits(r), true),
  f64x2: (r, out, at) => view(out).setBigUint64(at, r.chance(0.35) ? r.pick(F64_SIMD) : randF64Bits(r), true),
};

/** lane by lane from the pools */
function lanes(rng: Rng, shape: Shape): Uint8Array {
  const out = new Uint8Array(16);
  for (let at = 0; at < 16; at += LANE_BYTES[shape]) FILL[shape](rng, out, at);
  return out;
}
/** one pool value in every lane */
function splat(rng: Rng, shape: Shape): Uint8Array {
  const out = new Uint8Array(16);
  FILL[shape](rng, out, 0);
  const n = LANE_BYTES[shape];
  for (let at = n; at < 16; at += n) out.copyWithin(at, 0, n);
  return out;
}

/** ways of filling a constant, with their weights */
const FILLS: ReadonlyArray<[weight: number, make: (rng: Rng, shape: Shape) => Uint8Array]> = [
  [6, lanes],
  [2, splat],
  [1, (r) => Uint8Array.from({ length: 16 }, () => r.int(256))],
  [0.3, () => new Uint8Array(16)],
  [0.3, () => new Uint8Array(16).fill(0xff)],
];
const FILL_WEIGHTS = FILLS.map(([w]) => w);

/** a v128 constant (16 bytes, lane 0 first) made for `shape`, or for a random shape */
export function randV128(rng: Rng, shape: Shape = rng.pick(SHAPES)): Uint8Array {
  return FILLS[rng.weighted(FILL_WEIGHTS)]![1](rng, shape);
}

/** a shift count for lanes of `bits` bits: the width and its multiples, around them, negative, random */
export function shiftCount(rng: Rng, bits: number): number {
  const r = rng.int(10);
  if (r < 6) return rng.pick([0, 1, bits - 1, bits, bits + 1, 2 * bits - 1, 2 * bits, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256]);
  if (r < 8) return rng.pick([-1, -bits, -bits - 1, 0x7fffffff, -0x80000000]);
  return rng.i32();
}

/** swizzle index vectors: all in range, a permutation, some lanes out of range (16..31, ≥ 0x80, 0xff), random */
const SWIZZLE: ReadonlyArray<(rng: Rng) => number> = [
  (r) => r.int(16),
  (r) => (r.chance(0.7) ? r.int(16) : r.pick([16, 17, 31, 32, 0x7f, 0x80, 0x8f, 0xf0, 0xff])),
  (r) => r.int(256),
];
export function swizzleIndices(rng: Rng): Uint8Array {
  if (rng.chance(0.2)) {
    const perm = Uint8Array.from({ length: 16 }, (_, i) => i);
    for (let i = 15; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    return perm;
  }
  const lane = rng.pick(SWIZZLE);
  return Uint8Array.from({ length: 16 }, () => lane(rng));
}

/** the 16 bytes of a v128 whose every lane of `shape` holds the float with these bits */
export function floatSplatBytes(shape: 'f32x4' | 'f64x2', bits: number | bigint): Uint8Array {
  const out = new Uint8Array(16);
  const v = view(out);
  for (let at = 0; at < 16; at += LANE_BYTES[shape]) {
    if (shape === 'f32x4') v.setUint32(at, Number(bits) >>> 0, true);
    else v.setBigUint64(at, BigInt.asUintN(64, BigInt(bits)), true);
  }
  return out;
}

/**
 * bits of a float lane value from the SIMD pools (NaN payloads, signalling NaNs, subnormals,
 * rounding and truncation edges): f32 as an unsigned number, f64 as an unsigned bigint. Used
 * as scalar constants for splat and replace_lane, which must move every bit unchanged.
 */
export const simdF32Bits = (rng: Rng): number => rng.pick(F32_SIMD) >>> 0;
export const simdF64Bits = (rng: Rng): bigint => rng.pick(F64_SIMD);

/** canonical quiet NaN in every lane (spec §4.3.3 `nans`), the value NaN canonicalisation substitutes */
export const CANONICAL_NAN: Readonly<Record<'f32x4' | 'f64x2', Uint8Array>> = {
  f32x4: floatSplatBytes('f32x4', 0x7fc00000),
  f64x2: floatSplatBytes('f64x2', 0x7ff8000000000000n),
};
