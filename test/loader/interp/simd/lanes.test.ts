import { describe, expect, it } from 'vitest';
import { asF64Bits, asI16, asI32, asI64, asI8, asU32, asU8, f32bits, f64bits, i16, i32, i64, i8, op, rep, vop } from './helpers.js';

const iota = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('lane movement', () => {
  it('swizzle selects bytes of a and gives 0 for indices >= 16', () => {
    const a = i8(...iota(16, 100));
    const s = i8(15, 0, 16, -1, 31, 5, 255 - 256, 128 - 256, 1, 2, 3, 4, 17, 14, 13, 12);
    expect(asU8(vop('i8x16.swizzle', a, s))).toEqual([115, 100, 0, 0, 0, 105, 0, 0, 101, 102, 103, 104, 0, 114, 113, 112]);
  });

  it('shuffle picks from a (0-15) and b (16-31)', () => {
    const a = i8(...iota(16));
    const b = i8(...iota(16, 16).map((x) => x + 100 - 256));
    const lanes = Uint8Array.from([31, 0, 16, 15, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22]);
    expect(asU8(vop('i8x16.shuffle', a, b, lanes))).toEqual([131, 0, 116, 15, 1, 117, 2, 118, 3, 119, 4, 120, 5, 121, 6, 122]);
  });

  it('splat repeats the scalar; f32 and f64 bits are kept exactly', () => {
    expect(asI8(vop('i8x16.splat', 0x1ff))).toEqual(rep(-1, 16));
    expect(asI16(vop('i16x8.splat', 0x18000))).toEqual(rep(-32768, 8));
    expect(asI64(vop('i64x2.splat', -2n))).toEqual([-2n, -2n]);
    expect(asU32(vop('f32x4.splat', 0x7fa00001))).toEqual(rep(0x7fa00001, 4));
    const snan = new Float64Array(f64bits(0x7ff0000000000001n, 0n).buffer)[0] as number;
    expect(asF64Bits(vop('f64x2.splat', snan))).toEqual([0x7ff0000000000001n, 0x7ff0000000000001n]);
  });

  it('extract_lane sign- or zero-extends and returns f32 as bits', () => {
    const v = i8(...iota(15), -1);
    expect(op('i8x16.extract_lane_s', v, 15)).toBe(-1);
    expect(op('i8x16.extract_lane_u', v, 15)).toBe(255);
    expect(op('i16x8.extract_lane_s', i16(0, 0, 0, 0, 0, 0, 0, -32768), 7)).toBe(-32768);
    expect(op('i16x8.extract_lane_u', i16(0, 0, 0, 0, 0, 0, 0, -32768), 7)).toBe(32768);
    expect(op('i32x4.extract_lane', i32(1, 2, -3, 4), 2)).toBe(-3);
    expect(op('i64x2.extract_lane', i64(1n, -0x8000000000000000n), 1)).toBe(-0x8000000000000000n);
    expect(op('f32x4.extract_lane', f32bits(0, 0, 0xffa00001, 0), 2)).toBe(0xffa00001 | 0);
    const x = op('f64x2.extract_lane', f64bits(0n, 0x7ff0000000000001n), 1) as number;
    expect(asF64Bits(vop('f64x2.splat', x))[0]).toBe(0x7ff0000000000001n);
  });

  it('replace_lane writes one lane of a copy', () => {
    const v = i32(1, 2, 3, 4);
    expect(asI32(vop('i32x4.replace_lane', v, -7, 3))).toEqual([1, 2, 3, -7]);
    expect(asI32(v)).toEqual([1, 2, 3, 4]);
    expect(asU8(vop('i8x16.replace_lane', i8(...rep(0, 16)), 0x1ff, 0))).toEqual([255, ...rep(0, 15)]);
    expect(asI64(vop('i64x2.replace_lane', i64(1n, 2n), -9n, 0))).toEqual([-9n, 2n]);
    expect(asU32(vop('f32x4.replace_lane', i32(0, 0, 0, 0), 0x7f800001, 1))).toEqual([0, 0x7f800001, 0, 0]);
  });

  it('bitwise ops act on all 128 bits and preserve NaN payloads', () => {
    const a = i32(0x7fa00001, -1, 0x0f0f0f0f, 0);
    const b = i32(-1, 0x12345678, 0x00ff00ff, -1);
    expect(asU32(vop('v128.and', a, b))).toEqual([0x7fa00001, 0x12345678, 0x000f000f, 0]);
    expect(asU32(vop('v128.andnot', a, b))).toEqual([0, 0xedcba987, 0x0f000f00, 0]);
    expect(asU32(vop('v128.or', a, b))).toEqual([0xffffffff, 0xffffffff, 0x0fff0fff, 0xffffffff]);
    expect(asU32(vop('v128.xor', a, b))).toEqual([0x805ffffe, 0xedcba987, 0x0ff00ff0, 0xffffffff]);
    expect(asU32(vop('v128.not', a))).toEqual([0x805ffffe, 0, 0xf0f0f0f0, 0xffffffff]);
    expect(asU32(vop('v128.bitselect', a, b, i32(-1, 0, 0xffff0000, 0x0000ffff)))).toEqual([0x7fa00001, 0x12345678, 0x0f0f00ff, 0xffff0000]);
    expect(op('v128.any_true', i8(...rep(0, 15), -128))).toBe(1);
    expect(op('v128.any_true', i8(...rep(0, 16)))).toBe(0);
  });
});
