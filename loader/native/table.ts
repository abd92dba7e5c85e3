/**
 * Tables in native memory: an array of 8-byte references (funcref record addresses or
 * externref handles, 0 = null). Every vmctx using the table holds its base and size
 * (compiler/vmctx.ts: base at +0, i32 size at +8 of the table's 16-byte entry); growing past
 * the capacity moves the array, so grow updates base and size in every user. The WasmTable
 * methods map pointers to RefValues through the engine's RefTable.
 */

import { KilnError } from '../../formats/errors.js';
import type { TableType } from '../../formats/wasm/types.js';
import type { RefValue, WasmTable } from '../api.js';
import { MAX_TABLE_ELEMS } from '../instance/table.js';
import { NativeBlock, putAddr } from './native-mem.js';
import type { RefHolder, RefTable } from './refs.js';

const EXTERNREF = 0x6f;
import { SlotView } from './slots.js';

interface TableUser {
  readonly dv: DataView;
  readonly at: number;
}

export class NativeTable implements WasmTable, RefHolder {
  readonly kind = 'table' as const;
  readonly type: TableType;
  private block: NativeBlock;
  private slots: SlotView;
  private length: number;
  private readonly users: TableUser[] = [];

  constructor(
    private readonly refs: RefTable,
    type: TableType,
    init: RefValue = null,
  ) {
    this.type = type;
    const n = type.limits.min;
    if (n > MAX_TABLE_ELEMS) {
      throw new KilnError('uninstantiable', `table of ${n} elements exceeds kiln's limit of ${MAX_TABLE_ELEMS} elements`);
    }
    this.block = new NativeBlock(8 * Math.max(n, 1), 'a table');
    this.slots = new SlotView(this.block.buffer);
    this.length = n;
    this.fillPtr(0, n, refs.toPtr(type.elem, init));
    if (type.elem === EXTERNREF) refs.addHolder(this);
  }

  markHandles(mark: (handle: number) => void): void {
    for (let i = 0; i < this.length; i++) {
      const p = this.slots.ptr(i);
      if (p !== 0) mark(p);
    }
  }

  /** address of the element array */
  get base(): number {
    return this.block.addr;
  }

  attach(dv: DataView, at: number): void {
    this.users.push({ dv, at });
    this.publish({ dv, at });
  }

  private publish(u: TableUser): void {
    putAddr(u.dv, u.at, this.block.addr);
    u.dv.setInt32(u.at + 8, this.length, true);
  }

  size(): number {
    return this.length;
  }

  ptrAt(i: number): number {
    return this.slots.ptr(i);
  }

  setPtr(i: number, p: number): void {
    this.slots.setPtr(i, p);
  }

  fillPtr(from: number, n: number, p: number): void {
    for (let k = 0; k < n; k++) this.slots.setPtr(from + k, p);
  }

  get(index: number): RefValue {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`table index ${index} out of bounds`);
    return this.refs.fromPtr(this.type.elem, this.slots.ptr(index));
  }

  set(index: number, value: RefValue): void {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`table index ${index} out of bounds`);
    this.slots.setPtr(index, this.refs.toPtr(this.type.elem, value));
  }

  grow(delta: number, init: RefValue): number {
    return this.growPtr(delta, this.refs.toPtr(this.type.elem, init));
  }

  /** grow with a pointer as the initial value; returns the old size or -1 */
  growPtr(delta: number, p: number): number {
    const old = this.length;
    if (!(delta >= 0)) return -1;
    const max = this.type.limits.max ?? 0xffffffff;
    const next = old + delta;
    if (next > max || next > MAX_TABLE_ELEMS) return -1;
    if (8 * next > this.block.size) {
      const cap = Math.min(Math.max(next, 2 * old, 8), max, MAX_TABLE_ELEMS);
      let grown: NativeBlock;
      try {
        grown = new NativeBlock(8 * cap, 'a table');
      } catch {
        return -1;
      }
      new Uint8Array(grown.buffer).set(new Uint8Array(this.block.buffer, 0, 8 * old));
      const prev = this.block;
      this.block = grown;
      this.slots = new SlotView(grown.buffer);
      prev.free();
    }
    this.length = next;
    this.fillPtr(old, delta, p);
    for (const u of this.users) this.publish(u);
    return old;
  }
}
