/**
 * A light scan of a binary module's section headers (spec §5.5.2) for `kiln inspect`:
 * id, name, byte range and size of each section, without decoding contents. Assumes the
 * bytes already decoded successfully (decodeModule reports malformed input precisely).
 */

export interface SectionInfo {
  id: number;
  /** section name; for custom sections the custom name */
  name: string;
  /** offset of the section id byte */
  offset: number;
  /** size of the section contents in bytes */
  size: number;
}

const SECTION_NAMES: readonly string[] = [
  'custom',
  'type',
  'import',
  'function',
  'table',
  'memory',
  'global',
  'export',
  'start',
  'element',
  'code',
  'data',
  'datacount',
];

export const sectionName = (id: number): string => SECTION_NAMES[id] ?? `unknown(${id})`;

function readU32(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++] ?? 0;
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0 || shift > 35 || pos >= bytes.length) return [result, pos];
  }
}

export function scanSections(bytes: Uint8Array): SectionInfo[] {
  const out: SectionInfo[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const offset = pos;
    const id = bytes[pos++] ?? 0;
    const [size, start] = readU32(bytes, pos);
    let name = sectionName(id);
    if (id === 0) {
      const [len, strStart] = readU32(bytes, start);
      name = new TextDecoder().decode(bytes.subarray(strStart, Math.min(strStart + len, bytes.length)));
    }
    out.push({ id, name, offset, size });
    pos = start + size;
  }
  return out;
}
