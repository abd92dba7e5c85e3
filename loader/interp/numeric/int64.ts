/**
 * i64 numeric instructions (spec §4.3.2 integer operations, §4.4.1 numeric instructions).
 *
 * Inside generated code an i64 is a pair of int32 numbers, its low and high halves (see
 * codegen.ts for the naming). The templates here are statements over those halves:
 *   $0, $1   operands (the low half when the operand is an i64), $0h, $1h their high halves;
 *   $r, $rh  the result's low and high halves (just $r for an i32 result).
 * An i64 result occupies the slot of operand 0, so $r and $0 name the same variable:
 * every template reads what it needs before it overwrites it, using the scratch locals
 * t_, u_, v_. Helpers that return an i64 return the low half and leave the high half in
 * HI[0], which the template reads right after the call.
 *
 * add/sub/mul, bitwise operations, shifts, rotates, comparisons and bit counts are exact
 * int32 arithmetic written inline (so V8's inlining budget goes to the helpers). Division
 * and remainder by a divisor whose magnitude fits in 32 bits are double-precision long
 * division (exact: every partial dividend stays below 2^53); wider divisors fall back to
 * BigInt. The BigInt forms (i64_div_s, …, i64_rotr) are the reference semantics on BigInts
 * in the signed 64-bit range; the pair helpers reach them through i64_join / i64_lo.
 */

import { trap } from '../frames.js';
import { i32_ctz, i32_popcnt } from './int32.js';

/** high half of the last i64 returned as a pair (by a helper or a generated function) */
export const HI = new Int32Array(1);

/** BigInt → pair: returns the low half, stores the high half in HI[0] */
export function i64_lo(b: bigint): number {
  HI[0] = Number(BigInt.asIntN(32, b >> 32n));
  return Number(BigInt.asIntN(32, b));
}
/** high half of a BigInt */
export function i64_hi(b: bigint): number {
  return Number(BigInt.asIntN(32, b >> 32n));
}
/** pair → BigInt (signed 64-bit) */
export function i64_join(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

// ---- division ----

const MIN = -(1n << 63n);
const U = (x: bigint): bigint => BigInt.asUintN(64, x);
const S = (x: bigint): bigint => BigInt.asIntN(64, x);

export function i64_div_s(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap('integer divide by zero');
  if (a === MIN && b === -1n) throw trap('integer overflow');
  return a / b;
}
export function i64_div_u(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap('integer divide by zero');
  return S(U(a) / U(b));
}
export function i64_rem_s(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap('integer divide by zero');
  return a % b;
}
export function i64_rem_u(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap('integer divide by zero');
  return S(U(a) % U(b));
}

/** results of udiv32: quotient halves and remainder */
let QL = 0;
let QH = 0;
let RM = 0;

/**
 * unsigned (ah:al) / b for 1 ≤ b < 2^32, by long division in two digits: the top 53 bits,
 * then the low 11. Both partial dividends are below 2^53, so each is an exact double and
 * the floor of its double quotient is the exact integer quotient (the rounding error,
 * below quotient·2^-53 < 1/b, cannot reach the next integer); every product is exact.
 */
function udiv32(al: number, ah: number, b: number): void {
  const top = (ah >>> 0) * 2097152 + (al >>> 11);
  const qt = Math.floor(top / b);
  const n = (top - qt * b) * 2048 + (al & 0x7ff);
  const q0 = Math.floor(n / b);
  RM = n - q0 * b;
  const qh = Math.floor(qt * 4.76837158203125e-7); // qt / 2^21
  QH = qh | 0;
  QL = ((qt - qh * 2097152) * 2048 + q0) | 0;
}

export function i64_div_u_p(al: number, ah: number, bl: number, bh: number): number {
  if (bh !== 0) return i64_lo(i64_div_u(i64_join(al, ah), i64_join(bl, bh)));
  if (bl === 0) throw trap('integer divide by zero');
  udiv32(al, ah, bl >>> 0);
  HI[0] = QH;
  return QL;
}
export function i64_rem_u_p(al: number, ah: number, bl: number, bh: number): number {
  if (bh !== 0) return i64_lo(i64_rem_u(i64_join(al, ah), i64_join(bl, bh)));
  if (bl === 0) throw trap('integer divide by zero');
  udiv32(al, ah, bl >>> 0);
  HI[0] = 0;
  return RM | 0;
}

/** |a| of a signed pair into (QL, QH) as an unsigned pair (|MIN| = 2^63 fits) */
function absInto(lo: number, hi: number): void {
  if (hi < 0) {
    QL = -lo | 0;
    QH = (~hi + (lo === 0 ? 1 : 0)) | 0;
  } else {
    QL = lo;
    QH = hi;
  }
}
/** −(lo, hi) into HI[0]; returns the low half */
function negPair(lo: number, hi: number): number {
  HI[0] = (~hi + (lo === 0 ? 1 : 0)) | 0;
  return -lo | 0;
}

/** true when the signed pair (bl, bh) is a divisor whose magnitude fits in 32 bits */
const smallDivisor = (bl: number, bh: number): boolean => (bh === 0 && bl > 0) || (bh === -1 && bl < 0);

export function i64_div_s_p(al: number, ah: number, bl: number, bh: number): number {
  if (!smallDivisor(bl, bh) || (bh === -1 && bl === -1)) {
    return i64_lo(i64_div_s(i64_join(al, ah), i64_join(bl, bh)));
  }
  const b = bh < 0 ? -bl : bl; // 1 ≤ b ≤ 2^31
  absInto(al, ah);
  udiv32(QL, QH, b);
  if ((ah < 0) !== (bh < 0)) return negPair(QL, QH);
  HI[0] = QH;
  return QL;
}
export function i64_rem_s_p(al: number, ah: number, bl: number, bh: number): number {
  if (!smallDivisor(bl, bh)) return i64_lo(i64_rem_s(i64_join(al, ah), i64_join(bl, bh)));
  const b = bh < 0 ? -bl : bl;
  absInto(al, ah);
  udiv32(QL, QH, b);
  if (ah < 0) return negPair(RM | 0, 0);
  HI[0] = 0;
  return RM | 0;
}

// ---- BigInt reference forms of the bit operations ----

export function i64_clz(a: bigint): bigint {
  const hi = Number(BigInt.asIntN(32, a >> 32n));
  if (hi !== 0) return BigInt(Math.clz32(hi));
  return BigInt(32 + Math.clz32(Number(BigInt.asIntN(32, a))));
}
export function i64_ctz(a: bigint): bigint {
  const lo = Number(BigInt.asIntN(32, a));
  if (lo !== 0) return BigInt(i32_ctz(lo));
  return BigInt(32 + i32_ctz(Number(BigInt.asIntN(32, a >> 32n))));
}
export function i64_popcnt(a: bigint): bigint {
  return BigInt(i32_popcnt(Number(BigInt.asIntN(32, a))) + i32_popcnt(Number(BigInt.asIntN(32, a >> 32n))));
}
export function i64_rotl(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = U(a);
  return S((u << k) | (u >> ((64n - k) & 63n)));
}
export function i64_rotr(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = U(a);
  return S((u >> k) | (u << ((64n - k) & 63n)));
}

export const I64_HELPERS = {
  HI,
  i64_lo,
  i64_hi,
  i64_join,
  i64_div_s_p,
  i64_div_u_p,
  i64_rem_s_p,
  i64_rem_u_p,
};

// ---- templates ----

/** comparison: high halves decide unless equal, then the low halves compare unsigned */
const cmp = (hiOp: string, loOp: string, unsigned: boolean): string => {
  const h0 = unsigned ? '($0h >>> 0)' : '$0h';
  const h1 = unsigned ? '($1h >>> 0)' : '$1h';
  return `$r = ${h0} ${hiOp} ${h1} || ($0h === $1h && ($0 >>> 0) ${loOp} ($1 >>> 0)) ? 1 : 0;`;
};
/** rotate left by t_ (0..63): swap the halves for t_ ≥ 32, then rotate by t_ & 31 */
const ROTATE =
  'u_ = t_ & 32 ? $0h : $0; v_ = t_ & 32 ? $0 : $0h; t_ &= 31; ' +
  '$r = (u_ << t_) | ((v_ >>> 1) >>> (31 - t_)); $rh = (v_ << t_) | ((u_ >>> 1) >>> (31 - t_));';
/**
 * the low 64 bits of a product: a·b + 2^32·(a·bh + ah·b) mod 2^64, where the high word of
 * the unsigned 32×32 product a·b comes from 16-bit limbs (a1:a0 · b1:b0; t_ = a0·b1,
 * u_ = a1·b0, v_ = the middle column with its carry). Each limb product is below 2^32, so
 * Math.imul gives its exact bits and every scratch value stays an int32.
 */
const MUL =
  't_ = Math.imul($0 & 0xffff, $1 >>> 16); u_ = Math.imul($0 >>> 16, $1 & 0xffff); ' +
  'v_ = (Math.imul($0 & 0xffff, $1 & 0xffff) >>> 16) + (t_ & 0xffff) + (u_ & 0xffff); ' +
  '$rh = (Math.imul($0 >>> 16, $1 >>> 16) + (t_ >>> 16) + (u_ >>> 16) + (v_ >>> 16) + Math.imul($0, $1h) + Math.imul($0h, $1)) | 0; ' +
  '$r = Math.imul($0, $1);';
const bitwise = (op: string): string => `$r = $0 ${op} $1; $rh = $0h ${op} $1h;`;
const call2 = (fn: string): string => `$r = ${fn}($0, $0h, $1, $1h); $rh = HI[0];`;

export const I64_TEMPLATES: Readonly<Record<string, string>> = {
  'i64.eqz': '$r = ($0 | $0h) === 0 ? 1 : 0;',
  'i64.eq': '$r = $0 === $1 && $0h === $1h ? 1 : 0;',
  'i64.ne': '$r = $0 !== $1 || $0h !== $1h ? 1 : 0;',
  'i64.lt_s': cmp('<', '<', false),
  'i64.lt_u': cmp('<', '<', true),
  'i64.gt_s': cmp('>', '>', false),
  'i64.gt_u': cmp('>', '>', true),
  'i64.le_s': cmp('<', '<=', false),
  'i64.le_u': cmp('<', '<=', true),
  'i64.ge_s': cmp('>', '>=', false),
  'i64.ge_u': cmp('>', '>=', true),
  'i64.clz': '$r = $0h !== 0 ? Math.clz32($0h) : 32 + Math.clz32($0); $rh = 0;',
  'i64.ctz': '$r = $0 !== 0 ? i32_ctz($0) : 32 + i32_ctz($0h); $rh = 0;',
  'i64.popcnt': '$r = i32_popcnt($0) + i32_popcnt($0h); $rh = 0;',
  'i64.add': 't_ = ($0 + $1) | 0; $rh = ($0h + $1h + ((t_ >>> 0) < ($0 >>> 0) ? 1 : 0)) | 0; $r = t_;',
  'i64.sub': 't_ = ($0 - $1) | 0; $rh = ($0h - $1h - (($0 >>> 0) < ($1 >>> 0) ? 1 : 0)) | 0; $r = t_;',
  'i64.mul': MUL,
  'i64.div_s': call2('i64_div_s_p'),
  'i64.div_u': call2('i64_div_u_p'),
  'i64.rem_s': call2('i64_rem_s_p'),
  'i64.rem_u': call2('i64_rem_u_p'),
  'i64.and': bitwise('&'),
  'i64.or': bitwise('|'),
  'i64.xor': bitwise('^'),
  'i64.shl':
    't_ = $1 & 63; if (t_ < 32) { $rh = ($0h << t_) | (($0 >>> 1) >>> (31 - t_)); $r = $0 << t_; } ' +
    'else { $rh = $0 << (t_ - 32); $r = 0; }',
  'i64.shr_s':
    't_ = $1 & 63; if (t_ < 32) { $r = ($0 >>> t_) | (($0h << 1) << (31 - t_)); $rh = $0h >> t_; } ' +
    'else { $r = $0h >> (t_ - 32); $rh = $0h >> 31; }',
  'i64.shr_u':
    't_ = $1 & 63; if (t_ < 32) { $r = ($0 >>> t_) | (($0h << 1) << (31 - t_)); $rh = ($0h >>> t_) | 0; } ' +
    'else { $r = ($0h >>> (t_ - 32)) | 0; $rh = 0; }',
  'i64.rotl': 't_ = $1 & 63; ' + ROTATE,
  'i64.rotr': 't_ = -$1 & 63; ' + ROTATE,
  'i64.extend8_s': '$r = ($0 << 24) >> 24; $rh = $r >> 31;',
  'i64.extend16_s': '$r = ($0 << 16) >> 16; $rh = $r >> 31;',
  'i64.extend32_s': '$rh = $0 >> 31;',
};
