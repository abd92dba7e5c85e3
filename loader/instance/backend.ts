/**
 * The per-engine half of instantiation. loader/instance/instantiate.ts does everything the
 * spec says about instantiating a module that does not depend on how code runs (import
 * matching, constant expressions, segment initialisation, exports, the start function); it
 * asks an `EngineBackend` for the rest: creating memories, tables and globals of the engine's
 * own kind, adopting imported objects (or refusing those it cannot back), and creating the
 * module's functions for one instance.
 *
 * The neutral code sees engine objects only through the loader/api.ts interfaces
 * (WasmFunction, WasmMemory, WasmTable, WasmGlobal); the backend gets its own concrete types
 * back through `BackendTypes`, so neither side casts.
 */

import type { FuncType, GlobalType, MemType, Module, TableType } from '../../formats/wasm/types.js';
import type {
  CompileOptions,
  CompiledModule,
  EngineOptions,
  HostFunction,
  JsValue,
  RawValue,
  RefValue,
  WasmFunction,
  WasmGlobal,
  WasmMemory,
  WasmTable,
} from '../api.js';
import type { FuncList } from './func-list.js';
import type { Segments } from './segments.js';

/** the concrete types one engine uses for compiled modules and the four kinds of object */
export interface BackendTypes {
  readonly compiled: CompiledModule;
  readonly func: WasmFunction;
  readonly memory: WasmMemory;
  readonly table: WasmTable;
  readonly global: WasmGlobal;
}

/**
 * An import given for a function import, already type-checked where it declares a type:
 * a function of some engine (this one or another), a `HostFunction` record (raw values), or a
 * plain JS function (JS values; its type is the import's).
 */
export type FunctionImport =
  | { readonly kind: 'wasm'; readonly func: WasmFunction }
  | { readonly kind: 'host'; readonly host: HostFunction }
  | { readonly kind: 'js'; readonly fn: (...args: JsValue[]) => unknown };

/** One instance's objects in the module's index spaces, imports first. */
export interface InstanceParts<K extends BackendTypes> {
  readonly module: Module;
  /** the function index space (functions may be made on first use) */
  readonly funcs: FuncList<K['func']>;
  readonly memories: readonly K['memory'][];
  readonly tables: readonly K['table'][];
  readonly globals: readonly K['global'][];
  /** element items and data bytes, with the instance's dropped segments (runtime use) */
  readonly segments: Segments;
}

/** The code of one instance, between allocation and linking. */
export interface InstanceCode<K extends BackendTypes> {
  /**
   * the module's own functions (one per entry of module.funcs): valid as references at once
   * (constant expressions and element items store them), callable only after `link`
   */
  readonly functions: FuncList<K['func']>;
  /**
   * makes the functions callable against the instance's resolved objects. Called once, after
   * globals, tables and memories exist and before any segment is applied.
   */
  link(parts: InstanceParts<K>): void;
}

export interface EngineBackend<K extends BackendTypes> {
  /** the engine name: `Engine.name`, `CompiledModule.engine`, `Instance.engine` */
  readonly name: string;

  /** compiles a validated module (KilnError('uninstantiable') for one this engine cannot take) */
  compile(module: Module, options: CompileOptions): K['compiled'];

  /**
   * A memory this engine owns, `type.limits.min` pages. `maxPages` is the engine limit
   * (EngineOptions.maxMemoryPages, undefined for none): growth beyond it fails.
   */
  createMemory(type: MemType, maxPages: number | undefined): K['memory'];
  createTable(type: TableType, init: RefValue): K['table'];
  /** `value` in the raw convention (for a funcref, a function of this engine or null) */
  createGlobal(type: GlobalType, value: RawValue): K['global'];

  /**
   * Adopt an import the neutral code has matched against the import's type (kind, limits,
   * value type and mutability, function type), or refuse it with `refuseImport` (imports.ts)
   * when this engine cannot back it (an object of another engine, say). `what` is the
   * import's "module.name" for messages; `name` its field name (a default display name).
   */
  importFunction(imp: FunctionImport, type: FuncType, name: string, what: string): K['func'];
  importMemory(memory: WasmMemory, what: string): K['memory'];
  importTable(table: WasmTable, what: string): K['table'];
  importGlobal(global: WasmGlobal, what: string): K['global'];

  /**
   * Allocates the code side of one instance (module.funcs' function objects, and whatever
   * per-instance state the engine's code needs, such as a VM context). `imported` are the
   * resolved function imports, in import order.
   */
  allocate(compiled: K['compiled'], imported: readonly K['func'][], options: EngineOptions): InstanceCode<K>;
}
