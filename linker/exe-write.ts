/**
 * Writes the headers and tables of a static executable around its laid-out image
 * (linker/static-exe.ts): the ELF header (ET_EXEC), the program headers (the PT_LOAD segments
 * of linker/exe-layout.ts and a PT_GNU_STACK that is read-write, not executable), and, after
 * the loaded bytes, `.symtab`, `.strtab`, `.shstrtab` and the section header table with one
 * `.text`, `.rodata`, `.data` and `.bss` section per kind present, so that `readelf`,
 * `objdump -d` and `nm` can read it. Nothing here depends on anything but the input.
 */

import { ByteWriter } from '../formats/cwasm/bytes.js';
import {
  ELF_HEADER_SIZE,
  ELFCLASS64,
  ELFDATA2LSB,
  ElfStrings,
  ET_EXEC,
  EV_CURRENT,
  PF_R,
  PF_W,
  PF_X,
  PROGRAM_HEADER_SIZE,
  PT_GNU_STACK,
  PT_LOAD,
  SECTION_HEADER_SIZE,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT_NOBITS,
  SHT_PROGBITS,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_GLOBAL,
  STB_WEAK,
  STT_FUNC,
  STT_OBJECT,
  SYMBOL_SIZE,
} from './exe-elf.js';
import { type KindExtent, type Layout, PAGE, type SegmentName } from './exe-layout.js';
import type { SectionKind } from './link-object.js';

/** a symbol of the output's `.symtab` */
export interface OutputSymbol {
  readonly name: string;
  readonly kind: SectionKind;
  readonly addr: number;
  readonly size: number;
  readonly weak: boolean;
}

const SEGMENT_FLAGS: Readonly<Record<SegmentName, number>> = { text: PF_R | PF_X, rodata: PF_R, data: PF_R | PF_W };
const SECTIONS: Readonly<Record<SectionKind, { name: string; type: number; flags: number }>> = {
  text: { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR },
  rodata: { name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC },
  data: { name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE },
  bss: { name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE },
};

/** the number of program headers of a layout: its segments and PT_GNU_STACK */
export const programHeaderCount = (segments: number): number => segments + 1;
export const headersSize = (segments: number): number => ELF_HEADER_SIZE + programHeaderCount(segments) * PROGRAM_HEADER_SIZE;

/** a section header as written */
interface SectionHeader {
  name: number;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
}

/**
 * The complete file: `image` holds the loaded bytes (its first bytes are overwritten with the
 * headers), followed by the symbol and string tables and the section headers.
 */
export function writeExecutable(image: Uint8Array, layout: Layout, machine: number, entry: number, symbols: readonly OutputSymbol[]): Uint8Array {
  const shstr = new ElfStrings();
  const headers: SectionHeader[] = layout.extents.map((e) => allocHeader(shstr, e, layout.fileEnd));
  const indexOf = new Map(layout.extents.map((e, i) => [e.kind, i + 1]));
  const tail = new ByteWriter();
  tail.bytes(image);
  tail.align(8);
  const { symtab, strtab } = symbolTables(symbols, indexOf);
  const symtabIndex = headers.length + 1;
  headers.push({ name: shstr.add('.symtab'), type: SHT_SYMTAB, flags: 0, addr: 0, offset: tail.pos, size: symtab.length, link: symtabIndex + 1, info: 1, align: 8, entsize: SYMBOL_SIZE });
  tail.bytes(symtab);
  headers.push({ name: shstr.add('.strtab'), type: SHT_STRTAB, flags: 0, addr: 0, offset: tail.pos, size: strtab.length, link: 0, info: 0, align: 1, entsize: 0 });
  tail.bytes(strtab);
  const shstrName = shstr.add('.shstrtab');
  const shstrBytes = shstr.bytes();
  headers.push({ name: shstrName, type: SHT_STRTAB, flags: 0, addr: 0, offset: tail.pos, size: shstrBytes.length, link: 0, info: 0, align: 1, entsize: 0 });
  tail.bytes(shstrBytes);
  tail.align(8);
  const shoff = tail.pos;
  for (const h of [null, ...headers]) writeSectionHeader(tail, h);
  const out = tail.finish();
  writeElfHeader(out, machine, entry, layout.segments.length, shoff, headers.length + 1);
  writeProgramHeaders(out, layout);
  return out;
}

function allocHeader(shstr: ElfStrings, e: KindExtent, fileEnd: number): SectionHeader {
  const s = SECTIONS[e.kind];
  const offset = e.kind === 'bss' ? Math.min(e.offset, fileEnd) : e.offset;
  return { name: shstr.add(s.name), type: s.type, flags: s.flags, addr: e.addr, offset, size: e.size, link: 0, info: 0, align: e.align, entsize: 0 };
}

function symbolTables(symbols: readonly OutputSymbol[], indexOf: ReadonlyMap<SectionKind, number>): { symtab: Uint8Array; strtab: Uint8Array } {
  const str = new ElfStrings();
  const w = new ByteWriter();
  for (let i = 0; i < SYMBOL_SIZE; i++) w.u8(0);
  for (const s of symbols) {
    w.u32(str.add(s.name));
    w.u8(((s.weak ? STB_WEAK : STB_GLOBAL) << 4) | (s.kind === 'text' ? STT_FUNC : STT_OBJECT));
    w.u8(0);
    w.u16(indexOf.get(s.kind) as number);
    w.u64(s.addr);
    w.u64(s.size);
  }
  return { symtab: w.finish(), strtab: str.bytes() };
}

function writeSectionHeader(w: ByteWriter, h: SectionHeader | null): void {
  if (h === null) {
    for (let i = 0; i < SECTION_HEADER_SIZE; i++) w.u8(0);
    return;
  }
  w.u32(h.name);
  w.u32(h.type);
  w.u64(h.flags);
  w.u64(h.addr);
  w.u64(h.offset);
  w.u64(h.size);
  w.u32(h.link);
  w.u32(h.info);
  w.u64(h.align);
  w.u64(h.entsize);
}

function writeElfHeader(out: Uint8Array, machine: number, entry: number, segments: number, shoff: number, shnum: number): void {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0);
  dv.setUint16(16, ET_EXEC, true);
  dv.setUint16(18, machine, true);
  dv.setUint32(20, EV_CURRENT, true);
  dv.setBigUint64(24, BigInt(entry), true);
  dv.setBigUint64(32, BigInt(ELF_HEADER_SIZE), true); // e_phoff: right after this header
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint32(48, 0, true); // e_flags
  dv.setUint16(52, ELF_HEADER_SIZE, true);
  dv.setUint16(54, PROGRAM_HEADER_SIZE, true);
  dv.setUint16(56, programHeaderCount(segments), true);
  dv.setUint16(58, SECTION_HEADER_SIZE, true);
  dv.setUint16(60, shnum, true);
  dv.setUint16(62, shnum - 1, true); // e_shstrndx: .shstrtab is the last section
}

function writeProgramHeaders(out: Uint8Array, layout: Layout): void {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const rows: Array<[number, number, number, number, number, number, number]> = layout.segments.map((s) => [PT_LOAD, SEGMENT_FLAGS[s.name], s.offset, s.vaddr, s.filesz, s.memsz, PAGE]);
  rows.push([PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16]);
  rows.forEach(([type, flags, offset, vaddr, filesz, memsz, align], i) => {
    const at = ELF_HEADER_SIZE + i * PROGRAM_HEADER_SIZE;
    dv.setUint32(at, type, true);
    dv.setUint32(at + 4, flags, true);
    dv.setBigUint64(at + 8, BigInt(offset), true);
    dv.setBigUint64(at + 16, BigInt(vaddr), true);
    dv.setBigUint64(at + 24, BigInt(vaddr), true); // p_paddr
    dv.setBigUint64(at + 32, BigInt(filesz), true);
    dv.setBigUint64(at + 40, BigInt(memsz), true);
    dv.setBigUint64(at + 48, BigInt(align), true);
  });
}
