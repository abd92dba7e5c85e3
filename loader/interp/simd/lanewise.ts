/**
 * Generators for lane-wise SIMD operations (spec §4.3.2 lanes_t, §4.4.3.x "t.vunop / vbinop /
 * vrelop": apply a scalar operator to each pair of lanes). Each generator captures fixed scratch
 * views once, so the returned function only copies the operands in, loops and copies out.
 */

import { A, B, R, load, result, type BigView, type NumView } from './scratch.js';

export type V128 = Uint8Array;
export type NumUn = (x: number) => number;
export type NumBin = (x: number, y: number) => number;
export type NumRel = (x: number, y: number) => boolean;
export type BigUn = (x: bigint) => bigint;
export type BigBin = (x: bigint, y: bigint) => bigint;
export type BigRel = (x: bigint, y: bigint) => boolean;

/** r[i] = f(a[i]), reading lanes through `inView` and storing them through `outView` */
export function unary(inView: NumView, outView: NumView, f: NumUn): (a: V128) => V128 {
  const x = A[inView];
  const r = R[outView];
  const n = x.length;
  return (a) => {
    load(A, a);
    for (let i = 0; i < n; i++) r[i] = f(x[i] as number);
    return result();
  };
}

/** r[i] = f(a[i], b[i]) */
export function binary(inView: NumView, outView: NumView, f: NumBin): (a: V128, b: V128) => V128 {
  const x = A[inView];
  const y = B[inView];
  const r = R[outView];
  const n = x.length;
  return (a, b) => {
    load(A, a);
    load(B, b);
    for (let i = 0; i < n; i++) r[i] = f(x[i] as number, y[i] as number);
    return result();
  };
}

/** r[i] = rel(a[i], b[i]) ? all ones : 0, for lanes of up to 32 bits (§4.4.3.x vrelop) */
export function compare(inView: NumView, f: NumRel): (a: V128, b: V128) => V128 {
  const x = A[inView];
  const y = B[inView];
  const n = x.length;
  const out = n === 16 ? R.i8 : n === 8 ? R.i16 : R.i32;
  if (n === 2) {
    // 64-bit lanes (f64x2): each result lane is two 32-bit halves
    return (a, b) => {
      load(A, a);
      load(B, b);
      for (let i = 0; i < 2; i++) {
        const m = f(x[i] as number, y[i] as number) ? -1 : 0;
        R.i32[2 * i] = m;
        R.i32[2 * i + 1] = m;
      }
      return result();
    };
  }
  return (a, b) => {
    load(A, a);
    load(B, b);
    for (let i = 0; i < n; i++) out[i] = f(x[i] as number, y[i] as number) ? -1 : 0;
    return result();
  };
}

/** 64-bit integer lanes: r[i] = f(a[i]) */
export function unaryBig(view: BigView, f: BigUn): (a: V128) => V128 {
  const x = A[view];
  return (a) => {
    load(A, a);
    R.i64[0] = f(x[0] as bigint);
    R.i64[1] = f(x[1] as bigint);
    return result();
  };
}

/** 64-bit integer lanes: r[i] = f(a[i], b[i]); the store wraps modulo 2^64 */
export function binaryBig(view: BigView, f: BigBin): (a: V128, b: V128) => V128 {
  const x = A[view];
  const y = B[view];
  return (a, b) => {
    load(A, a);
    load(B, b);
    R.i64[0] = f(x[0] as bigint, y[0] as bigint);
    R.i64[1] = f(x[1] as bigint, y[1] as bigint);
    return result();
  };
}

/** 64-bit integer lanes: all ones / zero per lane */
export function compareBig(view: BigView, f: BigRel): (a: V128, b: V128) => V128 {
  const x = A[view];
  const y = B[view];
  return (a, b) => {
    load(A, a);
    load(B, b);
    R.i64[0] = f(x[0] as bigint, y[0] as bigint) ? -1n : 0n;
    R.i64[1] = f(x[1] as bigint, y[1] as bigint) ? -1n : 0n;
    return result();
  };
}
