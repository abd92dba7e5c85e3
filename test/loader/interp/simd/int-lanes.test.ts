import { describe, expect, it } from 'vitest';
import { asI16, asI32, asI64, asI8, asU8, i16, i32, i64, i8, op, rep, vop } from './helpers.js';

describe('integer lane arithmetic', () => {
  it('wraps add/sub/mul/neg/abs modulo the lane width', () => {
    expect(asI8(vop('i8x16.add', i8(...rep(127, 16)), i8(...rep(1, 16))))).toEqual(rep(-128, 16));
    expect(asI16(vop('i16x8.sub', i16(...rep(-32768, 8)), i16(...rep(1, 8))))).toEqual(rep(32767, 8));
    expect(asI32(vop('i32x4.mul', i32(0x10000, -1, 0x7fffffff, 3), i32(0x10000, -1, 2, -3)))).toEqual([0, 1, -2, -9]);
    expect(asI8(vop('i8x16.abs', i8(...rep(-128, 16))))).toEqual(rep(-128, 16));
    expect(asI32(vop('i32x4.neg', i32(-0x80000000, 1, 0, -5)))).toEqual([-0x80000000, -1, 0, 5]);
    expect(asI64(vop('i64x2.mul', i64(0x100000001n, -1n), i64(0x100000001n, -0x8000000000000000n)))).toEqual([
      0x200000001n,
      -0x8000000000000000n,
    ]);
    expect(asI64(vop('i64x2.add', i64(0xffffffffn, -1n), i64(1n, 1n)))).toEqual([0x100000000n, 0n]);
    expect(asI64(vop('i64x2.add', i64(0x7fffffffffffffffn, -0x8000000000000000n), i64(1n, -1n)))).toEqual([-0x8000000000000000n, 0x7fffffffffffffffn]);
    expect(asI64(vop('i64x2.sub', i64(0x100000000n, 0n), i64(1n, 1n)))).toEqual([0xffffffffn, -1n]);
    expect(asI64(vop('i64x2.neg', i64(-0x8000000000000000n, 0x100000000n)))).toEqual([-0x8000000000000000n, -0x100000000n]);
    expect(asI64(vop('i64x2.abs', i64(-0x8000000000000000n, -7n)))).toEqual([-0x8000000000000000n, 7n]);
  });

  it('saturates add_sat/sub_sat at the signed and unsigned bounds', () => {
    expect(asI8(vop('i8x16.add_sat_s', i8(...rep(100, 8), ...rep(-100, 8)), i8(...rep(100, 8), ...rep(-100, 8))))).toEqual([
      ...rep(127, 8),
      ...rep(-128, 8),
    ]);
    expect(asU8(vop('i8x16.add_sat_u', i8(...rep(-56, 16)), i8(...rep(100, 16))))).toEqual(rep(255, 16)); // 200+100
    expect(asU8(vop('i8x16.sub_sat_u', i8(...rep(5, 16)), i8(...rep(6, 16))))).toEqual(rep(0, 16));
    expect(asI16(vop('i16x8.sub_sat_s', i16(...rep(-32768, 8)), i16(...rep(1, 8))))).toEqual(rep(-32768, 8));
    expect(asI16(vop('i16x8.add_sat_u', i16(...rep(-1, 8)), i16(...rep(-1, 8))))).toEqual(rep(-1, 8));
  });

  it('compares min/max and relations signed or unsigned as named', () => {
    expect(asI8(vop('i8x16.min_u', i8(...rep(-1, 16)), i8(...rep(1, 16))))).toEqual(rep(1, 16));
    expect(asI8(vop('i8x16.min_s', i8(...rep(-1, 16)), i8(...rep(1, 16))))).toEqual(rep(-1, 16));
    expect(asI32(vop('i32x4.max_u', i32(-1, 0, 5, -0x80000000), i32(1, -1, 4, 0x7fffffff)))).toEqual([-1, -1, 5, -0x80000000]);
    expect(asI32(vop('i32x4.lt_u', i32(1, -1, 3, 3), i32(-1, 1, 3, 4)))).toEqual([-1, 0, 0, -1]);
    expect(asI32(vop('i32x4.lt_s', i32(1, -1, 3, 3), i32(-1, 1, 3, 4)))).toEqual([0, -1, 0, -1]);
    expect(asI64(vop('i64x2.ge_s', i64(-1n, 5n), i64(0n, 5n)))).toEqual([0n, -1n]);
  });

  it('rounds avgr_u up and counts bits with popcnt', () => {
    expect(asU8(vop('i8x16.avgr_u', i8(...rep(-1, 16)), i8(...rep(-2, 16))))).toEqual(rep(255, 16)); // (255+254+1)/2
    expect(asI16(vop('i16x8.avgr_u', i16(...rep(0, 4), ...rep(1, 4)), i16(...rep(1, 4), ...rep(2, 4))))).toEqual([
      ...rep(1, 4),
      ...rep(2, 4),
    ]);
    expect(asU8(vop('i8x16.popcnt', i8(0, -1, 1, 3, 0x55, -128, 7, 0x70, 0, 0, 0, 0, 0, 0, 0, 0x0f)))).toEqual([
      0, 8, 1, 2, 4, 1, 3, 3, 0, 0, 0, 0, 0, 0, 0, 4,
    ]);
  });

  it('q15mulr_sat_s rounds and saturates only -32768 * -32768', () => {
    const r = vop('i16x8.q15mulr_sat_s', i16(-32768, -32768, 16384, 1, -1, 32767, 3, -3), i16(-32768, 32767, 16384, 16384, 16384, 32767, 5462, 5462));
    // 16384*16384 = 2^28 → 2^13; 1*16384 + 2^14 = 2^15 → 1; -16384 + 2^14 = 0 → 0
    expect(asI16(r)).toEqual([32767, -32767, 8192, 1, 0, 32766, 1, -1]);
  });

  it('i32x4.dot_i16x8_s wraps the one overflowing pair sum', () => {
    expect(asI32(vop('i32x4.dot_i16x8_s', i16(-32768, -32768, 1, 2, -1, 3, 0, 0), i16(-32768, -32768, 3, 4, 5, -7, 9, 9)))).toEqual([
      -0x80000000, 11, -26, 0,
    ]);
  });

  it('shifts by the count modulo the lane width', () => {
    expect(asI8(vop('i8x16.shl', i8(...rep(1, 16)), 9))).toEqual(rep(2, 16));
    expect(asI8(vop('i8x16.shr_s', i8(...rep(-128, 16)), 7))).toEqual(rep(-1, 16));
    expect(asU8(vop('i8x16.shr_u', i8(...rep(-128, 16)), -1))).toEqual(rep(1, 16)); // -1 & 7 = 7
    expect(asI16(vop('i16x8.shr_u', i16(...rep(-1, 8)), 16))).toEqual(rep(-1, 8));
    expect(asI32(vop('i32x4.shr_s', i32(-8, 8, -0x80000000, 1), 33))).toEqual([-4, 4, -0x40000000, 0]);
    expect(asI64(vop('i64x2.shl', i64(1n, -1n), 65))).toEqual([2n, -2n]);
    expect(asI64(vop('i64x2.shr_u', i64(-1n, -0x8000000000000000n), 63))).toEqual([1n, 1n]);
    expect(asI64(vop('i64x2.shr_s', i64(-0x8000000000000000n, 4n), 127))).toEqual([-1n, 0n]);
  });

  it('bitmask collects the lane sign bits and all_true tests every lane', () => {
    expect(op('i8x16.bitmask', i8(-1, 0, -128, 127, ...rep(0, 11), -1))).toBe(0b1000000000000101);
    expect(op('i16x8.bitmask', i16(-1, 0x7fff, 0, -32768, 0, 0, 0, -2))).toBe(0b10001001);
    expect(op('i32x4.bitmask', i32(0, -1, 0x7fffffff, -0x80000000))).toBe(0b1010);
    expect(op('i64x2.bitmask', i64(-1n, 0x7fffffffffffffffn))).toBe(1);
    expect(op('i8x16.all_true', i8(...rep(1, 15), 0))).toBe(0);
    expect(op('i8x16.all_true', i8(...rep(-128, 16)))).toBe(1);
    expect(op('i16x8.all_true', i8(1, 0, 0, 1, ...rep(1, 12)))).toBe(1); // each 16-bit lane has a set byte
    expect(op('i32x4.all_true', i32(1, 1, 0, 1))).toBe(0);
    expect(op('i64x2.all_true', i64(0x100000000n, 1n))).toBe(1);
    expect(op('i64x2.all_true', i64(0n, 1n))).toBe(0);
  });
});
