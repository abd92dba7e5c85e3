import { describe, expect, it } from 'vitest';
import { asF32, asF64, asF64Bits, asI16, asI32, asI64, asI8, asU32, asU8, f32, f32bits, f64, i16, i32, i64, i8, rep, u32, vop } from './helpers.js';

describe('shape-changing SIMD operations', () => {
  it('narrow saturates signed and unsigned, a lanes then b lanes', () => {
    const a = i16(-129, -128, 127, 128, 255, 256, 0, -1);
    const b = i16(32767, -32768, 1, 2, 3, 4, 5, 6);
    expect(asI8(vop('i8x16.narrow_i16x8_s', a, b))).toEqual([-128, -128, 127, 127, 127, 127, 0, -1, 127, -128, 1, 2, 3, 4, 5, 6]);
    expect(asU8(vop('i8x16.narrow_i16x8_u', a, b))).toEqual([0, 0, 127, 128, 255, 255, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6]);
    expect(asI16(vop('i16x8.narrow_i32x4_u', i32(70000, -5, 65535, 65536), i32(1, 0x7fffffff, -0x80000000, 32768)))).toEqual([
      -1, 0, -1, -1, 1, -1, 0, -32768,
    ]);
    expect(asI16(vop('i16x8.narrow_i32x4_s', i32(70000, -70000, 3, -3), i32(32768, -32769, 32767, -32768)))).toEqual([
      32767, -32768, 3, -3, 32767, -32768, 32767, -32768,
    ]);
  });

  it('extend, extmul and extadd_pairwise widen signed or unsigned', () => {
    const v = i8(-1, -128, 127, 0, 1, 2, 3, 4, -2, -3, 5, 6, 7, 8, 9, 10);
    expect(asI16(vop('i16x8.extend_low_i8x16_s', v))).toEqual([-1, -128, 127, 0, 1, 2, 3, 4]);
    expect(asI16(vop('i16x8.extend_low_i8x16_u', v))).toEqual([255, 128, 127, 0, 1, 2, 3, 4]);
    expect(asI16(vop('i16x8.extend_high_i8x16_u', v))).toEqual([254, 253, 5, 6, 7, 8, 9, 10]);
    expect(asI64(vop('i64x2.extend_high_i32x4_s', i32(0, 0, -1, 0x7fffffff)))).toEqual([-1n, 0x7fffffffn]);
    expect(asI64(vop('i64x2.extend_low_i32x4_u', i32(-1, -0x80000000, 0, 0)))).toEqual([0xffffffffn, 0x80000000n]);
    expect(asI16(vop('i16x8.extmul_low_i8x16_s', i8(...rep(-128, 16)), i8(...rep(-128, 16))))).toEqual(rep(16384, 8));
    expect(asI16(vop('i16x8.extmul_high_i8x16_u', i8(...rep(-1, 16)), i8(...rep(-1, 16))))).toEqual(rep(-511, 8)); // 65025
    expect(asI64(vop('i64x2.extmul_low_i32x4_u', i32(-1, -1, 0, 0), i32(-1, 2, 0, 0)))).toEqual([-0x1ffffffffn, 0x1fffffffen]);
    expect(asI64(vop('i64x2.extmul_high_i32x4_s', i32(0, 0, -0x80000000, 0x7fffffff), i32(0, 0, -0x80000000, -0x80000000)))).toEqual([
      0x4000000000000000n,
      -0x3fffffff80000000n,
    ]);
    expect(asI16(vop('i16x8.extadd_pairwise_i8x16_u', i8(...rep(-1, 16))))).toEqual(rep(510, 8));
    expect(asI32(vop('i32x4.extadd_pairwise_i16x8_s', i16(-32768, -32768, 32767, 32767, -1, 1, 0, -5)))).toEqual([-65536, 65534, 0, -5]);
  });

  it('trunc_sat maps NaN to 0 and clamps infinities and out-of-range values', () => {
    const v = f32(NaN, Infinity, -Infinity, -0.9);
    expect(asI32(vop('i32x4.trunc_sat_f32x4_s', v))).toEqual([0, 0x7fffffff, -0x80000000, 0]);
    expect(asU32(vop('i32x4.trunc_sat_f32x4_u', v))).toEqual([0, 0xffffffff, 0, 0]);
    expect(asI32(vop('i32x4.trunc_sat_f32x4_s', f32(2147483648, -2147483904, 1.9, -1.9)))).toEqual([0x7fffffff, -0x80000000, 1, -1]);
    expect(asU32(vop('i32x4.trunc_sat_f32x4_u', f32(4294967296, 4294967040, -1, 1.5)))).toEqual([0xffffffff, 4294967040, 0, 1]);
    expect(asI32(vop('i32x4.trunc_sat_f64x2_s_zero', f64(2147483647.9, -2147483648.9)))).toEqual([0x7fffffff, -0x80000000, 0, 0]);
    expect(asU32(vop('i32x4.trunc_sat_f64x2_u_zero', f64(NaN, 4294967295.5)))).toEqual([0, 0xffffffff, 0, 0]);
  });

  it('convert rounds u32 and i32 to the nearest binary32 (ties to even)', () => {
    // 0xffffff80 is halfway between 0xffffff00 and 2^32 → even mantissa: 2^32
    expect(asU32(vop('f32x4.convert_i32x4_u', u32(0xffffffff, 0xffffff80, 0xffffff7f, 0x80000001)))).toEqual([
      0x4f800000, 0x4f800000, 0x4f7fffff, 0x4f000000,
    ]);
    expect(asF32(vop('f32x4.convert_i32x4_s', i32(16777217, -16777219, -0x80000000, 0x7fffffff)))).toEqual([
      16777216, -16777220, -2147483648, 2147483648,
    ]);
    expect(asF64(vop('f64x2.convert_low_i32x4_u', i32(-1, -0x80000000, 5, 6)))).toEqual([4294967295, 2147483648]);
    expect(asF64(vop('f64x2.convert_low_i32x4_s', i32(-1, -0x80000000, 5, 6)))).toEqual([-1, -2147483648]);
  });

  it('demote and promote round once, zero the upper half, and keep NaN a NaN', () => {
    expect(asU32(vop('f32x4.demote_f64x2_zero', f64(1 + 2 ** -24, 1e39)))).toEqual([0x3f800000, 0x7f800000, 0, 0]);
    expect(asU32(vop('f32x4.demote_f64x2_zero', f64(NaN, -(2 ** -150) * 1.5)))).toEqual([0x7fc00000, 0x80000001, 0, 0]);
    expect(asF64(vop('f64x2.promote_low_f32x4', f32(0.1, -Infinity, 7, 8)))).toEqual([Math.fround(0.1), -Infinity]);
    expect(asF64Bits(vop('f64x2.promote_low_f32x4', f32bits(0x7fa00000, 0x80000000, 0, 0)))).toEqual([0x7ff8000000000000n, 0x8000000000000000n]);
  });

  it('does not mutate its operands', () => {
    const a = i64(-1n, 5n);
    const copy = a.slice();
    vop('i64x2.extend_low_i32x4_s', a);
    vop('i16x8.narrow_i32x4_s', a, a);
    expect(a).toEqual(copy);
  });
});
