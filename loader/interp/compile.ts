/**
 * Module translation, lazily and per function: compiling a module for the interpreter only
 * gathers what every function's translation needs (types, names, limits checked up front);
 * each defined function is translated (codegen.ts, split into pieces when large: split.ts)
 * into a script of its own (script.ts) the first time an instance links it, which is the
 * first time it is called (instantiate.ts). The script is compiled once with `new Function`
 * and cached per Module and call-depth limit; each instance runs it with its own context `C`
 * (memories, tables, globals, imported functions, segments, function references, the entries
 * of the functions linked so far). Direct calls go through the instance's entry array
 * (`(F[i] || L(i))(…)`), so a call site only ever sees the callee's final function and V8 can
 * still inline it. Start-up therefore pays nothing for functions never called, and no
 * module is too large for V8's longest string.
 */

import type { FuncType, Module, ValType } from '../../formats/wasm/types.js';
import { OPCODES } from '../../formats/wasm/opcodes.js';
import { CALL_STATE, isStackOverflow, typeIdOf } from '../instance/func.js';
import { KilnError } from '../../formats/errors.js';
import { adapterSource, localTypesOf, type ModuleCtx } from './codegen.js';
import { checkLocalCounts, LabelWork, labelWorkLimit } from './limits.js';
import { addLabelWork, checkLabelWork, countLabelWork } from './label-scan.js';
import { registerModule, setLineOffsets } from './frames.js';
import { CONVERSION_HELPERS } from './numeric/conversions.js';
import { FLOAT_HELPERS } from './numeric/float.js';
import { I32_HELPERS } from './numeric/int32.js';
import { I64_HELPERS } from './numeric/int64.js';
import { RUNTIME_HELPERS } from './runtime.js';
import { SIMD_OPS } from './simd/index.js';
import { SPLIT_CALL_HELPERS } from './split-call.js';
import { functionNames } from '../../formats/wasm/func-names.js';
import { scriptSource, type CodeContext, type FunctionFactory, type LinkedFunction } from './script.js';
import { translateFunction } from './split.js';

export type { CodeContext } from './script.js';

/** helper functions visible by name in generated code */
const HELPERS: Readonly<Record<string, unknown>> = {
  ...I32_HELPERS,
  ...I64_HELPERS,
  ...FLOAT_HELPERS,
  ...CONVERSION_HELPERS,
  ...RUNTIME_HELPERS,
  ...SPLIT_CALL_HELPERS,
};
const HELPER_NAMES = Object.keys(HELPERS);

/** SIMD implementations by opcode id */
const SIMD_BY_ID: readonly unknown[] = OPCODES.map((op) =>
  op.prefix === 0xfd
    ? (SIMD_OPS.get(op.name) ??
      (() => {
        throw new Error(`interp: SIMD instruction ${op.name} is not implemented`);
      }))
    : undefined,
);

/** scalar loads and stores, which go through the function's cached DataView */
const SCALAR_MEM_IDS = new Set(OPCODES.filter((o) => o.prefix === 0 && o.imm === 'memarg').map((o) => o.id));

/** one defined function's translation: its script, compiled once */
export interface FunctionScript {
  readonly source: string;
  readonly consts: readonly unknown[];
  readonly factory: FunctionFactory;
  /** generated JS functions (the function and its pieces) and the largest one's estimated bytecode bytes */
  readonly pieces: number;
  readonly largestPiece: number;
}

/** a module compiled for the interpreter: what translating its functions needs */
export class CompiledModule {
  /** type of every function in the index space */
  readonly funcTypes: readonly FuncType[];
  readonly numImportedFuncs: number;
  /** display name of each function (name section, export, or func[N]) */
  readonly names: readonly string[];
  /** process-wide id used in generated function names (w<mid>_<index>) */
  readonly mid: number;
  private work: number | undefined;
  /** label work of the functions not read before instantiation, counted as they are translated */
  private readonly lazyWork: LabelWork;
  /** the functions whose label work was counted before instantiation */
  private readonly scanned: ReadonlySet<number>;
  private readonly ctx: Omit<ModuleCtx, 'consts' | 'simdUsed' | 'labelWork'>;
  /** scripts by defined-function number (function index − imported functions) */
  private readonly scripts: (FunctionScript | undefined)[];

  constructor(
    readonly module: Module,
    readonly maxDepth: number,
  ) {
    const funcTypes: FuncType[] = [];
    const globalTypes: ValType[] = [];
    const tableTypes: ValType[] = [];
    for (const imp of module.imports) {
      const d = imp.desc;
      if (d.kind === 'func') funcTypes.push(module.types[d.type] as FuncType);
      else if (d.kind === 'global') globalTypes.push(d.global.type);
      else if (d.kind === 'table') tableTypes.push(d.table.elem);
    }
    const numImportedFuncs = funcTypes.length;
    for (const t of module.funcs) funcTypes.push(module.types[t] as FuncType);
    for (const g of module.globals) globalTypes.push(g.type.type);
    for (const t of module.tables) tableTypes.push(t.elem);
    const names = functionNames(module);
    this.funcTypes = funcTypes;
    this.numImportedFuncs = numImportedFuncs;
    this.names = names;
    this.mid = registerModule((i) => names[i] ?? `func[${i}]`);
    this.ctx = { module, mid: this.mid, funcTypes, typeIds: module.types.map(typeIdOf), numImportedFuncs, globalTypes, tableTypes, maxDepth };
    this.scripts = new Array<FunctionScript | undefined>(module.codes.length);
    const limit = labelWorkLimit(module);
    const early = checkLabelWork(module, limit);
    this.scanned = early.scanned;
    this.lazyWork = new LabelWork(module, limit - early.steps);
  }

  /** label-lookup steps V8's parser would spend on the unsplit translation (limits.ts; reads every body) */
  get labelWork(): number {
    this.work ??= countLabelWork(this.module, Infinity);
    return this.work;
  }

  /** the script of defined function k (function index numImportedFuncs + k), translated on first use */
  script(k: number): FunctionScript {
    const hit = this.scripts[k];
    if (hit !== undefined) return hit;
    const s = this.translate(k);
    this.scripts[k] = s;
    return s;
  }

  /** how many functions have been translated so far */
  get translatedCount(): number {
    let n = 0;
    for (const s of this.scripts) if (s !== undefined) n++;
    return n;
  }

  /** every function's script source, joined (tests and tools; translates every function) */
  get source(): string {
    return this.module.codes.map((_, k) => this.script(k).source).join('');
  }

  private translate(k: number): FunctionScript {
    const { module, mid } = this;
    const index = this.numImportedFuncs + k;
    const code = module.codes[k];
    if (code === undefined) throw new Error(`interp: no function ${index}`);
    const type = this.funcTypes[index] as FuncType;
    const ctx: ModuleCtx = {
      ...this.ctx,
      // starts with a non-number so that the array keeps tagged elements: storing doubles in a
      // double-packed array would quiet signalling-NaN payloads
      consts: [null],
      simdUsed: new Set(),
      // counted by the scan (label-scan.ts), before instantiation or now
      labelWork: new LabelWork(module, Infinity),
    };
    if (!this.scanned.has(k)) addLabelWork(module, k, this.lazyWork);
    const usesMem = code.body.some((ins) => SCALAR_MEM_IDS.has(ins.op));
    let fn: ReturnType<typeof translateFunction>;
    let factory: FunctionFactory;
    let script: { source: string; headLines: number };
    try {
      fn = translateFunction(ctx, index, type, localTypesOf(type, code.locals), usesMem, code.body);
      const adapter = adapterSource(mid, index, type);
      const main = `w${mid}_${index}`;
      script = scriptSource(fn.source + (adapter ?? ''), adapter === null ? main : `a${mid}_${index}`, main, HELPER_NAMES);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      factory = new Function('H', 'C', script.source) as FunctionFactory;
    } catch (e) {
      throw translationFailure(e);
    }
    const offsets = new Int32Array(script.headLines + fn.lineOffsets.length + 2).fill(-1);
    offsets.set(fn.lineOffsets, script.headLines);
    setLineOffsets(mid, index, offsets);
    return { source: script.source, consts: ctx.consts, factory, pieces: fn.pieces, largestPiece: fn.largestPiece };
  }

  /** links defined function k into an instance's context: its raw and split-convention entries */
  link(k: number, c: CodeContext): LinkedFunction {
    const s = this.script(k);
    return s.factory({ helpers: HELPERS, depth: CALL_STATE, simd: SIMD_BY_ID, consts: s.consts }, c);
  }
}

/** a failure to translate or compile a function, as the KilnError that explains it */
function translationFailure(e: unknown): unknown {
  // V8 parses the generated source recursively: extremely deep block nesting can exhaust
  // the thread's stack (kiln run's worker has a large one; Node's main thread does not)
  if (isStackOverflow(e)) {
    return new KilnError(
      'uninstantiable',
      "the interpreter cannot compile this module: its blocks nest too deeply for this thread's stack (kiln run sizes it with --max-call-depth)",
    );
  }
  // e.g. "Invalid string length": a generated source longer than V8 allows
  if (e instanceof RangeError) return new KilnError('uninstantiable', `the interpreter cannot compile this module: ${e.message}`);
  return e;
}

const cache = new WeakMap<Module, Map<number, CompiledModule>>();

/** the module prepared for lazy translation at this call-depth limit (cached per module and limit) */
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
  const compiled = new CompiledModule(module, maxDepth);
  perDepth.set(maxDepth, compiled);
  return compiled;
}
