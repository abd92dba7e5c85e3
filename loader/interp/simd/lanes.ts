/**
 * Lane movement of SIMD-128 (spec §4.4.3.x): splat, extract_lane (_s/_u), replace_lane,
 * i8x16.shuffle and i8x16.swizzle (an index >= 16 selects 0). All of them move bits unchanged;
 * f32 lanes travel as their int32 bit patterns (raw value convention, loader/api.ts), f64 lanes
 * are written by their bits or through fill(), which keep a NaN's payload (numeric/f64-bits.ts).
 */

import { f64_put_words } from '../numeric/f64-bits.js';
import { A, R, load, result, type BigView, type NumView } from './scratch.js';
import type { SimdImpl } from './types.js';

/** [shape, view used to read/write a lane (f32 uses i32 bits), view for the _u extract] */
type LaneRow = [shape: string, view: NumView | BigView, unsignedView: NumView | null];
const SHAPES: readonly LaneRow[] = [
  ['i8x16', 'i8', 'u8'],
  ['i16x8', 'i16', 'u16'],
  ['i32x4', 'i32', null],
  ['i64x2', 'i64', null],
  ['f32x4', 'i32', null],
  ['f64x2', 'f64', null],
];

function splat(view: NumView | BigView): SimdImpl {
  const r = R[view];
  return (x: number | bigint): Uint8Array => {
    // fill() converts once and stores the same bits in every lane
    (r as { fill(v: number | bigint): unknown }).fill(x);
    return result();
  };
}

function extract(view: NumView | BigView): SimdImpl {
  const x = A[view];
  return (v: Uint8Array, lane: number): number | bigint => {
    load(A, v);
    return x[lane] as number | bigint;
  };
}

function replace(view: NumView | BigView): SimdImpl {
  if (view === 'f64') {
    // by its bits: an optimised Float64Array store may quiet a NaN (numeric/f64-bits.ts)
    return (v: Uint8Array, value: number, lane: number): Uint8Array => {
      load(R, v);
      f64_put_words(R.i32, 2 * lane, value);
      return result();
    };
  }
  const r = R[view] as { [i: number]: number | bigint };
  return (v: Uint8Array, value: number | bigint, lane: number): Uint8Array => {
    load(R, v);
    r[lane] = value;
    return result();
  };
}

function shuffle(a: Uint8Array, b: Uint8Array, lanes: Uint8Array): Uint8Array {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const k = lanes[i] as number;
    r[i] = (k < 16 ? a[k] : b[k - 16]) as number;
  }
  return r;
}

function swizzle(a: Uint8Array, s: Uint8Array): Uint8Array {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const k = s[i] as number;
    r[i] = k < 16 ? (a[k] as number) : 0;
  }
  return r;
}

export function laneOps(): Array<[string, SimdImpl]> {
  const out: Array<[string, SimdImpl]> = [
    ['i8x16.shuffle', shuffle],
    ['i8x16.swizzle', swizzle],
  ];
  for (const [shape, view, uview] of SHAPES) {
    out.push([`${shape}.splat`, splat(view)]);
    out.push([`${shape}.replace_lane`, replace(view)]);
    if (uview === null) out.push([`${shape}.extract_lane`, extract(view)]);
    else {
      out.push([`${shape}.extract_lane_s`, extract(view)]);
      out.push([`${shape}.extract_lane_u`, extract(uview)]);
    }
  }
  return out;
}
