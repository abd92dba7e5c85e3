/**
 * Writes an ELF64 little-endian file of sections and function symbols: the ELF header, each
 * section's bytes at its alignment in the order given, `.symtab`, `.strtab` and `.shstrtab`,
 * then the section header table. No program headers: kiln's loader reads the sections itself.
 * Sections flagged SHF_ALLOC get their file offset as address, so `objdump -d` addresses are
 * file offsets. Everything is a function of the input: same input, same bytes.
 */

import { ByteWriter } from './bytes.js';
import {
  ELF_HEADER_SIZE,
  ELFCLASS64,
  ELFDATA2LSB,
  ET_DYN,
  EV_CURRENT,
  SECTION_HEADER_SIZE,
  SHF_ALLOC,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_LOCAL,
  STT_FUNC,
  SYMBOL_SIZE,
} from './elf.js';

export interface SectionInput {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly align: number;
  readonly data: Uint8Array;
}

/** a function symbol: `offset` is relative to the start of section `section` */
export interface SymbolInput {
  readonly name: string;
  readonly section: string;
  readonly offset: number;
  readonly size: number;
}

/** strings of a string table, each once, in first-use order */
class StringTable {
  private readonly w = new ByteWriter();
  private readonly at = new Map<string, number>();
  private readonly utf8 = new TextEncoder();

  constructor() {
    this.w.u8(0);
  }
  add(s: string): number {
    const known = this.at.get(s);
    if (known !== undefined) return known;
    const off = this.w.pos;
    // a NUL would end the name early: names are arbitrary UTF-8, so replace it
    this.w.bytes(this.utf8.encode(s.replace(/\u0000/g, '?')));
    this.w.u8(0);
    this.at.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    return this.w.finish();
  }
}

export function writeElf(machine: number, sections: readonly SectionInput[], symbols: readonly SymbolInput[]): Uint8Array {
  const shstr = new StringTable();
  const str = new StringTable();
  // section indices: 0 null, 1.. the given ones, then .symtab, .strtab, .shstrtab
  const indexOf = new Map(sections.map((s, i) => [s.name, i + 1]));
  const strtabIndex = sections.length + 2;
  const shstrtabIndex = sections.length + 3;

  const w = new ByteWriter();
  for (let i = 0; i < ELF_HEADER_SIZE; i++) w.u8(0);
  const placed: Array<{ name: number; type: number; flags: number; addr: number; offset: number; size: number; link: number; info: number; align: number; entsize: number }> = [];
  const addrOf = new Map<string, number>();
  for (const s of sections) {
    w.align(s.align);
    const offset = w.pos;
    w.bytes(s.data);
    const addr = (s.flags & SHF_ALLOC) !== 0 ? offset : 0;
    addrOf.set(s.name, addr);
    placed.push({ name: shstr.add(s.name), type: s.type, flags: s.flags, addr, offset, size: s.data.length, link: 0, info: 0, align: s.align, entsize: 0 });
  }

  const sym = new ByteWriter();
  for (let i = 0; i < SYMBOL_SIZE; i++) sym.u8(0);
  for (const s of symbols) {
    const shndx = indexOf.get(s.section);
    if (shndx === undefined) throw new RangeError(`symbol ${s.name} in unknown section ${s.section}`);
    sym.u32(str.add(s.name));
    sym.u8((STB_LOCAL << 4) | STT_FUNC);
    sym.u8(0);
    sym.u16(shndx);
    sym.u64((addrOf.get(s.section) as number) + s.offset);
    sym.u64(s.size);
  }
  const tables: Array<[string, number, Uint8Array, number, number, number]> = [
    // name, type, bytes, link, info (one past the last local symbol), entsize
    ['.symtab', SHT_SYMTAB, sym.finish(), strtabIndex, symbols.length + 1, SYMBOL_SIZE],
    ['.strtab', SHT_STRTAB, str.bytes(), 0, 0, 0],
  ];
  const shstrName = shstr.add('.shstrtab');
  for (const [name, type, data, link, info, entsize] of tables) {
    w.align(8);
    placed.push({ name: shstr.add(name), type, flags: 0, addr: 0, offset: w.pos, size: data.length, link, info, align: 8, entsize });
    w.bytes(data);
  }
  const shstrBytes = shstr.bytes();
  placed.push({ name: shstrName, type: SHT_STRTAB, flags: 0, addr: 0, offset: w.pos, size: shstrBytes.length, link: 0, info: 0, align: 1, entsize: 0 });
  w.bytes(shstrBytes);

  w.align(8);
  const shoff = w.pos;
  for (let i = 0; i < SECTION_HEADER_SIZE; i++) w.u8(0);
  for (const p of placed) {
    w.u32(p.name);
    w.u32(p.type);
    w.u64(p.flags);
    w.u64(p.addr);
    w.u64(p.offset);
    w.u64(p.size);
    w.u32(p.link);
    w.u32(p.info);
    w.u64(p.align);
    w.u64(p.entsize);
  }
  const out = w.finish();
  writeHeader(out, machine, shoff, placed.length + 1, shstrtabIndex);
  return out;
}

function writeHeader(out: Uint8Array, machine: number, shoff: number, shnum: number, shstrndx: number): void {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, 0], 0);
  dv.setUint16(16, ET_DYN, true);
  dv.setUint16(18, machine, true);
  dv.setUint32(20, EV_CURRENT, true);
  dv.setBigUint64(24, 0n, true); // e_entry
  dv.setBigUint64(32, 0n, true); // e_phoff
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint32(48, 0, true); // e_flags
  dv.setUint16(52, ELF_HEADER_SIZE, true);
  dv.setUint16(54, 0, true); // e_phentsize
  dv.setUint16(56, 0, true); // e_phnum
  dv.setUint16(58, SECTION_HEADER_SIZE, true);
  dv.setUint16(60, shnum, true);
  dv.setUint16(62, shstrndx, true);
}
