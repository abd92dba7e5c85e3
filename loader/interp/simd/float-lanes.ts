/**
 * Floating-point lane operations of SIMD-128 (spec §4.3.3 float operations applied lane-wise):
 * add/sub/mul/div/sqrt, min/max (NaN-propagating, -0 < +0), pmin/pmax (§4.3.3 fpmin/fpmax:
 * pick an operand, bits preserved), ceil/floor/trunc/nearest (ties to even), comparisons, and
 * abs/neg, which are sign-bit operations that keep NaN payloads.
 *
 * f32x4 lanes are computed in double precision and rounded once to binary32 on the store; for
 * +, -, *, /, sqrt this is exactly the correctly rounded binary32 result (53 >= 2*24+2). NaN
 * results are stored as the canonical NaN, which §4.3.3's nans{…} always allows.
 */

import { compare, type NumBin, type NumRel, type NumUn, type V128 } from './lanewise.js';
import { A, B, R, putF32, putF64, load, result } from './scratch.js';
import type { SimdImpl } from './types.js';

interface FloatShape {
  readonly name: string;
  readonly view: 'f32' | 'f64';
  readonly lanes: number;
  /** bytes per lane */
  readonly bytes: number;
  readonly put: (i: number, x: number) => void;
}
const F32: FloatShape = { name: 'f32x4', view: 'f32', lanes: 4, bytes: 4, put: (i, x) => putF32(R, i, x) };
const F64: FloatShape = { name: 'f64x2', view: 'f64', lanes: 2, bytes: 8, put: (i, x) => putF64(R, i, x) };

/** §4.3.3 fnearest: round to nearest integer, ties to even, keeping the sign of zero */
export function nearest(x: number): number {
  const r = Math.round(x); // ties toward +inf; -0 for x in [-0.5, -0]
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const UNARY: ReadonlyArray<[string, NumUn]> = [
  ['sqrt', Math.sqrt],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['trunc', Math.trunc],
  ['nearest', nearest],
];
const BINARY: ReadonlyArray<[string, NumBin]> = [
  ['add', (x, y) => x + y],
  ['sub', (x, y) => x - y],
  ['mul', (x, y) => x * y],
  ['div', (x, y) => x / y],
  // Math.min/max propagate NaN and order -0 below +0, as §4.3.3 fmin/fmax require
  ['min', Math.min],
  ['max', Math.max],
];
const CMP: ReadonlyArray<[string, NumRel]> = [
  ['eq', (x, y) => x === y],
  ['ne', (x, y) => x !== y],
  ['lt', (x, y) => x < y],
  ['gt', (x, y) => x > y],
  ['le', (x, y) => x <= y],
  ['ge', (x, y) => x >= y],
];
/** pmin: b < a ? b : a;  pmax: a < b ? b : a — true means "take b" */
const PICK: ReadonlyArray<[string, NumRel]> = [
  ['pmin', (x, y) => y < x],
  ['pmax', (x, y) => x < y],
];

function unaryF(sh: FloatShape, f: NumUn): (a: V128) => V128 {
  const x = A[sh.view];
  const { lanes, put } = sh;
  return (a) => {
    load(A, a);
    for (let i = 0; i < lanes; i++) put(i, f(x[i] as number));
    return result();
  };
}

function binaryF(sh: FloatShape, f: NumBin): (a: V128, b: V128) => V128 {
  const x = A[sh.view];
  const y = B[sh.view];
  const { lanes, put } = sh;
  return (a, b) => {
    load(A, a);
    load(B, b);
    for (let i = 0; i < lanes; i++) put(i, f(x[i] as number, y[i] as number));
    return result();
  };
}

/** per lane, copy the bits of a or b (b where `takeB`) — pmin/pmax return an operand unchanged */
function pick(sh: FloatShape, takeB: NumRel): (a: V128, b: V128) => V128 {
  const x = A[sh.view];
  const y = B[sh.view];
  const { lanes, bytes } = sh;
  return (a, b) => {
    load(A, a);
    load(B, b);
    const r = R.u8;
    for (let i = 0; i < lanes; i++) {
      const src = takeB(x[i] as number, y[i] as number) ? b : a;
      for (let j = i * bytes, e = j + bytes; j < e; j++) r[j] = src[j] as number;
    }
    return result();
  };
}

/** abs / neg: clear or flip the sign bit (top bit of each lane's last byte) */
function signOp(sh: FloatShape, and: number, xor: number): (a: V128) => V128 {
  const { bytes } = sh;
  return (a) => {
    const r = new Uint8Array(a);
    for (let j = bytes - 1; j < 16; j += bytes) r[j] = ((r[j] as number) & and) ^ xor;
    return r;
  };
}

export function floatLaneOps(): Array<[string, SimdImpl]> {
  const out: Array<[string, SimdImpl]> = [];
  for (const sh of [F32, F64]) {
    for (const [op, f] of UNARY) out.push([`${sh.name}.${op}`, unaryF(sh, f)]);
    for (const [op, f] of BINARY) out.push([`${sh.name}.${op}`, binaryF(sh, f)]);
    for (const [op, f] of CMP) out.push([`${sh.name}.${op}`, compare(sh.view, f)]);
    for (const [op, f] of PICK) out.push([`${sh.name}.${op}`, pick(sh, f)]);
    out.push([`${sh.name}.abs`, signOp(sh, 0x7f, 0)]);
    out.push([`${sh.name}.neg`, signOp(sh, 0xff, 0x80)]);
  }
  return out;
}
