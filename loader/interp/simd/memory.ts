/**
 * SIMD-128 memory instructions (spec §4.4.7 memory instructions, v128 forms): v128.load,
 * load8x8/16x4/32x2 _s/_u (extend), load*_splat, load*_zero, load*_lane, v128.store,
 * store*_lane. Every implementation takes the linear memory bytes and the effective address
 * ea = (address >>> 0) + offset as a double (may exceed 2^32), checks ea + width against the
 * memory length and traps with "out of bounds memory access". Bytes are copied unchanged.
 */

import { KilnTrap } from '../../trap.js';
import { A, R, putI64, result, type NumView } from './scratch.js';
import type { SimdImpl } from './types.js';

type V128 = Uint8Array;

function check(mem: Uint8Array, ea: number, width: number): void {
  if (ea + width > mem.length) throw new KilnTrap('out of bounds memory access');
}

function load(mem: Uint8Array, ea: number): V128 {
  check(mem, ea, 16);
  const r = new Uint8Array(16);
  for (let j = 0; j < 16; j++) r[j] = mem[ea + j] as number;
  return r;
}

function store(mem: Uint8Array, ea: number, v: V128): void {
  check(mem, ea, 16);
  for (let j = 0; j < 16; j++) mem[ea + j] = v[j] as number;
}

/** load 8 bytes and widen each of their lanes (read through `view`) to twice the width */
function loadExtend(view: NumView, put: (i: number, v: number) => void): (mem: Uint8Array, ea: number) => V128 {
  const x = A[view];
  const lanes = x.length / 2;
  return (mem, ea) => {
    check(mem, ea, 8);
    for (let j = 0; j < 8; j++) A.u8[j] = mem[ea + j] as number;
    for (let i = 0; i < lanes; i++) put(i, x[i] as number);
    return result();
  };
}

/** load `width` bytes and repeat them in every lane */
function loadSplat(width: number): (mem: Uint8Array, ea: number) => V128 {
  return (mem, ea) => {
    check(mem, ea, width);
    const r = new Uint8Array(16);
    for (let j = 0; j < 16; j++) r[j] = mem[ea + (j % width)] as number;
    return r;
  };
}

/** load `width` bytes into lane 0, the other bytes zero */
function loadZero(width: number): (mem: Uint8Array, ea: number) => V128 {
  return (mem, ea) => {
    check(mem, ea, width);
    const r = new Uint8Array(16);
    for (let j = 0; j < width; j++) r[j] = mem[ea + j] as number;
    return r;
  };
}

/** replace lane `lane` (of `width` bytes) of v with bytes loaded from memory */
function loadLane(width: number): (mem: Uint8Array, ea: number, v: V128, lane: number) => V128 {
  return (mem, ea, v, lane) => {
    check(mem, ea, width);
    const r = new Uint8Array(v);
    const o = lane * width;
    for (let j = 0; j < width; j++) r[o + j] = mem[ea + j] as number;
    return r;
  };
}

/** store lane `lane` (of `width` bytes) of v */
function storeLane(width: number): (mem: Uint8Array, ea: number, v: V128, lane: number) => void {
  return (mem, ea, v, lane) => {
    check(mem, ea, width);
    const o = lane * width;
    for (let j = 0; j < width; j++) mem[ea + j] = v[o + j] as number;
  };
}

/** [name, view of the 8 loaded bytes, result lane store] */
const EXTEND: ReadonlyArray<[string, NumView, (i: number, v: number) => void]> = [
  ['v128.load8x8_s', 'i8', (i, v) => { R.i16[i] = v; }],
  ['v128.load8x8_u', 'u8', (i, v) => { R.i16[i] = v; }],
  ['v128.load16x4_s', 'i16', (i, v) => { R.i32[i] = v; }],
  ['v128.load16x4_u', 'u16', (i, v) => { R.i32[i] = v; }],
  ['v128.load32x2_s', 'i32', (i, v) => putI64(R, i, v)],
  ['v128.load32x2_u', 'u32', (i, v) => putI64(R, i, v)],
];

export function memoryOps(): Array<[string, SimdImpl]> {
  const out: Array<[string, SimdImpl]> = [
    ['v128.load', load],
    ['v128.store', store],
    ['v128.load32_zero', loadZero(4)],
    ['v128.load64_zero', loadZero(8)],
  ];
  for (const [name, view, put] of EXTEND) out.push([name, loadExtend(view, put)]);
  for (const width of [1, 2, 4, 8]) {
    const bits = width * 8;
    out.push([`v128.load${bits}_splat`, loadSplat(width)]);
    out.push([`v128.load${bits}_lane`, loadLane(width)]);
    out.push([`v128.store${bits}_lane`, storeLane(width)]);
  }
  return out;
}
