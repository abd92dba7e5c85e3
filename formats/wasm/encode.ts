/**
 * Binary module encoder (spec §5.5): the inverse of decode.ts. Sections are written in the
 * spec order, each with a minimal-LEB128 size; empty sections are omitted unless a custom
 * section is placed after them (so decode → encode keeps `CustomSection.after`). Element and
 * data segments keep their decoded `encoding` when it still fits, else take the smallest.
 * For a module this encoder produced, encode(decode(bytes)) reproduces the bytes exactly.
 */

import { encodeNameSection } from './names.js';
import {
  EXTERN_KIND_CODES,
  type CustomSection,
  type Data,
  type Elem,
  type Expr,
  type GlobalType,
  type Limits,
  type Module,
  type TableType,
} from './types.js';
import { OP } from './opcodes.js';
import { Writer } from './writer.js';
import { encodeExpr } from './expr-encode.js';
import { SECTION_ORDER } from './decode.js';

const FUNCREF = 0x70;

function writeLimits(w: Writer, l: Limits): void {
  w.u8(l.max === undefined ? 0 : 1);
  w.u32(l.min);
  if (l.max !== undefined) w.u32(l.max);
}
function writeTableType(w: Writer, t: TableType): void {
  w.u8(t.elem);
  writeLimits(w, t.limits);
}
function writeGlobalType(w: Writer, g: GlobalType): void {
  w.u8(g.type);
  w.u8(g.mutable ? 1 : 0);
}

/** `ref.func x; end`: an element entry that the function-index encodings can hold */
function isRefFunc(e: Expr): boolean {
  return e.length === 2 && e[0]?.op === OP.ref_func && e[1]?.op === OP.end;
}

/** does element encoding `enc` (0..7, spec §5.5.12) express segment `e`? */
function elemFits(e: Elem, enc: number): boolean {
  if (enc < 0 || enc > 7 || !Number.isInteger(enc)) return false;
  const mode = e.mode;
  if ((enc & 1) !== 0) {
    if (mode.kind !== ((enc & 2) !== 0 ? 'declarative' : 'passive')) return false;
  } else {
    if (mode.kind !== 'active') return false;
    // forms 0 and 4 imply table 0 and funcref
    if ((enc & 2) === 0 && (mode.table !== 0 || e.type !== FUNCREF)) return false;
  }
  if ((enc & 4) === 0 && !(e.type === FUNCREF && e.init.every(isRefFunc))) return false;
  return true;
}

/** the encoding to use: the recorded one when it still fits, else the smallest that does */
export function elemEncoding(e: Elem): number {
  if (e.encoding !== undefined && elemFits(e, e.encoding)) return e.encoding;
  for (const enc of [0, 1, 3, 2, 4, 5, 7, 6]) if (elemFits(e, enc)) return enc;
  return 6; // unreachable for well-typed input: 5/6/7 express any segment
}

function writeElem(w: Writer, e: Elem): void {
  const enc = elemEncoding(e);
  w.u32(enc);
  if (e.mode.kind === 'active') {
    if ((enc & 2) !== 0) w.u32(e.mode.table);
    encodeExpr(e.mode.offset, w);
  }
  if ((enc & 3) !== 0) w.u8((enc & 4) !== 0 ? e.type : 0x00);
  w.u32(e.init.length);
  for (const item of e.init) {
    if ((enc & 4) !== 0) encodeExpr(item, w);
    else w.u32(item[0]?.a ?? 0);
  }
}

/** data encoding: recorded one when it fits, else 0 (active, memory 0), 1 (passive) or 2 */
export function dataEncoding(d: Data): number {
  const m = d.mode;
  const fits = (enc: number | undefined): boolean =>
    enc === 1 ? m.kind === 'passive' : enc === 0 ? m.kind === 'active' && m.mem === 0 : enc === 2 && m.kind === 'active';
  if (d.encoding !== undefined && fits(d.encoding)) return d.encoding;
  return m.kind === 'passive' ? 1 : m.mem === 0 ? 0 : 2;
}

function writeData(w: Writer, d: Data): void {
  const enc = dataEncoding(d);
  w.u32(enc);
  if (d.mode.kind === 'active') {
    if (enc === 2) w.u32(d.mode.mem);
    encodeExpr(d.mode.offset, w);
  }
  w.u32(d.bytes.length);
  w.bytes(d.bytes);
}

type SectionWriter = (w: Writer, m: Module) => void;

/** writer and non-emptiness test per section id */
const SECTIONS: Readonly<Record<number, { has: (m: Module) => boolean; write: SectionWriter }>> = {
  1: {
    has: (m) => m.types.length > 0,
    write: (w, m) => {
      w.u32(m.types.length);
      for (const t of m.types) {
        w.u8(0x60);
        w.u32(t.params.length);
        for (const p of t.params) w.u8(p);
        w.u32(t.results.length);
        for (const r of t.results) w.u8(r);
      }
    },
  },
  2: {
    has: (m) => m.imports.length > 0,
    write: (w, m) => {
      w.u32(m.imports.length);
      for (const imp of m.imports) {
        w.name(imp.module);
        w.name(imp.name);
        const d = imp.desc;
        w.u8(EXTERN_KIND_CODES[d.kind]);
        if (d.kind === 'func') w.u32(d.type);
        else if (d.kind === 'table') writeTableType(w, d.table);
        else if (d.kind === 'memory') writeLimits(w, d.mem.limits);
        else writeGlobalType(w, d.global);
      }
    },
  },
  3: {
    has: (m) => m.funcs.length > 0,
    write: (w, m) => {
      w.u32(m.funcs.length);
      for (const f of m.funcs) w.u32(f);
    },
  },
  4: {
    has: (m) => m.tables.length > 0,
    write: (w, m) => {
      w.u32(m.tables.length);
      for (const t of m.tables) writeTableType(w, t);
    },
  },
  5: {
    has: (m) => m.mems.length > 0,
    write: (w, m) => {
      w.u32(m.mems.length);
      for (const mem of m.mems) writeLimits(w, mem.limits);
    },
  },
  6: {
    has: (m) => m.globals.length > 0,
    write: (w, m) => {
      w.u32(m.globals.length);
      for (const g of m.globals) {
        writeGlobalType(w, g.type);
        encodeExpr(g.init, w);
      }
    },
  },
  7: {
    has: (m) => m.exports.length > 0,
    write: (w, m) => {
      w.u32(m.exports.length);
      for (const e of m.exports) {
        w.name(e.name);
        w.u8(EXTERN_KIND_CODES[e.kind]);
        w.u32(e.index);
      }
    },
  },
  8: { has: (m) => m.start !== null, write: (w, m) => w.u32(m.start ?? 0) },
  9: {
    has: (m) => m.elems.length > 0,
    write: (w, m) => {
      w.u32(m.elems.length);
      for (const e of m.elems) writeElem(w, e);
    },
  },
  12: { has: (m) => m.dataCount !== null, write: (w, m) => w.u32(m.dataCount ?? 0) },
  10: {
    has: (m) => m.codes.length > 0,
    write: (w, m) => {
      w.u32(m.codes.length);
      for (const c of m.codes) {
        const start = w.pos;
        w.u32(c.locals.length);
        for (const l of c.locals) {
          w.u32(l.count);
          w.u8(l.type);
        }
        encodeExpr(c.body, w);
        w.insertLength(start);
      }
    },
  },
  11: {
    has: (m) => m.datas.length > 0,
    write: (w, m) => {
      w.u32(m.datas.length);
      for (const d of m.datas) writeData(w, d);
    },
  },
};

/** sections that cannot be written empty just to anchor a custom section */
const NO_EMPTY_FORM = new Set([8, 12]);

function writeCustom(w: Writer, c: CustomSection): void {
  w.u8(0);
  const start = w.pos;
  w.name(c.name);
  w.bytes(c.bytes);
  w.insertLength(start);
}

/**
 * Encode a module to the binary format. `Module.names` is written as a `name` section only
 * when `customs` holds no raw one.
 */
export function encodeModule(m: Module): Uint8Array {
  const w = new Writer(1 << 16);
  w.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const customsAfter = (id: number): CustomSection[] => m.customs.filter((c) => c.after === id);
  for (const c of customsAfter(0)) writeCustom(w, c);
  for (const id of SECTION_ORDER) {
    const anchors = customsAfter(id);
    const s = SECTIONS[id];
    if (s !== undefined && (s.has(m) || (anchors.length > 0 && !NO_EMPTY_FORM.has(id)))) {
      w.u8(id);
      const start = w.pos;
      s.write(w, m);
      w.insertLength(start);
    }
    for (const c of anchors) writeCustom(w, c);
  }
  // custom sections with a placement we do not know go last
  for (const c of m.customs) if (c.after !== 0 && !SECTION_ORDER.includes(c.after)) writeCustom(w, c);
  // names with no raw `name` section (a module built from text): encode them last, as
  // producers conventionally place it; a decoded module keeps its raw section byte for byte
  if (m.names !== null && !m.customs.some((c) => c.name === 'name')) {
    writeCustom(w, { name: 'name', bytes: encodeNameSection(m.names), after: 0 });
  }
  return w.finish();
}
