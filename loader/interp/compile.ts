/**
 * Module translation: every defined function is translated once (codegen.ts) and the
 * whole module becomes one JavaScript source, compiled with `new Function`, so that direct
 * calls between functions are plain JS calls V8 can inline. Functions whose type has an
 * i64 also get a raw-convention adapter (codegen.ts adapterSource), which becomes their
 * Func.fn. The source is cached per Module (and call-depth limit); each instance evaluates
 * it with its own context `C` (memories, tables, globals, imported functions, segments,
 * function references).
 */

import type { FuncType, Module, ValType } from '../../formats/wasm/types.js';
import { OPCODES } from '../../formats/wasm/opcodes.js';
import { CALL_STATE, isStackOverflow, typeIdOf, type InternalFn } from '../instance/func.js';
import { KilnError } from '../../formats/errors.js';
import { adapterSource, FuncGen, localTypesOf, type ModuleCtx } from './codegen.js';
import { EMITTERS } from './emitters.js';
import { checkLocalCounts, LabelWork, labelWorkLimit } from './limits.js';
import { registerModule, setLineOffsets } from './frames.js';
import { CONVERSION_HELPERS } from './numeric/conversions.js';
import { FLOAT_HELPERS } from './numeric/float.js';
import { I32_HELPERS } from './numeric/int32.js';
import { I64_HELPERS } from './numeric/int64.js';
import { RUNTIME_HELPERS } from './runtime.js';
import { SIMD_OPS } from './simd/index.js';
import { SPLIT_CALL_HELPERS } from './split-call.js';
import { functionNames } from '../../formats/wasm/func-names.js';

/** helper functions visible by name in generated code */
const HELPERS: Readonly<Record<string, unknown>> = {
  ...I32_HELPERS,
  ...I64_HELPERS,
  ...FLOAT_HELPERS,
  ...CONVERSION_HELPERS,
  ...RUNTIME_HELPERS,
  ...SPLIT_CALL_HELPERS,
};

/** SIMD implementations by opcode id */
const SIMD_BY_ID: readonly unknown[] = OPCODES.map((op) =>
  op.prefix === 0xfd
    ? (SIMD_OPS.get(op.name) ??
      (() => {
        throw new Error(`interp: SIMD instruction ${op.name} is not implemented`);
      }))
    : undefined,
);

/** what the generated source is evaluated with */
const H = { helpers: HELPERS, depth: CALL_STATE, simd: SIMD_BY_ID };

/** scalar loads and stores, which go through the function's cached DataView */
const SCALAR_MEM_IDS = new Set(OPCODES.filter((o) => o.prefix === 0 && o.imm === 'memarg').map((o) => o.id));

export interface CompiledModule {
  readonly mid: number;
  readonly source: string;
  readonly consts: readonly unknown[];
  /** type of every function in the index space */
  readonly funcTypes: readonly FuncType[];
  readonly numImportedFuncs: number;
  /** display name of each function (name section, export, or func[N]) */
  readonly names: readonly string[];
  /** `source` compiled once by V8; each instance calls it with its own context */
  readonly factory: ModuleFactory;
  /** label-lookup steps V8's parser spends on `source` (counted, see limits.ts) */
  readonly labelWork: number;
}

type ModuleFactory = (h: unknown, c: CodeContext) => { fns: InternalFn[]; splits: InternalFn[] };

/** instance context the generated code reads (names match the prologue below) */
export interface CodeContext {
  funcRefs: unknown[];
  elems: unknown[][];
  datas: Uint8Array[];
  mems: unknown[];
  tables: unknown[];
  globals: unknown[];
  /** entry of each imported function in the split convention (codegen.ts), by function index */
  imports: unknown[];
}


const cache = new WeakMap<Module, Map<number, CompiledModule>>();

export function compileModule(module: Module, maxDepth: number): CompiledModule {
  let perDepth = cache.get(module);
  if (perDepth === undefined) {
    perDepth = new Map();
    cache.set(module, perDepth);
  }
  const hit = perDepth.get(maxDepth);
  if (hit !== undefined) return hit;
  // implementation limits that are checked before any work proportional to them
  checkLocalCounts(module);
  let compiled: CompiledModule;
  try {
    compiled = translate(module, maxDepth);
  } catch (e) {
    // V8 parses the generated source recursively: extremely deep block nesting can exhaust
    // the thread's stack (kiln run's worker has a large one; Node's main thread does not)
    if (isStackOverflow(e)) {
      throw new KilnError(
        'uninstantiable',
        "the interpreter cannot compile this module: its blocks nest too deeply for this thread's stack (kiln run sizes it with --max-call-depth)",
      );
    }
    // e.g. "Invalid string length": the generated source (about 12x the code size) is
    // larger than the longest string V8 allows
    if (e instanceof RangeError) {
      throw new KilnError('uninstantiable', `the interpreter cannot compile this module: ${e.message}`);
    }
    throw e;
  }
  perDepth.set(maxDepth, compiled);
  return compiled;
}

function translate(module: Module, maxDepth: number): CompiledModule {
  const funcTypes: FuncType[] = [];
  const globalTypes: ValType[] = [];
  const tableTypes: ValType[] = [];
  let numMems = 0;
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') funcTypes.push(module.types[d.type] as FuncType);
    else if (d.kind === 'global') globalTypes.push(d.global.type);
    else if (d.kind === 'table') tableTypes.push(d.table.elem);
    else numMems++;
  }
  const numImportedFuncs = funcTypes.length;
  for (const t of module.funcs) funcTypes.push(module.types[t] as FuncType);
  for (const g of module.globals) globalTypes.push(g.type.type);
  for (const t of module.tables) tableTypes.push(t.elem);
  numMems += module.mems.length;

  const names = functionNames(module);
  const mid = registerModule((i) => names[i] ?? `func[${i}]`);
  const ctx: ModuleCtx = {
    module,
    mid,
    funcTypes,
    typeIds: module.types.map(typeIdOf),
    numImportedFuncs,
    globalTypes,
    tableTypes,
    maxDepth,
    // starts with a non-number so that the array keeps tagged elements: storing doubles in a
    // double-packed array would quiet signalling-NaN payloads
    consts: [null],
    simdUsed: new Set(),
    labelWork: new LabelWork(module, labelWorkLimit(module)),
  };

  const bodies: string[] = [];
  /** wasm offset behind each line of `bodies` (-1 where none), for trap backtraces */
  const bodyOffsets: number[] = [];
  const unmapped = (text: string): void => {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) bodyOffsets.push(-1);
  };
  /** each function's raw-convention entry: itself, or its adapter when its type has an i64 */
  const entries: string[] = [];
  module.codes.forEach((code, k) => {
    const index = numImportedFuncs + k;
    const type = funcTypes[index] as FuncType;
    const usesMem = code.body.some((ins) => SCALAR_MEM_IDS.has(ins.op));
    const g = new FuncGen(ctx, index, type, localTypesOf(type, code.locals), usesMem);
    const fn = g.generate(code.body, EMITTERS);
    bodies.push(fn.source);
    bodyOffsets.push(...fn.lineOffsets);
    const adapter = adapterSource(mid, index, type);
    if (adapter !== null) {
      bodies.push(adapter);
      unmapped(adapter);
    }
    entries.push(`${adapter === null ? 'w' : 'a'}${mid}_${index}`);
  });

  const pro: string[] = ['"use strict";'];
  pro.push(`const {${Object.keys(HELPERS).join(', ')}} = H.helpers;`);
  pro.push('const D = H.depth, FR = C.funcRefs, E = C.elems, DS = C.datas, NOELEM = [], NODATA = new Uint8Array(0);');
  pro.push('const V0 = new Uint8Array(16), K = H.consts;');
  for (let i = 0; i < numMems; i++) pro.push(`const M${i} = C.mems[${i}];`);
  for (let i = 0; i < tableTypes.length; i++) pro.push(`const T${i} = C.tables[${i}];`);
  for (let i = 0; i < globalTypes.length; i++) pro.push(`const G${i} = C.globals[${i}];`);
  for (let i = 0; i < numImportedFuncs; i++) pro.push(`const I${i} = C.imports[${i}];`);
  for (const id of ctx.simdUsed) pro.push(`const S${id} = H.simd[${id}];`);
  for (let k = 1; k < ctx.consts.length; k++) pro.push(`const K${k} = K[${k}];`);
  const fnNames = module.codes.map((_, k) => `w${mid}_${numImportedFuncs + k}`);
  const source = `${pro.join('\n')}\n${bodies.join('')}return { fns: [${entries.join(', ')}], splits: [${fnNames.join(', ')}] };\n`;
  setLineOffsets(mid, Int32Array.from([...new Array<number>(pro.length).fill(-1), ...bodyOffsets]));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('H', 'C', source) as ModuleFactory;
  const labelWork = ctx.labelWork.steps;
  return { mid, source, consts: ctx.consts, funcTypes, numImportedFuncs, names, factory, labelWork };
}

/**
 * runs a compiled module's factory for one instance; returns each defined function's
 * raw-convention entry (Func.fn) and its split-convention entry (Func.split)
 */
export function link(compiled: CompiledModule, C: CodeContext): { fns: InternalFn[]; splits: InternalFn[] } {
  return compiled.factory({ ...H, consts: compiled.consts }, C);
}
