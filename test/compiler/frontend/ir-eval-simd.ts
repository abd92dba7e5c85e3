/**
 * The reference IR evaluator's vector rows (compiler/ir/vector-rows.ts), for tests only. Each
 * row's meaning is the WebAssembly SIMD operation of the same name, written here from the core
 * spec (§2.4.3 vector instructions, §4.3.2 integer and §4.3.3 float operations, §4.4.3 vector
 * instruction execution), independently of kiln's interpreter.
 *
 * A v128 is an unsigned bigint below 2^128; lane i of width w is bits [w i, w i + w), so lane 0
 * holds the lowest bytes (wasm's little-endian lane order). Lane functions see lanes as unsigned
 * bigints and may return any bigint: `join` takes each lane modulo 2^w, which is the spec's
 * wrapping. Float lanes are decoded from their bits only to compute; abs, neg, pmin and pmax work
 * on the bits, so NaN payloads survive where the spec says they do, and a computed NaN is the
 * canonical one (ir-eval-bits.ts). Scalars follow ir-eval.ts: i8/i16/i32 lanes come and go as
 * int32 numbers, i64 as signed bigints, f32 as int32 bit patterns, f64 as unsigned bigint bits.
 *
 * The evaluator is table-driven: `vectorOp(opcode)` is the function of a row, built once from
 * the tables below (lane functions by operation name, plus the families whose lanes change
 * width), and `missingVectorRows()` lists any row of vector-rows.ts that has none.
 */

import type { Func } from '../../../compiler/ir/func.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { VECTOR_ROWS } from '../../../compiler/ir/vector-rows.js';
import { fromF32, fromF64, minMax, nearest, toF32, toF64 } from './ir-eval-bits.js';
import type { Val } from './ir-eval.js';

/** a vector row: its operands (v128 as bigints), its imm0 (lane index or pool constant), the function */
export type VecOp = (ops: readonly Val[], imm: number, f: Func) => Val;

// ---- lanes ----
const MASK128 = (1n << 128n) - 1n;
const ones = (w: number): bigint => (1n << BigInt(w)) - 1n;
/** lane `x` (w bits) read as signed */
const sx = (x: bigint, w: number): bigint => BigInt.asIntN(w, x);

/** the 128 / w unsigned lanes of `v` */
export function lanes(v: bigint, w: number): bigint[] {
  const n = 128 / w;
  const m = ones(w);
  const out = new Array<bigint>(n);
  for (let i = 0, s = 0n, bw = BigInt(w); i < n; i++, s += bw) out[i] = (v >> s) & m;
  return out;
}
/** the v128 whose lane i (w bits) is ls[i] modulo 2^w; lanes past the end of `ls` are zero */
export function join(ls: readonly bigint[], w: number): bigint {
  const bw = BigInt(w);
  let v = 0n;
  for (let i = ls.length - 1; i >= 0; i--) v = (v << bw) | BigInt.asUintN(w, ls[i] as bigint);
  return v;
}
/** the v128 of 16 little-endian bytes */
export function v128FromBytes(bytes: ArrayLike<number>): bigint {
  let v = 0n;
  for (let k = 15; k >= 0; k--) v = (v << 8n) | BigInt((bytes[k] as number) & 0xff);
  return v;
}

const vec = (x: Val | undefined): bigint => x as bigint;
const map1 = (v: bigint, w: number, fn: (x: bigint) => bigint): bigint => join(lanes(v, w).map(fn), w);
function map2(a: bigint, b: bigint, w: number, fn: (x: bigint, y: bigint) => bigint): bigint {
  const ys = lanes(b, w);
  return join(lanes(a, w).map((x, i) => fn(x, ys[i] as bigint)), w);
}
/**
 * lanes `start`, `start + 1`, … of `v` at width `inW`, as many as fit at width `outW` (or as
 * `v` has), each mapped by `fn` into a lane of width `outW`; any lanes left over are zero
 */
function relane(v: bigint, inW: number, outW: number, start: number, fn: (x: bigint) => bigint): bigint {
  const src = lanes(v, inW).slice(start, start + 128 / outW);
  return join(src.map(fn), outW);
}

// ---- integer lane functions (§4.3.2) ----
type Lane1 = (x: bigint, w: number) => bigint;
type Lane2 = (x: bigint, y: bigint, w: number) => bigint;

const mask = (c: boolean, w: number): bigint => (c ? ones(w) : 0n);
/** sat_s: clamp to the signed range of w bits */
function satS(x: bigint, w: number): bigint {
  const hi = (1n << BigInt(w - 1)) - 1n;
  return x > hi ? hi : x < -hi - 1n ? -hi - 1n : x;
}
/** sat_u: clamp to the unsigned range of w bits */
const satU = (x: bigint, w: number): bigint => (x < 0n ? 0n : x > ones(w) ? ones(w) : x);
const ext = (x: bigint, w: number, signed: boolean): bigint => (signed ? sx(x, w) : x);

const INT_UNARY: Readonly<Record<string, Lane1>> = {
  abs: (x, w) => (sx(x, w) < 0n ? -sx(x, w) : x),
  neg: (x) => -x,
  popcnt: (x) => {
    let n = 0n;
    for (let r = x; r !== 0n; r >>= 1n) n += r & 1n;
    return n;
  },
};

const INT_BINARY: Readonly<Record<string, Lane2>> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  eq: (x, y, w) => mask(x === y, w),
  ne: (x, y, w) => mask(x !== y, w),
  lt_s: (x, y, w) => mask(sx(x, w) < sx(y, w), w),
  lt_u: (x, y, w) => mask(x < y, w),
  gt_s: (x, y, w) => mask(sx(x, w) > sx(y, w), w),
  gt_u: (x, y, w) => mask(x > y, w),
  le_s: (x, y, w) => mask(sx(x, w) <= sx(y, w), w),
  le_u: (x, y, w) => mask(x <= y, w),
  ge_s: (x, y, w) => mask(sx(x, w) >= sx(y, w), w),
  ge_u: (x, y, w) => mask(x >= y, w),
  add_sat_s: (x, y, w) => satS(sx(x, w) + sx(y, w), w),
  add_sat_u: (x, y, w) => satU(x + y, w),
  sub_sat_s: (x, y, w) => satS(sx(x, w) - sx(y, w), w),
  sub_sat_u: (x, y, w) => satU(x - y, w),
  avgr_u: (x, y) => (x + y + 1n) >> 1n,
  min_s: (x, y, w) => (sx(x, w) <= sx(y, w) ? x : y),
  min_u: (x, y) => (x <= y ? x : y),
  max_s: (x, y, w) => (sx(x, w) >= sx(y, w) ? x : y),
  max_u: (x, y) => (x >= y ? x : y),
  // (x y + 2^14) >> 15, rounding, saturated (i16x8 only)
  q15mulr_sat_s: (x, y, w) => satS((sx(x, w) * sx(y, w) + 0x4000n) >> 15n, w),
};

/** shifts: the count is an i32 taken modulo the lane width */
const SHIFTS: Readonly<Record<string, (x: bigint, k: bigint, w: number) => bigint>> = {
  shl: (x, k) => x << k,
  shr_s: (x, k, w) => sx(x, w) >> k,
  shr_u: (x, k) => x >> k,
};

// ---- float lane functions (§4.3.3) ----
interface Codec {
  dec: (bits: bigint) => number;
  enc: (x: number) => bigint;
}
const F32: Codec = { dec: (b) => toF32(Number(b)), enc: (x) => BigInt(fromF32(x) >>> 0) };
const F64: Codec = { dec: toF64, enc: fromF64 };
const codec = (w: number): Codec => (w === 32 ? F32 : F64);

const FLOAT_UNARY: Readonly<Record<string, (x: number) => number>> = {
  sqrt: Math.sqrt,
  ceil: Math.ceil,
  floor: Math.floor,
  trunc: Math.trunc,
  nearest,
};
/** abs and neg only touch the sign bit, NaNs included */
const FLOAT_SIGN: Readonly<Record<string, Lane1>> = {
  abs: (x, w) => x & (ones(w) >> 1n),
  neg: (x, w) => x ^ (1n << BigInt(w - 1)),
};
const FLOAT_BINARY: Readonly<Record<string, (x: number, y: number) => number>> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  min: (x, y) => minMax(x, y, false),
  max: (x, y) => minMax(x, y, true),
};
const FLOAT_COMPARE: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  eq: (x, y) => x === y,
  ne: (x, y) => x !== y,
  lt: (x, y) => x < y,
  gt: (x, y) => x > y,
  le: (x, y) => x <= y,
  ge: (x, y) => x >= y,
};
/** pseudo-min/max pick one operand's bits: pmin(a, b) = b < a ? b : a, pmax(a, b) = a < b ? b : a */
const FLOAT_PICK: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  pmin: (x, y) => y < x,
  pmax: (x, y) => x < y,
};

/** trunc_sat: NaN is 0, out-of-range values saturate (§4.3.3 `trunc_sat_u` / `trunc_sat_s`) */
function truncSat(x: number, w: number, signed: boolean): bigint {
  if (x !== x) return 0n;
  const lo = signed ? -(2 ** (w - 1)) : 0;
  const hi = signed ? 2 ** (w - 1) - 1 : 2 ** w - 1;
  return BigInt(x <= lo ? lo : x >= hi ? hi : Math.trunc(x));
}

// ---- lanes and scalars ----
const WIDTH: Readonly<Record<string, number>> = { i8x16: 8, i16x8: 16, i32x4: 32, i64x2: 64, f32x4: 32, f64x2: 64 };
/** extract_lane: the lane as the scalar the row returns */
const EXTRACT: Readonly<Record<string, (x: bigint) => Val>> = {
  'i8x16.extract_lane_s': (x) => Number(sx(x, 8)),
  'i8x16.extract_lane_u': (x) => Number(x),
  'i16x8.extract_lane_s': (x) => Number(sx(x, 16)),
  'i16x8.extract_lane_u': (x) => Number(x),
  'i32x4.extract_lane': (x) => Number(sx(x, 32)),
  'i64x2.extract_lane': (x) => sx(x, 64),
  'f32x4.extract_lane': (x) => Number(sx(x, 32)),
  'f64x2.extract_lane': (x) => x,
};

/** the rows of one shape (w-bit lanes) named by their operation */
function shapeOp(shape: string, w: number, name: string): VecOp | undefined {
  const extract = EXTRACT[`${shape}.${name}`];
  if (extract !== undefined) return ([v], lane) => extract(lanes(vec(v), w)[lane] as bigint);
  switch (name) {
    case 'splat':
      return ([x]) => join(new Array<bigint>(128 / w).fill(BigInt(x as Val)), w);
    case 'replace_lane':
      return ([v, x], lane) => {
        const ls = lanes(vec(v), w);
        ls[lane] = BigInt(x as Val);
        return join(ls, w);
      };
  }
  if (shape[0] === 'f') return floatOp(w, name);
  switch (name) {
    case 'all_true':
      return ([v]) => (lanes(vec(v), w).every((x) => x !== 0n) ? 1 : 0);
    case 'bitmask':
      return ([v]) => lanes(vec(v), w).reduce((m, x, i) => m | (Number(x >> BigInt(w - 1)) << i), 0);
  }
  const un = INT_UNARY[name];
  if (un !== undefined) return ([v]) => map1(vec(v), w, (x) => un(x, w));
  const bin = INT_BINARY[name];
  if (bin !== undefined) return ([a, b]) => map2(vec(a), vec(b), w, (x, y) => bin(x, y, w));
  const sh = SHIFTS[name];
  if (sh !== undefined) return ([v, c]) => map1(vec(v), w, (x) => sh(x, BigInt(((c as number) >>> 0) % w), w));
  return widthChanging(w, name);
}

function floatOp(w: number, name: string): VecOp | undefined {
  const c = codec(w);
  const sign = FLOAT_SIGN[name];
  if (sign !== undefined) return ([v]) => map1(vec(v), w, (x) => sign(x, w));
  const un = FLOAT_UNARY[name];
  if (un !== undefined) return ([v]) => map1(vec(v), w, (x) => c.enc(un(c.dec(x))));
  const bin = FLOAT_BINARY[name];
  if (bin !== undefined) return ([a, b]) => map2(vec(a), vec(b), w, (x, y) => c.enc(bin(c.dec(x), c.dec(y))));
  const cmp = FLOAT_COMPARE[name];
  if (cmp !== undefined) return ([a, b]) => map2(vec(a), vec(b), w, (x, y) => mask(cmp(c.dec(x), c.dec(y)), w));
  const pick = FLOAT_PICK[name];
  if (pick !== undefined) return ([a, b]) => map2(vec(a), vec(b), w, (x, y) => (pick(c.dec(x), c.dec(y)) ? y : x));
  return undefined;
}

/** integer rows whose result lanes (w bits) come from narrower or wider operand lanes */
function widthChanging(w: number, name: string): VecOp | undefined {
  const m = /^(extend|extmul)_(low|high)_i(\d+)x\d+_([su])$|^(extadd_pairwise|narrow)_i(\d+)x\d+_([su])$/.exec(name);
  if (m === null) return undefined;
  if (m[1] !== undefined) {
    const inW = Number(m[3]);
    const signed = m[4] === 's';
    const start = m[2] === 'low' ? 0 : 128 / w;
    if (m[1] === 'extend') return ([v]) => relane(vec(v), inW, w, start, (x) => ext(x, inW, signed));
    return ([a, b]) => {
      const ys = lanes(vec(b), inW).slice(start);
      let i = 0;
      return relane(vec(a), inW, w, start, (x) => ext(x, inW, signed) * ext(ys[i++] as bigint, inW, signed));
    };
  }
  const inW = Number(m[6]);
  const signed = m[7] === 's';
  if (m[5] === 'extadd_pairwise') {
    return ([v]) => {
      const xs = lanes(vec(v), inW).map((x) => ext(x, inW, signed));
      return join(xs.filter((_, i) => i % 2 === 0).map((x, i) => x + (xs[2 * i + 1] as bigint)), w);
    };
  }
  // narrow: the lanes of a then of b, read as signed, saturated to w bits (signed or unsigned)
  const sat = signed ? satS : satU;
  return ([a, b]) => join([...lanes(vec(a), inW), ...lanes(vec(b), inW)].map((x) => sat(sx(x, inW), w)), w);
}

// ---- rows that are not one shape's lane-wise operation ----
const WHOLE: Readonly<Record<string, VecOp>> = {
  vconst: (_, n, f) => v128FromBytes(Array.from({ length: 16 }, (_x, k) => f.v128Byte(n, k))),
  'v128.from_i32': ([x]) => BigInt((x as number) >>> 0),
  'v128.from_i64': ([x]) => BigInt.asUintN(64, x as bigint),
  'v128.not': ([a]) => vec(a) ^ MASK128,
  'v128.and': ([a, b]) => vec(a) & vec(b),
  'v128.andnot': ([a, b]) => vec(a) & (vec(b) ^ MASK128),
  'v128.or': ([a, b]) => vec(a) | vec(b),
  'v128.xor': ([a, b]) => vec(a) ^ vec(b),
  'v128.bitselect': ([a, b, c]) => (vec(a) & vec(c)) | (vec(b) & (vec(c) ^ MASK128)),
  'v128.any_true': ([a]) => (vec(a) !== 0n ? 1 : 0),
  // lane i: byte s[i] of a ++ b (the pool constant holds the 16 indices, each below 32)
  'i8x16.shuffle': ([a, b], n, f) => {
    const bytes = [...lanes(vec(a), 8), ...lanes(vec(b), 8)];
    return join(Array.from({ length: 16 }, (_x, i) => bytes[f.v128Byte(n, i)] as bigint), 8);
  },
  // lane i: byte b[i] of a, or 0 when b[i] >= 16
  'i8x16.swizzle': ([a, b]) => {
    const bytes = lanes(vec(a), 8);
    return map1(vec(b), 8, (k) => (k < 16n ? (bytes[Number(k)] as bigint) : 0n));
  },
  // lane i: a[2i] b[2i] + a[2i+1] b[2i+1], signed 16-bit products, wrapping at 32 bits
  'i32x4.dot_i16x8_s': ([a, b]) => {
    const ys = lanes(vec(b), 16);
    const p = lanes(vec(a), 16).map((x, i) => sx(x, 16) * sx(ys[i] as bigint, 16));
    return join([0, 1, 2, 3].map((i) => (p[2 * i] as bigint) + (p[2 * i + 1] as bigint)), 32);
  },
  'i32x4.trunc_sat_f32x4_s': ([v]) => relane(vec(v), 32, 32, 0, (x) => truncSat(F32.dec(x), 32, true)),
  'i32x4.trunc_sat_f32x4_u': ([v]) => relane(vec(v), 32, 32, 0, (x) => truncSat(F32.dec(x), 32, false)),
  'i32x4.trunc_sat_f64x2_s_zero': ([v]) => relane(vec(v), 64, 32, 0, (x) => truncSat(F64.dec(x), 32, true)),
  'i32x4.trunc_sat_f64x2_u_zero': ([v]) => relane(vec(v), 64, 32, 0, (x) => truncSat(F64.dec(x), 32, false)),
  'f32x4.convert_i32x4_s': ([v]) => relane(vec(v), 32, 32, 0, (x) => F32.enc(Number(sx(x, 32)))),
  'f32x4.convert_i32x4_u': ([v]) => relane(vec(v), 32, 32, 0, (x) => F32.enc(Number(x))),
  'f64x2.convert_low_i32x4_s': ([v]) => relane(vec(v), 32, 64, 0, (x) => F64.enc(Number(sx(x, 32)))),
  'f64x2.convert_low_i32x4_u': ([v]) => relane(vec(v), 32, 64, 0, (x) => F64.enc(Number(x))),
  'f32x4.demote_f64x2_zero': ([v]) => relane(vec(v), 64, 32, 0, (x) => F32.enc(F64.dec(x))),
  'f64x2.promote_low_f32x4': ([v]) => relane(vec(v), 32, 64, 0, (x) => F64.enc(F32.dec(x))),
};

function build(name: string): VecOp | undefined {
  const whole = WHOLE[name];
  if (whole !== undefined) return whole;
  const dot = name.indexOf('.');
  const shape = name.slice(0, dot);
  const w = WIDTH[shape];
  return w === undefined ? undefined : shapeOp(shape, w, name.slice(dot + 1));
}

const BY_NAME = new Map<string, VecOp>();
for (const [name] of VECTOR_ROWS) {
  const fn = build(name);
  if (fn !== undefined) BY_NAME.set(name, fn);
}
const BY_OPCODE: readonly (VecOp | undefined)[] = OPCODES.map((r) => BY_NAME.get(r.name));

/** the evaluator of vector row `opcode`, or undefined (not a vector row, or one it lacks) */
export const vectorOp = (opcode: number): VecOp | undefined => BY_OPCODE[opcode];

/** the rows of vector-rows.ts the evaluator has no function for (empty) */
export const missingVectorRows = (): string[] => VECTOR_ROWS.map(([n]) => n).filter((n) => !BY_NAME.has(n));
