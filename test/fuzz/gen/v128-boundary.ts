/**
 * How v128 values of generated modules cross the JS boundary. The WebAssembly JS API throws a
 * TypeError for a call of an exported function with v128 in its type and for reading a v128
 * global's value (JS API §"ToJSValue"/"ToWebAssemblyValue"), so:
 *
 * - each entry wrapper `fN` takes every v128 param of its function as two i64 (lane 0, then
 *   lane 1 of i64x2) and rebuilds it with `i64x2.splat` / `i64x2.replace_lane 1`, and returns
 *   every v128 result as two i64 the same way (the results go through locals first);
 * - each v128 global `gN` gets an exported getter `gN_lanes: [] → [i64 i64]`.
 *
 * Runs (run.ts) call the wrappers with the lowered arguments on every engine, kiln's included,
 * and put the pairs back together, so call plans, outcomes and state snapshots hold v128
 * values in the raw convention (16 bytes) and are compared as v128 (v128-lanes.ts). A
 * signature without v128 is left exactly as it was, so modules without SIMD do not change.
 */

import { OP, opByName } from '../../../formats/wasm/opcodes.js';
import { makeInstr, ValType, type Code, type Expr } from '../../../formats/wasm/types.js';
import type { RawValue } from '../../../loader/api.js';

const I64X2_SPLAT = opByName('i64x2.splat')!.id;
const I64X2_REPLACE = opByName('i64x2.replace_lane')!.id;
const I64X2_EXTRACT = opByName('i64x2.extract_lane')!.id;

export const hasV128 = (ts: readonly ValType[]): boolean => ts.includes(ValType.V128);

/** the types a signature has at the JS boundary: each v128 as two i64 */
export const lowerTypes = (ts: readonly ValType[]): ValType[] =>
  ts.flatMap((t) => (t === ValType.V128 ? [ValType.I64, ValType.I64] : [t]));

/** raw values of types ts as the lowered values a wrapper takes */
export function lowerValues(ts: readonly ValType[], vs: readonly RawValue[]): RawValue[] {
  if (!hasV128(ts)) return [...vs];
  return ts.flatMap((t, i): RawValue[] => {
    if (t !== ValType.V128) return [vs[i]!];
    const v = vs[i] as Uint8Array;
    const d = new DataView(v.buffer, v.byteOffset, 16);
    return [d.getBigInt64(0, true), d.getBigInt64(8, true)];
  });
}

/** the lowered values a wrapper returned, as raw values of types ts */
export function raiseValues(ts: readonly ValType[], lowered: readonly RawValue[]): RawValue[] {
  if (!hasV128(ts)) return [...lowered];
  const out: RawValue[] = [];
  let j = 0;
  for (const t of ts) {
    if (t !== ValType.V128) {
      out.push(lowered[j++]!);
      continue;
    }
    const v = new Uint8Array(16);
    const d = new DataView(v.buffer);
    d.setBigInt64(0, BigInt.asIntN(64, lowered[j++] as bigint), true);
    d.setBigInt64(8, BigInt.asIntN(64, lowered[j++] as bigint), true);
    out.push(v);
  }
  return out;
}

/** pushes the two i64x2 lanes of the v128 that `get index` (local.get or global.get) reads */
function pushLanes(body: Expr, get: number, index: number): void {
  body.push(makeInstr(get, index), makeInstr(I64X2_EXTRACT, 0), makeInstr(get, index), makeInstr(I64X2_EXTRACT, 1));
}

/**
 * The body of an entry wrapper: `prelude`, the params forwarded (v128 rebuilt from two i64),
 * `call callee`, and the results (v128 split into two i64 through declared locals). Without
 * v128 this is exactly `prelude; local.get 0 …; call callee`.
 */
export function wrapperCode(params: readonly ValType[], results: readonly ValType[], callee: number, prelude: Expr): Code {
  const body: Expr = [...prelude];
  let p = 0;
  for (const t of params) {
    body.push(makeInstr(OP.local_get, p++));
    if (t === ValType.V128) body.push(makeInstr(I64X2_SPLAT), makeInstr(OP.local_get, p++), makeInstr(I64X2_REPLACE, 1));
  }
  body.push(makeInstr(OP.call, callee));
  const locals: Code['locals'] = [];
  if (hasV128(results)) {
    // results into locals p … p+n-1 (last result first), then pushed back lowered
    for (const t of results) {
      // run-length groups, as the text format's parser makes them (spec §5.5.13)
      const last = locals[locals.length - 1];
      if (last !== undefined && last.type === t) last.count++;
      else locals.push({ count: 1, type: t });
    }
    for (let i = results.length - 1; i >= 0; i--) body.push(makeInstr(OP.local_set, p + i));
    results.forEach((t, i) => {
      if (t === ValType.V128) pushLanes(body, OP.local_get, p + i);
      else body.push(makeInstr(OP.local_get, p + i));
    });
  }
  body.push(makeInstr(OP.end));
  return { locals, body, offset: -1, size: 0 };
}

/** `[] → [i64 i64]`: the two i64x2 lanes of v128 global `g` */
export function laneGetterCode(g: number): Code {
  const body: Expr = [];
  pushLanes(body, OP.global_get, g);
  body.push(makeInstr(OP.end));
  return { locals: [], body, offset: -1, size: 0 };
}

/** the export name of the getter of v128 global `name` */
export const laneGetterName = (name: string): string => `${name}_lanes`;
