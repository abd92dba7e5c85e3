/**
 * Edge lanes per SIMD instruction: for the instructions whose semantics have corner cases at
 * particular inputs (spec §4.3.2 `trunc_sat`, `iq15mulr_sat_s`, `narrow`, `sat_s/u`, `fmin`/
 * `fmax`/`fpmin`/`fpmax` on ±0 and NaN, `fnearest` ties, unsigned conversion rounding …), the
 * lane values that sit on those corners, in the shape the instruction reads. simd-body.ts makes
 * some operands of such an instruction from these lanes, so that e.g. `i32x4.trunc_sat_f32x4_s`
 * sees 2^31 exactly and `q15mulr_sat_s` sees −32768 × −32768 often enough to matter.
 * Lane values: i8/i16/i32 as signed numbers, f32 as bits (number), i64 and f64 bits as bigints.
 */

import { LANE_BYTES, type Shape } from './simd-values.js';
import type { Rng } from './rng.js';

export interface Edges {
  readonly shape: Shape;
  readonly values: readonly (number | bigint)[];
}

const F32_ZEROS_NANS = [0, 0x80000000, 0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0x3f800000, 0xbf800000];
const F64_ZEROS_NANS = [0n, 0x8000000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x3ff0000000000000n];
const F32_ROUNDING = [0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000, 0x3ecccccd, 0xbecccccd, 0x4b000001, 0xcb000001, 0x4affffff, 0, 0x80000000];
const F64_ROUNDING = [
  0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n, 0xbff8000000000000n, 0x4004000000000000n, 0xc004000000000000n,
  0x3fd999999999999an, 0xbfd999999999999an, 0x4330000000000001n, 0xc330000000000001n, 0x432fffffffffffffn, 0n, 0x8000000000000000n,
];
const INT_EDGES: Readonly<Record<'i8x16' | 'i16x8' | 'i32x4', readonly number[]>> = {
  i8x16: [-128, 127, -1, 0, 1, -127, 126],
  i16x8: [-32768, 32767, -1, 0, 1, -32767, 0x4000, -0x4000, 0xff, 0x100, -0x81, -0x80, 0x7f, 0x80],
  i32x4: [-0x80000000, 0x7fffffff, -1, 0, 1, -0x8000, 0x7fff, -0x8001, 0x8000, 0xffff, 0x10000, 0x1000001, -0x1000001],
};

/** first matching row wins; `null` shape means the instruction's own operand shape */
const EDGE_ROWS: ReadonlyArray<[RegExp, Shape | null, readonly (number | bigint)[]]> = [
  [/trunc_sat_f32x4/, 'f32x4', [
    0x4effffff, 0x4f000000, 0x4f000001, 0xceffffff, 0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000,
    0xbf000000, 0xbf7fffff, 0xbf800000, 0x3f7fffff, 0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0x80000000,
  ]],
  [/trunc_sat_f64x2/, 'f64x2', [
    0x41dfffffffc00000n, 0x41dfffffffe00000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000100000n,
    0xc1e0000000200000n, 0x41efffffffe00000n, 0x41effffffff00000n, 0x41f0000000000000n, 0xbfe0000000000000n,
    0xbff0000000000000n, 0x7ff8000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x8000000000000000n,
  ]],
  [/convert_(low_)?i32x4_u/, 'i32x4', [-1, -0x80000000, 0x7fffffff, -0x7fffffff, 0x1000001, 0x1000003, -2, 0]],
  [/convert_(low_)?i32x4_s/, 'i32x4', [-0x80000000, 0x7fffffff, 0x1000001, -0x1000001, 0x1000003, -1, 0]],
  [/demote_f64x2/, 'f64x2', [
    0x47efffffe0000000n, 0x47efffffefffffffn, 0x47effffff0000000n, 0x36a0000000000000n, 0x3690000000000000n,
    0x3690000000000001n, 0x3ff0000010000000n, 0x3ff0000030000000n, ...F64_ZEROS_NANS,
  ]],
  [/^f32x4\.(min|max|pmin|pmax)$/, 'f32x4', F32_ZEROS_NANS],
  [/^f64x2\.(min|max|pmin|pmax)$/, 'f64x2', F64_ZEROS_NANS],
  [/^f32x4\.(nearest|ceil|floor|trunc)$/, 'f32x4', F32_ROUNDING],
  [/^f64x2\.(nearest|ceil|floor|trunc)$/, 'f64x2', F64_ROUNDING],
  [/q15mulr|dot_i16x8/, 'i16x8', [-32768, 32767, -1, 1, 0x4000, -0x4000]],
  [/narrow_i16x8/, 'i16x8', [-129, -128, 127, 128, 255, 256, -1, 0, 0x7fff, -0x8000]],
  [/narrow_i32x4/, 'i32x4', [-32769, -32768, 32767, 32768, 65535, 65536, -1, 0, 0x7fffffff, -0x80000000]],
  // any other i8x16 / i16x8 / i32x4 row: the range ends of the shape it reads (INT_EDGES)
  [/^i(8x16|16x8|32x4)\./, null, []],
];

/** the edge lanes of an instruction (by text name, with its operand shape), or null */
export function edgesFor(name: string, operandShape: Shape | null): Edges | null {
  for (const [re, shape, values] of EDGE_ROWS) {
    if (!re.test(name)) continue;
    const s = shape ?? operandShape;
    if (s === null) return null;
    // the integer rows: the shape's own boundaries
    const vs = values.length > 0 ? values : INT_EDGES[s as keyof typeof INT_EDGES];
    return vs === undefined ? null : { shape: s, values: vs };
  }
  return null;
}

/** writes lane value v (see the header for its form) at byte `at` of `out` */
function setLane(out: Uint8Array, shape: Shape, at: number, v: number | bigint): void {
  const d = new DataView(out.buffer, out.byteOffset, 16);
  const n = LANE_BYTES[shape];
  if (n === 8) d.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true);
  else if (n === 4) d.setUint32(at, Number(v) >>> 0, true);
  else if (n === 2) d.setUint16(at, Number(v) & 0xffff, true);
  else out[at] = Number(v) & 0xff;
}

/**
 * a v128 of edge values: one in every lane, or in most lanes (the rest from `other`, e.g. a
 * random constant)
 */
export function edgeV128(rng: Rng, e: Edges, other: Uint8Array): Uint8Array {
  const out = other.slice();
  const n = LANE_BYTES[e.shape];
  const one = rng.chance(0.3) ? rng.pick(e.values) : null;
  for (let at = 0; at < 16; at += n) {
    if (one !== null) setLane(out, e.shape, at, one);
    else if (rng.chance(0.75)) setLane(out, e.shape, at, rng.pick(e.values));
  }
  return out;
}
