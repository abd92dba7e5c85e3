/**
 * Function imports as entries in the internal calling convention of func.ts (positional raw
 * arguments; undefined / one raw value / an array of raw values), for engines whose
 * functions are `Func` objects: a plain JS function (JS values in and out), a HostFunction
 * record (raw value arrays in and out), or a function of another engine (through callRaw);
 * and as exact raw calls (`importCallRaw`) for engines that call the host with value arrays.
 */

import type { FuncType, ValType } from '../../formats/wasm/types.js';
import type { HostFunction, JsValue, RawValue, WasmFunction } from '../api.js';
import type { FunctionImport } from './backend.js';
import { fromRaw, taggedArray, toRaw, type InternalFn } from './func.js';

/** a plain JS function (JS value convention) */
function jsEntry(f: (...args: JsValue[]) => unknown, type: FuncType): InternalFn {
  const ps = type.params;
  const rs = type.results;
  return (...args: RawValue[]) => {
    const js = new Array<JsValue>(ps.length).fill(null);
    for (let i = 0; i < ps.length; i++) js[i] = fromRaw(ps[i] as ValType, args[i] as RawValue);
    const r = f(...js);
    if (rs.length === 0) return undefined;
    if (rs.length === 1) return toRaw(rs[0] as ValType, r);
    const arr = r as unknown[];
    const out = taggedArray(rs.length);
    for (let i = 0; i < rs.length; i++) out[i] = toRaw(rs[i] as ValType, arr[i]);
    return out;
  };
}

/** a HostFunction record (raw convention, arrays in and out) */
function hostEntry(h: HostFunction): InternalFn {
  const n = h.type.params.length;
  const nr = h.type.results.length;
  return (...args: RawValue[]) => {
    const a = taggedArray(n);
    for (let i = 0; i < n; i++) a[i] = args[i] as RawValue;
    const r = h.fn(a);
    if (nr === 0) return undefined;
    if (nr === 1) return r[0];
    return r;
  };
}

/** any engine's function, through its exact external entry */
function foreignEntry(other: WasmFunction, type: FuncType): InternalFn {
  const rs = type.results.length;
  return (...args: RawValue[]) => {
    const r = other.callRaw(args);
    return rs === 0 ? undefined : rs === 1 ? r[0] : r;
  };
}

/** the internal entry of a function import of `type`, and its display name */
export function importEntry(imp: FunctionImport, type: FuncType, name: string): { fn: InternalFn; name: string } {
  switch (imp.kind) {
    case 'js':
      return { fn: jsEntry(imp.fn, type), name };
    case 'host':
      return { fn: hostEntry(imp.host), name: imp.host.name ?? name };
    case 'wasm':
      return { fn: foreignEntry(imp.func, type), name: imp.func.name };
  }
}

/**
 * A function import as an exact call in the raw convention (arrays in and out), for engines
 * that call host code through a buffer of values (the native engine's exit trampolines).
 */
export function importCallRaw(imp: FunctionImport, type: FuncType): (args: readonly RawValue[]) => RawValue[] {
  switch (imp.kind) {
    case 'wasm': {
      const f = imp.func;
      return (args) => f.callRaw(args);
    }
    case 'host': {
      const h = imp.host;
      return (args) => h.fn(args.slice());
    }
    case 'js': {
      const fn = jsEntry(imp.fn, type);
      const nr = type.results.length;
      return (args) => {
        const r = fn(...args);
        if (nr === 0) return [];
        if (nr > 1) return r as RawValue[];
        const out = taggedArray(1);
        out[0] = r as RawValue;
        return out;
      };
    }
  }
}
