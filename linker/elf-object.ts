/**
 * Reads an ELF64 little-endian relocatable object (ET_REL) for x86-64 or AArch64 into a
 * LinkObject (linker/link-object.ts), the static linker's input (docs/standalone.md).
 *
 * - Sections: SHT_PROGBITS and SHT_NOBITS sections with SHF_ALLOC become LinkSections, their
 *   kind from the flags (SHF_EXECINSTR: text; SHF_WRITE: data, or bss for SHT_NOBITS; else
 *   rodata — mergeable `.rodata.str*` sections are plain rodata). Non-alloc sections (.comment,
 *   .note.GNU-stack, debug info, groups), alloc notes (.note.gnu.property) and unwind tables
 *   (`.eh_frame`: a static executable without an unwinder never reads them) are dropped, with
 *   their relocations. TLS sections and constructor arrays are `unsupported`.
 * - Symbols (SHT_SYMTAB): STT_NOTYPE/OBJECT/FUNC/SECTION; global and weak ones keep their
 *   names, SHN_UNDEF gives `section: null`. Names that must not clash across objects are made
 *   unique: a section symbol is `<object>:<section>` (`#<section index>` added when two
 *   sections share a name), a local symbol `<object>:<name>#<symbol index>`. STT_FILE symbols
 *   are skipped. SHN_ABS symbols are kept out of the object (kiln's runtime has none); a
 *   relocation against one, or a global one, is `unsupported`, as are SHN_COMMON symbols
 *   (tentative definitions: build with -fno-common, gcc's default).
 * - Relocations (SHT_RELA; REL is `unsupported`) attach to the section they apply to, naming
 *   the symbol by the names above. Relocation types are not checked here: the linker does.
 *
 * Every structural problem is `KilnError('malformed', reason, { file, offset })` at the file
 * offset of the offending header or entry.
 */

import { ByteReader } from '../formats/cwasm/bytes.js';
import { readElfHeader } from '../formats/cwasm/elf-read.js';
import { CwasmError } from '../formats/cwasm/errors.js';
import { KilnError } from '../formats/errors.js';
import {
  ET_REL,
  isaOfMachine,
  RELA_SIZE,
  SECTION_HEADER_SIZE,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_TLS,
  SHF_WRITE,
  SHN_ABS,
  SHN_COMMON,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHN_XINDEX,
  SHT_NOBITS,
  SHT_NOTE,
  SHT_PROGBITS,
  SHT_REL,
  SHT_RELA,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FILE,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  STT_SECTION,
  SYMBOL_SIZE,
  type LinkIsa,
} from './exe-elf.js';
import type { LinkObject, LinkReloc, LinkSection, LinkSymbol, SectionKind } from './link-object.js';

/** one section header as read */
interface RawSection {
  readonly index: number;
  /** file offset of its header */
  readonly at: number;
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly align: number;
  readonly entsize: number;
}

/** what a symbol table entry turned into: its name for relocations, or why it has none */
type SymbolRef = { readonly name: string } | { readonly unusable: string };

/** the reading context: the file's bytes and name, for errors */
interface Ctx {
  readonly bytes: Uint8Array;
  readonly file: string;
}

const SHT_X86_64_UNWIND = 0x70000001;
const SHT_INIT_ARRAY = 14;
const SHT_FINI_ARRAY = 15;
const SHT_PREINIT_ARRAY = 16;
const utf8 = new TextDecoder('utf-8', { fatal: false });

function malformed(ctx: Ctx, reason: string, offset: number): KilnError {
  return new KilnError('malformed', reason, { file: ctx.file, offset });
}
function unsupported(ctx: Ctx, reason: string, offset: number): KilnError {
  return new KilnError('unsupported', reason, { file: ctx.file, offset });
}

export function readElfObject(bytes: Uint8Array, name: string): LinkObject {
  const ctx: Ctx = { bytes, file: name };
  try {
    return readObject(ctx);
  } catch (e) {
    // the range-checked reader of formats/cwasm speaks of corrupt artifacts: restate
    if (e instanceof CwasmError) throw new KilnError('malformed', e.reason, { file: name, offset: e.loc.offset ?? 0 });
    throw e;
  }
}

function readObject(ctx: Ctx): LinkObject {
  const header = readHeader(ctx);
  const sections = readSectionHeaders(ctx, header.shoff, header.shnum, header.shstrndx);
  const kept = new Map<number, number>(); // ELF section index → LinkSection index
  const linkSections: LinkSection[] = [];
  for (const s of sections) {
    const section = toLinkSection(ctx, s);
    if (section === null) continue;
    kept.set(s.index, linkSections.length);
    linkSections.push(section);
  }
  const symtab = findSymtab(ctx, sections);
  const { symbols, refs } = symtab === null ? { symbols: [], refs: [] } : readSymbols(ctx, sections, symtab, kept, linkSections);
  for (const s of sections) {
    const target = kept.get(s.info);
    if (s.type === SHT_REL && target !== undefined) throw unsupported(ctx, `REL relocation section ${s.name}: only RELA is supported`, s.at);
    if (s.type !== SHT_RELA || target === undefined) continue;
    if (symtab === null || s.link !== symtab.index) throw malformed(ctx, `relocation section ${s.name} does not use the symbol table`, s.at + 40);
    (linkSections[target] as LinkSection).relocs = readRelocs(ctx, s, refs, linkSections[target] as LinkSection);
  }
  return { name: ctx.file, isa: header.isa, sections: linkSections, symbols };
}

function readHeader(ctx: Ctx): { isa: LinkIsa; shoff: number; shnum: number; shstrndx: number } {
  const { bytes } = ctx;
  const { type, machine, shoff, shentsize, shnum, shstrndx } = readElfHeader(bytes, (reason, offset) => malformed(ctx, reason, offset));
  if (type !== ET_REL) throw malformed(ctx, `ELF type ${type} is not a relocatable object (${ET_REL})`, 16);
  const isa = isaOfMachine(machine);
  if (isa === undefined) throw malformed(ctx, `ELF machine ${machine} is neither x86-64 (62) nor AArch64 (183)`, 18);
  if (shentsize !== SECTION_HEADER_SIZE) throw malformed(ctx, `section header size ${shentsize}, expected ${SECTION_HEADER_SIZE}`, 58);
  if (shnum === 0) throw malformed(ctx, 'no section headers (or more than 65279, which is not supported)', 60);
  if (shoff + shnum * SECTION_HEADER_SIZE > bytes.length) throw malformed(ctx, 'the section header table lies outside the file', 40);
  if (shstrndx === SHN_XINDEX || shstrndx >= shnum) throw malformed(ctx, `section name table index ${shstrndx} out of range`, 62);
  return { isa, shoff, shnum, shstrndx };
}

function readSectionHeaders(ctx: Ctx, shoff: number, shnum: number, shstrndx: number): RawSection[] {
  const raw = [];
  for (let index = 0; index < shnum; index++) {
    const at = shoff + index * SECTION_HEADER_SIZE;
    const r = new ByteReader(ctx.bytes, `section header ${index}`, at, at + SECTION_HEADER_SIZE);
    const s = { index, at, nameOffset: r.u32(), type: r.u32(), flags: r.u64(), addr: r.u64(), offset: r.u64(), size: r.u64(), link: r.u32(), info: r.u32(), align: r.u64(), entsize: r.u64() };
    if (index > 0 && s.type !== SHT_NOBITS && s.offset + s.size > ctx.bytes.length) throw malformed(ctx, `section ${index} lies outside the file`, at + 24);
    raw.push(s);
  }
  const names = raw[shstrndx] as (typeof raw)[number];
  if (names.type !== SHT_STRTAB) throw malformed(ctx, 'the section name table is not a string table', names.at + 4);
  return raw.map((s) => ({ ...s, name: s.index === 0 ? '' : stringAt(ctx, names, s.nameOffset, s.at) }));
}

/** the NUL-terminated string at `off` of string table `table`; `from` locates the reference */
function stringAt(ctx: Ctx, table: { offset: number; size: number }, off: number, from: number): string {
  if (off >= table.size) throw malformed(ctx, `string offset ${off} outside its string table`, from);
  const rest = ctx.bytes.subarray(table.offset + off, table.offset + table.size);
  const end = rest.indexOf(0);
  if (end < 0) throw malformed(ctx, 'unterminated string in a string table', from);
  return utf8.decode(rest.subarray(0, end));
}

/** the LinkSection an ELF section becomes, or null when it is not linked */
function toLinkSection(ctx: Ctx, s: RawSection): LinkSection | null {
  if (s.index === 0 || (s.flags & SHF_ALLOC) === 0) return null;
  if (s.type === SHT_NOTE || s.type === SHT_X86_64_UNWIND || s.name === '.eh_frame') return null;
  if (s.type === SHT_INIT_ARRAY || s.type === SHT_FINI_ARRAY || s.type === SHT_PREINIT_ARRAY) {
    throw unsupported(ctx, `section ${s.name}: constructor and destructor arrays are not run in a kiln executable`, s.at + 4);
  }
  if (s.type !== SHT_PROGBITS && s.type !== SHT_NOBITS) throw unsupported(ctx, `allocated section ${s.name} of type ${s.type}`, s.at + 4);
  if ((s.flags & SHF_TLS) !== 0) throw unsupported(ctx, `section ${s.name}: thread-local storage is not supported`, s.at + 8);
  const align = Math.max(1, s.align);
  if ((align & (align - 1)) !== 0 || align > 2 ** 30) throw malformed(ctx, `section ${s.name}: alignment ${s.align} is not a power of two`, s.at + 48);
  const kind = kindOf(s);
  const bytes = kind === 'bss' ? new Uint8Array(0) : s.type === SHT_NOBITS ? new Uint8Array(s.size) : ctx.bytes.slice(s.offset, s.offset + s.size);
  return { name: s.name, kind, align, bytes, size: s.size, relocs: [] };
}

function kindOf(s: RawSection): SectionKind {
  if ((s.flags & SHF_EXECINSTR) !== 0) return 'text';
  if ((s.flags & SHF_WRITE) !== 0) return s.type === SHT_NOBITS ? 'bss' : 'data';
  return 'rodata';
}

function findSymtab(ctx: Ctx, sections: readonly RawSection[]): RawSection | null {
  const tables = sections.filter((s) => s.type === SHT_SYMTAB);
  if (tables.length > 1) throw malformed(ctx, 'more than one symbol table', (tables[1] as RawSection).at);
  const t = tables[0];
  if (t === undefined) return null;
  if (t.entsize !== SYMBOL_SIZE || t.size % SYMBOL_SIZE !== 0) throw malformed(ctx, `symbol table entry size ${t.entsize} or size ${t.size} is not a multiple of ${SYMBOL_SIZE}`, t.at + 56);
  const strtab = sections[t.link];
  if (t.link === 0 || strtab === undefined || strtab.type !== SHT_STRTAB) throw malformed(ctx, 'the symbol table does not link to a string table', t.at + 40);
  return t;
}

/** one symbol table entry as read */
interface RawSymbol {
  readonly index: number;
  readonly at: number;
  readonly name: string;
  readonly bind: number;
  readonly type: number;
  readonly shndx: number;
  readonly value: number;
  readonly size: number;
}

function readSymbols(
  ctx: Ctx,
  sections: readonly RawSection[],
  symtab: RawSection,
  kept: ReadonlyMap<number, number>,
  linkSections: readonly LinkSection[],
): { symbols: LinkSymbol[]; refs: SymbolRef[] } {
  const strtab = sections[symtab.link] as RawSection;
  const sectionNames = uniqueSectionNames(ctx.file, sections, kept);
  const symbols: LinkSymbol[] = [];
  const refs: SymbolRef[] = [{ unusable: 'symbol 0 (no symbol)' }];
  for (let index = 1; index < symtab.size / SYMBOL_SIZE; index++) {
    const raw = readSymbol(ctx, symtab, strtab, index);
    const { ref, symbol } = convertSymbol(ctx, raw, sections, kept, linkSections, sectionNames);
    refs.push(ref);
    if (symbol !== null) symbols.push(symbol);
  }
  return { symbols, refs };
}

function readSymbol(ctx: Ctx, symtab: RawSection, strtab: RawSection, index: number): RawSymbol {
  const at = symtab.offset + index * SYMBOL_SIZE;
  const r = new ByteReader(ctx.bytes, `symbol ${index}`, at, at + SYMBOL_SIZE);
  const nameOffset = r.u32();
  const info = r.u8();
  r.u8(); // st_other: visibility does not matter in a static executable
  const shndx = r.u16();
  const value = r.u64();
  const size = r.u64();
  return { index, at, name: stringAt(ctx, strtab, nameOffset, at), bind: info >> 4, type: info & 0xf, shndx, value, size };
}

/** `<object>:<section>` for every linked section, `#<index>` added to repeated names */
function uniqueSectionNames(file: string, sections: readonly RawSection[], kept: ReadonlyMap<number, number>): Map<number, string> {
  const seen = new Set<string>();
  const out = new Map<number, string>();
  for (const s of sections) {
    if (!kept.has(s.index)) continue;
    let name = `${file}:${s.name}`;
    if (seen.has(name)) name = `${name}#${s.index}`;
    seen.add(name);
    out.set(s.index, name);
  }
  return out;
}

const BINDINGS: ReadonlyMap<number, LinkSymbol['binding']> = new Map([
  [STB_LOCAL, 'local'],
  [STB_GLOBAL, 'global'],
  [STB_WEAK, 'weak'],
]);
const LINKED_TYPES = new Set([STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION]);

function convertSymbol(
  ctx: Ctx,
  raw: RawSymbol,
  sections: readonly RawSection[],
  kept: ReadonlyMap<number, number>,
  linkSections: readonly LinkSection[],
  sectionNames: ReadonlyMap<number, string>,
): { ref: SymbolRef; symbol: LinkSymbol | null } {
  const label = raw.name === '' ? `symbol ${raw.index}` : `symbol ${raw.name}`;
  if (raw.type === STT_FILE) return { ref: { unusable: `file symbol ${raw.name}` }, symbol: null };
  const binding = BINDINGS.get(raw.bind);
  if (binding === undefined) throw unsupported(ctx, `${label}: binding ${raw.bind}`, raw.at + 4);
  if (!LINKED_TYPES.has(raw.type)) throw unsupported(ctx, `${label}: symbol type ${raw.type} (only functions, objects, sections and untyped symbols)`, raw.at + 4);
  if (raw.shndx === SHN_COMMON) throw unsupported(ctx, `${label} is a common symbol (a tentative definition): compile with -fno-common`, raw.at + 6);
  if (raw.shndx === SHN_ABS) {
    if (binding !== 'local') throw unsupported(ctx, `${label} is absolute (SHN_ABS): not supported`, raw.at + 6);
    return { ref: { unusable: `absolute ${label}` }, symbol: null };
  }
  if (raw.shndx >= SHN_LORESERVE) throw unsupported(ctx, `${label}: section index 0x${raw.shndx.toString(16)}`, raw.at + 6);
  if (raw.shndx === SHN_UNDEF) return undefinedSymbol(ctx, raw, binding, label);
  if (raw.shndx >= sections.length) throw malformed(ctx, `${label}: section index ${raw.shndx} out of range`, raw.at + 6);
  const section = kept.get(raw.shndx);
  const home = sections[raw.shndx] as RawSection;
  if (section === undefined) return { ref: { unusable: `${label} in section ${home.name}, which is not linked` }, symbol: null };
  const size = (linkSections[section] as LinkSection).size;
  if (raw.value > size) throw malformed(ctx, `${label}: value 0x${raw.value.toString(16)} lies beyond its section ${home.name} (size 0x${size.toString(16)})`, raw.at + 8);
  const name = symbolName(ctx, raw, binding, sectionNames);
  return { ref: { name }, symbol: { name, section, value: raw.value, size: raw.size, binding } };
}

function undefinedSymbol(ctx: Ctx, raw: RawSymbol, binding: LinkSymbol['binding'], label: string): { ref: SymbolRef; symbol: LinkSymbol | null } {
  if (binding === 'local') return { ref: { unusable: `undefined local ${label}` }, symbol: null };
  if (raw.name === '') throw malformed(ctx, `${label}: an undefined symbol without a name`, raw.at);
  return { ref: { name: raw.name }, symbol: { name: raw.name, section: null, value: 0, size: 0, binding } };
}

function symbolName(ctx: Ctx, raw: RawSymbol, binding: LinkSymbol['binding'], sectionNames: ReadonlyMap<number, string>): string {
  if (raw.type === STT_SECTION) return sectionNames.get(raw.shndx) as string;
  if (binding === 'local') return `${ctx.file}:${raw.name}#${raw.index}`;
  if (raw.name === '') throw malformed(ctx, `symbol ${raw.index}: a global symbol without a name`, raw.at);
  return raw.name;
}

function readRelocs(ctx: Ctx, s: RawSection, refs: readonly SymbolRef[], target: LinkSection): LinkReloc[] {
  if (s.entsize !== RELA_SIZE || s.size % RELA_SIZE !== 0) throw malformed(ctx, `relocation section ${s.name}: entry size ${s.entsize} or size ${s.size} is not a multiple of ${RELA_SIZE}`, s.at + 56);
  const relocs: LinkReloc[] = [];
  const view = new DataView(ctx.bytes.buffer, ctx.bytes.byteOffset, ctx.bytes.byteLength);
  for (let at = s.offset; at < s.offset + s.size; at += RELA_SIZE) {
    const r = new ByteReader(ctx.bytes, `relocation at 0x${at.toString(16)}`, at, at + RELA_SIZE);
    const offset = r.u64();
    const type = r.u32();
    const sym = r.u32();
    const addend = view.getBigInt64(at + 16, true);
    if (offset >= target.size) throw malformed(ctx, `relocation of ${target.name} at 0x${offset.toString(16)} lies beyond the section (size 0x${target.size.toString(16)})`, at);
    if (addend > BigInt(Number.MAX_SAFE_INTEGER) || addend < BigInt(Number.MIN_SAFE_INTEGER)) throw malformed(ctx, `relocation of ${target.name} at 0x${offset.toString(16)}: addend out of range`, at + 16);
    const ref = refs[sym];
    if (ref === undefined) throw malformed(ctx, `relocation of ${target.name} at 0x${offset.toString(16)}: symbol index ${sym} out of range`, at + 8);
    if ('unusable' in ref) throw unsupported(ctx, `relocation of ${target.name} at 0x${offset.toString(16)} refers to ${ref.unusable}`, at + 8);
    relocs.push({ offset, type, symbol: ref.name, addend: Number(addend) });
  }
  return relocs;
}
