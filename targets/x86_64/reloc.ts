/**
 * Relocation records an x86-64 encoder leaves for the linker, and the kinds it uses.
 *
 * Each record asks the linker to write a 32-bit value at `offset`: `S + addend - P` where S is
 * the symbol's address and P the address of the field (the System V psABI 4.4 "Relocation",
 * Table 4.10: R_X86_64_PC32 and R_X86_64_PLT32 compute S + A - P). The encoder leaves zeros in
 * the field, as an ELF relocatable object with RELA relocations does.
 */

export const RELOC_KINDS = ['pc32', 'plt32'] as const;
/** `plt32`: the target of a `call rel32`; `pc32`: a RIP-relative data reference. */
export type RelocKind = (typeof RELOC_KINDS)[number];

/** The ELF r_type of each kind (psABI Table 4.10), for writing ELF objects. */
export const RELOC_ELF_TYPE: Readonly<Record<RelocKind, number>> = { pc32: 2, plt32: 4 };

export interface Reloc {
  /** Byte offset of the 4-byte field in the function's code. */
  readonly offset: number;
  readonly kind: RelocKind;
  readonly symbol: string;
  /** A in S + A - P; -4 for a call (the field ends the instruction). */
  readonly addend: number;
}
