/**
 * Function instances (spec §4.2.6) as `WasmFunction` objects, for engines whose code is
 * JavaScript (the interpreter; other engines implement WasmFunction their own way):
 *   - `fn` is the internal entry: positional raw arguments, and undefined / one raw value /
 *     an array of raw values (for two or more results). Generated code calls it directly,
 *     so cross-instance calls cost one JS call.
 *   - `callRaw` / `call` are the external entries: they reset the call-depth counter on exit
 *     and turn a JS stack overflow (RangeError) into the 'call stack exhausted' trap.
 *   - `split` is the interpreter's own entry for functions whose type has an i64, where an
 *     i64 travels as two int32 halves (loader/interp/split-call.ts); set or built by the
 *     interpreter, null until first needed.
 * Function types are interned to small integers (`typeId`) so that call_indirect's
 * type-equality check (spec §4.4.8) is one integer comparison.
 */

import { f32FromBits, f32ToBits } from '../../formats/float-bits.js';
import type { FuncType, ValType } from '../../formats/wasm/types.js';
import type { JsValue, RawValue, WasmFunction } from '../api.js';
import { KilnTrap } from '../trap.js';

/** The internal calling convention (see the file comment). */
export type InternalFn = (...args: RawValue[]) => unknown;

/** Process-wide call depth of wasm frames, shared by all instances. */
export const CALL_STATE = { depth: 0 };

const typeIds = new Map<string, number>();
/** canonical key of a function type, e.g. "7f7e:7c" */
export function typeKey(t: FuncType): string {
  const hex = (v: readonly number[]): string => v.map((x) => x.toString(16)).join('');
  return `${hex(t.params)}:${hex(t.results)}`;
}
/** interned id of a function type: equal types (structurally) get equal ids */
export function typeIdOf(t: FuncType): number {
  const k = typeKey(t);
  let id = typeIds.get(k);
  if (id === undefined) {
    id = typeIds.size;
    typeIds.set(k, id);
  }
  return id;
}

export { f32FromBits, f32ToBits };

/** JS value → raw value of type t (spec JS API ToWebAssemblyValue, simplified) */
export function toRaw(t: ValType, v: unknown): RawValue {
  switch (t) {
    case 0x7f:
      return Number(v) | 0;
    case 0x7e:
      return BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Number(v)));
    case 0x7d:
      return f32ToBits(Number(v));
    case 0x7c:
      return Number(v);
    default:
      return (v ?? null) as RawValue;
  }
}
/** raw value of type t → JS value */
export function fromRaw(t: ValType, v: RawValue): JsValue {
  return t === 0x7d ? f32FromBits(v as number) : v;
}

/** true for V8's stack-overflow RangeError */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export class Func implements WasmFunction {
  readonly kind = 'func' as const;
  readonly type: FuncType;
  readonly typeId: number;
  name: string;
  fn: InternalFn;
  /** the interpreter's entry with i64s as int32 halves (see the file comment) */
  split: InternalFn | null = null;

  constructor(type: FuncType, name: string, fn: InternalFn) {
    this.type = type;
    this.typeId = typeIdOf(type);
    this.name = name;
    this.fn = fn;
  }

  callRaw(args: readonly RawValue[]): RawValue[] {
    const saved = CALL_STATE.depth;
    let r: unknown;
    try {
      r = this.fn(...args);
    } catch (e) {
      if (isStackOverflow(e)) throw new KilnTrap('call stack exhausted');
      throw e;
    } finally {
      CALL_STATE.depth = saved;
    }
    const n = this.type.results.length;
    if (n === 0) return [];
    if (n === 1) {
      const out: RawValue[] = [null];
      out[0] = r as RawValue;
      return out;
    }
    return r as RawValue[];
  }

  call(...args: JsValue[]): JsValue | JsValue[] | undefined {
    const ps = this.type.params;
    const raw: RawValue[] = new Array<RawValue>(ps.length).fill(null);
    for (let i = 0; i < ps.length; i++) raw[i] = toRaw(ps[i] as ValType, args[i]);
    const rs = this.type.results;
    const out = this.callRaw(raw);
    if (rs.length === 0) return undefined;
    if (rs.length === 1) return fromRaw(rs[0] as ValType, out[0] as RawValue);
    // a tagged array filled in a loop: `map` could build a double array, which quiets NaNs
    const js = taggedArray(rs.length) as JsValue[];
    for (let i = 0; i < rs.length; i++) js[i] = fromRaw(rs[i] as ValType, out[i] as RawValue);
    return js;
  }
}

/** A results array whose elements are tagged (so f64 NaN payloads are never canonicalised). */
export function taggedArray(n: number): RawValue[] {
  return new Array<RawValue>(n).fill(null);
}
