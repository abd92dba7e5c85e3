/**
 * Module index spaces (spec §2.5.1 "Indices", §3.4 validation contexts): functions, tables,
 * memories and globals are numbered imports first, then definitions. This file resolves those
 * index spaces once per module so that the validator, the interpreter and the compiler all
 * look types up the same way, and gives the block type helper (spec §3.2.x "Block Types").
 */

import type { FuncType, GlobalType, Module, TableType, MemType, ValType } from '../../formats/wasm/types.js';
import { BLOCK_EMPTY, blockValType } from '../../formats/wasm/opcodes.js';

/** How many of each kind of entity the module imports (they come first in each index space). */
export interface ImportCounts {
  funcs: number;
  tables: number;
  mems: number;
  globals: number;
}

export function importCounts(m: Module): ImportCounts {
  const c: ImportCounts = { funcs: 0, tables: 0, mems: 0, globals: 0 };
  for (const imp of m.imports) {
    switch (imp.desc.kind) {
      case 'func':
        c.funcs++;
        break;
      case 'table':
        c.tables++;
        break;
      case 'memory':
        c.mems++;
        break;
      case 'global':
        c.globals++;
        break;
    }
  }
  return c;
}

/**
 * The module's index spaces, flattened: entry i of each array describes index i
 * (imports first). Built once per module; cheap to keep around for the interpreter.
 */
export interface ModuleInfo {
  readonly imported: ImportCounts;
  /** type index of every function (imported and defined) */
  readonly funcTypeIdx: readonly number[];
  readonly tables: readonly TableType[];
  readonly mems: readonly MemType[];
  readonly globals: readonly GlobalType[];
}

export function buildModuleInfo(m: Module): ModuleInfo {
  const imported = importCounts(m);
  const funcTypeIdx: number[] = [];
  const tables: TableType[] = [];
  const mems: MemType[] = [];
  const globals: GlobalType[] = [];
  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === 'func') funcTypeIdx.push(d.type);
    else if (d.kind === 'table') tables.push(d.table);
    else if (d.kind === 'memory') mems.push(d.mem);
    else globals.push(d.global);
  }
  for (const t of m.funcs) funcTypeIdx.push(t);
  for (const t of m.tables) tables.push(t);
  for (const mt of m.mems) mems.push(mt);
  for (const g of m.globals) globals.push(g.type);
  return { imported, funcTypeIdx, tables, mems, globals };
}

/** Type index of function `funcIdx` (imports first), or -1 when there is no such function. */
export function funcTypeIdxOf(m: Module, funcIdx: number): number {
  let n = 0;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'func') continue;
    if (n === funcIdx) return imp.desc.type;
    n++;
  }
  const local = funcIdx - n;
  return local >= 0 && local < m.funcs.length ? (m.funcs[local] as number) : -1;
}

/** The function type of function `funcIdx`; undefined for an unknown function or type index. */
export function funcTypeOf(m: Module, funcIdx: number): FuncType | undefined {
  const t = funcTypeIdxOf(m, funcIdx);
  return t < 0 ? undefined : m.types[t];
}

/** Global type of global `idx` (imports first), undefined if out of range. */
export function globalTypeOf(m: Module, idx: number): GlobalType | undefined {
  let n = 0;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'global') continue;
    if (n === idx) return imp.desc.global;
    n++;
  }
  return m.globals[idx - n]?.type;
}

/** Table type of table `idx` (imports first), undefined if out of range. */
export function tableTypeOf(m: Module, idx: number): TableType | undefined {
  let n = 0;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'table') continue;
    if (n === idx) return imp.desc.table;
    n++;
  }
  return m.tables[idx - n];
}

/** Memory type of memory `idx` (imports first), undefined if out of range. */
export function memTypeOf(m: Module, idx: number): MemType | undefined {
  let n = 0;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'memory') continue;
    if (n === idx) return imp.desc.mem;
    n++;
  }
  return m.mems[idx - n];
}

/** Parameter and result types of a block, loop or if. */
export interface BlockType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

const NONE: readonly ValType[] = Object.freeze([]);
const EMPTY_BLOCK: BlockType = Object.freeze({ params: NONE, results: NONE });
/** shared block types of the single-value forms, indexed by the value type code */
const SINGLE: BlockType[] = [];
for (const t of [0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f] as ValType[]) {
  SINGLE[t] = Object.freeze({ params: NONE, results: Object.freeze([t]) });
}

/**
 * Block type of the s33 immediate `a` of block/loop/if (spec §5.4.1): empty, a single value
 * type, or a type index. Returns undefined for an unknown type index or value type.
 * Never allocates: the result shares arrays with the module's types.
 */
export function blockTypeOf(m: Module, a: number): BlockType | undefined {
  if (a === BLOCK_EMPTY) return EMPTY_BLOCK;
  if (a < 0) return SINGLE[blockValType(a)];
  return m.types[a];
}
