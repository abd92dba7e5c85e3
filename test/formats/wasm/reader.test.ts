import { describe, expect, it } from 'vitest';
import { Reader, decodeUtf8 } from '../../../formats/wasm/reader.js';
import { Writer } from '../../../formats/wasm/writer.js';
import { KilnError } from '../../../formats/errors.js';

const rd = (...bytes: number[]): Reader => new Reader(new Uint8Array(bytes));

/** run `f` and return [reason, offset] of the KilnError it throws */
function failure(f: () => unknown): [string, number | undefined] {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnError) {
      expect(e.kind).toBe('malformed');
      return [e.reason, e.loc.offset];
    }
    throw e;
  }
  throw new Error('expected a malformed error');
}

describe('u32 LEB128 (spec §5.2.2)', () => {
  it('reads one- to five-byte encodings, including non-minimal ones', () => {
    expect(rd(0x00).u32()).toBe(0);
    expect(rd(0x7f).u32()).toBe(127);
    expect(rd(0x80, 0x01).u32()).toBe(128);
    expect(rd(0xe5, 0x8e, 0x26).u32()).toBe(624485);
    expect(rd(0xff, 0xff, 0xff, 0xff, 0x0f).u32()).toBe(0xffffffff);
    expect(rd(0x80, 0x80, 0x80, 0x80, 0x00).u32()).toBe(0);
    expect(rd(0x83, 0x80, 0x00).u32()).toBe(3);
  });
  it('advances past exactly the bytes it used', () => {
    const r = rd(0x80, 0x01, 0x05);
    r.u32();
    expect(r.pos).toBe(2);
    expect(r.u32()).toBe(5);
  });
  it('rejects unused bits set in the 5th byte as "integer too large" at that byte', () => {
    expect(failure(() => rd(0xff, 0xff, 0xff, 0xff, 0x1f).u32())).toEqual(['integer too large', 4]);
    expect(failure(() => rd(0x80, 0x80, 0x80, 0x80, 0x70).u32())).toEqual(['integer too large', 4]);
  });
  it('rejects a 6th byte as "integer representation too long" at that byte', () => {
    expect(failure(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32())).toEqual(['integer representation too long', 5]);
    expect(failure(() => rd(0xff, 0xff, 0xff, 0xff, 0x8f, 0x00).u32())).toEqual(['integer representation too long', 5]);
  });
  it('reports "unexpected end" when the input stops mid-integer', () => {
    expect(failure(() => rd(0x80, 0x80).u32())).toEqual(['unexpected end of section or function', 2]);
    expect(failure(() => rd().u32())).toEqual(['unexpected end of section or function', 0]);
  });
});

describe('s32 LEB128', () => {
  it('sign-extends from the last byte', () => {
    expect(rd(0x7f).s32()).toBe(-1);
    expect(rd(0x40).s32()).toBe(-64);
    expect(rd(0x3f).s32()).toBe(63);
    expect(rd(0xc0, 0xbb, 0x78).s32()).toBe(-123456);
    expect(rd(0x80, 0x80, 0x80, 0x80, 0x78).s32()).toBe(-0x80000000);
    expect(rd(0xff, 0xff, 0xff, 0xff, 0x07).s32()).toBe(0x7fffffff);
    expect(rd(0xff, 0xff, 0xff, 0xff, 0x7f).s32()).toBe(-1);
  });
  it('requires the 5th byte unused bits to extend the sign', () => {
    expect(failure(() => rd(0xff, 0xff, 0xff, 0xff, 0x0f).s32())).toEqual(['integer too large', 4]);
    expect(failure(() => rd(0x80, 0x80, 0x80, 0x80, 0x70).s32())).toEqual(['integer too large', 4]);
    expect(failure(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s32())).toEqual([
      'integer representation too long',
      5,
    ]);
  });
});

describe('s33 LEB128 (block types)', () => {
  it('covers [-2^32, 2^32)', () => {
    expect(rd(0x40).s33()).toBe(-64);
    expect(rd(0x7f).s33()).toBe(-1);
    expect(rd(0xff, 0xff, 0xff, 0xff, 0x0f).s33()).toBe(0xffffffff);
    expect(rd(0x80, 0x80, 0x80, 0x80, 0x70).s33()).toBe(-0x100000000);
  });
  it('checks the 5 value bits of the last byte', () => {
    expect(failure(() => rd(0xff, 0xff, 0xff, 0xff, 0x1f).s33())).toEqual(['integer too large', 4]);
    expect(failure(() => rd(0xff, 0xff, 0xff, 0xff, 0x8f, 0x00).s33())).toEqual([
      'integer representation too long',
      5,
    ]);
  });
});

describe('s64 LEB128', () => {
  it('decodes to signed bigints', () => {
    expect(rd(0x00).s64()).toBe(0n);
    expect(rd(0x7f).s64()).toBe(-1n);
    expect(rd(0x80, 0x80, 0x80, 0x80, 0x08).s64()).toBe(0x80000000n);
    expect(rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s64()).toBe(0x7fffffffffffffffn);
    expect(rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64()).toBe(-0x8000000000000000n);
    expect(rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).s64()).toBe(-1n);
  });
  it('requires the 10th byte to be 0x00 or 0x7f', () => {
    expect(failure(() => rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).s64())).toEqual([
      'integer too large',
      9,
    ]);
    expect(failure(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64())).toEqual([
      'integer representation too long',
      10,
    ]);
  });
});

describe('uN (limits flags)', () => {
  it('accepts 0 and 1 only, as a one-byte u1', () => {
    expect(rd(0x01).uN(1)).toBe(1);
    expect(failure(() => rd(0x02).uN(1))).toEqual(['integer too large', 0]);
    expect(failure(() => rd(0x81, 0x00).uN(1))).toEqual(['integer representation too long', 1]);
  });
});

describe('floats, bytes, lengths', () => {
  it('reads IEEE bits little-endian without converting', () => {
    expect(rd(0x00, 0x00, 0xc0, 0x7f).f32bits()).toBe(0x7fc00000);
    expect(rd(0x01, 0x00, 0x80, 0xff).f32bits()).toBe(0xff800001);
    expect(rd(1, 0, 0, 0, 0, 0, 0xf8, 0x7f).f64bits()).toBe(0x7ff8000000000001n);
    expect(failure(() => rd(0, 0, 0).f32bits())).toEqual(['unexpected end of section or function', 3]);
  });
  it('bounds lengths by the bytes left, counted from the length itself', () => {
    expect(rd(0x02, 0xaa).len()).toBe(2);
    expect(failure(() => rd(0x03, 0xaa).len())).toEqual(['length out of bounds', 0]);
  });
  it('reads type codes as s7: a continuation bit is too long', () => {
    expect(rd(0x7f).typeCode()).toBe(0x7f);
    expect(failure(() => rd(0xe0, 0x7f).typeCode())).toEqual(['integer representation too long', 1]);
  });
});

describe('names (strict UTF-8, §5.2.4)', () => {
  const utf = (...bytes: number[]): string => decodeUtf8(new Uint8Array(bytes), 0, bytes.length);
  it('decodes ASCII and multi-byte sequences', () => {
    expect(rd(0x03, 0x61, 0x62, 0x63).name()).toBe('abc');
    expect(utf(0xc2, 0xa9)).toBe('\u00a9');
    expect(utf(0xe2, 0x8c, 0xa3)).toBe('\u2323');
    expect(utf(0xf0, 0x9f, 0x98, 0x80)).toBe('\u{1f600}');
    expect(utf(0xf4, 0x8f, 0xbf, 0xbf)).toBe('\u{10ffff}');
    expect(utf(0xef, 0xbb, 0xbf)).toBe('\ufeff');
  });
  it('rejects overlongs, surrogates, out-of-range and truncated sequences', () => {
    const bad: number[][] = [
      [0xc0, 0x80], // overlong NUL
      [0xc1, 0xbf],
      [0xe0, 0x80, 0x80], // overlong 3-byte
      [0xed, 0xa0, 0x80], // U+D800
      [0xed, 0xbf, 0xbf], // U+DFFF
      [0xf0, 0x80, 0x80, 0x80], // overlong 4-byte
      [0xf4, 0x90, 0x80, 0x80], // U+110000
      [0xf5, 0x80, 0x80, 0x80],
      [0xff],
      [0x80], // lone continuation
      [0xe2, 0x8c], // truncated
      [0xc2, 0x41], // bad continuation
    ];
    for (const b of bad) {
      expect(failure(() => utf(...b))[0]).toBe('malformed UTF-8 encoding');
    }
    expect(failure(() => rd(0x03, 0x61, 0xc0, 0x80).name())).toEqual(['malformed UTF-8 encoding', 2]);
  });
});

describe('writer', () => {
  it('writes minimal LEB128 that the reader reads back', () => {
    const u32s = [0, 1, 63, 64, 127, 128, 16383, 16384, 0x7fffffff, 0x80000000, 0xffffffff];
    const s32s = [0, 1, -1, 63, 64, -64, -65, 0x7fffffff, -0x80000000, 123456, -123456];
    const s64s = [0n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 1n << 40n, -(1n << 40n), 0x80000000n];
    const w = new Writer(4);
    for (const v of u32s) w.u32(v);
    for (const v of s32s) w.s32(v);
    for (const v of s64s) w.s64(v);
    w.s33(0xffffffff);
    w.s33(-64);
    const r = new Reader(w.finish());
    expect(u32s.map(() => r.u32())).toEqual(u32s);
    expect(s32s.map(() => r.s32())).toEqual(s32s);
    expect(s64s.map(() => r.s64())).toEqual(s64s);
    expect(r.s33()).toBe(0xffffffff);
    expect(r.s33()).toBe(-64);
    expect(r.atEnd()).toBe(true);
  });
  it('uses the fewest bytes', () => {
    const bytesOf = (f: (w: Writer) => void): number[] => {
      const w = new Writer(1);
      f(w);
      return [...w.finish()];
    };
    expect(bytesOf((w) => w.u32(624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytesOf((w) => w.s32(-123456))).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytesOf((w) => w.s32(64))).toEqual([0xc0, 0x00]);
    expect(bytesOf((w) => w.s64(-1n))).toEqual([0x7f]);
    expect(bytesOf((w) => w.s64(0xffffffffffffffffn))).toEqual([0x7f]); // taken as signed
  });
  it('inserts a minimal length prefix before content already written', () => {
    const w = new Writer(2);
    w.u8(0xaa);
    const start = w.pos;
    for (let i = 0; i < 200; i++) w.u8(i);
    w.insertLength(start);
    const out = w.finish();
    expect(out.length).toBe(203);
    expect([...out.subarray(0, 4)]).toEqual([0xaa, 0xc8, 0x01, 0x00]);
    expect(out[202]).toBe(199);
  });
});
