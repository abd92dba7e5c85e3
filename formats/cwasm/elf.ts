/**
 * The ELF64 constants kiln's container uses (System V gABI, "ELF Header", "Sections",
 * "Symbol Table"), shared by the writer (elf-write.ts) and the reader (elf-read.ts).
 */

export const ELF_HEADER_SIZE = 64;
export const SECTION_HEADER_SIZE = 64;
export const SYMBOL_SIZE = 24;

export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
/** a shared object: sections carry addresses (the text's address is its file offset) */
export const ET_DYN = 3;

export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;

export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;

export const STB_LOCAL = 0;
export const STT_FUNC = 2;

/** a section as the writer takes it and the reader returns it */
export interface ElfSection {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  /** file offset (reader) */
  readonly offset: number;
  readonly size: number;
  readonly addr: number;
  readonly align: number;
  readonly link: number;
  readonly info: number;
  readonly entsize: number;
}
