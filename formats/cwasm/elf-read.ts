/**
 * Reads the ELF64 container of an artifact: the header and the section header table, every
 * field range-checked (sections inside the file, names inside `.shstrtab`, no two sections of
 * one name). Any violation is a `corrupt` CwasmError at the offending file offset.
 */

import { ByteReader } from './bytes.js';
import { CwasmError } from './errors.js';
import { ELF_HEADER_SIZE, ELFCLASS64, ELFDATA2LSB, ET_DYN, EV_CURRENT, SECTION_HEADER_SIZE, SHT_STRTAB, type ElfSection } from './elf.js';

export interface ElfFile {
  readonly machine: number;
  /** by name */
  readonly sections: ReadonlyMap<string, ElfSection>;
}

const MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const utf8 = new TextDecoder('utf-8', { fatal: false });

function corrupt(reason: string, offset?: number): CwasmError {
  return new CwasmError('corrupt', reason, offset);
}

/** the fields of an ELF64 header that kiln reads */
export interface ElfHeader {
  readonly type: number;
  readonly machine: number;
  readonly shoff: number;
  readonly shentsize: number;
  readonly shnum: number;
  readonly shstrndx: number;
}

/**
 * The header of a little-endian ELF64 file of version 1 (artifacts here, relocatable objects in
 * linker/elf-object.ts); `fail` makes the error for a reason at a file offset.
 */
export function readElfHeader(bytes: Uint8Array, fail: (reason: string, offset: number) => Error): ElfHeader {
  if (bytes.length < ELF_HEADER_SIZE || MAGIC.some((b, i) => bytes[i] !== b)) throw fail('not an ELF file (no ELF magic)', 0);
  if (bytes[4] !== ELFCLASS64 || bytes[5] !== ELFDATA2LSB || bytes[6] !== EV_CURRENT) throw fail('not a little-endian 64-bit ELF file of version 1', 4);
  const h = new ByteReader(bytes, 'the ELF header', 16, ELF_HEADER_SIZE);
  const type = h.u16();
  const machine = h.u16();
  h.u32(); // e_version
  h.u64(); // e_entry
  h.u64(); // e_phoff
  const shoff = h.u64();
  h.u32(); // e_flags
  h.u16(); // e_ehsize
  h.u16(); // e_phentsize
  h.u16(); // e_phnum
  const shentsize = h.u16();
  const shnum = h.u16();
  const shstrndx = h.u16();
  return { type, machine, shoff, shentsize, shnum, shstrndx };
}

export function readElf(bytes: Uint8Array): ElfFile {
  const { type, machine, shoff, shentsize, shnum, shstrndx } = readElfHeader(bytes, corrupt);
  if (type !== ET_DYN) throw corrupt(`ELF type ${type} is not a kiln artifact's (${ET_DYN})`, 16);
  if (shentsize !== SECTION_HEADER_SIZE) throw corrupt(`section header size ${shentsize}, expected ${SECTION_HEADER_SIZE}`, 58);
  if (shnum === 0 || shoff + shnum * SECTION_HEADER_SIZE > bytes.length) throw corrupt('the section header table lies outside the file', 40);
  if (shstrndx >= shnum) throw corrupt(`section name table index ${shstrndx} out of range`, 62);

  const raw: Array<Omit<ElfSection, 'name'> & { nameOffset: number; at: number }> = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * SECTION_HEADER_SIZE;
    const r = new ByteReader(bytes, `section header ${i}`, at, at + SECTION_HEADER_SIZE);
    const s = { at, nameOffset: r.u32(), type: r.u32(), flags: r.u64(), addr: r.u64(), offset: r.u64(), size: r.u64(), link: r.u32(), info: r.u32(), align: r.u64(), entsize: r.u64() };
    if (i > 0 && s.offset + s.size > bytes.length) throw corrupt(`section ${i} lies outside the file`, at + 24);
    raw.push(s);
  }
  const names = raw[shstrndx] as (typeof raw)[number];
  if (names.type !== SHT_STRTAB) throw corrupt('the section name table is not a string table', names.at + 4);
  const sections = new Map<string, ElfSection>();
  raw.forEach((s, i) => {
    if (i === 0) return;
    const name = stringAt(bytes, names.offset, names.size, s.nameOffset, s.at);
    if (sections.has(name)) throw corrupt(`two sections named ${name}`, s.at);
    sections.set(name, { name, type: s.type, flags: s.flags, offset: s.offset, size: s.size, addr: s.addr, align: s.align, link: s.link, info: s.info, entsize: s.entsize });
  });
  return { machine, sections };
}

/** the NUL-terminated string at `off` of the table at [start, start + size) */
function stringAt(bytes: Uint8Array, start: number, size: number, off: number, from: number): string {
  if (off >= size) throw corrupt(`section name offset ${off} outside the name table`, from);
  const end = bytes.subarray(start + off, start + size).indexOf(0);
  if (end < 0) throw corrupt('unterminated section name', from);
  return utf8.decode(bytes.subarray(start + off, start + off + end));
}
