/**
 * Checked immediates: each constructor accepts exactly its encodable range.
 */

import { describe, expect, it } from 'vitest';
import { disp32, fitsInt8, imm16, imm32, imm64, imm8, uimm8 } from '../../../targets/x86_64/imm.js';

describe('checked immediates', () => {
  it('imm8 accepts -128..127 and throws outside', () => {
    expect(imm8(-128)).toBe(-128);
    expect(imm8(127)).toBe(127);
    expect(() => imm8(128)).toThrow(new RangeError('imm8 out of range: 128 (allowed -128..127)'));
    expect(() => imm8(-129)).toThrow(RangeError);
    expect(() => imm8(1.5)).toThrow(RangeError);
    expect(() => imm8(Number.NaN)).toThrow(RangeError);
  });
  it('uimm8 accepts 0..255 and keeps the signed byte', () => {
    expect(uimm8(255)).toBe(-1);
    expect(uimm8(128)).toBe(-128);
    expect(uimm8(0)).toBe(0);
    expect(() => uimm8(256)).toThrow(new RangeError('uimm8 out of range: 256 (allowed 0..255)'));
    expect(() => uimm8(-1)).toThrow(RangeError);
  });
  it('imm16 accepts -32768..32767', () => {
    expect(imm16(-32768)).toBe(-32768);
    expect(imm16(32767)).toBe(32767);
    expect(() => imm16(32768)).toThrow(RangeError);
    expect(() => imm16(-32769)).toThrow(RangeError);
  });
  it('imm32 accepts -2^31..2^31-1 (the sign-extended range) and throws outside', () => {
    expect(imm32(-0x80000000)).toBe(-0x80000000);
    expect(imm32(0x7fffffff)).toBe(0x7fffffff);
    expect(() => imm32(0x80000000)).toThrow(new RangeError('imm32 out of range: 2147483648 (allowed -2147483648..2147483647)'));
    expect(() => imm32(-0x80000001)).toThrow(RangeError);
    expect(() => imm32(2 ** 53)).toThrow(RangeError);
  });
  it('imm64 accepts -2^63..2^64-1 and stores the signed value', () => {
    expect(imm64((1n << 64n) - 1n)).toBe(-1n);
    expect(imm64(-(1n << 63n))).toBe(-(1n << 63n));
    expect(imm64(1n << 63n)).toBe(-(1n << 63n));
    expect(() => imm64(1n << 64n)).toThrow(new RangeError('imm64 out of range: 18446744073709551616'));
    expect(() => imm64(-(1n << 63n) - 1n)).toThrow(RangeError);
  });
  it('disp32 is checked like imm32; fitsInt8 picks disp8/imm8 forms', () => {
    expect(disp32(-0x80000000)).toBe(-0x80000000);
    expect(() => disp32(0x80000000)).toThrow(RangeError);
    expect([-129, -128, 127, 128].map(fitsInt8)).toEqual([false, true, true, false]);
  });
});
