/**
 * Relocation records the AArch64 encoder leaves for the linker, and the kinds it uses.
 *
 * Each record names an instruction at `offset` whose immediate field the linker fills from a
 * symbol's address S, the addend A and the instruction's address P (ELF for the Arm 64-bit
 * Architecture, AAELF64, 5.7 "Relocation", tables "Relocations for control-flow instructions"
 * and "Relocations to generate 19, 21 and 33 bit PC-relative addresses"):
 * - `call26` (R_AARCH64_CALL26, 283): bl, imm26 = (S + A - P) >> 2, within ±128 MiB;
 * - `jump26` (R_AARCH64_JUMP26, 282): b, the same computation (tail calls);
 * - `adr_prel_pg_hi21` (R_AARCH64_ADR_PREL_PG_HI21, 275): adrp, Page(S + A) - Page(P) >> 12;
 * - `add_abs_lo12_nc` (R_AARCH64_ADD_ABS_LO12_NC, 277): add (immediate), imm12 = (S + A) & 0xfff.
 * The encoder leaves zeros in the field, as an ELF relocatable object with RELA records does;
 * unlike x86-64, the field is inside a 4-byte instruction, so the offset is the instruction's.
 */

export const RELOC_KINDS = ['call26', 'jump26', 'adr_prel_pg_hi21', 'add_abs_lo12_nc'] as const;
export type RelocKind = (typeof RELOC_KINDS)[number];

/** The ELF r_type of each kind (AAELF64 relocation tables), for writing ELF objects. */
export const RELOC_ELF_TYPE: Readonly<Record<RelocKind, number>> = {
  call26: 283,
  jump26: 282,
  adr_prel_pg_hi21: 275,
  add_abs_lo12_nc: 277,
};

export interface Reloc {
  /** Byte offset of the instruction in the function's code. */
  readonly offset: number;
  readonly kind: RelocKind;
  readonly symbol: string;
  /** A in S + A - P (0 for a call: P is the branch itself). */
  readonly addend: number;
}
