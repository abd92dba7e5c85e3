/**
 * The interpreter's EngineBackend (loader/instance/backend.ts): what instantiation needs from
 * the interpreter beside the engine-neutral steps of loader/instance/instantiate.ts.
 *   - compile: the module prepared for lazy, per-function translation (compile.ts), for a
 *     call-depth limit; instantiating with another limit prepares again (cached per module
 *     and limit).
 *   - objects: the JS classes of loader/instance (Func, Memory, Table, Global), whose fields
 *     generated code reads directly; so memories, tables and globals of other engines are
 *     refused at link time.
 *   - allocate: one Func per defined function, valid as a reference at once; link builds the
 *     instance's context and gives each Func stub entries that, on the first call, translate
 *     the function if no instance has yet (compile.ts), run its script with the context and
 *     replace themselves with its raw entry `fn` and split-convention entry `split` (see
 *     split-call.ts). A function imported from another interpreter instance is linked there
 *     first, so the importer binds its final entries.
 */

import type { FuncType, Module } from '../../formats/wasm/types.js';
import type { CompileOptions, CompiledModule, EngineOptions, RawValue } from '../api.js';
import type { EngineBackend, InstanceCode, InstanceParts } from '../instance/backend.js';
import { Func, type InternalFn } from '../instance/func.js';
import { funcArray } from '../instance/func-list.js';
import { Global } from '../instance/global.js';
import { importEntry } from '../instance/host-func.js';
import { refuseImport } from '../instance/imports.js';
import { Memory } from '../instance/memory.js';
import { Table } from '../instance/table.js';
import { compileModule, type CodeContext, type CompiledModule as Translation } from './compile.js';
import { hasI64, splitEntry } from './split-call.js';

export const DEFAULT_MAX_CALL_DEPTH = 10_000;

const ENGINE = 'interp';

/** a module compiled by the interpreter */
export interface InterpCompiled extends CompiledModule {
  /** the call-depth limit `translation` was generated for */
  readonly maxCallDepth: number;
  readonly translation: Translation;
}

interface InterpTypes {
  readonly compiled: InterpCompiled;
  readonly func: Func;
  readonly memory: Memory;
  readonly table: Table;
  readonly global: Global;
}

function compile(module: Module, options: CompileOptions): InterpCompiled {
  const maxCallDepth = options.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
  return { engine: ENGINE, module, maxCallDepth, translation: compileModule(module, maxCallDepth) };
}

/** the translation for the depth this instantiation asks for */
function translationFor(compiled: InterpCompiled, options: EngineOptions): Translation {
  const depth = options.maxCallDepth;
  return depth === undefined || depth === compiled.maxCallDepth ? compiled.translation : compileModule(compiled.module, depth);
}

function placeholder(): never {
  throw new Error('interp: function called before instantiation finished');
}

/** functions of interpreter instances whose code is not linked yet → what links it */
const pending = new WeakMap<Func, () => void>();

/** makes sure an imported Func has its final entries (links it when it is a pending interpreter function) */
function settle(f: Func): Func {
  pending.get(f)?.();
  return f;
}

function allocate(compiled: InterpCompiled, imported: readonly Func[], options: EngineOptions): InstanceCode<InterpTypes> {
  const code = translationFor(compiled, options);
  const numImported = imported.length;
  const functions = compiled.module.funcs.map((_, k) => {
    const index = numImported + k;
    return new Func(code.funcTypes[index] as FuncType, code.names[index] as string, placeholder);
  });
  return {
    functions,
    link(parts: InstanceParts<InterpTypes>): void {
      const fns = new Array<InternalFn | undefined>(numImported + functions.length);
      /** links defined function k: its script runs with this instance's context */
      const linkOne = (k: number): InternalFn => {
        const f = functions[k] as Func;
        // a translation failure (thrown here) leaves the function pending: the next call
        // tries again, and fails the same way
        const { fn, split } = code.link(k, c);
        pending.delete(f);
        fns[numImported + k] = split;
        f.fn = fn;
        f.split = split;
        return split;
      };
      const c: CodeContext = {
        funcRefs: funcArray(parts.funcs) as Func[],
        elems: parts.segments.elems,
        datas: parts.segments.datas,
        mems: parts.memories as Memory[],
        tables: parts.tables as Table[],
        globals: parts.globals as Global[],
        imports: imported.map((f) => (hasI64(settle(f).type) ? splitEntry(f) : f.fn)),
        fns,
        link: (index) => fns[index] ?? linkOne(index - numImported),
      };
      functions.forEach((f, k) => {
        const ensure = (): void => {
          if (pending.has(f)) linkOne(k);
        };
        pending.set(f, ensure);
        f.fn = (...args: RawValue[]): unknown => {
          ensure();
          return f.fn(...args);
        };
        f.split = (...args: RawValue[]): unknown => {
          ensure();
          return (f.split as InternalFn)(...args);
        };
      });
    },
  };
}

export const interpBackend: EngineBackend<InterpTypes> = {
  name: ENGINE,
  compile,
  createMemory: (type, maxPages) => new Memory(type, maxPages),
  createTable: (type, init) => new Table(type, init),
  createGlobal: (type, value) => new Global(type, value),
  importFunction(imp, type, name) {
    if (imp.kind === 'wasm' && imp.func instanceof Func) return imp.func;
    const entry = importEntry(imp, type, name);
    return new Func(type, entry.name, entry.fn);
  },
  importMemory(memory, what) {
    if (memory instanceof Memory) return memory;
    throw refuseImport(ENGINE, 'memory', what);
  },
  importTable(table, what) {
    if (table instanceof Table) return table;
    throw refuseImport(ENGINE, 'table', what);
  },
  importGlobal(global, what) {
    if (global instanceof Global) return global;
    throw refuseImport(ENGINE, 'global', what);
  },
  allocate,
};
