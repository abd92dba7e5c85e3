/**
 * Conversion instructions (spec §4.3.4 conversions): wrap/extend, trapping and saturating
 * truncations, int → float conversions (correctly rounded, including u64/i64 → f32 without
 * double rounding through f64), promote/demote and reinterpretations. Templates as in
 * int32.ts; f32 operands/results are bit patterns (see float.ts). Conversions that take or
 * produce an i64 work on its int32 halves (pair templates and the `_p` helpers, see
 * int64.ts); the BigInt forms (trunc_i64_s, convert_i64_s_f32, …) are their reference and
 * the fallback for i64 → f32 beyond 2^53.
 */

import { trap } from '../frames.js';
import { bf } from './float.js';
import { f64_bits_p } from './f64-bits.js';
import { HI, i64_join } from './int64.js';

export { f64_bits_p };

const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

function checkedTrunc(x: number, lo: number, hi: number): number {
  if (x !== x) throw trap('invalid conversion to integer');
  const t = Math.trunc(x);
  // valid iff lo <= t < hi (lo/hi exclusive bounds given as lo-1 < t < hi)
  if (!(t > lo && t < hi)) throw trap('integer overflow');
  return t;
}
export function trunc_i32_s(x: number): number {
  return checkedTrunc(x, -2147483649, 2147483648) | 0;
}
export function trunc_i32_u(x: number): number {
  return checkedTrunc(x, -1, 4294967296) | 0;
}
export function trunc_i64_s(x: number): bigint {
  if (x !== x) throw trap('invalid conversion to integer');
  const t = Math.trunc(x);
  if (!(t >= -TWO63 && t < TWO63)) throw trap('integer overflow');
  return BigInt(t);
}
export function trunc_i64_u(x: number): bigint {
  return BigInt.asIntN(64, BigInt(checkedTrunc(x, -1, TWO64)));
}
export function sat_i32_s(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}
export function sat_i32_u(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}
export function sat_i64_s(x: number): bigint {
  if (x !== x) return 0n;
  if (x <= -TWO63) return -(1n << 63n);
  if (x >= TWO63) return (1n << 63n) - 1n;
  return BigInt(Math.trunc(x));
}
export function sat_i64_u(x: number): bigint {
  if (x !== x || x <= 0) return 0n;
  if (x >= TWO64) return -1n;
  return BigInt.asIntN(64, BigInt(Math.trunc(x)));
}

/**
 * Unsigned 64-bit integer (0 ≤ u < 2^64) → f32 bits, rounded once: values wider than 53
 * bits are first narrowed to 53 significant bits with a sticky low bit, which converts to
 * f64 exactly and keeps the f32 rounding decision intact.
 */
function u64ToF32Bits(u: bigint): number {
  if (u < 1n << 53n) return bf(Number(u));
  const n = u.toString(2).length;
  const s = BigInt(n - 53);
  let hi = u >> s;
  if ((u & ((1n << s) - 1n)) !== 0n) hi |= 1n;
  return bf(Number(hi) * 2 ** (n - 53));
}
export function convert_i64_u_f32(x: bigint): number {
  return u64ToF32Bits(BigInt.asUintN(64, x));
}
export function convert_i64_s_f32(x: bigint): number {
  if (x < 0n) return u64ToF32Bits(-x) ^ -0x80000000;
  return u64ToF32Bits(x);
}

// ---- pair forms (an i64 result is returned as its low half, with the high half in HI[0]) ----

/** an integral double t with −2^63 ≤ t < 2^64 → its low 64 bits as a pair (exact) */
export function i64_from_int(t: number): number {
  const hi = Math.floor(t / 4294967296);
  HI[0] = hi;
  return (t - hi * 4294967296) | 0;
}
export function trunc_i64_s_p(x: number): number {
  if (x !== x) throw trap('invalid conversion to integer');
  const t = Math.trunc(x);
  if (!(t >= -TWO63 && t < TWO63)) throw trap('integer overflow');
  return i64_from_int(t);
}
export function trunc_i64_u_p(x: number): number {
  return i64_from_int(checkedTrunc(x, -1, TWO64));
}
export function sat_i64_s_p(x: number): number {
  if (x !== x) return i64_from_int(0);
  if (x <= -TWO63) return i64_from_int(-TWO63);
  if (x >= TWO63) {
    HI[0] = 0x7fffffff;
    return -1;
  }
  return i64_from_int(Math.trunc(x));
}
export function sat_i64_u_p(x: number): number {
  if (x !== x || x <= 0) return i64_from_int(0);
  if (x >= TWO64) {
    HI[0] = -1;
    return -1;
  }
  return i64_from_int(Math.trunc(x));
}
/** signed pair → f32 bits: exact through f64 below 2^53, else the BigInt path */
export function convert_i64_s_f32_p(lo: number, hi: number): number {
  if (hi >= -0x200000 && hi < 0x200000) return bf(hi * 4294967296 + (lo >>> 0));
  return convert_i64_s_f32(i64_join(lo, hi));
}
/** unsigned pair → f32 bits */
export function convert_i64_u_f32_p(lo: number, hi: number): number {
  if (hi >>> 0 < 0x200000) return bf((hi >>> 0) * 4294967296 + (lo >>> 0));
  return convert_i64_u_f32(i64_join(lo, hi));
}

const f64s = new Float64Array(1);
const w32 = new Int32Array(f64s.buffer);
/** f64.reinterpret_i64, payload-preserving */
export function f64_from_pair(lo: number, hi: number): number {
  w32[0] = lo;
  w32[1] = hi;
  return f64s[0] as number;
}

export const CONVERSION_HELPERS = {
  trunc_i32_s,
  trunc_i32_u,
  trunc_i64_s,
  trunc_i64_u,
  sat_i32_s,
  sat_i32_u,
  sat_i64_s,
  sat_i64_u,
  convert_i64_u_f32,
  convert_i64_s_f32,
  i64_from_int,
  trunc_i64_s_p,
  trunc_i64_u_p,
  sat_i64_s_p,
  sat_i64_u_p,
  convert_i64_s_f32_p,
  convert_i64_u_f32_p,
  f64_bits_p,
  f64_from_pair,
};

export const CONVERSION_TEMPLATES: Readonly<Record<string, string>> = {
  'i32.trunc_f32_s': 'trunc_i32_s(fb($0))',
  'i32.trunc_f32_u': 'trunc_i32_u(fb($0))',
  'i32.trunc_f64_s': 'trunc_i32_s($0)',
  'i32.trunc_f64_u': 'trunc_i32_u($0)',
  'f32.convert_i32_s': 'bf($0)',
  'f32.convert_i32_u': 'bf($0 >>> 0)',
  'f32.demote_f64': 'bf($0)',
  'f64.convert_i32_s': '$0',
  'f64.convert_i32_u': '$0 >>> 0',
  'f64.promote_f32': 'fb($0)',
  'i32.reinterpret_f32': '$0',
  'f32.reinterpret_i32': '$0',
  'i32.trunc_sat_f32_s': 'sat_i32_s(fb($0))',
  'i32.trunc_sat_f32_u': 'sat_i32_u(fb($0))',
  'i32.trunc_sat_f64_s': 'sat_i32_s($0)',
  'i32.trunc_sat_f64_u': 'sat_i32_u($0)',
};

/** conversions from or to i64, as pair templates (see int64.ts) */
export const CONVERSION_PAIR_TEMPLATES: Readonly<Record<string, string>> = {
  'i32.wrap_i64': '$r = $0;',
  'i64.extend_i32_s': '$rh = $0 >> 31; $r = $0;',
  'i64.extend_i32_u': '$r = $0; $rh = 0;',
  'i64.trunc_f32_s': '$r = trunc_i64_s_p(fb($0)); $rh = HI[0];',
  'i64.trunc_f32_u': '$r = trunc_i64_u_p(fb($0)); $rh = HI[0];',
  'i64.trunc_f64_s': '$r = trunc_i64_s_p($0); $rh = HI[0];',
  'i64.trunc_f64_u': '$r = trunc_i64_u_p($0); $rh = HI[0];',
  'i64.trunc_sat_f32_s': '$r = sat_i64_s_p(fb($0)); $rh = HI[0];',
  'i64.trunc_sat_f32_u': '$r = sat_i64_u_p(fb($0)); $rh = HI[0];',
  'i64.trunc_sat_f64_s': '$r = sat_i64_s_p($0); $rh = HI[0];',
  'i64.trunc_sat_f64_u': '$r = sat_i64_u_p($0); $rh = HI[0];',
  'f32.convert_i64_s': '$r = convert_i64_s_f32_p($0, $0h);',
  'f32.convert_i64_u': '$r = convert_i64_u_f32_p($0, $0h);',
  // hi·2^32 is exact and one IEEE addition rounds the exact sum once
  'f64.convert_i64_s': '$r = $0h * 4294967296 + ($0 >>> 0);',
  'f64.convert_i64_u': '$r = ($0h >>> 0) * 4294967296 + ($0 >>> 0);',
  'i64.reinterpret_f64': '$r = f64_bits_p($0); $rh = HI[0];',
  'f64.reinterpret_i64': '$r = f64_from_pair($0, $0h);',
};
