/**
 * Import resolution (spec §4.5.4 instantiate steps 3–4, §4.5.2 external typing, §3.2.7
 * limits subtyping as "import matching"): each import is looked up in the imports object,
 * checked against the import's type, then handed to the engine, which adopts it or refuses it
 * (`refuseImport`). Every failure is KilnError('unlinkable') naming the import.
 */

import { KilnError } from '../../formats/errors.js';
import type { FuncType, Limits, Module } from '../../formats/wasm/types.js';
import type { ExternValue, HostFunction, ImportValue, Imports } from '../api.js';
import type { BackendTypes, EngineBackend, FunctionImport } from './backend.js';
import { typeIdOf } from './func.js';

const unlinkable = (reason: string, what: string): KilnError => new KilnError('unlinkable', `${reason}: ${what}`);

/**
 * The error an engine throws for an import of the right type that it cannot back, e.g. a
 * memory of another engine (every engine can call any function, so functions are never
 * refused). `what` is the import's "module.name".
 */
export function refuseImport(engine: string, kind: 'memory' | 'table' | 'global', what: string): KilnError {
  return new KilnError(
    'unlinkable',
    `incompatible import type: ${what} (the ${engine} engine cannot link a ${kind} it did not create; ` +
      `create it with engine.host.${kind} or take it from an export of a ${engine} instance)`,
  );
}

/** the instance's imported objects, by kind, in import order */
export interface ResolvedImports<K extends BackendTypes> {
  readonly funcs: K['func'][];
  readonly tables: K['table'][];
  readonly memories: K['memory'][];
  readonly globals: K['global'][];
}

function limitsMatch(actualMin: number, actualMax: number | undefined, declared: Limits): boolean {
  if (actualMin < declared.min) return false;
  if (declared.max === undefined) return true;
  return actualMax !== undefined && actualMax <= declared.max;
}

function isHostFunction(v: object): v is HostFunction {
  return (v as { kind?: unknown }).kind === 'host';
}

/** an import value that is a memory, table or global (of any engine) */
function isExtern<K extends 'memory' | 'table' | 'global'>(v: ImportValue, kind: K): v is Extract<ExternValue, { kind: K }> {
  return typeof v === 'object' && v !== null && v.kind === kind;
}

/** a value given for a function import of `type`, type-checked where it declares a type */
function functionImport(v: ImportValue, type: FuncType, what: string): FunctionImport {
  if (typeof v === 'function') return { kind: 'js', fn: v };
  if (typeof v === 'object' && v !== null) {
    if (isHostFunction(v)) {
      if (typeIdOf(v.type) !== typeIdOf(type)) throw unlinkable('incompatible import type', what);
      return { kind: 'host', host: v };
    }
    if (v.kind === 'func') {
      if (typeIdOf(v.type) !== typeIdOf(type)) throw unlinkable('incompatible import type', what);
      return { kind: 'wasm', func: v };
    }
  }
  throw unlinkable('incompatible import type', what);
}

export function resolveImports<K extends BackendTypes>(
  module: Module,
  imports: Imports,
  backend: EngineBackend<K>,
): ResolvedImports<K> {
  const out: ResolvedImports<K> = { funcs: [], tables: [], memories: [], globals: [] };
  for (const imp of module.imports) {
    const what = `${imp.module}.${imp.name}`;
    const v = imports[imp.module]?.[imp.name];
    if (v === undefined) throw unlinkable('unknown import', what);
    const d = imp.desc;
    switch (d.kind) {
      case 'func': {
        const type = module.types[d.type] as FuncType;
        out.funcs.push(backend.importFunction(functionImport(v, type, what), type, imp.name, what));
        break;
      }
      case 'table': {
        if (!isExtern(v, 'table') || v.type.elem !== d.table.elem) throw unlinkable('incompatible import type', what);
        if (!limitsMatch(v.size(), v.type.limits.max, d.table.limits)) throw unlinkable('incompatible import type', what);
        out.tables.push(backend.importTable(v, what));
        break;
      }
      case 'memory': {
        if (!isExtern(v, 'memory') || !limitsMatch(v.size(), v.type.limits.max, d.mem.limits)) {
          throw unlinkable('incompatible import type', what);
        }
        out.memories.push(backend.importMemory(v, what));
        break;
      }
      case 'global': {
        if (!isExtern(v, 'global') || v.type.type !== d.global.type || v.type.mutable !== d.global.mutable) {
          throw unlinkable('incompatible import type', what);
        }
        out.globals.push(backend.importGlobal(v, what));
        break;
      }
    }
  }
  return out;
}
