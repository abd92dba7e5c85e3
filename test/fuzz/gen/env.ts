/**
 * What the body generator knows about the module being generated: options, operator menus,
 * the type table (interned function types, also used for block types), the callable
 * functions, globals, memory, table layout and data segments.
 */

import type { FuncType, GlobalType, ValType } from '../../../formats/wasm/types.js';
import type { OpMenus } from './ops.js';
import type { GenOptions } from './options.js';
import type { Rng } from './rng.js';

export interface FuncSig {
  params: ValType[];
  results: ValType[];
  /** type index */
  type: number;
}

/** Interns function types into the module's type section (spec §2.5.2): equal types share an index. */
export class TypeTable {
  constructor(readonly types: FuncType[]) {}

  intern(params: readonly ValType[], results: readonly ValType[]): number {
    const i = this.types.findIndex((t) => sameTypes(t.params, params) && sameTypes(t.results, results));
    if (i >= 0) return i;
    this.types.push({ params: [...params], results: [...results] });
    return this.types.length - 1;
  }
}

export const sameTypes = (a: readonly ValType[], b: readonly ValType[]): boolean =>
  a.length === b.length && a.every((t, i) => t === b[i]);

export interface ModuleEnv {
  opts: GenOptions;
  menus: OpMenus;
  rng: Rng;
  types: TypeTable;
  /** the generated (callable) functions; index = function index */
  funcs: FuncSig[];
  /** every global; index = global index */
  globals: GlobalType[];
  /** index of the call-budget global, -1 when there are no calls */
  budgetGlobal: number;
  /**
   * index of the v128 sink global (simd only, else -1): SIMD statements xor values into it so
   * that they reach the compared state; no other code sets it
   */
  sinkGlobal: number;
  /** initial memory size in pages, -1 without memory */
  memPages: number;
  /** table entries (function index, or -1 for null); empty without a table */
  table: number[];
  /** each data segment (memory.init sources); active ones count as dropped once instantiated */
  datas: SegmentInfo[];
  /** each element segment (table.init sources); the active one counts as dropped once instantiated */
  elems: SegmentInfo[];
}

export interface SegmentInfo {
  length: number;
  passive: boolean;
}
