import { describe, expect, it } from 'vitest';
import { parseF32, parseF64, parseI32, parseI64, parseNat, LiteralError } from '../../../formats/wat/numbers.js';

const hex32 = (text: string): string => '0x' + parseF32(text).toString(16).padStart(8, '0');
const hex64 = (text: string): string => '0x' + parseF64(text).toString(16).padStart(16, '0');

describe('integer literals', () => {
  it('accept decimal, hex, signs and single underscores between digits', () => {
    expect(parseI32('0')).toBe(0);
    expect(parseI32('1_000')).toBe(1000);
    expect(parseI32('0x7f_ff')).toBe(0x7fff);
    expect(parseI32('-0x10')).toBe(-16);
    expect(parseI32('+42')).toBe(42);
  });
  it('accept both the signed and the unsigned i32 range, wrapping to signed', () => {
    expect(parseI32('4294967295')).toBe(-1);
    expect(parseI32('0xffffffff')).toBe(-1);
    expect(parseI32('-2147483648')).toBe(-2147483648);
    expect(parseI32('-0x80000000')).toBe(-2147483648);
    expect(parseI32('2147483648')).toBe(-2147483648);
  });
  it('reject values outside the i32 range as "constant out of range"', () => {
    expect(() => parseI32('4294967296')).toThrow('constant out of range');
    expect(() => parseI32('-2147483649')).toThrow('constant out of range');
    expect(() => parseI32('0x1_0000_0000')).toThrow('constant out of range');
  });
  it('handle the i64 range exactly', () => {
    expect(parseI64('18446744073709551615')).toBe(-1n);
    expect(parseI64('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseI64('0x7fffffffffffffff')).toBe(9223372036854775807n);
    expect(() => parseI64('-9223372036854775809')).toThrow('constant out of range');
    expect(() => parseI64('18446744073709551616')).toThrow('constant out of range');
  });
  it('reject misplaced underscores and empty hex', () => {
    for (const bad of ['_1', '1_', '1__0', '0x', '0x_1', '1a', '--1', '0x1_']) {
      expect(() => parseI32(bad), bad).toThrow(LiteralError);
    }
  });
  it('parse natural numbers with a bit bound', () => {
    expect(parseNat('255', 8)).toBe(255);
    expect(() => parseNat('256', 8)).toThrow('constant out of range');
    expect(() => parseNat('-1', 8)).toThrow(LiteralError);
  });
});

describe('f32 literals: correctly rounded, ties to even', () => {
  it('exact values', () => {
    expect(hex32('0')).toBe('0x00000000');
    expect(hex32('-0.0')).toBe('0x80000000');
    expect(hex32('1')).toBe('0x3f800000');
    expect(hex32('0x1p-1')).toBe('0x3f000000');
    expect(hex32('0x1.8p1')).toBe('0x40400000');
    expect(hex32('1.5e1_0')).toBe('0x505f8476'); // 1.5e10
    expect(hex32('0x1.fffffep127')).toBe('0x7f7fffff');
  });
  it('hex mantissas longer than 24 bits round once', () => {
    expect(hex32('0x1.000001p0')).toBe('0x3f800000'); // exactly halfway: even
    expect(hex32('0x1.000003p0')).toBe('0x3f800002'); // halfway: up to even
    expect(hex32('0x1.00000100000000000000001p0')).toBe('0x3f800001'); // just above
    expect(hex32('+0x1.00000100000000000p-50')).toBe('0x26800000');
  });
  it('decimal values just above a tie do not double-round through f64', () => {
    // 1 + 2^-24 exactly is a tie (→ 1.0); a hair above must round up. Via f64 both become the tie.
    expect(hex32('1.000000059604644775390625')).toBe('0x3f800000');
    expect(hex32('1.00000005960464477539062500001')).toBe('0x3f800001');
    expect(hex32('1.00000005960464477539062499999')).toBe('0x3f800000');
  });
  it('subnormals and underflow', () => {
    expect(hex32('0x1p-149')).toBe('0x00000001');
    expect(hex32('0x1p-150')).toBe('0x00000000'); // tie to even (zero)
    expect(hex32('0x1.000001p-150')).toBe('0x00000001');
    expect(hex32('0x1.fffffcp-127')).toBe('0x007fffff');
    expect(hex32('1e-50')).toBe('0x00000000');
    expect(hex32('0x1p-126')).toBe('0x00800000');
  });
  it('values rounding to infinity are out of range', () => {
    expect(hex32('0x1.fffffefffffffffp127')).toBe('0x7f7fffff');
    expect(() => parseF32('0x1.ffffffp127')).toThrow('constant out of range');
    expect(() => parseF32('0x1p128')).toThrow('constant out of range');
    expect(() => parseF32('1e39')).toThrow('constant out of range');
    expect(hex32('340282356779733623858607532500980858880')).toBe('0x7f7fffff');
    expect(() => parseF32('340282356779733661637539395458142568448')).toThrow('constant out of range');
  });
  it('inf and nan forms', () => {
    expect(hex32('inf')).toBe('0x7f800000');
    expect(hex32('-inf')).toBe('0xff800000');
    expect(hex32('nan')).toBe('0x7fc00000');
    expect(hex32('-nan')).toBe('0xffc00000');
    expect(hex32('nan:0x200000')).toBe('0x7fa00000');
    expect(hex32('+nan:0x7f_ffff')).toBe('0x7fffffff');
    expect(() => parseF32('nan:0x0')).toThrow('constant out of range');
    expect(() => parseF32('nan:0x800000')).toThrow('constant out of range');
  });
  it('malformed float syntax', () => {
    for (const bad of ['.5', '1.e', '0x1p', '1e_1', 'in', 'nan:1', '0x.1', '1._5']) {
      expect(() => parseF32(bad), bad).toThrow(LiteralError);
    }
  });
});

describe('f64 literals', () => {
  it('exact and rounded values', () => {
    expect(hex64('1')).toBe('0x3ff0000000000000');
    expect(hex64('0.1')).toBe('0x3fb999999999999a');
    expect(hex64('-0x1.fffffffffffffp1023')).toBe('0xffefffffffffffff');
    expect(hex64('0x1.fffffffffffff7ffffffp1023')).toBe('0x7fefffffffffffff');
    expect(hex64('0x1.00000000000008p0')).toBe('0x3ff0000000000000'); // tie → even
    expect(hex64('0x1.00000000000018p0')).toBe('0x3ff0000000000002'); // tie → even (up)
    expect(hex64('1.7976931348623157e308')).toBe('0x7fefffffffffffff');
  });
  it('subnormals', () => {
    expect(hex64('0x1p-1074')).toBe('0x0000000000000001');
    expect(hex64('4.9406564584124654e-324')).toBe('0x0000000000000001');
    expect(hex64('0x1p-1075')).toBe('0x0000000000000000');
    expect(hex64('1e-400')).toBe('0x0000000000000000');
    // (2^53-1)·2^-1075 is a tie between the largest subnormal and the smallest normal: even wins
    expect(hex64('0x1.fffffffffffffp-1023')).toBe('0x0010000000000000');
    expect(hex64('0x1.ffffffffffffep-1023')).toBe('0x000fffffffffffff');
  });
  it('out of range', () => {
    expect(() => parseF64('0x1p1024')).toThrow('constant out of range');
    expect(() => parseF64('0x1.fffffffffffff8p1023')).toThrow('constant out of range');
    expect(() => parseF64('1e309')).toThrow('constant out of range');
    expect(() => parseF64('1e1000000000000')).toThrow('constant out of range');
  });
  it('nan payloads', () => {
    expect(hex64('nan')).toBe('0x7ff8000000000000');
    expect(hex64('-nan:0x4000000000000')).toBe('0xfff4000000000000');
    expect(hex64('nan:0xf_ffff_ffff_ffff')).toBe('0x7fffffffffffffff');
    expect(() => parseF64('nan:0x10000000000000')).toThrow('constant out of range');
  });
});
