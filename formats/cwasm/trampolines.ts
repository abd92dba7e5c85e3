/**
 * `.kiln.tramps`: the entry and exit trampolines linked into `.text` after the functions
 * (linker/link.ts), 16 bytes each — kind (0 entry, 1 exit), the module's type index they were
 * made for, text offset, size — so that loading an artifact generates no code.
 */

import type { CwasmTrampoline } from './artifact.js';
import { ByteWriter } from './bytes.js';
import { CwasmError } from './errors.js';
import { TRAMP_ENTRY } from './layout.js';

const KINDS = ['entry', 'exit'] as const;

export function encodeTrampolines(ts: readonly CwasmTrampoline[]): Uint8Array {
  const w = new ByteWriter();
  for (const t of ts) (w.u32(KINDS.indexOf(t.kind)), w.u32(t.type), w.u32(t.offset), w.u32(t.size));
  return w.finish();
}

/** the entries of `.kiln.tramps` at [offset, offset + size) of `bytes`, each checked against the text and the module's types */
export function decodeTrampolines(bytes: Uint8Array, offset: number, size: number, textSize: number, typeCount: number): CwasmTrampoline[] {
  const bad = (reason: string, at: number): CwasmError => new CwasmError('corrupt', `.kiln.tramps: ${reason}`, at);
  if (size % TRAMP_ENTRY !== 0) throw bad(`${size} bytes is not a whole number of ${TRAMP_ENTRY}-byte entries`, offset);
  const dv = new DataView(bytes.buffer, bytes.byteOffset + offset, size);
  const out: CwasmTrampoline[] = [];
  for (let at = 0; at < size; at += TRAMP_ENTRY) {
    const kind = KINDS[dv.getUint32(at, true)];
    const type = dv.getUint32(at + 4, true);
    const start = dv.getUint32(at + 8, true);
    const length = dv.getUint32(at + 12, true);
    if (kind === undefined) throw bad(`unknown kind ${dv.getUint32(at, true)}`, offset + at);
    if (type >= typeCount) throw bad(`type ${type} of a module with ${typeCount} types`, offset + at + 4);
    if (start > textSize || length > textSize - start) throw bad(`code [${start}, +${length}) outside .text (${textSize} bytes)`, offset + at + 8);
    out.push({ kind, type, offset: start, size: length });
  }
  return out;
}
