/**
 * The artifact checksum: CRC-32 (the ISO-HDLC polynomial of zlib and gzip) over every byte of
 * the file except the 4 bytes that hold it (`.kiln.header` + 16, at file offset 80), stored
 * little-endian. It finds damage — every error burst up to 32 bits, so every changed byte —
 * at several GB/s (node:zlib's crc32); it is not a signature (docs/cwasm.md "Trust").
 */

import * as zlib from 'node:zlib';
import { CHECKSUM_AT, CHECKSUM_SIZE, HEADER_OFFSET } from './layout.js';

export const CHECKSUM_FILE_OFFSET = HEADER_OFFSET + CHECKSUM_AT;

type Crc32 = (data: Uint8Array, value?: number) => number;

/** zlib.crc32 (Node 20.15 and later), else a table-driven one */
const crc32: Crc32 = (zlib as { crc32?: Crc32 }).crc32 ?? tableCrc32;

let table: Uint32Array | null = null;

function tableCrc32(data: Uint8Array, value = 0): number {
  const t = (table ??= makeTable());
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** the CRC-32 of `data` by the table (tests compare it with zlib's) */
export const crc32ByTable = (data: Uint8Array): number => tableCrc32(data);

export function checksumOf(file: Uint8Array): number {
  const head = crc32(file.subarray(0, CHECKSUM_FILE_OFFSET));
  return crc32(file.subarray(CHECKSUM_FILE_OFFSET + CHECKSUM_SIZE), head) >>> 0;
}

/** the checksum as it is stored (4 bytes, little-endian) */
export function checksumBytes(file: Uint8Array): Uint8Array {
  const out = new Uint8Array(CHECKSUM_SIZE);
  new DataView(out.buffer).setUint32(0, checksumOf(file), true);
  return out;
}

/** whether the stored checksum matches (the file is at least long enough to hold it) */
export function checksumMatches(file: Uint8Array): boolean {
  const stored = new DataView(file.buffer, file.byteOffset + CHECKSUM_FILE_OFFSET, CHECKSUM_SIZE).getUint32(0, true);
  return stored === checksumOf(file);
}
