/**
 * Constant folding of vector rows (fold.ts calls these): an instruction whose operands are all
 * constants becomes a `vconst` (or, for a lane read, an `iconst` / `fconst`). Folded: splats,
 * lane extracts and replacements, `v128.from_i32/i64`, the bitwise rows (`not`, `and`,
 * `andnot`, `or`, `xor`, `bitselect`), `i8x16.shuffle`, `v128.any_true`, and the wrapping
 * integer `add`, `sub`, `mul` and `eq`/`ne` of the i8x16, i16x8 and i32x4 shapes: the rows
 * whose result is fixed bit for bit. Float lane arithmetic is left alone (NaN results may have
 * any payload the target gives; folding one here would pick one), and so are the other rows.
 *
 * Lane arithmetic is on JavaScript numbers (lanes of at most 32 bits); scalars enter and leave
 * as the bigints of fold-values.ts.
 */

import type { Func } from '../ir/func.js';
import { op, type OpRow } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { defOf, floatBits, intConst, toFconst, toIconst } from './fold-values.js';

type Folder = (f: Func, i: number, row: OpRow) => boolean;

const VCONST = op('vconst');

/** the 16 bytes value v is when a `vconst` defines it (through copies), else null */
function vecConst(f: Func, v: number): Uint8Array | null {
  const d = defOf(f, v);
  if (d < 0 || f.instOp[d] !== VCONST) return null;
  const n = f.instImm0[d] as number;
  const b = new Uint8Array(16);
  for (let k = 0; k < 16; k++) b[k] = f.v128Byte(n, k);
  return b;
}

/** rewrite inst i (one v128 result) into `vconst` of these bytes */
function toVconst(f: Func, i: number, bytes: Uint8Array): void {
  f.instOp[i] = VCONST;
  f.instImm0[i] = f.addV128(bytes);
  f.instImm1[i] = 0;
  f.instOperandCount[i] = 0;
}

/** the vector operands of inst i, or null unless all n of them are constants */
function vecOperands(f: Func, i: number, n: number): Uint8Array[] | null {
  const out: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const b = vecConst(f, f.operand(i, k));
    if (b === null) return null;
    out.push(b);
  }
  return out;
}

/** bytes per lane of a shape name */
const LANE_BYTES: Readonly<Record<string, number>> = { i8x16: 1, i16x8: 2, i32x4: 4, i64x2: 8, f32x4: 4, f64x2: 8 };
const shapeOf = (row: OpRow): string => row.name.slice(0, row.name.indexOf('.'));

/** unsigned value of `size` (1, 2, 4) bytes at `at` */
function readU(b: Uint8Array, at: number, size: number): number {
  let x = 0;
  for (let k = size - 1; k >= 0; k--) x = x * 256 + (b[at + k] as number);
  return x;
}

/** `size` (1..8) little-endian bytes of x at `at`: x as a bigint for 8, else a number */
function writeLane(b: Uint8Array, at: number, size: number, x: bigint): void {
  let v = x;
  for (let k = 0; k < size; k++, v >>= 8n) b[at + k] = Number(v & 0xffn);
}

// ---- lanes ----

/** the scalar constant an operand is, as a bigint of its bits, or null */
function scalarBits(f: Func, v: number): bigint | null {
  const t = f.valueType[v];
  return t === Type.F32 || t === Type.F64 ? floatBits(f, v) : intConst(f, v);
}

const splat: Folder = (f, i, row) => {
  const x = scalarBits(f, f.operand(i, 0));
  if (x === null) return false;
  const size = LANE_BYTES[shapeOf(row)] as number;
  const b = new Uint8Array(16);
  for (let at = 0; at < 16; at += size) writeLane(b, at, size, x);
  toVconst(f, i, b);
  return true;
};

const fromScalar: Folder = (f, i, row) => {
  const x = intConst(f, f.operand(i, 0));
  if (x === null) return false;
  const b = new Uint8Array(16);
  writeLane(b, 0, row.name === 'v128.from_i64' ? 8 : 4, x);
  toVconst(f, i, b);
  return true;
};

const extractLane: Folder = (f, i, row) => {
  const v = vecOperands(f, i, 1);
  if (v === null) return false;
  const b = v[0] as Uint8Array;
  const size = LANE_BYTES[shapeOf(row)] as number;
  const at = size * (f.instImm0[i] as number);
  const t = row.results?.[0] as Type;
  if (size === 8) {
    const bits = (BigInt(readU(b, at + 4, 4)) << 32n) + BigInt(readU(b, at, 4));
    if (t === Type.F64) toFconst(f, i, t, bits);
    else toIconst(f, i, t, bits);
    return true;
  }
  let x = readU(b, at, size);
  if (row.name.endsWith('_s') && x >= 2 ** (8 * size - 1)) x -= 2 ** (8 * size);
  if (t === Type.F32) toFconst(f, i, t, BigInt(x));
  else toIconst(f, i, t, BigInt(x));
  return true;
};

const replaceLane: Folder = (f, i, row) => {
  const v = vecOperands(f, i, 1);
  const x = scalarBits(f, f.operand(i, 1));
  if (v === null || x === null) return false;
  const b = v[0] as Uint8Array;
  const size = LANE_BYTES[shapeOf(row)] as number;
  writeLane(b, size * (f.instImm0[i] as number), size, x);
  toVconst(f, i, b);
  return true;
};

const shuffle: Folder = (f, i) => {
  const v = vecOperands(f, i, 2);
  if (v === null) return false;
  const [a, c] = v as [Uint8Array, Uint8Array];
  const n = f.instImm0[i] as number;
  const out = new Uint8Array(16);
  for (let k = 0; k < 16; k++) {
    const idx = f.v128Byte(n, k);
    out[k] = (idx < 16 ? a[idx] : c[idx - 16]) as number;
  }
  toVconst(f, i, out);
  return true;
};

const anyTrue: Folder = (f, i) => {
  const v = vecOperands(f, i, 1);
  if (v === null) return false;
  toIconst(f, i, Type.I32, (v[0] as Uint8Array).some((x) => x !== 0) ? 1n : 0n);
  return true;
};

// ---- bitwise: byte by byte ----

const BITWISE: Readonly<Record<string, (x: readonly number[]) => number>> = {
  'v128.not': ([a]) => ~(a as number),
  'v128.and': ([a, b]) => (a as number) & (b as number),
  'v128.andnot': ([a, b]) => (a as number) & ~(b as number),
  'v128.or': ([a, b]) => (a as number) | (b as number),
  'v128.xor': ([a, b]) => (a as number) ^ (b as number),
  'v128.bitselect': ([a, b, c]) => ((a as number) & (c as number)) | ((b as number) & ~(c as number)),
};

const bitwise: Folder = (f, i, row) => {
  const fn = BITWISE[row.name] as (x: readonly number[]) => number;
  const v = vecOperands(f, i, row.operands.length);
  if (v === null) return false;
  const out = new Uint8Array(16);
  for (let k = 0; k < 16; k++) out[k] = fn(v.map((b) => b[k] as number)) & 0xff;
  toVconst(f, i, out);
  return true;
};

// ---- integer lanes, wrapping (i8x16, i16x8, i32x4) ----

const INT_LANE: Readonly<Record<string, (a: number, b: number, bits: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b, bits) => (bits === 32 ? Math.imul(a, b) : a * b),
  eq: (a, b) => (a === b ? -1 : 0),
  ne: (a, b) => (a !== b ? -1 : 0),
};

const intLanes: Folder = (f, i, row) => {
  const fn = INT_LANE[row.name.slice(row.name.indexOf('.') + 1)] as (a: number, b: number, bits: number) => number;
  const v = vecOperands(f, i, 2);
  if (v === null) return false;
  const [a, b] = v as [Uint8Array, Uint8Array];
  const size = LANE_BYTES[shapeOf(row)] as number;
  const out = new Uint8Array(16);
  for (let at = 0; at < 16; at += size) {
    const r = fn(readU(a, at, size), readU(b, at, size), 8 * size);
    // r is exact below 2^53 (products of i16 lanes, sums, differences, imul): keep its low bytes
    let x = r < 0 ? r + 2 ** 53 : r;
    for (let k = 0; k < size; k++) {
      out[at + k] = x % 256;
      x = Math.floor(x / 256);
    }
  }
  toVconst(f, i, out);
  return true;
};

/** per row name: its folder */
export const VECTOR_FOLDERS: ReadonlyMap<string, Folder> = (() => {
  const m = new Map<string, Folder>();
  for (const s of ['i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2']) {
    m.set(`${s}.splat`, splat);
    m.set(`${s}.replace_lane`, replaceLane);
    for (const e of s === 'i8x16' || s === 'i16x8' ? ['extract_lane_s', 'extract_lane_u'] : ['extract_lane']) m.set(`${s}.${e}`, extractLane);
  }
  m.set('v128.from_i32', fromScalar);
  m.set('v128.from_i64', fromScalar);
  m.set('i8x16.shuffle', shuffle);
  m.set('v128.any_true', anyTrue);
  for (const n of Object.keys(BITWISE)) m.set(n, bitwise);
  for (const s of ['i8x16', 'i16x8', 'i32x4']) {
    for (const o of ['add', 'sub', 'eq', 'ne']) m.set(`${s}.${o}`, intLanes);
  }
  m.set('i16x8.mul', intLanes);
  m.set('i32x4.mul', intLanes);
  return m;
})();
