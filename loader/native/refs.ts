/**
 * References as native pointers (docs/native-abi.md, "Values"): a funcref is the address of
 * a 24-byte funcref record (compiler/vmctx.ts), an externref an opaque non-zero handle, null
 * is 0. One RefTable per engine maps both ways. A function of another engine (or a host
 * function) that reaches native code gets a record whose code is an exit trampoline, made on
 * first use by `foreignRecord`. Records live as long as the engine (instances are not
 * collected yet; docs/native.md, "What is left"). Externref handles are slots of a bounded
 * table: when it is full, a collection (`collect`) keeps the handles that tables, globals,
 * live wasm frames (found with the stack maps, gc.ts) and not-yet-settled JS conversions
 * hold, and frees the rest for reuse.
 */

import { KilnError } from '../../formats/errors.js';
import type { ValType } from '../../formats/wasm/types.js';
import type { ExternRef, RefValue, WasmFunction } from '../api.js';
import { rangeHolding, type AddressRange } from './ranges.js';
import type { RefCodec } from './slots.js';

/** what every native function object exposes: the address of its funcref record */
export interface HasRecord {
  readonly record: number;
}

export function hasRecord(f: WasmFunction): f is WasmFunction & HasRecord {
  return typeof (f as Partial<HasRecord>).record === 'number';
}

/** something that holds externref handles outside the wasm stack: a table, a global */
export interface RefHolder {
  /** calls `mark` with every handle it holds */
  markHandles(mark: (handle: number) => void): void;
}

/** the handle table's default capacity (handles), before it first grows */
export const DEFAULT_HANDLE_CAPACITY = 1 << 16;

interface RecordRange extends AddressRange {
  readonly stride: number;
  readonly at: (k: number) => WasmFunction;
}

export class RefTable implements RefCodec {
  private readonly funcs = new Map<number, WasmFunction>();
  /** instances' records, sorted by address */
  private readonly ranges: RecordRange[] = [];
  private readonly foreign = new WeakMap<WasmFunction, number>();
  /** externref handles: handle h is entry h / 8 - 1 (undefined when free) */
  private readonly externs: (ExternRef | undefined)[] = [];
  private readonly handles = new Map<ExternRef, number>();
  private readonly free: number[] = [];
  /** handles made since control last went into wasm: only JS holds them yet */
  private readonly young: number[] = [];
  private readonly holders = new Set<RefHolder>();
  private stackRoots: (mark: (handle: number) => void) => void = () => {};
  private marks = new Uint8Array(0);
  /** how many handles the table may hold before it collects */
  capacity = DEFAULT_HANDLE_CAPACITY;
  /** collections so far, and the most handles ever live at once */
  readonly stats = { collections: 0, freed: 0, peak: 0, grown: 0 };

  /** `foreignRecord(f)` makes a record for a function that has none (an exit-trampoline record) */
  constructor(private readonly foreignRecord: (f: WasmFunction) => number) {}

  /** makes `record` stand for `f` */
  addFunction(record: number, f: WasmFunction): void {
    this.funcs.set(record, f);
  }

  /**
   * makes the `count` records at `first`, `stride` bytes apart, stand for `at(k)` (an
   * instance's functions, made on first use: at(k) must give the same object every time)
   */
  addFunctionRange(first: number, count: number, stride: number, at: (k: number) => WasmFunction): void {
    if (count === 0) return;
    const r: RecordRange = { first, end: first + count * stride, stride, at };
    const ranges = this.ranges;
    let i = ranges.length;
    while (i > 0 && (ranges[i - 1] as RecordRange).first > first) i--;
    ranges.splice(i, 0, r);
  }

  /** the function of a record in one of the ranges, or undefined */
  private inRange(ptr: number): WasmFunction | undefined {
    const r = rangeHolding(this.ranges, ptr);
    return r !== undefined && (ptr - r.first) % r.stride === 0 ? r.at((ptr - r.first) / r.stride) : undefined;
  }

  /** the function `record` stands for */
  private funcOf(record: number): WasmFunction | undefined {
    return this.funcs.get(record) ?? this.inRange(record);
  }

  funcPtr(f: WasmFunction | null): number {
    if (f === null) return 0;
    if (hasRecord(f) && this.funcOf(f.record) === f) return f.record;
    let rec = this.foreign.get(f);
    if (rec === undefined) {
      rec = this.foreignRecord(f);
      this.foreign.set(f, rec);
      this.funcs.set(rec, f);
    }
    return rec;
  }

  /** a table or global of externrefs whose handles a collection must keep */
  addHolder(h: RefHolder): void {
    this.holders.add(h);
  }

  /** how the engine finds the handles held in live wasm frames (loader/native/gc.ts) */
  setStackRoots(roots: (mark: (handle: number) => void) => void): void {
    this.stackRoots = roots;
  }

  /** control goes into wasm: the handles made since are now held where a collection looks */
  settle(): void {
    this.young.length = 0;
  }

  /** handles in use */
  get live(): number {
    return this.handles.size;
  }

  externPtr(e: ExternRef | null): number {
    if (e === null) return 0;
    const known = this.handles.get(e);
    if (known !== undefined) return known;
    if (this.free.length === 0 && this.externs.length >= this.capacity) this.collect();
    const k = this.free.pop() ?? this.externs.length;
    this.externs[k] = e;
    const h = 8 * (k + 1);
    this.handles.set(e, h);
    this.young.push(h);
    if (this.handles.size > this.stats.peak) this.stats.peak = this.handles.size;
    return h;
  }

  /**
   * frees every handle that no table, global, live wasm frame or young handle holds; grows the
   * capacity when more than half of it is still in use afterwards
   */
  collect(): void {
    const n = this.externs.length;
    if (this.marks.length < n) this.marks = new Uint8Array(Math.max(n, 2 * this.marks.length));
    const marks = this.marks;
    marks.fill(0, 0, n);
    const mark = (h: number): void => {
      const k = h / 8 - 1;
      if (Number.isInteger(k) && k >= 0 && k < n) marks[k] = 1;
    };
    for (const h of this.young) mark(h);
    for (const holder of this.holders) holder.markHandles(mark);
    this.stackRoots(mark);
    let freed = 0;
    for (let k = 0; k < n; k++) {
      const e = this.externs[k];
      if (e === undefined || marks[k] === 1) continue;
      this.externs[k] = undefined;
      this.handles.delete(e);
      this.free.push(k);
      freed++;
    }
    this.stats.collections++;
    this.stats.freed += freed;
    if (2 * this.handles.size > this.capacity) {
      this.capacity *= 2;
      this.stats.grown++;
    }
  }

  toPtr(type: ValType, v: RefValue): number {
    if (v === null) return 0;
    return type === 0x70 ? this.funcPtr(v as WasmFunction) : this.externPtr(v as ExternRef);
  }

  fromPtr(type: ValType, ptr: number): RefValue {
    if (ptr === 0) return null;
    const v = type === 0x70 ? this.funcOf(ptr) : this.externs[ptr / 8 - 1];
    if (v === undefined) throw new KilnError('trap', `native engine: unknown ${type === 0x70 ? 'funcref' : 'externref'} 0x${ptr.toString(16)}`);
    return v;
  }

  /** the function a funcref record stands for */
  funcAt(ptr: number): WasmFunction | null {
    return ptr === 0 ? null : (this.funcOf(ptr) ?? null);
  }
}
