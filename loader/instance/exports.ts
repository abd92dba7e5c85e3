/** The exports object of an instance (spec §4.5.3 allocmodule, export instances). */

import type { Module } from '../../formats/wasm/types.js';
import type { ExternValue, WasmFunction, WasmGlobal, WasmMemory, WasmTable } from '../api.js';
import type { FuncList } from './func-list.js';

export function buildExports(
  module: Module,
  parts: {
    readonly funcs: FuncList<WasmFunction>;
    readonly tables: readonly WasmTable[];
    readonly memories: readonly WasmMemory[];
    readonly globals: readonly WasmGlobal[];
  },
): Record<string, ExternValue> {
  const exports: Record<string, ExternValue> = {};
  for (const e of module.exports) {
    const space: FuncList<ExternValue> =
      e.kind === 'func' ? parts.funcs : e.kind === 'table' ? parts.tables : e.kind === 'memory' ? parts.memories : parts.globals;
    exports[e.name] = space.at(e.index) as ExternValue;
  }
  return exports;
}
