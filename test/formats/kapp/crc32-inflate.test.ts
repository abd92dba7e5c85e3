/**
 * kiln's own CRC-32 (formats/kapp/crc32.ts) and bounded inflation (formats/kapp/zip-inflate.ts):
 * the CRC matches the standard check value and node:zlib's crc32 on every length around the
 * 8-byte blocks and across split inputs; inflating a lying entry never makes more than its
 * declared size plus one chunk's output.
 */

import * as zlib from 'node:zlib';
import { Deflate } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../formats/kapp/crc32.js';
import { inflateExact } from '../../../formats/kapp/zip-inflate.js';

describe('crc32', () => {
  it('gives the CRC-32/ISO-HDLC check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib on every length from 0 to 100 and at odd offsets', () => {
    const data = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    for (let n = 0; n <= 100; n++) {
      for (const from of [0, 1, 3, 7]) {
        const part = data.subarray(from, from + n);
        expect(crc32(part)).toBe(zlib.crc32(part));
      }
    }
    expect(crc32(data)).toBe(zlib.crc32(data));
  });

  it('continues over pieces', () => {
    const data = new Uint8Array(1000).map((_, i) => i * 7);
    expect(crc32(data.subarray(333), crc32(data.subarray(0, 333)))).toBe(crc32(data));
  });
});

/** 64 MiB of zeros deflated (~64 KB), never holding the 64 MiB */
function deflatedZeros(): Uint8Array {
  const zeros = new Uint8Array(1024 * 1024);
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => parts.push(c));
  for (let i = 0; i < 64; i++) d.push(zeros, i === 63);
  return Buffer.concat(parts);
}

describe('inflateExact', () => {
  const compressed = deflatedZeros();

  it('stops a lying stream right past its small declared size', () => {
    let produced = 0;
    const result = inflateExact(compressed, 100, (n) => (produced += n));
    expect(result).toEqual({ ok: false, reason: 'inflates to more than its declared 100 bytes' });
    // near the end one 4 KiB chunk of input makes at most ~4.2 MB (DEFLATE's 1032:1 ceiling)
    expect(produced).toBeLessThan(100 + 4096 * 1032 + 65536);
  });

  it('stops a lying stream right past its large declared size', () => {
    let produced = 0;
    const size = 10 * 1024 * 1024;
    const result = inflateExact(compressed, size, (n) => (produced += n));
    expect(result).toEqual({ ok: false, reason: `inflates to more than its declared ${size} bytes` });
    expect(produced).toBeLessThan(size + 4096 * 1032 + 65536);
  });

  it('inflates a well-formed stream into exactly its size', () => {
    const text = new TextEncoder().encode('kiln '.repeat(10_000));
    const result = inflateExact(zlib.deflateRawSync(text), text.length);
    expect(result.ok && Buffer.from(result.data).equals(Buffer.from(text))).toBe(true);
  });
});
