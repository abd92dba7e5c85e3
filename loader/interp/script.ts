/**
 * One defined function's script: the JavaScript that `new Function('H', 'C', source)`
 * compiles into a factory for that function (compile.ts). The source is a prologue binding
 * what the function's code names — helpers (by name), memories M<i>, tables T<i>, globals
 * G<i>, imported functions I<i>, SIMD implementations S<id>, pooled constants K<k> — followed by
 * the function, its pieces (split.ts) and its raw-convention adapter (codegen.ts
 * adapterSource); the factory returns the function's raw entry and its split-convention
 * entry. Only names that occur in the code are bound, so a script's size follows its
 * function's, not the module's.
 */

import type { InternalFn } from '../instance/func.js';

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
  /** split-convention entry of each function linked so far in this instance, by function index */
  fns: (InternalFn | undefined)[];
  /** links function `index` in this instance (translating it if needed); returns its split entry */
  link: (index: number) => InternalFn;
}

/** what a function script's factory returns */
export interface LinkedFunction {
  /** raw-convention entry (Func.fn) */
  fn: InternalFn;
  /** split-convention entry (Func.split) */
  split: InternalFn;
}

export type FunctionFactory = (h: unknown, c: CodeContext) => LinkedFunction;

/** the per-instance bindings every script has */
const FIXED = [
  'const D = H.depth, K = H.consts, F = C.fns, L = C.link, FR = C.funcRefs, E = C.elems, DS = C.datas;',
  'const NOELEM = [], NODATA = new Uint8Array(0), V0 = new Uint8Array(16);',
];

const SOURCE_NAMES: Readonly<Record<string, string>> = { M: 'C.mems', T: 'C.tables', G: 'C.globals', I: 'C.imports', S: 'H.simd', K: 'K' };

/**
 * the script's source for `code` (the generated functions), `entry` and `split` naming its
 * raw and split-convention entries; `helperNames` are the helpers that exist. Returns the
 * source and the number of prologue lines (for the line → wasm offset map).
 */
export function scriptSource(code: string, entry: string, split: string, helperNames: readonly string[]): { source: string; headLines: number } {
  const lines: string[] = ['"use strict";'];
  const helperRe = new RegExp(`\\b(?:${helperNames.join('|')})\\b`, 'g');
  const helpers = new Set(code.match(helperRe) ?? []);
  if (helpers.size > 0) lines.push(`const {${[...helpers].join(', ')}} = H.helpers;`);
  lines.push(...FIXED);
  const bound = new Set<string>();
  for (const m of code.matchAll(/\b([MTGISK])(\d+)\b/g)) {
    const name = m[0];
    if (bound.has(name)) continue;
    bound.add(name);
    lines.push(`const ${name} = ${SOURCE_NAMES[m[1] as string] as string}[${m[2] as string}];`);
  }
  const head = lines.join('\n') + '\n';
  return { source: `${head}${code}return { fn: ${entry}, split: ${split} };\n`, headLines: lines.length };
}
