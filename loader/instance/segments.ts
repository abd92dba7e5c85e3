/**
 * Element and data segments of one instance (spec §4.2.5 module instances' elemaddrs and
 * dataaddrs, §4.5.4 instantiate steps 12–13). `elems[i]` holds segment i's evaluated items
 * and `datas[i]` its bytes until the segment is dropped (elem.drop / data.drop, or
 * instantiation dropping active and declarative ones), after which it is empty. Engines
 * read them for table.init and memory.init; generated code may keep the arrays, so dropping
 * replaces an entry and never the arrays themselves.
 *
 * Active segments are applied in order, element segments first: each is bounds-checked as a
 * whole before anything is written (the bulk-memory semantics of table.init / memory.init),
 * and a trap part-way keeps the writes of the segments before it.
 */

import type { Expr, Module } from '../../formats/wasm/types.js';
import type { RefValue, WasmFunction, WasmGlobal, WasmMemory, WasmTable } from '../api.js';
import { KilnTrap } from '../trap.js';
import { evalConst } from './const-expr.js';
import type { FuncList } from './func-list.js';
import { PAGE_SIZE } from './memory.js';

const NO_ITEMS: RefValue[] = [];
const NO_BYTES = new Uint8Array(0);

export class Segments {
  readonly elems: RefValue[][];
  readonly datas: Uint8Array[];

  constructor(elems: RefValue[][], datas: Uint8Array[]) {
    this.elems = elems;
    this.datas = datas;
  }

  dropElem(index: number): void {
    this.elems[index] = NO_ITEMS;
  }

  dropData(index: number): void {
    this.datas[index] = NO_BYTES;
  }
}

/** every element segment's items evaluated (§4.5.4 step 8), every data segment's bytes */
export function evaluateSegments(
  module: Module,
  globals: readonly WasmGlobal[],
  funcs: FuncList<WasmFunction>,
): Segments {
  const elems = module.elems.map((e) => {
    const items: RefValue[] = [];
    for (const x of e.init) items.push(evalConst(x, globals, funcs) as RefValue);
    return items;
  });
  return new Segments(
    elems,
    module.datas.map((d) => d.bytes),
  );
}

/** table.init of a whole segment at `offset`: all or nothing */
function initTable(table: WasmTable, items: readonly RefValue[], offset: number): void {
  const at = offset >>> 0;
  if (at + items.length > table.size()) throw new KilnTrap('out of bounds table access');
  for (let k = 0; k < items.length; k++) table.set(at + k, items[k] as RefValue);
}

/** memory.init of a whole segment at `offset`: all or nothing */
function initMemory(memory: WasmMemory, bytes: Uint8Array, offset: number): void {
  const at = offset >>> 0;
  if (at + bytes.length > memory.size() * PAGE_SIZE) throw new KilnTrap('out of bounds memory access');
  if (bytes.length > 0) memory.bytes().set(bytes, at);
}

/** Applies the active segments in order and drops the active and declarative ones. */
export function applySegments(
  module: Module,
  segments: Segments,
  parts: {
    readonly tables: readonly WasmTable[];
    readonly memories: readonly WasmMemory[];
    readonly globals: readonly WasmGlobal[];
    readonly funcs: FuncList<WasmFunction>;
  },
): void {
  // validation made every offset an i32 constant expression
  const offsetOf = (expr: Expr): number => evalConst(expr, parts.globals, parts.funcs) as number;
  module.elems.forEach((e, i) => {
    if (e.mode.kind === 'active') {
      initTable(parts.tables[e.mode.table] as WasmTable, segments.elems[i] as RefValue[], offsetOf(e.mode.offset));
      segments.dropElem(i);
    } else if (e.mode.kind === 'declarative') {
      segments.dropElem(i);
    }
  });
  module.datas.forEach((d, i) => {
    if (d.mode.kind === 'active') {
      initMemory(parts.memories[d.mode.mem] as WasmMemory, segments.datas[i] as Uint8Array, offsetOf(d.mode.offset));
      segments.dropData(i);
    }
  });
}
