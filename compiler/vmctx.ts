/**
 * The VM context layout: where compiled code finds the instance's state, as byte offsets from
 * the vmctx pointer every compiled function receives as its first argument. The layout is
 * target-neutral (8-byte pointers, little endian on both x86-64 and AArch64) and depends only
 * on the module, so the frontend can emit `vmctx_load` at constant offsets and the native
 * engine can later build a matching vmctx. docs/frontend.md ("The VM context") is the
 * reference; the summary:
 *
 *   0   stack limit (ptr)          lowest usable stack address; each prologue compares sp with it
 *   8   runtime block (ptr)        the engine's shared runtime block: entry sp, trap state, runtime functions (docs/native-abi.md)
 *   16  memory 0 base (ptr)        0 when the module has no memory; constant for the instance's life
 *   24  memory 0 size (i64 bytes)  kept current by the engine after every grow, in every vmctx using it
 *   32  tables: 16 bytes each      base (ptr) of an array of funcref/externref ptrs, size (i32 elements) at +8
 *   ..  imported functions: 16 bytes each: code (ptr), callee vmctx (ptr) at +8
 *   ..  globals: 8 bytes each      defined: the value inline (i32/f32 in the low bytes, refs as ptr);
 *                                  imported: a pointer to the exporter's 8-byte cell
 *   ..  type ids: 4 bytes each     the engine's canonical id of each module type, for call_indirect
 *   size is rounded up to 16.
 *
 * A function reference (a funcref table element, `ref.func`) is a ptr to a record of
 * FUNCREF_SIZE bytes: code at FUNCREF_CODE, the callee's vmctx at FUNCREF_VMCTX, its canonical
 * type id (i32) at FUNCREF_TYPE_ID. The null reference is 0.
 */

import type { Module } from '../formats/wasm/types.js';

export const PTR_SIZE = 8;

/**
 * The memory base's offset. It never changes while an instance lives (a memory never moves:
 * docs/native-abi.md), so passes may read it once per function (compiler/passes/forward.ts).
 */
export const VMCTX_MEM_BASE = 16;
/** the memory size's offset (changes with every grow) */
export const VMCTX_MEM_SIZE = 24;

/** offsets inside a function reference record */
export const FUNCREF_CODE = 0;
export const FUNCREF_VMCTX = 8;
export const FUNCREF_TYPE_ID = 16;
export const FUNCREF_SIZE = 24;

export interface VmctxTable {
  /** ptr to the element array (8 bytes per element) */
  readonly base: number;
  /** i32 current element count */
  readonly size: number;
}

export interface VmctxImport {
  readonly code: number;
  readonly vmctx: number;
}

export interface VmctxGlobal {
  readonly offset: number;
  /** true: the slot holds a ptr to the value; false: the value itself */
  readonly imported: boolean;
}

export interface VmctxLayout {
  readonly stackLimit: number;
  /** ptr to the engine's runtime block (docs/native-abi.md) */
  readonly runtime: number;
  readonly memBase: number;
  readonly memSize: number;
  /** per table index (imports first) */
  readonly tables: readonly VmctxTable[];
  /** per imported function, in import order (= function index) */
  readonly imports: readonly VmctxImport[];
  /** per global index (imports first) */
  readonly globals: readonly VmctxGlobal[];
  /** offset of type 0's id; type i's id is at typeIds + 4 * i */
  readonly typeIds: number;
  /** total bytes, a multiple of 16 */
  readonly size: number;
}

const align = (n: number, a: number): number => Math.ceil(n / a) * a;

/** the vmctx layout of instances of module `m` */
export function vmctxLayout(m: Module): VmctxLayout {
  let at = 32;
  const tables: VmctxTable[] = [];
  const imports: VmctxImport[] = [];
  const globals: VmctxGlobal[] = [];
  const tableCount = m.imports.filter((i) => i.desc.kind === 'table').length + m.tables.length;
  for (let t = 0; t < tableCount; t++, at += 16) tables.push({ base: at, size: at + 8 });
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'func') continue;
    imports.push({ code: at, vmctx: at + 8 });
    at += 16;
  }
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'global') continue;
    globals.push({ offset: at, imported: true });
    at += 8;
  }
  for (const g of m.globals) {
    // a v128 global: 16 bytes, 16-byte aligned
    if (g.type.type === 0x7b) at = align(at, 16);
    globals.push({ offset: at, imported: false });
    at += g.type.type === 0x7b ? 16 : 8;
  }
  const typeIds = at;
  at += 4 * m.types.length;
  return { stackLimit: 0, runtime: 8, memBase: VMCTX_MEM_BASE, memSize: VMCTX_MEM_SIZE, tables, imports, globals, typeIds, size: align(at, 16) };
}
