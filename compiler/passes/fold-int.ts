/**
 * Integer semantics for constant folding, exactly as wasm defines them (Wasm 2.0 spec,
 * section 4.3.2 "Integer Operations"): results wrap to the width, shift and rotate counts are
 * taken modulo the width, and a division or remainder that would trap (divisor 0, or signed
 * division of the minimum by -1) is not folded: its evaluator returns null and the trapping
 * instruction stays. Operands and results are signed bigints; `w` is 32 or 64.
 */

import { IntCC } from '../ir/conds.js';

type Binary = (a: bigint, b: bigint, w: number) => bigint | null;
type Unary = (a: bigint, w: number) => bigint;

const s = (w: number, x: bigint): bigint => BigInt.asIntN(w, x);
const u = (w: number, x: bigint): bigint => BigInt.asUintN(w, x);
const count = (w: number, b: bigint): bigint => b & BigInt(w - 1);
const isMinOverMinusOne = (a: bigint, b: bigint, w: number): boolean => b === -1n && a === -(1n << BigInt(w - 1));

export const INT_BINARY: ReadonlyMap<string, Binary> = new Map<string, Binary>([
  ['iadd', (a, b, w) => s(w, a + b)],
  ['isub', (a, b, w) => s(w, a - b)],
  ['imul', (a, b, w) => s(w, a * b)],
  ['band', (a, b, w) => s(w, a & b)],
  ['bor', (a, b, w) => s(w, a | b)],
  ['bxor', (a, b, w) => s(w, a ^ b)],
  ['ishl', (a, b, w) => s(w, a << count(w, b))],
  ['sshr', (a, b, w) => s(w, a >> count(w, b))],
  ['ushr', (a, b, w) => s(w, u(w, a) >> count(w, b))],
  ['rotl', (a, b, w) => s(w, (u(w, a) << count(w, b)) | (u(w, a) >> ((BigInt(w) - count(w, b)) % BigInt(w))))],
  ['rotr', (a, b, w) => s(w, (u(w, a) >> count(w, b)) | (u(w, a) << ((BigInt(w) - count(w, b)) % BigInt(w))))],
  ['sdiv', (a, b, w) => (b === 0n || isMinOverMinusOne(a, b, w) ? null : s(w, a / b))],
  ['udiv', (a, b, w) => (b === 0n ? null : s(w, u(w, a) / u(w, b)))],
  ['srem', (a, b, w) => (b === 0n ? null : s(w, a % b))],
  ['urem', (a, b, w) => (b === 0n ? null : s(w, u(w, a) % u(w, b)))],
]);

function popcount(x: bigint): number {
  let n = 0;
  for (; x !== 0n; x &= x - 1n) n++;
  return n;
}

export const INT_UNARY: ReadonlyMap<string, Unary> = new Map<string, Unary>([
  ['clz', (a, w) => BigInt(a === 0n ? w : w - u(w, a).toString(2).length)],
  ['ctz', (a, w) => BigInt(a === 0n ? w : popcount((u(w, a) & -u(w, a)) - 1n))],
  ['popcnt', (a, w) => BigInt(popcount(u(w, a)))],
  ['eqz', (a) => (a === 0n ? 1n : 0n)],
  ['sext8', (a, w) => s(w, BigInt.asIntN(8, a))],
  ['sext16', (a, w) => s(w, BigInt.asIntN(16, a))],
  ['sext32', (a, w) => s(w, BigInt.asIntN(32, a))],
]);

/** conversions between i32 and i64 (the operand is signed at its own width) */
export const INT_CONVERT: ReadonlyMap<string, (a: bigint) => bigint> = new Map([
  ['sextend', (a: bigint) => a],
  ['uextend', (a: bigint) => BigInt.asUintN(32, a)],
  ['ireduce', (a: bigint) => BigInt.asIntN(32, a)],
]);

/** icmp: 1n or 0n */
export function icmp(cc: number, a: bigint, b: bigint, w: number): bigint {
  const ua = u(w, a);
  const ub = u(w, b);
  const r = [a === b, a !== b, a < b, a <= b, a > b, a >= b, ua < ub, ua <= ub, ua > ub, ua >= ub][cc];
  return r === true ? 1n : 0n;
}

/** icmp of a value with itself */
export function icmpSame(cc: number): bigint {
  return cc === IntCC.eq || cc === IntCC.sle || cc === IntCC.sge || cc === IntCC.ule || cc === IntCC.uge ? 1n : 0n;
}
