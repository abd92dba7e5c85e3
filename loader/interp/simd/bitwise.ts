/**
 * Bitwise SIMD-128 operations on the whole 128-bit value (spec §4.4.3.x v128.vvunop /
 * vvbinop / vvternop / vvtestop): not, and, andnot, or, xor, bitselect, any_true. These are
 * pure bit operations and preserve every bit, including NaN payloads.
 */

import { A, B, C, R, load, result } from './scratch.js';
import type { SimdImpl } from './types.js';

type Word2 = (x: number, y: number) => number;

const BINARY: ReadonlyArray<[string, Word2]> = [
  ['v128.and', (x, y) => x & y],
  ['v128.andnot', (x, y) => x & ~y],
  ['v128.or', (x, y) => x | y],
  ['v128.xor', (x, y) => x ^ y],
];

function binary(f: Word2): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const x = A.i32;
  const y = B.i32;
  const r = R.i32;
  return (a, b) => {
    load(A, a);
    load(B, b);
    r[0] = f(x[0] as number, y[0] as number);
    r[1] = f(x[1] as number, y[1] as number);
    r[2] = f(x[2] as number, y[2] as number);
    r[3] = f(x[3] as number, y[3] as number);
    return result();
  };
}

function not(a: Uint8Array): Uint8Array {
  const r = new Uint8Array(16);
  for (let i = 0; i < 16; i++) r[i] = ~(a[i] as number);
  return r;
}

/** bitselect(a, b, m) = (a & m) | (b & ~m) */
function bitselect(a: Uint8Array, b: Uint8Array, m: Uint8Array): Uint8Array {
  load(A, a);
  load(B, b);
  load(C, m);
  for (let i = 0; i < 4; i++) {
    const mask = C.i32[i] as number;
    R.i32[i] = ((A.i32[i] as number) & mask) | ((B.i32[i] as number) & ~mask);
  }
  return result();
}

function anyTrue(a: Uint8Array): number {
  for (let i = 0; i < 16; i++) if (a[i] !== 0) return 1;
  return 0;
}

export function bitwiseOps(): Array<[string, SimdImpl]> {
  return [
    ...BINARY.map(([name, f]): [string, SimdImpl] => [name, binary(f)]),
    ['v128.not', not],
    ['v128.bitselect', bitselect],
    ['v128.any_true', anyTrue],
  ];
}
