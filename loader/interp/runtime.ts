/**
 * Runtime helpers called by generated code for table, reference and bulk-memory
 * instructions (spec §4.4.6 table instructions, §4.4.7 memory instructions, §4.4.8
 * call_indirect). Each performs the spec's bounds checks before any write, so a trapping
 * bulk operation leaves memory/tables unchanged (Wasm 2.0 semantics).
 */

import type { RefValue } from '../api.js';
import type { Func } from '../instance/func.js';
import type { Memory } from '../instance/memory.js';
import type { Table } from '../instance/table.js';
import { trap } from './frames.js';

/** call_indirect's checks; returns the callee */
export function ci(t: Table, i: number, typeId: number): Func {
  const elems = t.elems;
  if (i >>> 0 >= elems.length) throw trap('undefined element');
  const f = elems[i] as Func | null;
  if (f === null) throw trap('uninitialized element');
  if (f.typeId !== typeId) throw trap('indirect call type mismatch');
  return f;
}

export function tget(t: Table, i: number): RefValue {
  if (i >>> 0 >= t.elems.length) throw trap('out of bounds table access');
  return t.elems[i] as RefValue;
}
export function tset(t: Table, i: number, v: RefValue): void {
  if (i >>> 0 >= t.elems.length) throw trap('out of bounds table access');
  t.elems[i] = v;
}
export function tgrow(t: Table, init: RefValue, n: number): number {
  return t.grow(n >>> 0, init);
}
export function tfill(t: Table, i: number, v: RefValue, n: number): void {
  i >>>= 0;
  n >>>= 0;
  if (i + n > t.elems.length) throw trap('out of bounds table access');
  const e = t.elems;
  for (let k = 0; k < n; k++) e[i + k] = v;
}
export function tcopy(td: Table, ts: Table, d: number, s: number, n: number): void {
  d >>>= 0;
  s >>>= 0;
  n >>>= 0;
  if (s + n > ts.elems.length || d + n > td.elems.length) throw trap('out of bounds table access');
  const de = td.elems;
  const se = ts.elems;
  if (d <= s) for (let k = 0; k < n; k++) de[d + k] = se[s + k] as RefValue;
  else for (let k = n - 1; k >= 0; k--) de[d + k] = se[s + k] as RefValue;
}
export function tinit(t: Table, segs: RefValue[][], seg: number, d: number, s: number, n: number): void {
  d >>>= 0;
  s >>>= 0;
  n >>>= 0;
  const src = segs[seg] as RefValue[];
  if (s + n > src.length || d + n > t.elems.length) throw trap('out of bounds table access');
  const de = t.elems;
  for (let k = 0; k < n; k++) de[d + k] = src[s + k] as RefValue;
}

export function mfill(m: Memory, d: number, v: number, n: number): void {
  d >>>= 0;
  n >>>= 0;
  if (d + n > m.len) throw trap('out of bounds memory access');
  m.u8.fill(v & 255, d, d + n);
}
export function mcopy(m: Memory, d: number, s: number, n: number): void {
  d >>>= 0;
  s >>>= 0;
  n >>>= 0;
  if (s + n > m.len || d + n > m.len) throw trap('out of bounds memory access');
  m.u8.copyWithin(d, s, s + n);
}
export function minit(m: Memory, segs: Uint8Array[], seg: number, d: number, s: number, n: number): void {
  d >>>= 0;
  s >>>= 0;
  n >>>= 0;
  const src = segs[seg] as Uint8Array;
  if (s + n > src.length || d + n > m.len) throw trap('out of bounds memory access');
  m.u8.set(src.subarray(s, s + n), d);
}

export const RUNTIME_HELPERS = { ci, tget, tset, tgrow, tfill, tcopy, tinit, mfill, mcopy, minit, trap };
