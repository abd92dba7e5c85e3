/**
 * The observable state of a generated instance besides call results: its exported globals
 * (raw values by type) and its funcref table, each entry named by the export its function is
 * known under (Generated.funcNames) or `null`. Function identity is what a funcref carries,
 * so two engines agree on a table exactly when every slot holds the same function of the
 * module (by index) or null in both. The memory is snapshotted separately (bytes).
 */

import type { RawValue, WasmFunction, WasmGlobal, WasmTable } from '../../../loader/api.js';
import type { Generated } from './module.js';
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
    globals: globals.map((x) => x.getRaw()),
    table: table === null ? null : Array.from({ length: table.size() }, (_, i) => name(table.get(i))),
  });
}

/** the state reader of an instance of Node's own WebAssembly (V8) */
export function v8StateReader(g: Generated, exports: WebAssembly.Exports): StateReader {
  const name = namer(g, (n) => exports[n], () => 'unknown function');
  const globals = g.globals.map((x) => exports[x.name] as WebAssembly.Global);
  const table = g.table === null ? null : (exports[g.table] as WebAssembly.Table);
  return () => ({
    globals: globals.map((x, i) => jsToRaw(g.globals[i]!.type, x.value)),
    table: table === null ? null : Array.from({ length: table.length }, (_, i) => name(table.get(i))),
  });
}
