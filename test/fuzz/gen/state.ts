/**
 * The observable state of a generated instance besides call results: its exported globals
 * (raw values by type) and its funcref table, each entry named by the export its function is
 * known under (Generated.funcNames) or `null`. Function identity is what a funcref carries,
 * so two engines agree on a table exactly when every slot holds the same function of the
 * module (by index) or null in both. The memory is snapshotted separately (bytes). A v128
 * global is read with getRaw on kiln and through its exported getter on V8, whose JS API
 * cannot read it (v128-boundary.ts).
 */

import type { RawValue, WasmFunction, WasmGlobal, WasmTable } from '../../../loader/api.js';
import { ValType } from '../../../formats/wasm/types.js';
import type { Generated } from './module.js';
import { raiseValues } from './v128-boundary.js';
import { jsToRaw } from './values.js';

export interface StateSnapshot {
  /** raw values of g.globals, in order */
  globals: RawValue[];
  /** the table's slots: a function's export name, `null`, or `unknown function …`; null without a table */
  table: string[] | null;
}

/** reads one instance's state; built once per instance (it keeps the function → name map) */
export type StateReader = () => StateSnapshot;

export const NULL_ENTRY = 'null';

function namer(g: Generated, lookup: (name: string) => unknown, unknown: (f: unknown) => string): (v: unknown) => string {
  const names = new Map<unknown, string>();
  for (const n of g.funcNames) {
    const f = lookup(n);
    if (f !== undefined && !names.has(f)) names.set(f, n);
  }
  return (v) => (v === null ? NULL_ENTRY : (names.get(v) ?? unknown(v)));
}

/** the state reader of a kiln instance's exports */
export function kilnStateReader(g: Generated, exports: Readonly<Record<string, unknown>>): StateReader {
  const name = namer(g, (n) => exports[n], (f) => `unknown function "${(f as WasmFunction).name}"`);
  const globals = g.globals.map((x) => exports[x.name] as WasmGlobal);
  const table = g.table === null ? null : (exports[g.table] as WasmTable);
  return () => ({
    // a v128 is copied: an engine may hand out the global's own storage
    globals: globals.map((x) => {
      const v = x.getRaw();
      return v instanceof Uint8Array ? v.slice() : v;
    }),
    table: table === null ? null : Array.from({ length: table.size() }, (_, i) => name(table.get(i))),
  });
}

/** the state reader of an instance of Node's own WebAssembly (V8) */
export function v8StateReader(g: Generated, exports: WebAssembly.Exports): StateReader {
  const name = namer(g, (n) => exports[n], () => 'unknown function');
  const globals = g.globals.map((x): (() => RawValue) => {
    if (x.type === ValType.V128) {
      const lanes = exports[x.lanes!] as () => [bigint, bigint];
      return () => raiseValues([ValType.V128], lanes())[0]!;
    }
    const global = exports[x.name] as WebAssembly.Global;
    return () => jsToRaw(x.type, global.value);
  });
  const table = g.table === null ? null : (exports[g.table] as WebAssembly.Table);
  return () => ({
    globals: globals.map((read) => read()),
    table: table === null ? null : Array.from({ length: table.length }, (_, i) => name(table.get(i))),
  });
}
