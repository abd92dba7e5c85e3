/**
 * Reads a `.cwasm` artifact in the order docs/cwasm.md gives, each step trusting only what the
 * previous one checked:
 *   1. `openCwasm`: the ELF magic, `.kiln.header`'s magic at its fixed offset and the checksum
 *      over the whole file (any damaged byte: `corrupt`), then the ELF section table — the
 *      parts every format version keeps, so `embeddedWasm` works on any version;
 *   2. `readKey`: the format version (`format-version`) and the compatibility key;
 *   3. `readContents`: the code, its tables and the metadata, every offset, count and index
 *      range-checked (`corrupt`).
 */

import { decodeModule } from '../wasm/decode.js';
import { isKilnError } from '../errors.js';
import type { Module } from '../wasm/types.js';
import type { CwasmIsa, CwasmTrampoline } from './artifact.js';
import { ByteReader } from './bytes.js';
import { checksumMatches, CHECKSUM_FILE_OFFSET } from './checksum.js';
import { DIGEST_SIZE, type DigestedSections } from './digest.js';
import { EM_AARCH64, EM_X86_64, type ElfSection } from './elf.js';
import { readElf, type ElfFile } from './elf-read.js';
import { CwasmError } from './errors.js';
import { decodeKey, type CompatKey } from './key.js';
import { DIGEST_AT, FORMAT_VERSION, HEADER_KEY_AT, HEADER_MAGIC, HEADER_OFFSET, HEADER_SIZE_AT, HEADER_VERSION_AT, RELOC_ENTRY, SECTION } from './layout.js';
import { ArtifactFuncs } from './tables.js';
import { decodeTrampolines } from './trampolines.js';

export interface CwasmEnvelope {
  readonly bytes: Uint8Array;
  readonly elf: ElfFile;
  readonly formatVersion: number;
}

function corrupt(reason: string, offset?: number): CwasmError {
  return new CwasmError('corrupt', reason, offset);
}

/** no artifact is shorter: the ELF header and `.kiln.header`'s fixed part */
export const CWASM_MIN_SIZE = HEADER_OFFSET + HEADER_KEY_AT;

/** whether `bytes` start like a kiln artifact (ELF magic and `.kiln.header`'s magic); needs CWASM_MIN_SIZE bytes */
export function looksLikeCwasm(bytes: Uint8Array): boolean {
  return bytes.length >= CWASM_MIN_SIZE && bytes[0] === 0x7f && bytes[1] === 0x45 && HEADER_MAGIC.every((b, i) => bytes[HEADER_OFFSET + i] === b);
}

export function openCwasm(bytes: Uint8Array): CwasmEnvelope {
  if (bytes.length < CWASM_MIN_SIZE) throw corrupt(`${bytes.length} bytes is too short for a kiln artifact`);
  if (!looksLikeCwasm(bytes)) throw corrupt('not a kiln artifact (no ELF magic, or no .kiln.header at offset 0x40)', 0);
  if (!checksumMatches(bytes)) throw corrupt('the checksum does not match the contents (the file is damaged)', CHECKSUM_FILE_OFFSET);
  const elf = readElf(bytes);
  const header = elf.sections.get(SECTION.header);
  if (header === undefined || header.offset !== HEADER_OFFSET) throw corrupt(`${SECTION.header} is missing or not at offset 0x40`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { bytes, elf, formatVersion: dv.getUint32(HEADER_OFFSET + HEADER_VERSION_AT, true) };
}

/** the section named `name`, which must exist */
export function sectionOf(env: CwasmEnvelope, name: string): ElfSection {
  const s = env.elf.sections.get(name);
  if (s === undefined) throw corrupt(`section ${name} is missing`);
  return s;
}

/** the original module's bytes (a view into the artifact) */
export function embeddedWasm(env: CwasmEnvelope): Uint8Array {
  const s = sectionOf(env, SECTION.wasm);
  return env.bytes.subarray(s.offset, s.offset + s.size);
}

export interface CwasmHeader {
  readonly isa: CwasmIsa;
  readonly key: CompatKey;
  readonly digest: Uint8Array;
}

const ISA_OF: ReadonlyMap<number, CwasmIsa> = new Map([
  [EM_X86_64, 'x86_64'],
  [EM_AARCH64, 'aarch64'],
]);

export function readHeader(env: CwasmEnvelope): CwasmHeader {
  if (env.formatVersion !== FORMAT_VERSION) {
    const rel = env.formatVersion > FORMAT_VERSION ? 'a newer' : 'an older';
    throw new CwasmError('format-version', `written in ${rel} .cwasm format (version ${env.formatVersion}); this kiln reads version ${FORMAT_VERSION}`);
  }
  const isa = ISA_OF.get(env.elf.machine);
  if (isa === undefined) throw corrupt(`unknown ELF machine ${env.elf.machine}`, 18);
  const h = sectionOf(env, SECTION.header);
  const r = new ByteReader(env.bytes, SECTION.header, h.offset, h.offset + h.size);
  r.pos = h.offset + HEADER_SIZE_AT;
  const size = r.u32();
  if (size !== h.size) throw corrupt(`${SECTION.header} says it is ${size} bytes, its section ${h.size}`, h.offset + HEADER_SIZE_AT);
  r.pos = h.offset + DIGEST_AT;
  const digest = r.view8(DIGEST_SIZE).slice();
  const key = decodeKey(r.view8(r.remaining()), h.offset + HEADER_KEY_AT);
  if (key.target !== `${isa}-linux`) throw corrupt(`the key's target ${key.target} disagrees with the ELF machine (${isa})`, h.offset + HEADER_KEY_AT);
  return { isa, key, digest };
}

export interface CwasmCode {
  /** the module's metadata: no function bodies (`codes` is empty) */
  readonly module: Module;
  readonly text: Uint8Array;
  /** the compiled functions, read lazily from the tables */
  readonly funcs: ArtifactFuncs;
  readonly trampolines: readonly CwasmTrampoline[];
  /** the sections the header digest covers, as they are in the file (digest.ts) */
  readonly digested: DigestedSections;
}

export function readContents(env: CwasmEnvelope, header: CwasmHeader): CwasmCode {
  const meta = sectionOf(env, SECTION.meta);
  let module: Module;
  try {
    module = decodeModule(env.bytes.subarray(meta.offset, meta.offset + meta.size), { codeless: true });
  } catch (e) {
    if (isKilnError(e)) throw corrupt(`module metadata: ${e.reason}`, meta.offset + (e.loc.offset ?? 0));
    throw e;
  }
  const reloc = sectionOf(env, SECTION.reloc);
  if (reloc.size !== 0) throw corrupt(`${reloc.size / RELOC_ENTRY} load-time relocations; this format version defines no relocation kind`, reloc.offset);
  const text = sectionOf(env, SECTION.text);
  const window = (name: string): { offset: number; size: number } => {
    const s = sectionOf(env, name);
    return { offset: s.offset, size: s.size };
  };
  const imported = countImportedFuncs(module);
  const funcs = new ArtifactFuncs(
    env.bytes,
    { funcs: window(SECTION.funcs), traps: window(SECTION.traps), faults: window(SECTION.faults), addrmap: window(SECTION.addrmap), stackmaps: window(SECTION.stackmaps) },
    text.size,
    imported,
    header.key.bounds === 'guard',
  );
  if (funcs.count !== module.funcs.length) throw corrupt(`${funcs.count} compiled functions for ${module.funcs.length} defined in the metadata`, window(SECTION.funcs).offset);
  const raw = (name: string): Uint8Array => {
    const s = sectionOf(env, name);
    return env.bytes.subarray(s.offset, s.offset + s.size);
  };
  const tramps = sectionOf(env, SECTION.tramps);
  const trampolines = decodeTrampolines(env.bytes, tramps.offset, tramps.size, text.size, module.types.length);
  const digested = {
    meta: raw(SECTION.meta),
    funcs: raw(SECTION.funcs),
    traps: raw(SECTION.traps),
    faults: raw(SECTION.faults),
    addrmap: raw(SECTION.addrmap),
    stackmaps: raw(SECTION.stackmaps),
    tramps: raw(SECTION.tramps),
  };
  return { module, text: env.bytes.subarray(text.offset, text.offset + text.size), funcs, trampolines, digested };
}

function countImportedFuncs(module: Module): number {
  let n = 0;
  for (const i of module.imports) if (i.desc.kind === 'func') n++;
  return n;
}
