/**
 * The interpreter's implementation limits (spec appendix A.1 lets an implementation refuse
 * modules beyond its limits). Each is checked before the work it protects, and a module
 * beyond one fails instantiation as KilnError('uninstantiable') naming the function and
 * the limit:
 *
 * - locals: at most MAX_FUNCTION_LOCALS per function, parameters included (V8's own wasm
 *   limit is the same 50,000). Every local becomes a JS variable, so a valid 45-byte module
 *   declaring 2^32−1 locals would otherwise exhaust the heap. Checked from the local
 *   declarations alone, before anything is allocated for them.
 * - branch nesting: V8's parser checks each labelled statement against every enclosing
 *   statement and resolves each labelled break by walking outwards, so labels nested n deep
 *   cost it O(n²). The translator emits labels only where a branch needs one (see
 *   branch-targets.ts) and counts that parser work as it goes (LabelWork); a module whose
 *   count would exceed labelWorkLimit() is refused instead of taking minutes to compile.
 */

import { KilnError } from '../../formats/errors.js';
import type { FuncType, Module } from '../../formats/wasm/types.js';

export const MAX_FUNCTION_LOCALS = 50_000;

/** label-lookup steps every module may use, whatever its size (about 7,000 nested branch targets) */
export const LABEL_WORK_BASE = 50_000_000;
/** further label-lookup steps allowed per byte of function bodies */
export const LABEL_WORK_PER_BYTE = 64;

/** a function for limit messages: its name (name section or export) and func[N] */
function funcName(module: Module, index: number): string {
  const named = module.names?.funcs.get(index);
  const exp = module.exports.find((e) => e.kind === 'func' && e.index === index);
  const name = named !== undefined && named !== '' ? named : exp?.name;
  return name === undefined ? `func[${index}]` : `${name} (func[${index}])`;
}

const numImportedFuncs = (module: Module): number => module.imports.filter((i) => i.desc.kind === 'func').length;

/** throws when a function declares more locals (parameters included) than the interpreter supports */
export function checkLocalCounts(module: Module): void {
  const imported = numImportedFuncs(module);
  module.codes.forEach((code, k) => {
    const type = module.types[module.funcs[k] as number] as FuncType | undefined;
    let total = type?.params.length ?? 0;
    for (const g of code.locals) total += g.count;
    if (total > MAX_FUNCTION_LOCALS) {
      const index = imported + k;
      throw new KilnError(
        'uninstantiable',
        `function ${funcName(module, index)} has ${total} locals (parameters included), more than the interpreter's limit of ${MAX_FUNCTION_LOCALS}`,
        code.offset >= 0 ? { offset: code.offset } : {},
      );
    }
  });
}

/** label-lookup steps the JS parser may spend on a module's generated source */
export function labelWorkLimit(module: Module): number {
  let bytes = 0;
  for (const code of module.codes) bytes += code.size;
  return LABEL_WORK_BASE + LABEL_WORK_PER_BYTE * bytes;
}

/** counts the JS parser's label work while a module is translated; refuses beyond the limit */
export class LabelWork {
  /** steps counted so far, over all functions of the module */
  steps = 0;

  constructor(
    private readonly module: Module,
    readonly limit: number,
  ) {}

  /** adds `n` steps on behalf of function `funcIndex`; throws once the limit is passed */
  add(n: number, funcIndex: number): void {
    this.steps += n;
    if (this.steps > this.limit) {
      throw new KilnError(
        'uninstantiable',
        `function ${funcName(this.module, funcIndex)}: branch targets nest too deeply for the interpreter (translating this module would take more than its limit of ${this.limit} label-lookup steps)`,
      );
    }
  }
}
