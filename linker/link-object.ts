/**
 * The static linker's input (docs/standalone.md, "The linker's input"): relocatable objects as
 * kiln holds them in memory, whether read from an ELF64 relocatable file (linker/elf-object.ts)
 * or built directly (the module image). `linker/static-exe.ts` joins a list of them into a
 * static executable.
 */

export type SectionKind = 'text' | 'rodata' | 'data' | 'bss';

/** a relocation of a section: patch the bytes at `offset` for `symbol` + `addend` */
export interface LinkReloc {
  offset: number;
  /** the ELF r_type of the object's ISA */
  type: number;
  symbol: string;
  addend: number;
}

export interface LinkSection {
  name: string;
  kind: SectionKind;
  align: number;
  /** bss: zero-length, see size */
  bytes: Uint8Array;
  /** bytes.length, or the bss size */
  size: number;
  relocs: LinkReloc[];
  /** generated after layout (the module image's routines embed absolute addresses): called with
   *  the final address of every symbol; must return exactly `size` bytes */
  late?: (addressOf: (symbol: string) => number) => Uint8Array;
}

export interface LinkSymbol {
  name: string;
  /** index into the object's sections; null: undefined here */
  section: number | null;
  /** offset from the start of the section */
  value: number;
  size: number;
  binding: 'local' | 'global' | 'weak';
}

export interface LinkObject {
  name: string;
  isa: 'x86_64' | 'aarch64';
  sections: LinkSection[];
  symbols: LinkSymbol[];
}
