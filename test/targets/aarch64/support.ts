/**
 * Helpers for the AArch64 encoder tests: assembling one instruction, formatting words as
 * objdump shows them, and comparing a listing with objdump's.
 */

import { Assembler, type ListingLine } from '../../../targets/aarch64/asm.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import { objdump } from './objdump.js';

/** A little-endian instruction word as objdump prints it: 8 hex digits. */
export function wordHex(bytes: Uint8Array, at = 0): string {
  const w = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  return w.toString(16).padStart(8, '0');
}

/** Encode one instruction alone at offset 0, with label 0 bound at offset 0. */
export function assembleOne(inst: Inst): ListingLine {
  const asm = new Assembler({ listing: true });
  asm.bind(asm.newLabel());
  asm.emit(inst);
  asm.finish();
  const lines = asm.listing();
  if (lines.length !== 1) throw new Error(`expected one listing line, got ${lines.length}`);
  return lines[0]!;
}

/** Every difference between our listing and objdump's (offset, word, text), at most `limit`. */
export function mismatches(ours: readonly ListingLine[], code: Uint8Array, limit = 40): string[] {
  const theirs = objdump(code);
  const out: string[] = [];
  const n = Math.max(ours.length, theirs.length);
  for (let k = 0; k < n && out.length < limit; k++) {
    const a = ours[k];
    const b = theirs[k];
    const mine = a === undefined ? '(none)' : `${a.offset.toString(16)}: ${wordHex(a.bytes)} | ${a.text}`;
    const ref = b === undefined ? '(none)' : `${b.offset.toString(16)}: ${b.word} | ${b.text}`;
    if (mine !== ref) out.push(`kiln    ${mine}\nobjdump ${ref}`);
  }
  return out;
}
