/**
 * Values for generated code and for calls: "interesting" constants per type (boundaries of
 * the integer ranges, of float→int truncation, signed zeros, infinities, NaNs, subnormals),
 * seeded argument lists, and conversions between kiln's raw value convention
 * (loader/api.ts: f32 as its int32 bit pattern) and plain JS numbers for V8.
 */

import { f64FromBits as f64FromBitsExact, f64ToBits } from '../../../formats/float-bits.js';
import type { RawValue } from '../../../loader/api.js';
import { ValType } from '../../../formats/wasm/types.js';
import { Rng } from './rng.js';

const I32_SPECIAL = [0, 1, -1, 2, 7, 8, 31, 32, 63, 64, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, -0x80000000, -2, 0x80];
const I64_SPECIAL = [
  0n, 1n, -1n, 2n, 63n, 64n, 0xffn, 0xffffffffn, 0x100000000n, 0x7fffffffn, -0x80000000n,
  0x7fffffffffffffffn, -0x8000000000000000n, -2n,
];
/** f32 bit patterns: ±0, ±1, 0.5, ±2^31, 2^32, ±2^63, 2^64, ±inf, ±NaN, subnormal, max, 1.5, -0.75 */
const F32_SPECIAL = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x4f000000, 0xcf000000, 0x4f800000,
  0x5f000000, 0xdf000000, 0x5f800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x00000001,
  0x7f7fffff, 0x3fc00000, 0xbf400000, 0x4effffff, 0xcf000001,
];
/** f64 bit patterns, including the exact i32/u32/i64 truncation boundaries */
const F64_SPECIAL = [
  0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
  0x41dfffffffc00000n /* 2^31-1 */, 0xc1e0000000000000n /* -2^31 */, 0xc1e0000000200000n /* -2^31-1 */,
  0x41efffffffe00000n /* 2^32-1 */, 0x41f0000000000000n /* 2^32 */, 0x43e0000000000000n /* 2^63 */,
  0xc3e0000000000000n /* -2^63 */, 0x43f0000000000000n /* 2^64 */, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x0000000000000001n, 0x7fefffffffffffffn, 0x3ff8000000000000n,
  0xbfe8000000000000n,
];

const f32buf = new Float32Array(1);
const u32buf = new Uint32Array(f32buf.buffer);
const i32buf = new Int32Array(f32buf.buffer);

export const f32FromBits = (bits: number): number => {
  u32buf[0] = bits >>> 0;
  return f32buf[0]!;
};
/** bits of Math.fround(x) as a signed int32 (the raw f32 convention) */
export const f32Bits = (x: number): number => {
  f32buf[0] = x;
  return i32buf[0]!;
};
/** f64 bits (either sign convention) → number, and number → unsigned bits: formats/float-bits.ts */
export const f64FromBits = (bits: bigint): number => f64FromBitsExact(bits);
export const f64Bits = (x: number): bigint => BigInt.asUintN(64, f64ToBits(x));
export const isNanF32Bits = (bits: number): boolean => (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;
export const isNanF64Bits = (bits: bigint): boolean =>
  (bits & 0x7ff0000000000000n) === 0x7ff0000000000000n && (bits & 0xfffffffffffffn) !== 0n;

/** a constant i32 (signed) */
export function randI32(rng: Rng): number {
  const r = rng.int(10);
  if (r < 4) return rng.pick(I32_SPECIAL);
  if (r < 8) return rng.range(-16, 64);
  return rng.i32();
}
/** a constant i64 (signed bigint) */
export function randI64(rng: Rng): bigint {
  const r = rng.int(10);
  if (r < 4) return rng.pick(I64_SPECIAL);
  if (r < 8) return BigInt(rng.range(-16, 64));
  return BigInt.asIntN(64, rng.u64());
}
/** f32 bits (unsigned); `allowNan` false replaces NaNs by 1.0 */
export function randF32Bits(rng: Rng, allowNan = true): number {
  const r = rng.int(10);
  let bits: number;
  if (r < 4) bits = rng.pick(F32_SPECIAL);
  else if (r < 8) bits = f32Bits(rng.range(-64, 64) / 4) >>> 0;
  else bits = rng.next();
  return !allowNan && isNanF32Bits(bits) ? 0x3f800000 : bits >>> 0;
}
/** f64 bits (unsigned bigint) */
export function randF64Bits(rng: Rng, allowNan = true): bigint {
  const r = rng.int(10);
  let bits: bigint;
  if (r < 4) bits = rng.pick(F64_SPECIAL);
  else if (r < 8) bits = f64Bits(rng.range(-64, 64) / 4);
  else bits = rng.u64();
  return !allowNan && isNanF64Bits(bits) ? 0x3ff0000000000000n : bits;
}

/** four lanes of 32 bits or two of 64, from the scalar pools, written little-endian */
const V128_ARG_LANES: ReadonlyArray<[bytes: number, set: (rng: Rng, v: DataView, at: number) => void]> = [
  [4, (r, v, at) => v.setInt32(at, randI32(r), true)],
  [4, (r, v, at) => v.setUint32(at, randF32Bits(r), true)],
  [8, (r, v, at) => v.setBigInt64(at, randI64(r), true)],
  [8, (r, v, at) => v.setBigUint64(at, randF64Bits(r), true)],
];
/**
 * A v128 argument (raw: 16 bytes, lane 0 first). It crosses the JS boundary as two i64
 * (v128-boundary.ts), so every bit survives, NaN payloads included.
 */
export function randV128Arg(rng: Rng): Uint8Array {
  const out = new Uint8Array(16);
  const [bytes, set] = rng.pick(V128_ARG_LANES);
  const v = new DataView(out.buffer);
  for (let at = 0; at < 16; at += bytes) set(rng, v, at);
  return out;
}

/**
 * Seeded arguments for an export, in kiln's raw convention. NaN arguments are always the
 * canonical quiet NaN (a JS engine may rewrite other payloads on the way in); a v128 argument
 * passes as two i64 and keeps any bits.
 */
export function argsFor(seed: number, params: readonly ValType[]): RawValue[] {
  const rng = new Rng(seed ^ 0x41524753);
  return params.map((t): RawValue => {
    switch (t) {
      case ValType.I32:
        return randI32(rng);
      case ValType.I64:
        return randI64(rng);
      case ValType.F32: {
        const b = randF32Bits(rng);
        return isNanF32Bits(b) ? 0x7fc00000 : b | 0;
      }
      case ValType.F64: {
        const b = randF64Bits(rng);
        return f64FromBits(isNanF64Bits(b) ? 0x7ff8000000000000n : b);
      }
      case ValType.V128:
        return randV128Arg(rng);
      default:
        throw new Error(`argsFor: unsupported type ${t}`);
    }
  });
}

/** raw value → the JS value a WebAssembly JS-API function expects */
export function rawToJs(t: ValType, v: RawValue): number | bigint {
  if (t === ValType.F32) return f32FromBits(v as number);
  return v as number | bigint;
}
/** JS value returned by the WebAssembly JS API → raw value */
export function jsToRaw(t: ValType, v: unknown): RawValue {
  switch (t) {
    case ValType.I32:
      return (v as number) | 0;
    case ValType.I64:
      return BigInt.asIntN(64, v as bigint);
    case ValType.F32:
      return f32Bits(v as number);
    case ValType.F64:
      return v as number;
    default:
      throw new Error(`jsToRaw: unsupported type ${t}`);
  }
}
