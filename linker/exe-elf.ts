/**
 * The ELF64 facts the static linker needs beyond those kiln's `.cwasm` container already has
 * (formats/cwasm/elf.ts, which this re-exports): object and executable types, relocation and
 * bss sections, program headers, symbol bindings (System V gABI, "ELF Header", "Sections",
 * "Symbol Table", "Relocation", "Program Header"), and a string table builder.
 */

import { EM_AARCH64, EM_X86_64 } from '../formats/cwasm/elf.js';

export {
  ELF_HEADER_SIZE,
  ELFCLASS64,
  ELFDATA2LSB,
  EM_AARCH64,
  EM_X86_64,
  EV_CURRENT,
  SECTION_HEADER_SIZE,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHT_NULL,
  SHT_PROGBITS,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_LOCAL,
  STT_FUNC,
  SYMBOL_SIZE,
} from '../formats/cwasm/elf.js';

export const ET_REL = 1;
export const ET_EXEC = 2;

export const SHT_RELA = 4;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;

export const SHF_WRITE = 0x1;
export const SHF_TLS = 0x400;

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_SECTION = 3;
export const STT_FILE = 4;

export const RELA_SIZE = 24;
export const PROGRAM_HEADER_SIZE = 56;
export const PT_LOAD = 1;
export const PT_GNU_STACK = 0x6474e551;
export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;

export type LinkIsa = 'x86_64' | 'aarch64';

/** e_machine of each ISA, and back */
export const MACHINE_OF: Readonly<Record<LinkIsa, number>> = { x86_64: EM_X86_64, aarch64: EM_AARCH64 };
export function isaOfMachine(machine: number): LinkIsa | undefined {
  if (machine === EM_X86_64) return 'x86_64';
  if (machine === EM_AARCH64) return 'aarch64';
  return undefined;
}

/** the strings of one ELF string table, each stored once, in first-use order */
export class ElfStrings {
  private readonly parts: Uint8Array[] = [new Uint8Array(1)];
  private readonly at = new Map<string, number>();
  private size = 1;
  private readonly utf8 = new TextEncoder();

  add(s: string): number {
    const known = this.at.get(s);
    if (known !== undefined) return known;
    const off = this.size;
    const encoded = this.utf8.encode(s.replace(/\u0000/g, '?'));
    this.parts.push(encoded, new Uint8Array(1));
    this.size += encoded.length + 1;
    this.at.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let pos = 0;
    for (const p of this.parts) {
      out.set(p, pos);
      pos += p.length;
    }
    return out;
  }
}
