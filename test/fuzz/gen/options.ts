/**
 * Options of the random module generator: sizes and feature toggles. Defaults suit the
 * interpreter robustness test; the compiler's differential tests can narrow them (e.g. only
 * i32, no memory) while a backend is young, and widen them as it grows.
 */

import { ValType } from '../../../formats/wasm/types.js';

export interface GenFeatures {
  /** linear memory: loads/stores of every width, memory.size/grow, an exported memory */
  memory: boolean;
  /** memory.fill / memory.copy / memory.init / data.drop and passive data segments */
  bulkMemory: boolean;
  /** mutable and immutable globals besides the call budget */
  globals: boolean;
  /** direct calls between the generated functions */
  calls: boolean;
  /** a funcref table with some null entries, call_indirect with matching and mismatching types */
  callIndirect: boolean;
  /** bounded loops (a reserved counter local per nesting level) */
  loops: boolean;
  /**
   * table and reference instructions on the call_indirect table: table.size/grow/get,
   * ref.null/ref.func/ref.is_null, a passive element segment and elem.drop; with traps also
   * table.set/fill/copy/init (they may break calls)
   */
  tables: boolean;
  /** multi-value: several function results, block types by type index with params */
  multiValue: boolean;
  /** br_table */
  brTable: boolean;
  /** select (untyped and typed) */
  select: boolean;
  /** iNN.trunc_sat_fMM_* */
  saturating: boolean;
  /** iNN.extendN_s */
  signExt: boolean;
  /**
   * trap-prone code: unreachable, divisors that may be 0 or −1, trapping float→int
   * truncations, addresses/sizes that may be out of bounds, bad call_indirect indices/types
   */
  traps: boolean;
  /**
   * Canonicalise NaNs where their bits become observable (reinterpret, float stores, the sign
   * operand of copysign): NaN payloads are nondeterministic in the spec (§4.3.3), so
   * differential tests need this on. Results are compared with any-NaN-matches-any-NaN.
   */
  nanCanon: boolean;
  /**
   * 128-bit SIMD (off by default, so that every seed keeps giving the module it gave before):
   * v128 params, results, locals, globals and block types, and every 0xFD instruction
   * (simd-body.ts). Exported functions cannot take or return a v128 in JS, so each entry
   * wrapper passes a v128 as two i64 (v128-boundary.ts). Needs multiValue (a v128 result
   * leaves the wrapper as two i64). With nanCanon, float lanes whose NaN payload the spec
   * leaves open are canonicalised where they are made.
   */
  simd: boolean;
}

export interface GenOptions {
  /** value types used for params, results, locals, globals and operators */
  types: readonly ValType[];
  /** generated functions (not counting the exported entry wrappers), at least 1 */
  maxFuncs: number;
  maxParams: number;
  /** maximum results per function / block (1 when multiValue is off) */
  maxResults: number;
  /** declared locals per function besides the reserved ones */
  maxLocals: number;
  maxGlobals: number;
  /** statements per block body (upper bound) */
  maxStmts: number;
  /** expression nesting depth */
  maxDepth: number;
  /** nested block/loop/if labels per function */
  maxBlockDepth: number;
  /** soft bound on instructions per function body */
  maxBodySize: number;
  /** iterations of each loop (upper bound) */
  maxLoopIters: number;
  /** total calls one export call may make (all functions check and decrement a global) */
  callBudget: number;
  features: GenFeatures;
}

export type GenOptionsInput = Partial<Omit<GenOptions, 'features'>> & { features?: Partial<GenFeatures> };

export const ALL_NUMERIC: readonly ValType[] = [ValType.I32, ValType.I64, ValType.F32, ValType.F64];

export const DEFAULT_FEATURES: Readonly<GenFeatures> = {
  memory: true,
  bulkMemory: true,
  globals: true,
  calls: true,
  callIndirect: true,
  tables: true,
  loops: true,
  multiValue: true,
  brTable: true,
  select: true,
  saturating: true,
  signExt: true,
  traps: true,
  nanCanon: true,
  simd: false,
};

export const DEFAULT_OPTIONS: Readonly<GenOptions> = {
  types: ALL_NUMERIC,
  maxFuncs: 5,
  maxParams: 3,
  maxResults: 3,
  maxLocals: 4,
  maxGlobals: 4,
  maxStmts: 4,
  maxDepth: 4,
  maxBlockDepth: 4,
  maxBodySize: 200,
  maxLoopIters: 5,
  callBudget: 24,
  features: DEFAULT_FEATURES,
};

export function resolveOptions(input: GenOptionsInput = {}): GenOptions {
  const features = { ...DEFAULT_FEATURES, ...(input.features ?? {}) };
  const o: GenOptions = { ...DEFAULT_OPTIONS, ...input, features };
  if (o.types.length === 0) throw new Error('generator options: at least one value type is needed');
  if (features.simd) {
    if (!features.multiValue) throw new Error('generator options: simd needs multiValue (a v128 result leaves its wrapper as two i64)');
    // as often as all the others together: about half of the params, results, locals,
    // globals, block types and dropped values are v128
    if (!o.types.includes(ValType.V128)) o.types = [...o.types, ...o.types.map(() => ValType.V128)];
  }
  const allowed = features.simd ? [...ALL_NUMERIC, ValType.V128] : ALL_NUMERIC;
  if (!o.types.every((t) => allowed.includes(t))) throw new Error('generator options: numeric types only (and v128 with simd)');
  if (o.maxFuncs < 1) throw new Error('generator options: maxFuncs must be at least 1');
  if (!features.multiValue) o.maxResults = Math.min(o.maxResults, 1);
  return o;
}

/**
 * Module i's options in the SIMD differential runs (x86-64 and AArch64): SIMD, larger than the
 * defaults (fixed costs per module dominate small ones), and every other module without
 * trap-prone code so that calls run to their end.
 */
export const simdDiffOptions = (i: number): GenOptionsInput => ({ maxFuncs: 8, maxBodySize: 300, features: { simd: true, traps: i % 2 === 0 } });
