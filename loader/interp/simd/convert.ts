/**
 * Shape-changing SIMD-128 operations (spec §4.4.3.x): integer narrowing with signed/unsigned
 * saturation, extend_low/high, extmul_low/high, extadd_pairwise, i32x4.dot_i16x8_s, and the
 * float conversions trunc_sat (§4.3.3 trunc_sat: NaN → 0, out of range → the nearest bound),
 * convert (one rounding to binary32 via the Float32Array store), convert_low, demote, promote.
 */

import type { V128 } from './lanewise.js';
import { A, B, R, putF32, putF64, putI64, load, result, type NumLanes, type NumView } from './scratch.js';
import type { SimdImpl } from './types.js';


interface Widen {
  /** narrow (input) shape name, e.g. i8x16, and the wide (result) shape name */
  readonly from: string;
  readonly to: string;
  readonly s: NumView;
  readonly u: NumView;
  /** result lane count */
  readonly lanes: number;
  /** store an exact integer into result lane i */
  readonly put: (i: number, v: number) => void;
}
const WIDEN: readonly Widen[] = [
  { from: 'i8x16', to: 'i16x8', s: 'i8', u: 'u8', lanes: 8, put: (i, v) => { R.i16[i] = v; } },
  { from: 'i16x8', to: 'i32x4', s: 'i16', u: 'u16', lanes: 4, put: (i, v) => { R.i32[i] = v; } },
  { from: 'i32x4', to: 'i64x2', s: 'i32', u: 'u32', lanes: 2, put: (i, v) => putI64(R, i, v) },
];

/** result lane i from input lanes x, y (both read through the same view) */
type LaneFn = (x: NumLanes, y: NumLanes, i: number) => number;

function widen(view: NumView, w: Widen, f: LaneFn): (a: V128) => V128 {
  const x = A[view];
  const { lanes, put } = w;
  return (a) => {
    load(A, a);
    for (let i = 0; i < lanes; i++) put(i, f(x, x, i));
    return result();
  };
}

function widen2(view: NumView, w: Widen, f: LaneFn): (a: V128, b: V128) => V128 {
  const x = A[view];
  const y = B[view];
  const { lanes, put } = w;
  return (a, b) => {
    load(A, a);
    load(B, b);
    for (let i = 0; i < lanes; i++) put(i, f(x, y, i));
    return result();
  };
}

/** i64x2.extmul_*: products of two i32 lanes need up to 63 bits, so use bigint */
function extmul64(view: NumView, high: boolean): (a: V128, b: V128) => V128 {
  const x = A[view];
  const y = B[view];
  const off = high ? 2 : 0;
  return (a, b) => {
    load(A, a);
    load(B, b);
    R.i64[0] = BigInt(x[off] as number) * BigInt(y[off] as number);
    R.i64[1] = BigInt(x[off + 1] as number) * BigInt(y[off + 1] as number);
    return result();
  };
}

function widenOps(out: Array<[string, SimdImpl]>): void {
  for (const w of WIDEN) {
    for (const [sfx, view] of [['s', w.s], ['u', w.u]] as const) {
      for (const [half, off] of [['low', 0], ['high', w.lanes]] as const) {
        out.push([`${w.to}.extend_${half}_${w.from}_${sfx}`, widen(view, w, (x, _y, i) => x[i + off] as number)]);
        out.push([
          `${w.to}.extmul_${half}_${w.from}_${sfx}`,
          w.lanes === 2
            ? extmul64(view, off !== 0)
            : widen2(view, w, (x, y, i) => (x[i + off] as number) * (y[i + off] as number)),
        ]);
      }
      if (w.lanes !== 2) {
        out.push([
          `${w.to}.extadd_pairwise_${w.from}_${sfx}`,
          widen(view, w, (x, _y, i) => (x[2 * i] as number) + (x[2 * i + 1] as number)),
        ]);
      }
    }
  }
  // §4.4.3.x i32x4.dot_i16x8_s: pairwise sums of signed products, wrapping modulo 2^32
  out.push([
    'i32x4.dot_i16x8_s',
    widen2('i16', WIDEN[1] as Widen, (x, y, i) =>
      (x[2 * i] as number) * (y[2 * i] as number) + (x[2 * i + 1] as number) * (y[2 * i + 1] as number)),
  ]);
}

/** [narrow shape, wide shape, wide signed view, narrow result view] */
const NARROW: ReadonlyArray<[string, string, NumView, NumView, NumView]> = [
  ['i8x16', 'i16x8', 'i16', 'i8', 'u8'],
  ['i16x8', 'i32x4', 'i32', 'i16', 'u16'],
];

/** narrow: lanes of a then b, each saturated into the narrow signed or unsigned range */
function narrow(inView: NumView, outView: NumView, lo: number, hi: number): (a: V128, b: V128) => V128 {
  const x = A[inView];
  const y = B[inView];
  const r = R[outView];
  const n = x.length;
  return (a, b) => {
    load(A, a);
    load(B, b);
    for (let i = 0; i < n; i++) {
      r[i] = Math.min(hi, Math.max(lo, x[i] as number));
      r[i + n] = Math.min(hi, Math.max(lo, y[i] as number));
    }
    return result();
  };
}

function narrowOps(out: Array<[string, SimdImpl]>): void {
  for (const [to, from, wide, s, u] of NARROW) {
    const bits = 128 / R[s].length;
    out.push([`${to}.narrow_${from}_s`, narrow(wide, s, -(2 ** (bits - 1)), 2 ** (bits - 1) - 1)]);
    out.push([`${to}.narrow_${from}_u`, narrow(wide, u, 0, 2 ** bits - 1)]);
  }
}

/** §4.3.3 trunc_sat_s / trunc_sat_u to 32 bits */
const truncSatS = (x: number): number => (x !== x ? 0 : Math.max(-2147483648, Math.min(2147483647, Math.trunc(x))));
const truncSatU = (x: number): number => (x !== x ? 0 : Math.max(0, Math.min(4294967295, Math.trunc(x))));
const putI32 = (i: number, v: number): void => { R.i32[i] = v; };
const putU32 = (i: number, v: number): void => { R.u32[i] = v; };
const toF32 = (i: number, v: number): void => putF32(R, i, v);
const toF64 = (i: number, v: number): void => putF64(R, i, v);
const same = (x: number): number => x;

/** [name, input view, number of result lanes, lane store, scalar conversion]; other lanes are 0 */
const CONVERT: ReadonlyArray<[string, NumView, number, (i: number, v: number) => void, (x: number) => number]> = [
  ['i32x4.trunc_sat_f32x4_s', 'f32', 4, putI32, truncSatS],
  ['i32x4.trunc_sat_f32x4_u', 'f32', 4, putU32, truncSatU],
  ['i32x4.trunc_sat_f64x2_s_zero', 'f64', 2, putI32, truncSatS],
  ['i32x4.trunc_sat_f64x2_u_zero', 'f64', 2, putU32, truncSatU],
  ['f32x4.convert_i32x4_s', 'i32', 4, toF32, same],
  ['f32x4.convert_i32x4_u', 'u32', 4, toF32, same],
  ['f64x2.convert_low_i32x4_s', 'i32', 2, toF64, same],
  ['f64x2.convert_low_i32x4_u', 'u32', 2, toF64, same],
  ['f32x4.demote_f64x2_zero', 'f64', 2, toF32, same],
  ['f64x2.promote_low_f32x4', 'f32', 2, toF64, same],
];

function convert(view: NumView, lanes: number, put: (i: number, v: number) => void, f: (x: number) => number): (a: V128) => V128 {
  const x = A[view];
  return (a) => {
    load(A, a);
    R.u8.fill(0);
    for (let i = 0; i < lanes; i++) put(i, f(x[i] as number));
    return result();
  };
}

export function convertOps(): Array<[string, SimdImpl]> {
  const out: Array<[string, SimdImpl]> = [];
  widenOps(out);
  narrowOps(out);
  for (const [name, view, lanes, put, f] of CONVERT) out.push([name, convert(view, lanes, put, f)]);
  return out;
}
