/**
 * The native engine's EngineBackend (loader/instance/backend.ts):
 *   - compile: the module through the native compiler (a `ModuleCompiler`, compiler/driver)
 *     into CompiledCode, linked (linker/link.ts) and loaded into one W^X code region
 *     (load.ts) — or code linked elsewhere (`adopt`, a `.cwasm` artifact's), with the entry
 *     and exit trampolines linked into it (other types get theirs when first needed);
 *   - objects: NativeMemory / NativeTable / NativeGlobal / NativeFunc in native memory;
 *     memories and tables of other engines are refused, immutable globals of other engines
 *     are copied into a native cell, functions of any engine are callable (exit trampoline);
 *   - allocate: a vmctx (compiler/vmctx.ts) and one funcref record per defined function, the
 *     function objects made when first asked for; link writes memories, tables, globals and
 *     imports into the vmctx.
 */

import type { FuncType, GlobalType, MemType, Module, TableType } from '../../formats/wasm/types.js';
import { vmctxLayout, FUNCREF_SIZE, type VmctxLayout } from '../../compiler/vmctx.js';
import type { BoundsMode, CompiledCode } from '../../targets/compiled.js';
import { KilnError } from '../../formats/errors.js';
import type { CompileOptions, CompiledModule, EngineOptions, RawValue, RefValue } from '../api.js';
import type { EngineBackend, FunctionImport, InstanceCode, InstanceParts } from '../instance/backend.js';
import type { FuncList } from '../instance/func-list.js';
import { typeIdOf } from '../instance/func.js';
import { importCallRaw } from '../instance/host-func.js';
import { refuseImport } from '../instance/imports.js';
import { NativeFunc, type RawInvoke } from './func.js';
import { NativeGlobal } from './global.js';
import { setCodeExecutable } from './interrupt.js';
import { RT } from '../../targets/runtime-block.js';
import { functionNames, loadLinked, type FaultRegistration, type LoadedCode } from './load.js';
import { linkCode, type PlaceableCode } from '../../linker/link.js';
import { NativeMemory } from './memory.js';
import { NativeBlock, putAddr } from './native-mem.js';
import { runtimeImpls, type InstanceState } from './runtime-fns.js';
import { NativeRuntime } from './runtime.js';
import { SlotView } from './slots.js';
import { DEFAULT_NATIVE_CALL_DEPTH } from './stack.js';
import { NativeTable } from './table.js';

export const ENGINE = 'native';

/** what the engine asks of its compiler: the API's options and the bounds mode it chose */
export interface NativeCompileOptions extends CompileOptions {
  readonly bounds?: BoundsMode;
}

/**
 * the native compiler: a validated module to machine code (targets/compile.ts compileModule).
 * It may ignore `bounds` (code without `bounds: 'guard'` is treated as explicit).
 */
export type ModuleCompiler = (module: Module, options?: NativeCompileOptions) => CompiledCode;

/**
 * 'auto' (default): guard pages when this thread can have them (an 8 GiB reservation and the
 * fault handler), explicit checks otherwise; 'explicit': always checks; 'guard': as auto, for
 * callers that want to say so
 */
export type BoundsRequest = 'auto' | BoundsMode;

export interface NativeEngineOptions {
  readonly bounds?: BoundsRequest;
}

/** the bounds mode an engine compiles with, and why (`kiln run --verbose`) */
export interface BoundsChoice {
  readonly mode: BoundsMode;
  readonly reason: string;
}

export interface NativeCompiled extends CompiledModule {
  readonly code: PlaceableCode;
  readonly loaded: LoadedCode;
  readonly layout: VmctxLayout;
  /** display name of absolute function index i (the module's names are decoded on first use) */
  readonly nameOf: (index: number) => string;
}

export interface NativeTypes {
  readonly compiled: NativeCompiled;
  readonly func: NativeFunc;
  readonly memory: NativeMemory;
  readonly table: NativeTable;
  readonly global: NativeGlobal;
}

/** the backend plus what tests and the engine object need to reach */
export interface NativeBackend extends EngineBackend<NativeTypes> {
  /** the engine's runtime (created on first use: it loads koffi and maps the wasm stack) */
  runtime(): NativeRuntime;
  /** how many instances have a live vmctx */
  readonly instances: number;
  /** the bounds mode modules are compiled with (decided on first use) */
  bounds(): BoundsChoice;
  /**
   * a module whose code was compiled and linked elsewhere (a `.cwasm` artifact): `code` must
   * have been compiled from `module` (the loader's checks establish that)
   */
  adopt(module: Module, code: PlaceableCode): NativeCompiled;
}

/**
 * The thread's native runtime, shared by every native engine object of the thread (koffi's
 * callback slots and the wasm stack are per-thread resources), and the instances it knows
 * by vmctx address.
 */
let shared: NativeRuntime | null = null;
const states = new Map<number, InstanceState>();

function sharedRuntime(): NativeRuntime {
  if (shared !== null) return shared;
  const env = {
    state(vmctx: number): InstanceState {
      const s = states.get(vmctx);
      if (s === undefined) throw new Error(`native runtime: no instance with vmctx 0x${vmctx.toString(16)}`);
      return s;
    },
    trap: (kind: Parameters<NativeRuntime['setTrap']>[0]) => (shared as NativeRuntime).setTrap(kind),
    get refs() {
      return (shared as NativeRuntime).refs;
    },
  };
  shared = new NativeRuntime(runtimeImpls(env));
  return shared;
}

export function createNativeBackend(compileModule: ModuleCompiler, engineOptions: NativeEngineOptions = {}): NativeBackend {
  let rt: NativeRuntime | null = null;
  const runtime = (): NativeRuntime => (rt ??= sharedRuntime());
  let choice: BoundsChoice | null = null;
  const bounds = (): BoundsChoice => (choice ??= chooseBounds(engineOptions.bounds ?? 'auto', runtime()));

  /**
   * places linked code (compiled here, or read from an artifact) and adopts the trampolines
   * linked with it; a type without one gets its trampoline when first needed
   */
  const adopt = (module: Module, code: PlaceableCode): NativeCompiled => {
    const r = runtime();
    let faults: FaultRegistration | null = null;
    if (code.bounds === 'guard') {
      const g = r.guard();
      if (typeof g === 'string') throw new KilnError('unsupported', `code compiled for guard-page bounds cannot run here: ${g}`);
      faults = { table: g.table, record: r.trapRecord };
    }
    let names: readonly string[] | null = null;
    const nameOf = (index: number): string => (names ??= functionNames(module))[index] ?? `func[${index}]`;
    const loaded = loadLinked(code, module.funcs.length, importedFuncs(module), nameOf, r.codeMap, faults);
    r.adoptTrampolines(code.trampolines.map((t) => ({ kind: t.kind, type: module.types[t.type] as FuncType, addr: loaded.trampolineAt(t.offset) })));
    // code loaded while an interruption is pending is interrupted too
    if (faults !== null && r.block.dv.getInt32(RT.interrupt, true) !== 0) setCodeExecutable(r.block.addr, false);
    return { engine: ENGINE, module, code, loaded, layout: vmctxLayout(module), nameOf };
  };

  const compile = (module: Module, options: CompileOptions): NativeCompiled => {
    const compiled = compileModule(module, { ...options, bounds: bounds().mode });
    return adopt(module, linkCode(compiled, module));
  };

  const hostFunc = (type: FuncType, name: string, call: (args: readonly RawValue[]) => RawValue[]): NativeFunc => {
    const r = runtime();
    const h = r.hostRecord({ type, call: (args) => call(args) });
    return new NativeFunc(type, name, h.record, h.code, h.vmctx, (_, args) => call(args));
  };

  const importFunction = (imp: FunctionImport, type: FuncType, name: string): NativeFunc => {
    if (imp.kind === 'wasm' && imp.func instanceof NativeFunc && rt !== null && rt.refs.funcAt(imp.func.record) === imp.func) {
      return imp.func;
    }
    const display = imp.kind === 'wasm' ? imp.func.name : imp.kind === 'host' ? (imp.host.name ?? name) : name;
    const f = hostFunc(type, display, importCallRaw(imp, type));
    runtime().refs.addFunction(f.record, f);
    return f;
  };

  const importGlobal = (g: { type: GlobalType; getRaw(): RawValue }, what: string): NativeGlobal => {
    if (g instanceof NativeGlobal) return g;
    if (!g.type.mutable) return new NativeGlobal(runtime().refs, g.type, g.getRaw());
    throw refuseImport(ENGINE, 'global', what);
  };

  const allocate = (compiled: NativeCompiled, imported: readonly NativeFunc[], options: EngineOptions): InstanceCode<NativeTypes> => {
    const r = runtime();
    const { module, layout, loaded } = compiled;
    const vm = new NativeBlock(layout.size, 'a vmctx');
    const slots = new SlotView(vm.buffer);
    vm.setWord(layout.stackLimit, r.stack.limitFor(options.maxCallDepth ?? DEFAULT_NATIVE_CALL_DEPTH));
    vm.setWord(layout.runtime, r.block.addr);
    // per type index, once: the canonical id and the invoker (not per function)
    const typeIds = module.types.map(typeIdOf);
    typeIds.forEach((id, i) => vm.dv.setInt32(layout.typeIds + 4 * i, id, true));
    imported.forEach((f, i) => {
      const slot = layout.imports[i];
      if (slot === undefined) return;
      vm.setWord(slot.code, f.code);
      vm.setWord(slot.vmctx, f.vmctx);
    });
    const invokers = module.types.map((type): RawInvoke => {
      // the caller (and so the type's entry trampoline) is made on the first call from JS
      let caller: ReturnType<NativeRuntime['caller']> | null = null;
      return (f, args) => (caller ??= r.caller(type as FuncType))(f.code, f.vmctx, args);
    });
    const count = module.funcs.length;
    const records = funcRecords(loaded, vm.addr, module.funcs.map((ti) => typeIds[ti] as number));
    // the function objects are made when first asked for (an export, an element, a funcref
    // coming back from wasm), always the same object for the same function
    const firstIndex = imported.length;
    const made = new Array<NativeFunc | undefined>(count);
    const make = (k: number): NativeFunc => {
      const ti = module.funcs[k] as number;
      return new NativeFunc(module.types[ti] as FuncType, compiled.nameOf, records.addr + FUNCREF_SIZE * k, loaded.start(k), vm.addr, invokers[ti] as RawInvoke, firstIndex + k);
    };
    const functions: FuncList<NativeFunc> = {
      length: count,
      at: (k) => (k >= 0 && k < count ? (made[k] ??= make(k)) : undefined),
    };
    r.refs.addFunctionRange(records.addr, count, FUNCREF_SIZE, (k) => functions.at(k) as NativeFunc);
    const importedRecords = imported.map((f) => f.record);
    return {
      functions,
      link(parts: InstanceParts<NativeTypes>): void {
        const mem0 = parts.memories[0];
        if (mem0 !== undefined && compiled.code.bounds === 'guard' && !mem0.guarded) {
          throw new KilnError('uninstantiable', 'a memory without its 8 GiB reservation cannot be used by code compiled for guard-page bounds');
        }
        if (mem0 !== undefined) mem0.attach(vm.dv, layout.memBase);
        parts.tables.forEach((t, i) => t.attach(vm.dv, (layout.tables[i] as { base: number }).base));
        const importedGlobals = module.imports.filter((i) => i.desc.kind === 'global').length;
        parts.globals.forEach((g, i) => {
          const slot = layout.globals[i];
          if (slot === undefined) return;
          if (i < importedGlobals) putAddr(vm.dv, slot.offset, g.addr);
          else g.moveTo(vm, slots, slot.offset);
        });
        states.set(vm.addr, {
          memories: parts.memories,
          tables: parts.tables,
          segments: parts.segments,
          funcRecord: (index) => (index < firstIndex ? (importedRecords[index] as number) : records.addr + FUNCREF_SIZE * (index - firstIndex)),
        });
      },
    };
  };

  return {
    name: ENGINE,
    runtime,
    get instances() {
      return states.size;
    },
    bounds,
    compile,
    adopt,
    createMemory: (type: MemType, maxPages: number | undefined) => new NativeMemory(type, maxPages),
    createTable: (type: TableType, init: RefValue) => new NativeTable(runtime().refs, type, init),
    createGlobal: (type: GlobalType, value: RawValue) => new NativeGlobal(runtime().refs, type, value),
    importFunction,
    importMemory(memory, what) {
      if (memory instanceof NativeMemory) return memory;
      throw refuseImport(ENGINE, 'memory', what);
    },
    importTable(table, what) {
      if (table instanceof NativeTable) return table;
      throw refuseImport(ENGINE, 'table', what);
    },
    importGlobal,
    allocate,
  };
}


/**
 * one funcref record per defined function, [code, vmctx, type id] (compiler/vmctx.ts), written
 * in one pass: 64-bit words as two 32-bit halves (addresses are below 2^53)
 */
function funcRecords(loaded: LoadedCode, vmctx: number, typeIds: readonly number[]): NativeBlock {
  const count = typeIds.length;
  const records = new NativeBlock(FUNCREF_SIZE * Math.max(count, 1), 'funcref records');
  const words = new Uint32Array(records.buffer);
  const per = FUNCREF_SIZE / 4;
  const vmLo = vmctx % 2 ** 32;
  const vmHi = Math.floor(vmctx / 2 ** 32);
  const offsets = loaded.offsets;
  const base = loaded.region.base;
  for (let k = 0; k < count; k++) {
    const code = base + (offsets[k] as number);
    const w = per * k;
    words[w] = code % 2 ** 32;
    words[w + 1] = Math.floor(code / 2 ** 32);
    words[w + 2] = vmLo;
    words[w + 3] = vmHi;
    words[w + 4] = (typeIds[k] as number) >>> 0;
  }
  return records;
}

function importedFuncs(module: Module): number {
  let n = 0;
  for (const i of module.imports) if (i.desc.kind === 'func') n++;
  return n;
}

/** the engine's bounds mode: guard pages unless asked for explicit checks or this thread cannot have them */
function chooseBounds(request: BoundsRequest, r: NativeRuntime): BoundsChoice {
  if (request === 'explicit') return { mode: 'explicit', reason: 'explicit bounds checks (asked for)' };
  const g = r.guard();
  if (typeof g === 'string') return { mode: 'explicit', reason: `explicit bounds checks (guard pages unavailable: ${g})` };
  return { mode: 'guard', reason: 'guard pages (8 GiB reservation per memory, fault handler installed)' };
}
