/**
 * Module instantiation, engine-neutral (spec §4.5.4 "instantiate", §4.5.3 "allocmodule"),
 * driven through an EngineBackend (backend.ts):
 *   1. resolve and type-check the imports (imports.ts);
 *   2. allocate the instance's functions (the backend; they are references from now on);
 *   3. create globals from their constant expressions, then tables, then memories (an initial
 *      memory above EngineOptions.maxMemoryPages is uninstantiable);
 *   4. evaluate the element items, and link the code against everything above;
 *   5. build the exports; apply the active element then data segments in order, dropping
 *      active and declarative segments (segments.ts; a trap keeps the writes made before it);
 *   6. call `beforeStart`, then the start function.
 */

import { KilnError } from '../../formats/errors.js';
import type { EngineOptions, Imports, Instance } from '../api.js';
import type { BackendTypes, EngineBackend } from './backend.js';
import { evalConst } from './const-expr.js';
import { concatFuncs } from './func-list.js';
import { buildExports } from './exports.js';
import { resolveImports } from './imports.js';
import { applySegments, evaluateSegments } from './segments.js';

/** options.maxMemoryPages, checked: a whole number of pages from 0 up (undefined: no limit) */
export function memoryLimit(options: EngineOptions): number | undefined {
  const limit = options.maxMemoryPages;
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new KilnError('usage', `maxMemoryPages must be a whole number of 64 KiB pages, not ${String(limit)}`);
  }
  return limit;
}

export function instantiateWith<K extends BackendTypes>(
  backend: EngineBackend<K>,
  compiled: K['compiled'],
  imports: Imports,
  options: EngineOptions = {},
): Instance {
  const module = compiled.module;
  const limit = memoryLimit(options);

  const imported = resolveImports(module, imports, backend);
  const code = backend.allocate(compiled, imported.funcs, options);
  const funcs = concatFuncs(imported.funcs, code.functions);

  const globals = imported.globals;
  for (const g of module.globals) globals.push(backend.createGlobal(g.type, evalConst(g.init, globals, funcs)));
  const tables = imported.tables;
  for (const t of module.tables) tables.push(backend.createTable(t, null));
  const memories = imported.memories;
  for (const m of module.mems) {
    if (limit !== undefined && m.limits.min > limit) {
      throw new KilnError(
        'uninstantiable',
        `memory ${memories.length} needs ${m.limits.min} pages initially, more than the memory limit of ${limit} pages (--max-memory, EngineOptions.maxMemoryPages)`,
      );
    }
    memories.push(backend.createMemory(m, limit));
  }

  const segments = evaluateSegments(module, globals, funcs);
  const parts = { module, funcs, memories, tables, globals, segments };
  code.link(parts);

  const instance: Instance = { module, engine: backend.name, exports: buildExports(module, parts) };
  applySegments(module, segments, parts);
  options.beforeStart?.(instance);
  if (module.start !== null) (funcs.at(module.start) as K['func']).callRaw([]);
  return instance;
}
