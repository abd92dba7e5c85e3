/**
 * The engine-facing API of kiln, shaped like the WebAssembly JS API (compile → instantiate →
 * exports). Every execution engine (the interpreter, the native engine) implements `Engine`,
 * so the spec runner, the differential tests, the benchmarks and `kiln run` can drive any of
 * them. Engines implement it through loader/instance (`defineEngine`), which holds the
 * engine-neutral half of instantiation; see docs/architecture.md, "Engines".
 *
 * Two value conventions:
 *
 * Raw values (`RawValue`) are exact, bit-preserving, and what engines exchange internally
 * and with the spec runner:
 *   i32 → number (signed 32-bit integer)
 *   i64 → bigint (signed 64-bit)
 *   f32 → number holding the IEEE-754 *bit pattern* as a signed 32-bit integer
 *         (so signalling NaN payloads survive; JS numbers would quiet them)
 *   f64 → number (JS doubles keep f64 NaN payloads on Node ≥ 20)
 *   v128 → Uint8Array of 16 bytes, lane 0 first (little-endian)
 *   funcref → WasmFunction | null
 *   externref → ExternRef | null (any host value wrapped once, compared by identity)
 *
 * JS values (`JsValue`) are what users of exported functions see: the same, except that
 * f32 is an ordinary JS number (rounded with Math.fround on the way in).
 */

import type { FuncType, GlobalType, MemType, Module, TableType, ValType } from '../formats/wasm/types.js';

/** A host value passed through wasm as externref. `value` is any JS value. */
export interface ExternRef {
  readonly externref: unknown;
}

export type RefValue = WasmFunction | ExternRef | null;
export type RawValue = number | bigint | Uint8Array | RefValue;
export type JsValue = number | bigint | Uint8Array | RefValue;

export interface WasmFunction {
  readonly kind: 'func';
  readonly type: FuncType;
  /** name for backtraces (from the name section or the export), may be empty */
  readonly name: string;
  /** exact call: arguments and results in the raw convention */
  callRaw(args: readonly RawValue[]): RawValue[];
  /** convenience call: JS values in; undefined / one value / an array for multi-value out */
  call(...args: JsValue[]): JsValue | JsValue[] | undefined;
}

export interface WasmMemory {
  readonly kind: 'memory';
  readonly type: MemType;
  /** current contents, exactly size() × 64 KiB; a new buffer after the memory grows */
  readonly buffer: ArrayBuffer;
  /**
   * A view of exactly the current contents, without copying; valid until the memory grows.
   * Host code that reads guest memory on every call should use this rather than `buffer`.
   */
  bytes(): Uint8Array;
  /** size in 64 KiB pages */
  size(): number;
  /** grow by `delta` pages; returns the old size in pages, or -1 when it cannot */
  grow(delta: number): number;
}

export interface WasmTable {
  readonly kind: 'table';
  readonly type: TableType;
  size(): number;
  get(index: number): RefValue;
  set(index: number, value: RefValue): void;
  /** returns the old size, or -1 when it cannot grow */
  grow(delta: number, init: RefValue): number;
}

export interface WasmGlobal {
  readonly kind: 'global';
  readonly type: GlobalType;
  /** raw convention */
  getRaw(): RawValue;
  /** raw convention; throws for an immutable global */
  setRaw(v: RawValue): void;
}

export type ExternValue = WasmFunction | WasmMemory | WasmTable | WasmGlobal;

/**
 * A host function given in an imports object. Either a plain JS function (called with JS
 * values, returning undefined / a value / an array of values), or a `HostFunction` record
 * that declares its type and takes raw values.
 */
export interface HostFunction {
  readonly kind: 'host';
  readonly type: FuncType;
  readonly name?: string;
  fn(args: RawValue[]): RawValue[];
}
export type ImportValue = ExternValue | HostFunction | ((...args: JsValue[]) => unknown);
export type Imports = Record<string, Record<string, ImportValue>>;

export interface Instance {
  readonly module: Module;
  /** name of the engine the instance runs on */
  readonly engine: string;
  readonly exports: Readonly<Record<string, ExternValue>>;
}

/** what `Engine.compile` may take into account */
export interface CompileOptions {
  /**
   * maximum wasm call depth before "call stack exhausted". An engine that builds the limit
   * into its code (the interpreter) compiles for this depth; instantiating with another depth
   * makes it recompile (cached per module and depth).
   */
  maxCallDepth?: number;
}

export interface EngineOptions extends CompileOptions {
  /**
   * Upper bound, in 64 KiB pages, on every memory this instantiation creates (the lower of
   * this and the memory's declared maximum applies). memory.grow beyond it returns -1, as the
   * spec allows; a memory whose initial size exceeds it fails instantiation as
   * KilnError('uninstantiable'). Default: no limit beyond the spec's 65,536 pages (4 GiB).
   */
  maxMemoryPages?: number;
  /**
   * Called once the instance and its exports exist and its segments are initialised, just
   * before the start function runs — so that host functions the start function calls (WASI,
   * for one) can already reach the instance's exported memory.
   */
  beforeStart?: (instance: Instance) => void;
}

/**
 * A module compiled by one engine: what `Engine.instantiate` takes, any number of times.
 * Engines extend it with their code (the interpreter: the translated JavaScript factory; the
 * native engine: machine code and its maps), which is what a later `.cwasm` file serialises.
 */
export interface CompiledModule {
  /** name of the engine that compiled it; only that engine instantiates it */
  readonly engine: string;
  readonly module: Module;
}

/**
 * Memories, tables and globals created by the host that belong to one engine, so that a
 * module instantiated on it can import them (an engine may refuse an object made by another
 * engine: KilnError('unlinkable') naming the import).
 */
export interface HostObjects {
  /** a memory of `type`, zero-filled, `type.limits.min` pages */
  memory(type: MemType): WasmMemory;
  /** a table of `type`, `type.limits.min` elements set to `init` (default null) */
  table(type: TableType, init?: RefValue): WasmTable;
  /** a global of `type` holding `value` (raw convention) */
  global(type: GlobalType, value: RawValue): WasmGlobal;
}

/**
 * What every execution engine provides. `compile` validates nothing (give it a validated
 * module) and may throw KilnError('uninstantiable') for a module the engine cannot take.
 * `instantiate` runs the start function; it throws KilnError('unlinkable') for import
 * mismatches (and imports the engine cannot back), KilnError('uninstantiable') / KilnTrap for
 * failures during initialisation, and KilnError('usage') for a module another engine compiled.
 * `instantiateModule` (loader/instance) does both steps.
 */
export interface Engine {
  readonly name: string;
  readonly host: HostObjects;
  compile(module: Module, options?: CompileOptions): CompiledModule;
  instantiate(compiled: CompiledModule, imports: Imports, options?: EngineOptions): Instance;
}

export type { FuncType, GlobalType, MemType, TableType, ValType };
