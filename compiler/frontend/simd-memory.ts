/**
 * Vector memory instructions (spec §4.4.7): `v128.load` / `v128.store` are `load.v128` /
 * `store.v128`; every narrower form is the scalar access of its width (bounds-checked as
 * usual, memory.ts `address`) and a vector row:
 *
 *     v128.load8x8_s      load.i64 → v128.from_i64 → i16x8.extend_low_i8x16_s
 *     v128.load16_splat   uload16.i32 → i16x8.splat
 *     v128.load32_zero    load.i32 → v128.from_i32
 *     v128.load8_lane     uload8.i32 → i8x16.replace_lane
 *     v128.store16_lane   i16x8.extract_lane_u → istore16.i32
 *
 * A target may fuse the pair into one instruction; the IR keeps one meaning per row.
 */

import { opByName as wasmOp } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import { op } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { address } from './memory.js';
import { recordSimdRows } from './simd.js';
import type { Translator } from './translator.js';

type Handler = (t: Translator, ins: Instr) => void;

const out: [number, Handler][] = [];
/** the wasm opcode id of `name`, noting the IR rows `rows` (v128 ones and scalar) it becomes */
const wasm = (name: string, rows: readonly number[]): number => {
  const info = wasmOp(name);
  if (info === undefined) throw new Error(`frontend: no wasm opcode ${name}`);
  recordSimdRows(info.id, rows);
  return info.id;
};

/** a scalar access: [IR load row, IR store row, value type] by width in bytes */
const SCALAR: Readonly<Record<number, readonly [string, string, Type]>> = {
  1: ['uload8.i32', 'istore8.i32', Type.I32],
  2: ['uload16.i32', 'istore16.i32', Type.I32],
  4: ['load.i32', 'store.i32', Type.I32],
  8: ['load.i64', 'store.i64', Type.I64],
  16: ['load.v128', 'store.v128', Type.V128],
};

/** `name`: load `size` bytes, then apply the vector rows `then` in order (none: a whole v128) */
function load(name: string, size: number, ...then: string[]): void {
  const ld = op((SCALAR[size] as readonly [string, string, Type])[0]);
  const rows = then.map(op);
  out.push([
    wasm(name, [ld, ...rows]),
    (t, ins) => {
      const offset = ins.b >>> 0;
      const addr = address(t, t.pop(), offset, size);
      let v = t.f.result(t.b.emit(ld, 1, addr, 0, 0, offset | 0, 0), 0);
      for (const r of rows) v = t.f.result(t.b.emit(r, 1, v, 0, 0), 0);
      t.push(v);
    },
  ]);
}

/** `name`: load `size` bytes into lane `ins.c` of the vector operand (`replace` row) */
function loadLane(name: string, size: number, replace: string): void {
  const ld = op((SCALAR[size] as readonly [string, string, Type])[0]);
  const rep = op(replace);
  out.push([
    wasm(name, [ld, rep]),
    (t, ins) => {
      const offset = ins.b >>> 0;
      const vec = t.pop();
      const addr = address(t, t.pop(), offset, size);
      const x = t.f.result(t.b.emit(ld, 1, addr, 0, 0, offset | 0, 0), 0);
      t.push(t.f.result(t.b.emit(rep, 2, vec, x, 0, ins.c), 0));
    },
  ]);
}

/** `name`: store lane `ins.c` (the `extract` row; none: the whole vector) as `size` bytes */
function storeLane(name: string, size: number, extract: string | null): void {
  const st = op((SCALAR[size] as readonly [string, string, Type])[1]);
  const ext = extract === null ? -1 : op(extract);
  out.push([
    wasm(name, ext < 0 ? [st] : [st, ext]),
    (t, ins) => {
      const offset = ins.b >>> 0;
      const vec = t.pop();
      const addr = address(t, t.pop(), offset, size);
      const x = ext < 0 ? vec : t.f.result(t.b.emit(ext, 1, vec, 0, 0, ins.c), 0);
      t.b.emit(st, 2, addr, x, 0, offset | 0, 0);
    },
  ]);
}

load('v128.load', 16);
const EXTEND: readonly (readonly [string, string])[] = [
  ['8x8', 'i16x8.extend_low_i8x16'],
  ['16x4', 'i32x4.extend_low_i16x8'],
  ['32x2', 'i64x2.extend_low_i32x4'],
];
for (const [form, extend] of EXTEND) {
  for (const u of ['s', 'u']) load(`v128.load${form}_${u}`, 8, 'v128.from_i64', `${extend}_${u}`);
}
load('v128.load8_splat', 1, 'i8x16.splat');
load('v128.load16_splat', 2, 'i16x8.splat');
load('v128.load32_splat', 4, 'i32x4.splat');
load('v128.load64_splat', 8, 'i64x2.splat');
load('v128.load32_zero', 4, 'v128.from_i32');
load('v128.load64_zero', 8, 'v128.from_i64');
loadLane('v128.load8_lane', 1, 'i8x16.replace_lane');
loadLane('v128.load16_lane', 2, 'i16x8.replace_lane');
loadLane('v128.load32_lane', 4, 'i32x4.replace_lane');
loadLane('v128.load64_lane', 8, 'i64x2.replace_lane');
storeLane('v128.store', 16, null);
storeLane('v128.store8_lane', 1, 'i8x16.extract_lane_u');
storeLane('v128.store16_lane', 2, 'i16x8.extract_lane_u');
storeLane('v128.store32_lane', 4, 'i32x4.extract_lane');
storeLane('v128.store64_lane', 8, 'i64x2.extract_lane');

export function simdMemoryHandlers(): [number, Handler][] {
  return out;
}
