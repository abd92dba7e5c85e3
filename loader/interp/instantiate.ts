/**
 * Module instantiation (spec §4.5.4 "instantiate", §4.5.2 import matching / §3.2.7 limits
 * subtyping): resolve and type-check imports, create globals, tables and memories, link the
 * translated code (each defined function's Func gets its raw entry `fn` and its
 * split-convention entry `split`, see split-call.ts), build exports, apply active element
 * then data segments in order (a trap part-way keeps the writes made so far and is thrown),
 * drop active/declarative segments, and run the start function.
 */

import { KilnError } from '../../formats/errors.js';
import type { Expr, FuncType, Limits, Module, ValType } from '../../formats/wasm/types.js';
import { OPCODES } from '../../formats/wasm/opcodes.js';
import type {
  EngineOptions,
  ExternValue,
  HostFunction,
  ImportValue,
  Imports,
  Instance,
  RawValue,
  RefValue,
} from '../api.js';
import { Func, fromRaw, taggedArray, toRaw, typeIdOf, type InternalFn } from '../instance/func.js';
import { Global } from '../instance/global.js';
import { Memory } from '../instance/memory.js';
import { Table } from '../instance/table.js';
import { compileModule, link, type CodeContext } from './compile.js';
import { f64_from_bits } from './numeric/float.js';
import { minit, tinit } from './runtime.js';
import { hasI64, splitEntry } from './split-call.js';

export const DEFAULT_MAX_CALL_DEPTH = 10_000;

const unlinkable = (reason: string, what: string): KilnError => new KilnError('unlinkable', `${reason}: ${what}`);

function limitsMatch(actualMin: number, actualMax: number | undefined, declared: Limits): boolean {
  if (actualMin < declared.min) return false;
  if (declared.max === undefined) return true;
  return actualMax !== undefined && actualMax <= declared.max;
}

function isHostFunction(v: unknown): v is HostFunction {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'host';
}

/** a plain JS function (JS value convention) as an internal entry */
function wrapJsFunction(f: (...args: unknown[]) => unknown, type: FuncType): InternalFn {
  const ps = type.params;
  const rs = type.results;
  return (...args: RawValue[]) => {
    const js = new Array<unknown>(ps.length).fill(null);
    for (let i = 0; i < ps.length; i++) js[i] = fromRaw(ps[i] as ValType, args[i] as RawValue);
    const r = f(...js);
    if (rs.length === 0) return undefined;
    if (rs.length === 1) return toRaw(rs[0] as ValType, r);
    const arr = r as unknown[];
    const out = taggedArray(rs.length);
    for (let i = 0; i < rs.length; i++) out[i] = toRaw(rs[i] as ValType, arr[i]);
    return out;
  };
}

/** a HostFunction record (raw convention, arrays in and out) as an internal entry */
function wrapHostFunction(h: HostFunction): InternalFn {
  const n = h.type.params.length;
  const nr = h.type.results.length;
  return (...args: RawValue[]) => {
    const a = taggedArray(n);
    for (let i = 0; i < n; i++) a[i] = args[i] as RawValue;
    const r = h.fn(a);
    if (nr === 0) return undefined;
    if (nr === 1) return r[0];
    return r;
  };
}

function resolveFunc(v: ImportValue, type: FuncType, what: string, name: string): Func {
  if (v instanceof Func) {
    if (v.typeId !== typeIdOf(type)) throw unlinkable('incompatible import type', what);
    return v;
  }
  if (isHostFunction(v)) {
    if (typeIdOf(v.type) !== typeIdOf(type)) throw unlinkable('incompatible import type', what);
    return new Func(type, v.name ?? name, wrapHostFunction(v));
  }
  if (typeof v === 'function') return new Func(type, name, wrapJsFunction(v as (...a: unknown[]) => unknown, type));
  if (typeof v === 'object' && v !== null && v.kind === 'func') {
    const other = v;
    if (typeIdOf(other.type) !== typeIdOf(type)) throw unlinkable('incompatible import type', what);
    const rs = type.results.length;
    return new Func(type, other.name, (...args: RawValue[]) => {
      const r = other.callRaw(args);
      return rs === 0 ? undefined : rs === 1 ? r[0] : r;
    });
  }
  throw unlinkable('incompatible import type', what);
}

/**
 * evaluates a constant expression (spec §3.3.10): one instruction the opcode table marks
 * constExpr, its value read by immediate kind (validation has checked the rest)
 */
function evalConst(expr: Expr, globals: readonly Global[], funcRefs: readonly Func[]): RawValue {
  const ins = expr[0];
  const info = ins === undefined ? undefined : OPCODES[ins.op];
  if (ins === undefined || info === undefined || !info.constExpr) {
    throw new KilnError('invalid', `constant expression required (${info?.name ?? 'empty'})`);
  }
  switch (info.imm) {
    case 'i32':
    case 'f32':
      return ins.a | 0;
    case 'i64':
      return BigInt.asIntN(64, ins.x as bigint);
    case 'f64':
      return f64_from_bits(BigInt.asIntN(64, ins.x as bigint));
    case 'v128':
      return new Uint8Array(ins.x as Uint8Array);
    case 'func':
      return funcRefs[ins.a] as Func;
    case 'global':
      return (globals[ins.a] as Global).v;
    default:
      return null; // ref.null
  }
}

/** options.maxMemoryPages, checked: a whole number of pages from 0 up (undefined: no limit) */
function memoryLimit(options: EngineOptions): number | undefined {
  const limit = options.maxMemoryPages;
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new KilnError('usage', `maxMemoryPages must be a whole number of 64 KiB pages, not ${String(limit)}`);
  }
  return limit;
}

export function instantiate(module: Module, imports: Imports, options: EngineOptions = {}): Instance {
  const maxDepth = options.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
  const limit = memoryLimit(options);
  const compiled = compileModule(module, maxDepth);

  // ---- imports (§4.5.4 steps 3–4) ----
  const funcRefs: Func[] = [];
  const tables: Table[] = [];
  const mems: Memory[] = [];
  const globals: Global[] = [];
  for (const imp of module.imports) {
    const what = `${imp.module}.${imp.name}`;
    const v = imports[imp.module]?.[imp.name];
    if (v === undefined) throw unlinkable('unknown import', what);
    const d = imp.desc;
    switch (d.kind) {
      case 'func':
        funcRefs.push(resolveFunc(v, module.types[d.type] as FuncType, what, imp.name));
        break;
      case 'table':
        if (!(v instanceof Table) || v.type.elem !== d.table.elem) throw unlinkable('incompatible import type', what);
        if (!limitsMatch(v.size(), v.type.limits.max, d.table.limits)) throw unlinkable('incompatible import type', what);
        tables.push(v);
        break;
      case 'memory':
        if (!(v instanceof Memory)) throw unlinkable('incompatible import type', what);
        if (!limitsMatch(v.size(), v.type.limits.max, d.mem.limits)) throw unlinkable('incompatible import type', what);
        mems.push(v);
        break;
      case 'global':
        if (!(v instanceof Global) || v.type.type !== d.global.type || v.type.mutable !== d.global.mutable) {
          throw unlinkable('incompatible import type', what);
        }
        globals.push(v);
        break;
    }
  }

  // ---- functions, globals, tables, memories (§4.5.3 allocmodule) ----
  const numImported = funcRefs.length;
  const placeholder: InternalFn = () => {
    throw new Error('interp: function called before instantiation finished');
  };
  module.funcs.forEach((_, k) => {
    const index = numImported + k;
    funcRefs.push(new Func(compiled.funcTypes[index] as FuncType, compiled.names[index] as string, placeholder));
  });
  for (const g of module.globals) globals.push(new Global(g.type, evalConst(g.init, globals, funcRefs)));
  for (const t of module.tables) tables.push(new Table(t));
  for (const m of module.mems) {
    if (limit !== undefined && m.limits.min > limit) {
      throw new KilnError(
        'uninstantiable',
        `memory ${mems.length} needs ${m.limits.min} pages initially, more than the memory limit of ${limit} pages (--max-memory, EngineOptions.maxMemoryPages)`,
      );
    }
    mems.push(new Memory(m, limit));
  }

  const elems: RefValue[][] = module.elems.map((e) => e.init.map((x) => evalConst(x, globals, funcRefs) as RefValue));
  const datas: Uint8Array[] = module.datas.map((d) => d.bytes);
  const C: CodeContext = {
    funcRefs,
    elems,
    datas,
    mems,
    tables,
    globals,
    imports: funcRefs.slice(0, numImported).map((f) => (hasI64(f.type) ? splitEntry(f) : f.fn)),
  };
  const { fns, splits } = link(compiled, C);
  fns.forEach((fn, k) => {
    const f = funcRefs[numImported + k] as Func;
    f.fn = fn;
    f.split = splits[k] as InternalFn;
  });

  // ---- exports ----
  const exports: Record<string, ExternValue> = {};
  for (const e of module.exports) {
    exports[e.name] =
      e.kind === 'func'
        ? (funcRefs[e.index] as Func)
        : e.kind === 'table'
          ? (tables[e.index] as Table)
          : e.kind === 'memory'
            ? (mems[e.index] as Memory)
            : (globals[e.index] as Global);
  }
  const instance: Instance = { module, exports };

  // ---- element and data segments (§4.5.4 steps 12–13), then start ----
  const NOELEM: RefValue[] = [];
  module.elems.forEach((e, i) => {
    if (e.mode.kind === 'active') {
      const off = evalConst(e.mode.offset, globals, funcRefs) as number;
      tinit(tables[e.mode.table] as Table, elems, i, off, 0, (elems[i] as RefValue[]).length);
      elems[i] = NOELEM;
    } else if (e.mode.kind === 'declarative') {
      elems[i] = NOELEM;
    }
  });
  const NODATA = new Uint8Array(0);
  module.datas.forEach((d, i) => {
    if (d.mode.kind === 'active') {
      const off = evalConst(d.mode.offset, globals, funcRefs) as number;
      minit(mems[d.mode.mem] as Memory, datas, i, off, 0, (datas[i] as Uint8Array).length);
      datas[i] = NODATA;
    }
  });
  options.beforeStart?.(instance);
  if (module.start !== null) (funcRefs[module.start] as Func).callRaw([]);
  return instance;
}
