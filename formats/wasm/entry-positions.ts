/**
 * Where each module-level entry came from, so that validation errors about imports,
 * functions, tables, memories, globals, exports, the start function, and element and data
 * segments point into the input: the byte offset of the entry in a binary module (where its
 * encoding begins), or the line:column of the field that defined it in a text module.
 * Function bodies have their own positions (Instr.offset, source-positions.ts).
 *
 * The positions are attached to the Module as a non-enumerable property: they describe where
 * a module came from, not its value, so a module from text still compares equal to the same
 * module decoded from binary. A module built or edited in memory simply has none.
 */

import type { Location } from '../errors.js';
import type { Module } from './types.js';

export type EntryKind = 'import' | 'func' | 'table' | 'memory' | 'global' | 'export' | 'start' | 'elem' | 'data';

const ENTRY_KINDS: readonly EntryKind[] = ['import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data'];

/** a text field's line:column, or a binary entry's byte offset (a number: no object per entry) */
type Positions = Partial<Record<EntryKind, Array<Location | number>>>;

const POSITIONS = Symbol('kiln.entryPositions');
type WithPositions = Module & { [POSITIONS]?: Positions };

function positionsOf(m: Module): Positions {
  const own = (m as WithPositions)[POSITIONS];
  if (own !== undefined) return own;
  const created: Positions = {};
  Object.defineProperty(m, POSITIONS, { value: created, enumerable: false, configurable: true });
  return created;
}

/** the binary decoder: the next entry of `kind` begins at byte `offset` */
export function recordEntryOffset(m: Module, kind: EntryKind, offset: number): void {
  (positionsOf(m)[kind] ??= []).push(offset);
}

/** the binary decoder: the list to push the byte offsets of `kind`'s entries to, in order */
export function entryOffsets(m: Module, kind: EntryKind): number[] {
  return ((positionsOf(m)[kind] ??= []) as number[]);
}

/** number of entries of each kind, including the start function (0 or 1) */
function entryCounts(m: Module): Record<EntryKind, number> {
  return {
    import: m.imports.length,
    func: m.funcs.length,
    table: m.tables.length,
    memory: m.mems.length,
    global: m.globals.length,
    export: m.exports.length,
    start: m.start === null ? 0 : 1,
    elem: m.elems.length,
    data: m.datas.length,
  };
}

/**
 * The text parser, around one module field: `before` is taken ahead of the field, and
 * every entry the field added (a `(func (export …) (import …))` adds several) is recorded at
 * the field's line and column.
 */
export function entriesBefore(m: Module): Record<EntryKind, number> {
  return entryCounts(m);
}
export function recordFieldEntries(m: Module, before: Record<EntryKind, number>, line: number, column: number): void {
  const after = entryCounts(m);
  const p = positionsOf(m);
  for (const kind of ENTRY_KINDS) {
    const list = (p[kind] ??= []);
    // entries defined without a recorded position (none, from the parser) keep their slot empty
    while (list.length < before[kind]) list.push({});
    for (let i = before[kind]; i < after[kind]; i++) list.push({ line, column });
  }
}

/** the recorded position of entry `index` of `kind` (index among the module's own entries), or none */
export function entryLocation(m: Module, kind: EntryKind, index: number): Location {
  const loc = (m as WithPositions)[POSITIONS]?.[kind]?.[index];
  return loc === undefined ? {} : typeof loc === 'number' ? { offset: loc } : { ...loc };
}
