/**
 * f32 and f64 numeric instructions (spec §4.3.3 floating-point operations).
 * f32 values are carried as their IEEE bit pattern in an int32 (so NaN payloads survive
 * moves, loads, stores, abs/neg/copysign); arithmetic goes through `fb` (bits → number) and
 * `bf` (number → bits, rounding to f32 ties-to-even). Computing an f32 +,-,*,/,sqrt in f64
 * and rounding once is exact (53 ≥ 2·24+2). f64 values are JS numbers; sign operations work
 * on the bits so payloads survive (f64-bits.ts). Results that are NaN from rounding/min/max become the
 * canonical NaN (spec: any arithmetic NaN is allowed).
 */

import { f32FromBits, f32ToBits, f64FromBits } from '../../../formats/float-bits.js';
import { f64_abs, f64_copysign, f64_neg, f64_store_nan } from './f64-bits.js';

export { f64_abs, f64_copysign, f64_neg };

/** f32 bits → number (short names: generated code calls them at every f32 operation) */
export const fb = f32FromBits;
/** number → f32 bits */
export const bf = f32ToBits;
/** f64 bits (signed bigint) → number, payload-preserving */
export const f64_from_bits = f64FromBits;

export function fmin(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.min(a, b);
}
export function fmax(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.max(a, b);
}
export function fceil(a: number): number {
  return a !== a ? NaN : Math.ceil(a);
}
export function ffloor(a: number): number {
  return a !== a ? NaN : Math.floor(a);
}
export function ftrunc(a: number): number {
  return a !== a ? NaN : Math.trunc(a);
}
/** round to nearest, ties to even; keeps the sign of zero */
export function fnearest(a: number): number {
  if (a !== a) return NaN;
  const r = Math.round(a);
  if (r - a === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
export function fsqrt(a: number): number {
  return a !== a ? NaN : Math.sqrt(a);
}

export const FLOAT_HELPERS = {
  fb,
  bf,
  f64_from_bits,
  f64_store_nan,
  f64_abs,
  f64_neg,
  f64_copysign,
  fmin,
  fmax,
  fceil,
  ffloor,
  ftrunc,
  fnearest,
  fsqrt,
};

const f32cmp = (op: string): string => `fb($0) ${op} fb($1) ? 1 : 0`;
const f32bin = (op: string): string => `bf(fb($0) ${op} fb($1))`;
const f32un = (fn: string): string => `bf(${fn}(fb($0)))`;
const f64cmp = (op: string): string => `$0 ${op} $1 ? 1 : 0`;

export const FLOAT_TEMPLATES: Readonly<Record<string, string>> = {
  'f32.eq': f32cmp('==='),
  'f32.ne': f32cmp('!=='),
  'f32.lt': f32cmp('<'),
  'f32.gt': f32cmp('>'),
  'f32.le': f32cmp('<='),
  'f32.ge': f32cmp('>='),
  'f32.abs': '$0 & 0x7fffffff',
  'f32.neg': '$0 ^ -0x80000000',
  'f32.copysign': '($0 & 0x7fffffff) | ($1 & -0x80000000)',
  'f32.ceil': f32un('fceil'),
  'f32.floor': f32un('ffloor'),
  'f32.trunc': f32un('ftrunc'),
  'f32.nearest': f32un('fnearest'),
  'f32.sqrt': f32un('fsqrt'),
  'f32.add': f32bin('+'),
  'f32.sub': f32bin('-'),
  'f32.mul': f32bin('*'),
  'f32.div': f32bin('/'),
  'f32.min': 'bf(fmin(fb($0), fb($1)))',
  'f32.max': 'bf(fmax(fb($0), fb($1)))',

  'f64.eq': f64cmp('==='),
  'f64.ne': f64cmp('!=='),
  'f64.lt': f64cmp('<'),
  'f64.gt': f64cmp('>'),
  'f64.le': f64cmp('<='),
  'f64.ge': f64cmp('>='),
  'f64.abs': 'f64_abs($0)',
  'f64.neg': 'f64_neg($0)',
  'f64.copysign': 'f64_copysign($0, $1)',
  'f64.ceil': 'fceil($0)',
  'f64.floor': 'ffloor($0)',
  'f64.trunc': 'ftrunc($0)',
  'f64.nearest': 'fnearest($0)',
  'f64.sqrt': 'fsqrt($0)',
  'f64.add': '$0 + $1',
  'f64.sub': '$0 - $1',
  'f64.mul': '$0 * $1',
  'f64.div': '$0 / $1',
  'f64.min': 'fmin($0, $1)',
  'f64.max': 'fmax($0, $1)',
};

/**
 * f64 results of arithmetic (spec §4.3.3: a NaN result is any arithmetic NaN, or the canonical
 * NaN), which a quieting store may therefore store as is; promote's NaN is arithmetic too
 * (§4.3.4), and converts never give a NaN
 */
export const F64_ARITHMETIC: ReadonlySet<string> = new Set([
  ...['add', 'sub', 'mul', 'div', 'sqrt', 'min', 'max', 'ceil', 'floor', 'trunc', 'nearest'].map((op) => `f64.${op}`),
  'f64.promote_f32',
  'f64.convert_i32_s',
  'f64.convert_i32_u',
]);
