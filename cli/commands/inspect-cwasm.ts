/**
 * `kiln inspect app.cwasm`: an artifact's header, compatibility key (and whether it fits this
 * host), sections, functions and code size, relocation and trap-table counts. Built as data,
 * rendered as text or JSON. A corrupt artifact is an error, as for every other command.
 */

import { checkCompatibility } from '../../loader/cwasm/compat.js';
import { hostProfile } from '../../loader/cwasm/host.js';
import { CHECKSUM_FILE_OFFSET } from '../../formats/cwasm/checksum.js';
import { keyLines, type CompatKey } from '../../formats/cwasm/key.js';
import { RELOC_ENTRY, SECTION } from '../../formats/cwasm/layout.js';
import { openCwasm, readContents, readHeader, sectionOf } from '../../formats/cwasm/read.js';
import { CHECKSUM_SIZE } from '../../formats/cwasm/layout.js';
import { escapeControls as esc } from '../escape.js';

export interface CwasmReport {
  file: string;
  size: number;
  formatVersion: number;
  isa: string;
  key: CompatKey;
  checksum: string;
  /** null when the artifact fits this host, else the mismatch */
  fitsHost: { kind: string; reason: string } | null;
  sections: { name: string; offset: number; size: number }[];
  functions: number;
  codeSize: number;
  relocations: number;
  trapSites: number;
  faultSites: number;
  addressMapEntries: number;
  module: { imports: number; exports: number; memories: number; tables: number; globals: number };
  wasmSize: number;
}


export function buildCwasmReport(file: string, bytes: Uint8Array): CwasmReport {
  const env = openCwasm(bytes);
  const header = readHeader(env);
  const code = readContents(env, header);
  const m = code.module;
  const mismatch = checkCompatibility(header.key, hostProfile());
  const funcs = code.funcs.all();
  const count = (f: (x: (typeof funcs)[number]) => number): number => funcs.reduce((n, x) => n + f(x), 0);
  return {
    file,
    size: bytes.length,
    formatVersion: env.formatVersion,
    isa: header.isa,
    key: header.key,
    checksum: new DataView(bytes.buffer, bytes.byteOffset + CHECKSUM_FILE_OFFSET, CHECKSUM_SIZE).getUint32(0, true).toString(16).padStart(8, '0'),
    fitsHost: mismatch === null ? null : { kind: mismatch.mismatch, reason: mismatch.reason },
    sections: [...env.elf.sections.values()].map((s) => ({ name: s.name, offset: s.offset, size: s.size })),
    functions: code.funcs.count,
    codeSize: code.text.length,
    relocations: sectionOf(env, SECTION.reloc).size / RELOC_ENTRY,
    trapSites: count((f) => f.trapSites.length),
    faultSites: count((f) => (f.faultSites?.length ?? 0) >> 1),
    addressMapEntries: count((f) => f.addressMap.length >> 1),
    module: { imports: m.imports.length, exports: m.exports.length, memories: m.mems.length, tables: m.tables.length, globals: m.globals.length },
    wasmSize: sectionOf(env, SECTION.wasm).size,
  };
}

export function renderCwasmReport(r: CwasmReport): string {
  const lines = [
    `${esc(r.file)}: kiln artifact, format version ${r.formatVersion}, ${r.size} bytes`,
    `target: ${r.isa}-linux`,
    `fits this host: ${r.fitsHost === null ? 'yes' : `no (${r.fitsHost.kind}: ${r.fitsHost.reason})`}`,
    'compatibility key:',
    ...keyLines(r.key).map((l) => `  ${l}`),
    `checksum: crc32 ${r.checksum}`,
    `functions: ${r.functions}, code ${r.codeSize} bytes (embedded wasm ${r.wasmSize} bytes, ${((r.codeSize / Math.max(r.wasmSize, 1)) || 0).toFixed(2)} code bytes per wasm byte)`,
    `relocations: ${r.relocations}; trap sites: ${r.trapSites}; fault sites: ${r.faultSites}; address map entries: ${r.addressMapEntries}`,
    `module: ${r.module.imports} imports, ${r.module.exports} exports, ${r.module.memories} memories, ${r.module.tables} tables, ${r.module.globals} globals`,
    'sections:',
    ...r.sections.map((s) => `  ${s.name.padEnd(14)} offset 0x${s.offset.toString(16).padStart(6, '0')}  ${String(s.size).padStart(9)} bytes`),
  ];
  return lines.join('\n') + '\n';
}
