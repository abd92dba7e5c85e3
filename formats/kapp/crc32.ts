/**
 * CRC-32 as zip uses it (APPNOTE 4.4.7): the IEEE 802.3 polynomial, reflected (0xEDB88320),
 * initial value and final xor 0xFFFFFFFF — the same value as zlib's crc32.
 *
 * Table-driven, "slicing by 8": eight 256-entry tables let the loop fold 8 input bytes per step
 * (table k gives the CRC of a byte followed by k zero bytes), a few times faster than one table.
 * Kept independent of node:zlib so that the app package reader checks data with code of its own.
 */

const POLY = 0xedb88320;
const SLICES = 8;

/** TABLES[k * 256 + b]: the CRC register after byte b followed by k zero bytes */
const TABLES: Uint32Array = buildTables();

function byteCrc(b: number): number {
  let c = b;
  for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  return c >>> 0;
}

function buildTables(): Uint32Array {
  const t = new Uint32Array(SLICES * 256);
  for (let b = 0; b < 256; b++) t[b] = byteCrc(b);
  for (let k = 1; k < SLICES; k++) {
    for (let b = 0; b < 256; b++) {
      const prev = t[(k - 1) * 256 + b]!;
      t[k * 256 + b] = (prev >>> 8) ^ t[prev & 0xff]!;
    }
  }
  return t;
}

/** folds the bytes data[from, to) into the (pre-inverted) register c, one byte at a time */
function foldBytes(c: number, data: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) c = (c >>> 8) ^ TABLES[(c ^ data[i]!) & 0xff]!;
  return c;
}

/** folds data[from, to) into c eight bytes at a time; (to - from) must be a multiple of 8 */
function foldBlocks(c: number, data: Uint8Array, from: number, to: number): number {
  const t = TABLES;
  for (let i = from; i < to; i += 8) {
    const lo = c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    c =
      t[7 * 256 + (lo & 0xff)]! ^
      t[6 * 256 + ((lo >>> 8) & 0xff)]! ^
      t[5 * 256 + ((lo >>> 16) & 0xff)]! ^
      t[4 * 256 + (lo >>> 24)]! ^
      t[3 * 256 + data[i + 4]!]! ^
      t[2 * 256 + data[i + 5]!]! ^
      t[1 * 256 + data[i + 6]!]! ^
      t[data[i + 7]!]!;
  }
  return c;
}

/**
 * The CRC-32 of `data`, as an unsigned 32-bit number. Pass the CRC of earlier bytes as
 * `previous` to continue over a stream in pieces: crc32(b, crc32(a)) === crc32(a ++ b).
 */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = ~previous;
  const blocksEnd = data.length - (data.length % 8);
  c = foldBlocks(c, data, 0, blocksEnd);
  c = foldBytes(c, data, blocksEnd, data.length);
  return ~c >>> 0;
}
