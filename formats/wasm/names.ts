/**
 * The `name` custom section (spec appendix §7.4.1): module name (subsection 0), function
 * names (1) and local names (2). Custom sections are never validated, so a malformed name
 * section yields `null` instead of an error; other subsection ids are skipped.
 */

import { isKilnError } from '../errors.js';
import type { NameSection } from './types.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

function readNameMap(r: Reader): Map<number, string> {
  const map = new Map<number, string>();
  const n = r.len();
  for (let i = 0; i < n; i++) {
    const idx = r.u32();
    map.set(idx, r.name());
  }
  return map;
}

/** Decode a `name` section payload (the bytes after the section's own name); null if malformed. */
export function decodeNameSection(payload: Uint8Array): NameSection | null {
  const r = new Reader(payload);
  const names: NameSection = { funcs: new Map(), locals: new Map() };
  let lastId = -1;
  try {
    while (!r.atEnd()) {
      const id = r.u8();
      if (id <= lastId) return null;
      lastId = id;
      const size = r.byteLen();
      const end = r.pos + size;
      if (id === 0) names.module = r.name();
      else if (id === 1) names.funcs = readNameMap(r);
      else if (id === 2) {
        const n = r.len();
        for (let i = 0; i < n; i++) {
          const func = r.u32();
          names.locals.set(func, readNameMap(r));
        }
      } else r.pos = end;
      if (r.pos !== end) return null;
    }
  } catch (e) {
    if (isKilnError(e)) return null;
    throw e;
  }
  return names;
}

function writeNameMap(w: Writer, map: Map<number, string>): void {
  const entries = [...map].sort((x, y) => x[0] - y[0]);
  w.u32(entries.length);
  for (const [idx, name] of entries) {
    w.u32(idx);
    w.name(name);
  }
}

/** Encode a `name` section payload (to be stored as a CustomSection named "name"). */
export function encodeNameSection(names: NameSection): Uint8Array {
  const w = new Writer(256);
  const sub = (id: number, body: () => void): void => {
    w.u8(id);
    const start = w.pos;
    body();
    w.insertLength(start);
  };
  if (names.module !== undefined) sub(0, () => w.name(names.module as string));
  if (names.funcs.size > 0) sub(1, () => writeNameMap(w, names.funcs));
  if (names.locals.size > 0) {
    sub(2, () => {
      const funcs = [...names.locals].sort((x, y) => x[0] - y[0]);
      w.u32(funcs.length);
      for (const [func, map] of funcs) {
        w.u32(func);
        writeNameMap(w, map);
      }
    });
  }
  return w.finish();
}
