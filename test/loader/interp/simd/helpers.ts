/** Test helpers: build v128 values from lane lists and call SIMD_OPS entries by name. */

import { SIMD_OPS } from '../../../../loader/interp/simd/index.js';

const buf = new ArrayBuffer(16);
const views = {
  i8: new Int8Array(buf),
  u8: new Uint8Array(buf),
  i16: new Int16Array(buf),
  i32: new Int32Array(buf),
  u32: new Uint32Array(buf),
  i64: new BigInt64Array(buf),
  f32: new Float32Array(buf),
  f64: new Float64Array(buf),
};
type Kind = keyof typeof views;

function build(kind: Kind, lanes: ReadonlyArray<number | bigint>): Uint8Array {
  const v = views[kind] as unknown as { length: number; [i: number]: number | bigint };
  if (lanes.length !== v.length) throw new Error(`${kind}: expected ${v.length} lanes`);
  lanes.forEach((x, i) => (v[i] = x));
  return views.u8.slice();
}
function read(kind: Kind, v: Uint8Array): Array<number | bigint> {
  views.u8.set(v);
  return Array.from(views[kind] as ArrayLike<number | bigint>);
}

export const i8 = (...l: number[]): Uint8Array => build('i8', l);
export const i16 = (...l: number[]): Uint8Array => build('i16', l);
export const i32 = (...l: number[]): Uint8Array => build('i32', l);
export const u32 = (...l: number[]): Uint8Array => build('u32', l);
export const i64 = (...l: bigint[]): Uint8Array => build('i64', l);
/** f32 lanes given as bit patterns */
export const f32bits = (...l: number[]): Uint8Array => build('u32', l);
export const f32 = (...l: number[]): Uint8Array => build('f32', l);
export const f64 = (...l: number[]): Uint8Array => build('f64', l);
/** f64 lanes given as bit patterns */
export const f64bits = (...l: bigint[]): Uint8Array => build('i64', l.map((x) => BigInt.asIntN(64, x)));

export const asI8 = (v: Uint8Array): number[] => read('i8', v) as number[];
export const asU8 = (v: Uint8Array): number[] => read('u8', v) as number[];
export const asI16 = (v: Uint8Array): number[] => read('i16', v) as number[];
export const asI32 = (v: Uint8Array): number[] => read('i32', v) as number[];
export const asU32 = (v: Uint8Array): number[] => read('u32', v) as number[];
export const asI64 = (v: Uint8Array): bigint[] => read('i64', v) as bigint[];
export const asF32 = (v: Uint8Array): number[] => read('f32', v) as number[];
export const asF64 = (v: Uint8Array): number[] => read('f64', v) as number[];
/** f64 lanes as unsigned bit patterns */
export const asF64Bits = (v: Uint8Array): bigint[] => (read('i64', v) as bigint[]).map((x) => BigInt.asUintN(64, x));

/** call the implementation of `name` */
export function op(name: string, ...args: unknown[]): unknown {
  const f = SIMD_OPS.get(name);
  if (f === undefined) throw new Error(`no SIMD op ${name}`);
  return (f as (...a: unknown[]) => unknown)(...args);
}
/** call an op that returns a v128 */
export const vop = (name: string, ...args: unknown[]): Uint8Array => op(name, ...args) as Uint8Array;

export const rep = <T>(x: T, n: number): T[] => Array.from({ length: n }, () => x);
