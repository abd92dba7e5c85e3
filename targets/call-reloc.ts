/**
 * How the linker resolves a `call_func` relocation (targets/compiled.ts) on each ISA: the
 * call's field is patched to reach the callee once both are placed in one text. A table by
 * ISA, so the linker applies relocations without testing which ISA it links for.
 * - x86-64: the rel32 of `call` at `offset` (the field's own offset) = target - (offset + 4);
 * - AArch64: the imm26 of `bl` at `offset` (the instruction's offset) = (target - offset) / 4,
 *   R_AARCH64_CALL26 (AAELF64 5.7.9), reach ±128 MiB.
 */

import { KilnError } from '../formats/errors.js';
import type { Isa } from './compiled.js';

/** patch the call relocation at byte `field` of `text` (a view over the whole text) to reach byte `target` */
export type ApplyCallReloc = (text: DataView, field: number, target: number) => void;

function x86Rel32(text: DataView, field: number, target: number): void {
  text.setInt32(field, target - (field + 4), true);
}

function a64Call26(text: DataView, field: number, target: number): void {
  const delta = target - field;
  if (delta < -(1 << 27) || delta >= 1 << 27 || (delta & 3) !== 0) {
    throw new KilnError('uninstantiable', `bl at ${field} cannot reach ${target} (call26 reach is ±128 MiB)`);
  }
  const word = text.getUint32(field, true);
  text.setUint32(field, ((word & 0xfc000000) | ((delta >> 2) & 0x03ffffff)) >>> 0, true);
}

export const APPLY_CALL_RELOC: Readonly<Record<Isa, ApplyCallReloc>> = { x86_64: x86Rel32, aarch64: a64Call26 };
