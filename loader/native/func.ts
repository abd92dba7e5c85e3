/**
 * Function instances of the native engine. Every one has a funcref record (compiler/vmctx.ts:
 * code, vmctx, canonical type id): a compiled function's record points at its machine code
 * and its instance's vmctx; a host function's (or another engine's function's) record points
 * at the exit trampoline of its type and a host context. `callRaw` runs compiled code through
 * the entry trampoline (NativeRuntime.invoke) and calls host functions directly.
 */

import type { FuncType, ValType } from '../../formats/wasm/types.js';
import type { JsValue, RawValue, WasmFunction } from '../api.js';
import { fromRaw, isStackOverflow, taggedArray, toRaw } from '../instance/func.js';
import { KilnTrap } from '../trap.js';
import type { HasRecord } from './refs.js';

/** runs function `f` with raw arguments: shared by every compiled function of one type in an instance */
export type RawInvoke = (f: NativeFunc, args: readonly RawValue[]) => RawValue[];

/** a function's display name, or the module's names by absolute function index (with `index`) */
export type NameSource = string | ((index: number) => string);

export class NativeFunc implements WasmFunction, HasRecord {
  // `declare`d: the constructor assigns them, with no field initializer run first (an instance
  // makes its function objects on demand, hundreds at a time for its element segments)
  declare readonly type: FuncType;
  /** funcref record address */
  declare readonly record: number;
  /** the record's code and vmctx (what an importing vmctx's slot holds) */
  declare readonly code: number;
  declare readonly vmctx: number;
  private declare readonly invoke: RawInvoke;
  private declare readonly source: NameSource;
  /** the absolute function index in its module (-1: a host function) */
  private declare readonly index: number;

  constructor(type: FuncType, name: NameSource, record: number, code: number, vmctx: number, invoke: RawInvoke, index = -1) {
    this.type = type;
    this.source = name;
    this.index = index;
    this.record = record;
    this.code = code;
    this.vmctx = vmctx;
    this.invoke = invoke;
  }

  /** on the prototype, not a field: no initializer runs per function object */
  get kind(): 'func' {
    return 'func';
  }

  /** the display name (a module's names are decoded only when one is asked for) */
  get name(): string {
    const s = this.source;
    return typeof s === 'string' ? s : s(this.index);
  }

  callRaw(args: readonly RawValue[]): RawValue[] {
    try {
      return this.invoke(this, args);
    } catch (e) {
      // deep host ↔ wasm re-entry exhausts the JS stack before the wasm stack
      if (isStackOverflow(e)) throw new KilnTrap('call stack exhausted');
      throw e;
    }
  }

  call(...args: JsValue[]): JsValue | JsValue[] | undefined {
    const ps = this.type.params;
    const raw = taggedArray(ps.length);
    for (let i = 0; i < ps.length; i++) raw[i] = toRaw(ps[i] as ValType, args[i]);
    const out = this.callRaw(raw);
    const rs = this.type.results;
    if (rs.length === 0) return undefined;
    if (rs.length === 1) return fromRaw(rs[0] as ValType, out[0] as RawValue);
    const js = taggedArray(rs.length) as JsValue[];
    for (let i = 0; i < rs.length; i++) js[i] = fromRaw(rs[i] as ValType, out[i] as RawValue);
    return js;
  }
}
