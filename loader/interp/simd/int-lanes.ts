/**
 * Integer lane arithmetic of SIMD-128 (spec §4.3.2 integer operations applied lane-wise,
 * §4.4.3 vector instructions): add/sub/mul/neg/abs, saturating add/sub (§4.3.2 sat_s/sat_u),
 * min/max, avgr_u, popcnt, q15mulr_sat_s, comparisons, shifts (count modulo the lane width),
 * all_true and bitmask. Per-shape variants are generated from the tables below.
 */

import { binary, binaryBig, compare, compareBig, unary, unaryBig, type NumBin, type V128 } from './lanewise.js';
import { A, B, R, load, result, type NumView } from './scratch.js';
import type { SimdImpl } from './types.js';

interface IntShape {
  readonly name: string;
  /** signed / unsigned view names */
  readonly s: NumView;
  readonly u: NumView;
  readonly bits: number;
}
const I8: IntShape = { name: 'i8x16', s: 'i8', u: 'u8', bits: 8 };
const I16: IntShape = { name: 'i16x8', s: 'i16', u: 'u16', bits: 16 };
const I32: IntShape = { name: 'i32x4', s: 'i32', u: 'u32', bits: 32 };
const NARROW = [I8, I16];
const UP_TO_32 = [I8, I16, I32];

const smin = (sh: IntShape): number => -(2 ** (sh.bits - 1));
const smax = (sh: IntShape): number => 2 ** (sh.bits - 1) - 1;
const umax = (sh: IntShape): number => 2 ** sh.bits - 1;

/** [op, shapes, lanes read signed?, scalar operator for the shape] */
type BinRow = [op: string, shapes: readonly IntShape[], signed: boolean, f: (sh: IntShape) => NumBin];
const BINARY: readonly BinRow[] = [
  ['add', UP_TO_32, true, () => (x, y) => x + y],
  ['sub', UP_TO_32, true, () => (x, y) => x - y],
  ['mul', [I16, I32], true, () => Math.imul],
  ['add_sat_s', NARROW, true, (sh) => { const lo = smin(sh), hi = smax(sh); return (x, y) => Math.min(hi, Math.max(lo, x + y)); }],
  ['add_sat_u', NARROW, false, (sh) => { const hi = umax(sh); return (x, y) => Math.min(hi, x + y); }],
  ['sub_sat_s', NARROW, true, (sh) => { const lo = smin(sh), hi = smax(sh); return (x, y) => Math.min(hi, Math.max(lo, x - y)); }],
  ['sub_sat_u', NARROW, false, () => (x, y) => Math.max(0, x - y)],
  ['min_s', UP_TO_32, true, () => Math.min],
  ['min_u', UP_TO_32, false, () => Math.min],
  ['max_s', UP_TO_32, true, () => Math.max],
  ['max_u', UP_TO_32, false, () => Math.max],
  ['avgr_u', NARROW, false, () => (x, y) => (x + y + 1) >>> 1],
  // §4.3.2 iq15mulrsat_s: sat_s16((x * y + 2^14) >> 15); only -32768 * -32768 saturates
  ['q15mulr_sat_s', [I16], true, () => (x, y) => Math.min(0x7fff, (x * y + 0x4000) >> 15)],
];

type UnRow = [op: string, shapes: readonly IntShape[], signed: boolean, f: (x: number) => number];
const UNARY: readonly UnRow[] = [
  ['neg', UP_TO_32, true, (x) => -x],
  ['abs', UP_TO_32, true, Math.abs],
  ['popcnt', [I8], false, (x) => {
    const p = x - ((x >>> 1) & 0x55);
    const q = (p & 0x33) + ((p >>> 2) & 0x33);
    return (q + (q >>> 4)) & 0x0f;
  }],
];

/** [op, lanes read signed?, relation] */
const CMP: ReadonlyArray<[string, boolean, (x: number, y: number) => boolean]> = [
  ['eq', true, (x, y) => x === y],
  ['ne', true, (x, y) => x !== y],
  ['lt_s', true, (x, y) => x < y],
  ['lt_u', false, (x, y) => x < y],
  ['gt_s', true, (x, y) => x > y],
  ['gt_u', false, (x, y) => x > y],
  ['le_s', true, (x, y) => x <= y],
  ['le_u', false, (x, y) => x <= y],
  ['ge_s', true, (x, y) => x >= y],
  ['ge_u', false, (x, y) => x >= y],
];

/** [op, lanes read signed?, shift of a lane value by k, 0 <= k < lane width] */
const SHIFTS: ReadonlyArray<[string, boolean, (x: number, k: number) => number]> = [
  ['shl', true, (x, k) => x << k],
  ['shr_s', true, (x, k) => x >> k],
  ['shr_u', false, (x, k) => x >>> k],
];

function shift(view: NumView, out: NumView, bits: number, f: (x: number, k: number) => number): (v: V128, count: number) => V128 {
  const x = A[view];
  const r = R[out];
  const n = x.length;
  return (v, count) => {
    const k = count & (bits - 1);
    load(A, v);
    for (let i = 0; i < n; i++) r[i] = f(x[i] as number, k);
    return result();
  };
}

/** all_true (§4.4.3.x vtestop): every lane non-zero, read byte-wise so it works for all shapes */
function allTrue(bytes: number): (v: V128) => number {
  return (v) => {
    for (let i = 0; i < 16; i += bytes) {
      let any = 0;
      for (let j = 0; j < bytes; j++) any |= v[i + j] as number;
      if (any === 0) return 0;
    }
    return 1;
  };
}

/** bitmask (§4.4.3.x vbitmask): bit i of the result is the top bit of lane i */
function bitmask(bytes: number): (v: V128) => number {
  return (v) => {
    let m = 0;
    for (let i = 0, bit = 1; i < 16; i += bytes, bit <<= 1) if ((v[i + bytes - 1] as number) & 0x80) m |= bit;
    return m;
  };
}

const ZERO = new Uint8Array(16);

/** i64x2.add (sign 1) / sub (sign -1) on 32-bit halves with carry, avoiding bigint */
function addSub64(sign: 1 | -1): (a: V128, b: V128) => V128 {
  return (a, b) => {
    load(A, a);
    load(B, b);
    for (let i = 0; i < 4; i += 2) {
      const lo = (A.u32[i] as number) + sign * (B.u32[i] as number); // in (-2^32, 2^33)
      const carry = lo >= 4294967296 ? 1 : lo < 0 ? -1 : 0;
      R.u32[i] = lo;
      R.i32[i + 1] = (A.i32[i + 1] as number) + sign * (B.i32[i + 1] as number) + carry;
    }
    return result();
  };
}

/** the i64x2 variants: add/sub/neg on 32-bit halves, the rest on bigint lanes (stores wrap modulo 2^64) */
function i64Ops(add: (op: string, fn: SimdImpl) => void): void {
  const sub = addSub64(-1);
  add('add', addSub64(1));
  add('sub', sub);
  add('mul', binaryBig('i64', (x, y) => x * y));
  add('neg', (a: V128) => sub(ZERO, a));
  add('abs', unaryBig('i64', (x) => (x < 0n ? -x : x)));
  add('eq', compareBig('i64', (x, y) => x === y));
  add('ne', compareBig('i64', (x, y) => x !== y));
  add('lt_s', compareBig('i64', (x, y) => x < y));
  add('gt_s', compareBig('i64', (x, y) => x > y));
  add('le_s', compareBig('i64', (x, y) => x <= y));
  add('ge_s', compareBig('i64', (x, y) => x >= y));
  const sh = (view: 'i64' | 'u64', f: (x: bigint, k: bigint) => bigint) => {
    const x = A[view];
    return (v: V128, count: number): V128 => {
      const k = BigInt(count & 63);
      load(A, v);
      R.i64[0] = f(x[0] as bigint, k);
      R.i64[1] = f(x[1] as bigint, k);
      return result();
    };
  };
  add('shl', sh('i64', (x, k) => x << k));
  add('shr_s', sh('i64', (x, k) => x >> k));
  add('shr_u', sh('u64', (x, k) => x >> k));
  add('all_true', allTrue(8));
  add('bitmask', bitmask(8));
}

export function intLaneOps(): Array<[string, SimdImpl]> {
  const out: Array<[string, SimdImpl]> = [];
  for (const [op, shapes, signed, f] of BINARY) {
    for (const sh of shapes) out.push([`${sh.name}.${op}`, binary(signed ? sh.s : sh.u, sh.s, f(sh))]);
  }
  for (const [op, shapes, signed, f] of UNARY) {
    for (const sh of shapes) out.push([`${sh.name}.${op}`, unary(signed ? sh.s : sh.u, sh.s, f)]);
  }
  for (const sh of UP_TO_32) {
    for (const [op, signed, f] of CMP) out.push([`${sh.name}.${op}`, compare(signed ? sh.s : sh.u, f)]);
    for (const [op, signed, f] of SHIFTS) out.push([`${sh.name}.${op}`, shift(signed ? sh.s : sh.u, sh.s, sh.bits, f)]);
    out.push([`${sh.name}.all_true`, allTrue(sh.bits / 8)]);
    out.push([`${sh.name}.bitmask`, bitmask(sh.bits / 8)]);
  }
  i64Ops((op, fn) => out.push([`i64x2.${op}`, fn]));
  return out;
}
