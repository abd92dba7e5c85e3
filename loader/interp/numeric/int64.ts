/**
 * i64 numeric instructions (spec §4.3.2, §4.4.1). i64 values are BigInts in the signed
 * 64-bit range; every result is normalised with BigInt.asIntN(64, …). Templates as in
 * int32.ts.
 */

import { trap } from '../frames.js';

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
export function i64_clz(a: bigint): bigint {
  const hi = Number(BigInt.asIntN(32, a >> 32n));
  if (hi !== 0) return BigInt(Math.clz32(hi));
  return BigInt(32 + Math.clz32(Number(BigInt.asIntN(32, a))));
}
export function i64_ctz(a: bigint): bigint {
  const lo = Number(BigInt.asIntN(32, a));
  if (lo !== 0) return BigInt(31 - Math.clz32(lo & -lo));
  const hi = Number(BigInt.asIntN(32, a >> 32n));
  if (hi === 0) return 64n;
  return BigInt(63 - Math.clz32(hi & -hi));
}
function pop32(a: number): number {
  a = a - ((a >>> 1) & 0x55555555);
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  a = (a + (a >>> 4)) & 0x0f0f0f0f;
  return Math.imul(a, 0x01010101) >>> 24;
}
export function i64_popcnt(a: bigint): bigint {
  return BigInt(pop32(Number(BigInt.asIntN(32, a))) + pop32(Number(BigInt.asIntN(32, a >> 32n))));
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
export function i64_shr_u(a: bigint, b: bigint): bigint {
  return S(U(a) >> (b & 63n));
}

export const I64_HELPERS = {
  i64_div_s,
  i64_div_u,
  i64_rem_s,
  i64_rem_u,
  i64_clz,
  i64_ctz,
  i64_popcnt,
  i64_rotl,
  i64_rotr,
  i64_shr_u,
};

const cmpU = (op: string): string => `BigInt.asUintN(64, $0) ${op} BigInt.asUintN(64, $1) ? 1 : 0`;
const cmpS = (op: string): string => `$0 ${op} $1 ? 1 : 0`;

export const I64_TEMPLATES: Readonly<Record<string, string>> = {
  'i64.eqz': '$0 === 0n ? 1 : 0',
  'i64.eq': cmpS('==='),
  'i64.ne': cmpS('!=='),
  'i64.lt_s': cmpS('<'),
  'i64.lt_u': cmpU('<'),
  'i64.gt_s': cmpS('>'),
  'i64.gt_u': cmpU('>'),
  'i64.le_s': cmpS('<='),
  'i64.le_u': cmpU('<='),
  'i64.ge_s': cmpS('>='),
  'i64.ge_u': cmpU('>='),
  'i64.clz': 'i64_clz($0)',
  'i64.ctz': 'i64_ctz($0)',
  'i64.popcnt': 'i64_popcnt($0)',
  'i64.add': 'BigInt.asIntN(64, $0 + $1)',
  'i64.sub': 'BigInt.asIntN(64, $0 - $1)',
  'i64.mul': 'BigInt.asIntN(64, $0 * $1)',
  'i64.div_s': 'i64_div_s($0, $1)',
  'i64.div_u': 'i64_div_u($0, $1)',
  'i64.rem_s': 'i64_rem_s($0, $1)',
  'i64.rem_u': 'i64_rem_u($0, $1)',
  'i64.and': '$0 & $1',
  'i64.or': '$0 | $1',
  'i64.xor': '$0 ^ $1',
  'i64.shl': 'BigInt.asIntN(64, $0 << ($1 & 63n))',
  'i64.shr_s': '$0 >> ($1 & 63n)',
  'i64.shr_u': 'i64_shr_u($0, $1)',
  'i64.rotl': 'i64_rotl($0, $1)',
  'i64.rotr': 'i64_rotr($0, $1)',
  'i64.extend8_s': 'BigInt.asIntN(8, $0)',
  'i64.extend16_s': 'BigInt.asIntN(16, $0)',
  'i64.extend32_s': 'BigInt.asIntN(32, $0)',
};
