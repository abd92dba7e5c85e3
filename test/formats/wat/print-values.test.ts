/**
 * The WAT printer's literals: floats print as text that parses back to the same bits
 * (NaN payloads, signs, subnormals, f32 exactness), strings escape what is not printable
 * ASCII, identifiers are checked against the spec's idchars, v128 constants are exact.
 */

import { describe, expect, it } from 'vitest';
import { bytesLiteral, f32Text, f64Text, isIdName, nameLiteral, v128Text } from '../../../formats/wat/print-values.js';
import { parseF32, parseF64 } from '../../../formats/wat/numbers.js';
import { readNodes } from '../../../formats/wat/lexer.js';

describe('f32 literals', () => {
  const cases: Array<[bits: number, text: string]> = [
    [0x3fc00000, '0x1.8p+0'],
    [0x3f800000, '0x1p+0'],
    [0x00000000, '0x0p+0'],
    [0x80000000, '-0x0p+0'],
    [0x00000001, '0x1p-149'], // smallest subnormal
    [0x80000001, '-0x1p-149'],
    [0x007fffff, '0x1.fffffcp-127'], // largest subnormal
    [0x00800000, '0x1p-126'], // smallest normal
    [0x7f7fffff, '0x1.fffffep+127'], // largest finite
    [0x7f800000, 'inf'],
    [0xff800000, '-inf'],
    [0x7fc00000, 'nan'], // canonical
    [0xffc00000, '-nan'],
    [0x7fa00001, 'nan:0x200001'], // signalling, with payload
    [0x7f800001, 'nan:0x1'],
    [0xffffffff, '-nan:0x7fffff'],
    [0x40490fdb, '0x1.921fb6p+1'], // pi
  ];
  for (const [bits, text] of cases) {
    it(`0x${bits.toString(16).padStart(8, '0')} prints as ${text} and parses back`, () => {
      expect(f32Text(bits)).toBe(text);
      expect(f32Text(bits | 0)).toBe(text); // signed bit patterns print the same
      expect(parseF32(text)).toBe(bits);
    });
  }
});

describe('f64 literals', () => {
  const cases: Array<[bits: bigint, text: string]> = [
    [0x3ff8000000000000n, '0x1.8p+0'],
    [0xc000000000000000n, '-0x1p+1'],
    [0x8000000000000000n, '-0x0p+0'],
    [0x0000000000000001n, '0x1p-1074'],
    [0x000fffffffffffffn, '0x1.ffffffffffffep-1023'],
    [0x7fefffffffffffffn, '0x1.fffffffffffffp+1023'],
    [0x7ff0000000000000n, 'inf'],
    [0x7ff8000000000000n, 'nan'],
    [0xfff8000000000000n, '-nan'],
    [0x7ff0000000000001n, 'nan:0x1'],
    [0x7ff4000000000000n, 'nan:0x4000000000000'],
    [0x3fb999999999999an, '0x1.999999999999ap-4'], // 0.1
  ];
  for (const [bits, text] of cases) {
    it(`0x${bits.toString(16).padStart(16, '0')} prints as ${text} and parses back`, () => {
      expect(f64Text(bits)).toBe(text);
      expect(f64Text(BigInt.asIntN(64, bits))).toBe(text);
      expect(parseF64(text)).toBe(bits);
    });
  }

  it('every f32 exponent and sampled mantissas parse back to the same bits', () => {
    let checked = 0;
    for (let e = 0; e < 256; e++) {
      for (const mant of [0, 1, 2, 0x400000, 0x7fffff, 0x123456, 0x555555]) {
        for (const sign of [0, 0x80000000]) {
          const bits = (sign | (e << 23) | mant) >>> 0;
          expect(parseF32(f32Text(bits))).toBe(bits);
          checked++;
        }
      }
    }
    expect(checked).toBe(256 * 7 * 2);
  });
});

/** the bytes the lexer reads from a printed literal */
const lexed = (literal: string): Uint8Array => readNodes(literal)[0]!.bytes!;

describe('string literals', () => {
  it('keeps printable ASCII and escapes quote, backslash, tab, newline and return by name', () => {
    const b = new TextEncoder().encode('a "q" \\ \t\n\r\'~');
    expect(bytesLiteral(b)).toBe('"a \\"q\\" \\\\ \\t\\n\\r\'~"');
    expect(lexed(bytesLiteral(b))).toEqual(b);
  });

  it('escapes control characters, DEL and every non-ASCII byte as \\hh, valid UTF-8 or not', () => {
    const b = Uint8Array.of(0x00, 0x01, 0x1f, 0x7f, 0x80, 0xff, 0xc3, 0xa9, 0xc3);
    expect(bytesLiteral(b)).toBe('"\\00\\01\\1f\\7f\\80\\ff\\c3\\a9\\c3"');
    expect(lexed(bytesLiteral(b))).toEqual(b);
  });

  it('prints a slice of the bytes', () => {
    expect(bytesLiteral(Uint8Array.of(0x61, 0x62, 0x63, 0x64), 1, 3)).toBe('"bc"');
  });

  it('prints names as their UTF-8 bytes', () => {
    expect(nameLiteral('é\u{1F600}x')).toBe('"\\c3\\a9\\f0\\9f\\98\\80x"');
    expect(new TextDecoder().decode(lexed(nameLiteral('é\u{1F600}x')))).toBe('é\u{1F600}x');
  });
});

describe('identifiers and vectors', () => {
  it('accepts exactly the spec idchars', () => {
    expect(["f", "_start", "a.b/c:d<e>", "0", "$x", "!#$%&'*+-./:<=>?@\\^_`|~"].every(isIdName)).toBe(true);
    expect(['', 'a b', 'f(int)', 'a,b', 'a;b', 'x"', 'é', '[0]', '{x}'].some(isIdName)).toBe(false);
  });

  it('prints v128 constants as four little-endian i32 lanes', () => {
    const b = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    expect(v128Text(b)).toBe('i32x4 0x33221100 0x77665544 0xbbaa9988 0xffeeddcc');
  });
});
