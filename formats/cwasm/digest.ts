/**
 * The code digest: a SHA-256 over everything in a module's metadata that its compiled code
 * depends on — function types, imports' kinds and types, the defined functions' types,
 * tables, memories, global types, and the number and kinds of element and data segments (the
 * VM context layout, the signatures and the segment indices the code builds in). The writer
 * stores it in the artifact's header; the loader recomputes it from the metadata it read, so
 * metadata that no longer describes the code is `corrupt` even when the checksum was
 * recomputed. Exports, names, start function, constant expressions and segment contents are
 * not in it: the loader validates those like any module's, and compiled code does not depend
 * on them.
 *
 * The header stores `headerDigest`: that digest followed by the function table (where each
 * function's code is in `.text`, and its runs in the other tables), the fault sites and the
 * stack maps with the saved registers. Those tables are statements about the machine code
 * that no structural check can verify without decoding it — a fault site moved to another instruction would leave a real out-of-bounds access
 * unclaimed by the fault handler, a moved offset would enter a function in the middle, a
 * stack map naming the wrong slot would let a collection free a live externref handle — so
 * tables rewritten with a recomputed checksum are `corrupt` too.
 */

import { createHash } from 'node:crypto';
import type { GlobalType, Limits, Module, TableType } from '../wasm/types.js';
import { ByteWriter } from './bytes.js';

export const DIGEST_SIZE = 32;

const MODE_CODES: Readonly<Record<string, number>> = { passive: 0, active: 1, declarative: 2 };

function limits(w: ByteWriter, l: Limits): void {
  w.u64(l.min);
  w.u8(l.max === undefined ? 0 : 1);
  w.u64(l.max ?? 0);
}
function table(w: ByteWriter, t: TableType): void {
  w.u8(t.elem);
  limits(w, t.limits);
}
function global(w: ByteWriter, g: GlobalType): void {
  w.u8(g.type);
  w.u8(g.mutable ? 1 : 0);
}
function list<T>(w: ByteWriter, xs: readonly T[], each: (x: T) => void): void {
  w.u32(xs.length);
  for (const x of xs) each(x);
}

export function codeDigest(m: Module): Uint8Array {
  const w = new ByteWriter();
  list(w, m.types, (t) => {
    list(w, t.params, (p) => w.u8(p));
    list(w, t.results, (r) => w.u8(r));
  });
  list(w, m.imports, (i) => {
    const d = i.desc;
    if (d.kind === 'func') (w.u8(0), w.u32(d.type));
    else if (d.kind === 'table') (w.u8(1), table(w, d.table));
    else if (d.kind === 'memory') (w.u8(2), limits(w, d.mem.limits));
    else (w.u8(3), global(w, d.global));
  });
  list(w, m.funcs, (f) => w.u32(f));
  list(w, m.tables, (t) => table(w, t));
  list(w, m.mems, (mem) => limits(w, mem.limits));
  list(w, m.globals, (g) => global(w, g.type));
  list(w, m.elems, (e) => (w.u8(e.type), w.u8(MODE_CODES[e.mode.kind] as number)));
  list(w, m.datas, (d) => w.u8(MODE_CODES[d.mode.kind] as number));
  return new Uint8Array(createHash('sha256').update(w.finish()).digest());
}

/** the sections the header digest covers besides the metadata, as they are in the file */
export interface DigestedTables {
  readonly funcs: Uint8Array;
  readonly faults: Uint8Array;
  readonly stackmaps: Uint8Array;
}

/**
 * the digest `.kiln.header` stores: SHA-256 of `moduleDigest` (codeDigest), then the bytes of
 * `.kiln.funcs`, `.kiln.faults` and `.kiln.stackmaps`, each after its u32 length
 */
export function headerDigest(moduleDigest: Uint8Array, t: DigestedTables): Uint8Array {
  const h = createHash('sha256');
  h.update(moduleDigest);
  const len = new Uint8Array(4);
  for (const part of [t.funcs, t.faults, t.stackmaps]) {
    new DataView(len.buffer).setUint32(0, part.length, true);
    h.update(len);
    h.update(part);
  }
  return new Uint8Array(h.digest());
}
