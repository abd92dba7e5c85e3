/**
 * References as native pointers (docs/native-abi.md, "Values"): a funcref is the address of
 * a 24-byte funcref record (compiler/vmctx.ts), an externref an opaque non-zero handle, null
 * is 0. One RefTable per engine maps both ways. A function of another engine (or a host
 * function) that reaches native code gets a record whose code is an exit trampoline, made on
 * first use by `foreignRecord`. Records and handles live as long as the engine (instances are
 * not collected yet; docs/native.md, "What is left").
 */

import { KilnError } from '../../formats/errors.js';
import type { ValType } from '../../formats/wasm/types.js';
import type { ExternRef, RefValue, WasmFunction } from '../api.js';
import type { RefCodec } from './slots.js';

/** what every native function object exposes: the address of its funcref record */
export interface HasRecord {
  readonly record: number;
}

export function hasRecord(f: WasmFunction): f is WasmFunction & HasRecord {
  return typeof (f as Partial<HasRecord>).record === 'number';
}

export class RefTable implements RefCodec {
  private readonly funcs = new Map<number, WasmFunction>();
  private readonly foreign = new WeakMap<WasmFunction, number>();
  private readonly externs = new Map<number, ExternRef>();
  private readonly handles = new Map<ExternRef, number>();
  private nextHandle = 8;

  /** `foreignRecord(f)` makes a record for a function that has none (an exit-trampoline record) */
  constructor(private readonly foreignRecord: (f: WasmFunction) => number) {}

  /** makes `record` stand for `f` */
  addFunction(record: number, f: WasmFunction): void {
    this.funcs.set(record, f);
  }

  funcPtr(f: WasmFunction | null): number {
    if (f === null) return 0;
    if (hasRecord(f) && this.funcs.get(f.record) === f) return f.record;
    let rec = this.foreign.get(f);
    if (rec === undefined) {
      rec = this.foreignRecord(f);
      this.foreign.set(f, rec);
      this.funcs.set(rec, f);
    }
    return rec;
  }

  externPtr(e: ExternRef | null): number {
    if (e === null) return 0;
    let h = this.handles.get(e);
    if (h === undefined) {
      h = this.nextHandle;
      this.nextHandle += 8;
      this.handles.set(e, h);
      this.externs.set(h, e);
    }
    return h;
  }

  toPtr(type: ValType, v: RefValue): number {
    if (v === null) return 0;
    return type === 0x70 ? this.funcPtr(v as WasmFunction) : this.externPtr(v as ExternRef);
  }

  fromPtr(type: ValType, ptr: number): RefValue {
    if (ptr === 0) return null;
    const v = type === 0x70 ? this.funcs.get(ptr) : this.externs.get(ptr);
    if (v === undefined) throw new KilnError('trap', `native engine: unknown ${type === 0x70 ? 'funcref' : 'externref'} 0x${ptr.toString(16)}`);
    return v;
  }

  /** the function a funcref record stands for */
  funcAt(ptr: number): WasmFunction | null {
    return ptr === 0 ? null : (this.funcs.get(ptr) ?? null);
  }
}
