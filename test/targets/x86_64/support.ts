/**
 * Helpers for the x86-64 encoder tests: assembling instructions with every CPU feature
 * enabled, and hex formatting in objdump's style.
 */

import { Assembler, type ListingLine } from '../../../targets/x86_64/asm.js';
import { CPU_FEATURES } from '../../../targets/x86_64/features.js';
import type { Inst } from '../../../targets/x86_64/inst.js';

export const ALL_FEATURES = new Set(CPU_FEATURES);

/** Bytes as objdump shows them: two hex digits each, separated by spaces. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Encode one instruction alone at offset 0, with label 0 bound at offset 0. */
export function assembleOne(inst: Inst): { line: ListingLine; asm: Assembler } {
  const asm = new Assembler({ features: ALL_FEATURES, listing: true });
  asm.bind(asm.newLabel());
  asm.emit(inst);
  asm.finish();
  const lines = asm.listing();
  if (lines.length !== 1) throw new Error(`expected one listing line, got ${lines.length}`);
  return { line: lines[0]!, asm };
}
