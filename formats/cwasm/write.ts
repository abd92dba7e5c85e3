/**
 * Writes a `.cwasm` artifact (docs/cwasm.md): the ELF container with `.kiln.header` first (so
 * the checksum sits at a fixed file offset), the code, the tables, the metadata and the
 * original wasm, one function symbol per defined function; then the checksum over the whole
 * file. Deterministic: the bytes are a function of the contents alone.
 */

import type { CwasmContents } from './artifact.js';
import { ByteWriter } from './bytes.js';
import { checksumBytes } from './checksum.js';
import { headerDigest } from './digest.js';
import { EM_AARCH64, EM_X86_64, SHF_ALLOC, SHF_EXECINSTR, SHT_PROGBITS } from './elf.js';
import { writeElf, type SectionInput } from './elf-write.js';
import { encodeKey } from './key.js';
import { CHECKSUM_AT, DIGEST_AT, FORMAT_VERSION, HEADER_MAGIC, HEADER_OFFSET, RELOC_ENTRY } from './layout.js';
import { SECTION } from './layout.js';
import { encodeTables, type EncodedTables } from './tables.js';
import { encodeTrampolines } from './trampolines.js';

export const MACHINES = { x86_64: EM_X86_64, aarch64: EM_AARCH64 } as const;

function header(c: CwasmContents, t: EncodedTables, tramps: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  w.bytes(HEADER_MAGIC);
  w.u32(FORMAT_VERSION);
  const sizeAt = w.pos;
  w.u32(0);
  // the checksum (written last, over the whole file) and 4 reserved zero bytes
  for (let i = 0; i < DIGEST_AT - CHECKSUM_AT; i++) w.u8(0);
  w.bytes(headerDigest({ meta: c.metadata, ...t, tramps }));
  w.bytes(encodeKey(c.key));
  w.patchU32(sizeAt, w.pos);
  return w.finish();
}

const data = (name: string, bytes: Uint8Array, align = 4): SectionInput => ({ name, type: SHT_PROGBITS, flags: 0, align, data: bytes });

export function writeCwasm(c: CwasmContents): Uint8Array {
  const t = encodeTables(c.funcs);
  const tramps = encodeTrampolines(c.trampolines);
  const sections: SectionInput[] = [
    data(SECTION.header, header(c, t, tramps), 8),
    { name: SECTION.text, type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, align: 16, data: c.text },
    data(SECTION.funcs, t.funcs),
    data(SECTION.traps, t.traps),
    data(SECTION.faults, t.faults),
    data(SECTION.addrmap, t.addrmap),
    data(SECTION.stackmaps, t.stackmaps),
    data(SECTION.tramps, tramps),
    // no load-time relocations in this version: the code needs none (docs/cwasm.md)
    data(SECTION.reloc, new Uint8Array(0 * RELOC_ENTRY)),
    data(SECTION.meta, c.metadata, 1),
    data(SECTION.wasm, c.wasm, 1),
  ];
  const symbols = [
    ...c.funcs.map((f, k) => ({ name: c.names[k] ?? `func[${f.index}]`, section: SECTION.text, offset: f.offset, size: f.size })),
    ...c.trampolines.map((t) => ({ name: `kiln.${t.kind}-trampoline[type ${t.type}]`, section: SECTION.text, offset: t.offset, size: t.size })),
  ];
  const out = writeElf(MACHINES[c.isa], sections, symbols);
  if (!HEADER_MAGIC.every((b, i) => out[HEADER_OFFSET + i] === b)) throw new RangeError('.kiln.header is not at its fixed offset');
  out.set(checksumBytes(out), HEADER_OFFSET + CHECKSUM_AT);
  return out;
}
