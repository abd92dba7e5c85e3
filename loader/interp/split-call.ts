/**
 * The interpreter's internal calling convention for function types with an i64 (see
 * codegen.ts): an i64 argument is two int32 arguments (low, high); a single i64 result is
 * returned as its low half with the high half in HI[0]; two or more results come back in an
 * array where an i64 takes two entries. Generated functions use it natively (Func.split is
 * the generated function itself); for any other Func (host functions, imports from other
 * engines) splitEntry builds a converter to and from the raw convention of Func.fn (its
 * source is generated once per function type, like adapterSource in codegen.ts), so that
 * direct calls to imports and call_indirect (spec §4.4.8) never go through BigInts when
 * both sides are generated code.
 */

import type { FuncType, ValType } from '../../formats/wasm/types.js';
import { typeKey, type Func, type InternalFn } from '../instance/func.js';
import { I64 } from './codegen.js';
import { i64_join, i64_lo, HI } from './numeric/int64.js';
import { ci } from './runtime.js';
import type { Table } from '../instance/table.js';

/** true when values of type t need the split convention (the type has an i64) */
export function hasI64(t: FuncType): boolean {
  return t.params.includes(I64) || t.results.includes(I64);
}

type ConverterFactory = (f: Func, join: typeof i64_join, lo: typeof i64_lo, hi: Int32Array) => InternalFn;
const factories = new Map<string, ConverterFactory>();

/**
 * the source of a converter for one function type: split-convention arguments in, raw
 * call to f.fn (read at every call, since fn may be replaced), split-convention results out;
 * the source holds only identifiers and indices derived from the type
 */
function converterSource(ps: readonly ValType[], rs: readonly ValType[]): string {
  const params: string[] = [];
  const raw = ps.map((t, k) => {
    if (t !== I64) {
      params.push(`a${k}`);
      return `a${k}`;
    }
    params.push(`a${k}`, `b${k}`);
    return `join(a${k}, b${k})`;
  });
  const call = `f.fn(${raw.join(', ')})`;
  let body: string;
  if (rs.length === 0) body = `${call};`;
  else if (rs.length === 1) body = rs[0] === I64 ? `return lo(${call});` : `return ${call};`;
  else {
    // a generic array first, so that f64 NaN payloads survive (see compile.ts)
    const n = rs.length + rs.filter((t) => t === I64).length;
    body = `const r = ${call}; const o = [${new Array(n).fill('null').join(', ')}];`;
    let j = 0;
    rs.forEach((t, k) => {
      body += t === I64 ? ` o[${j++}] = lo(r[${k}]); o[${j++}] = hi[0];` : ` o[${j++}] = r[${k}];`;
    });
    body += ' return o;';
  }
  return `"use strict"; return function (${params.join(', ')}) { ${body} };`;
}

/** a converter from the split convention to f.fn, compiled once per function type */
function converter(f: Func): InternalFn {
  const key = typeKey(f.type);
  let make = factories.get(key);
  if (make === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    make = new Function('f', 'join', 'lo', 'hi', converterSource(f.type.params, f.type.results)) as ConverterFactory;
    factories.set(key, make);
  }
  return make(f, i64_join, i64_lo, HI);
}

/** f's entry in the split convention */
export function splitEntry(f: Func): InternalFn {
  let s = f.split;
  if (s === null) {
    s = converter(f);
    f.split = s;
  }
  return s;
}

/** call_indirect's checks (runtime.ts ci), then the callee's split-convention entry */
export function cis(t: Table, i: number, typeId: number): InternalFn {
  return splitEntry(ci(t, i, typeId));
}

export const SPLIT_CALL_HELPERS = { cis };
