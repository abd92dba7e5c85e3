import { describe, expect, it } from 'vitest';
import { nearest } from '../../../../loader/interp/simd/index.js';
import { asF32, asF64, asF64Bits, asI32, asI64, asU32, f32, f32bits, f64, f64bits, vop } from './helpers.js';

const CANON32 = 0x7fc00000;

describe('float lane arithmetic', () => {
  it('min/max propagate NaN and order -0 below +0', () => {
    const a = f32(NaN, 0, -0, 1);
    const b = f32(1, -0, 0, NaN);
    expect(asU32(vop('f32x4.min', a, b)).map((x, i) => (i === 0 || i === 3 ? x === CANON32 : x))).toEqual([true, 0x80000000, 0x80000000, true]);
    expect(asU32(vop('f32x4.max', a, b)).map((x, i) => (i === 0 || i === 3 ? x === CANON32 : x))).toEqual([true, 0, 0, true]);
    expect(asF64Bits(vop('f64x2.min', f64(0, -0), f64(-0, 0)))).toEqual([0x8000000000000000n, 0x8000000000000000n]);
    expect(asF64Bits(vop('f64x2.max', f64(-0, NaN), f64(0, 2)))).toEqual([0n, 0x7ff8000000000000n]);
  });

  it('pmin/pmax return an operand unchanged, including NaN payloads and zero signs', () => {
    const a = f32bits(0x7fa00001, 0, 0x80000000, 0x3f800000);
    const b = f32bits(0x3f800000, 0x80000000, 0, 0xffc00123);
    // pmin = b < a ? b : a ; pmax = a < b ? b : a — false comparisons keep a
    expect(asU32(vop('f32x4.pmin', a, b))).toEqual([0x7fa00001, 0, 0x80000000, 0x3f800000]);
    expect(asU32(vop('f32x4.pmax', a, b))).toEqual([0x7fa00001, 0, 0x80000000, 0x3f800000]);
    expect(asU32(vop('f32x4.pmin', b, a))).toEqual([0x3f800000, 0x80000000, 0, 0xffc00123]);
    const c = f64bits(0x7ff0000000000001n, 0x4000000000000000n);
    const d = f64bits(0x3ff0000000000000n, 0x3ff0000000000000n);
    expect(asF64Bits(vop('f64x2.pmin', c, d))).toEqual([0x7ff0000000000001n, 0x3ff0000000000000n]);
    expect(asF64Bits(vop('f64x2.pmax', d, c))).toEqual([0x3ff0000000000000n, 0x4000000000000000n]);
  });

  it('abs and neg only touch the sign bit (NaN payloads survive)', () => {
    expect(asU32(vop('f32x4.abs', f32bits(0xffa00001, 0x80000000, 0xff800000, 0x7fc00000)))).toEqual([0x7fa00001, 0, 0x7f800000, 0x7fc00000]);
    expect(asU32(vop('f32x4.neg', f32bits(0x7fa00001, 0, 0xbf800000, 0xffffffff)))).toEqual([0xffa00001, 0x80000000, 0x3f800000, 0x7fffffff]);
    expect(asF64Bits(vop('f64x2.neg', f64bits(0x7ff0000000000001n, 0x8000000000000000n)))).toEqual([0xfff0000000000001n, 0n]);
    expect(asF64Bits(vop('f64x2.abs', f64bits(0xfff4000000000005n, 0xbff0000000000000n)))).toEqual([0x7ff4000000000005n, 0x3ff0000000000000n]);
  });

  it('nearest rounds ties to even and keeps the sign of zero', () => {
    const xs = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, -0.3, 4503599627370497, -0, 3.5];
    expect(xs.map(nearest)).toEqual([0, 2, 2, -0, -2, -2, 0, -0, 4503599627370497, -0, 4]);
    expect(Object.is(nearest(-0.5), -0)).toBe(true);
    expect(asF32(vop('f32x4.nearest', f32(0.5, -2.5, 8388609, -0.4)))).toEqual([0, -2, 8388609, -0]);
    expect(Object.is(asF32(vop('f32x4.nearest', f32(-0.4, 0, 0, 0)))[0], -0)).toBe(true);
  });

  it('ceil/floor/trunc per lane with signed zeros', () => {
    expect(asF32(vop('f32x4.ceil', f32(-0.5, 0.5, 1.0000001, -Infinity)))).toEqual([-0, 1, 2, -Infinity]);
    expect(Object.is(asF32(vop('f32x4.ceil', f32(-0.5, 0, 0, 0)))[0], -0)).toBe(true);
    expect(asF64(vop('f64x2.floor', f64(-0.5, 2.9)))).toEqual([-1, 2]);
    expect(asF64Bits(vop('f64x2.trunc', f64(-0.9, 1e300)))).toEqual([0x8000000000000000n, asF64Bits(f64(1e300, 0))[0]]);
  });

  it('rounds f32x4 arithmetic to binary32 and makes NaN results canonical', () => {
    expect(asU32(vop('f32x4.add', f32(1, 16777216, 3.4028234663852886e38, 0), f32(1e-8, 1, 3.4028234663852886e38, 0)))).toEqual([
      0x3f800000, 0x4b800000, 0x7f800000, 0,
    ]);
    expect(asU32(vop('f32x4.sqrt', f32(-1, 2, 0, -0)))).toEqual([CANON32, 0x3fb504f3, 0, 0x80000000]);
    expect(asU32(vop('f32x4.mul', f32bits(0x7fa00001, 0, 0, 0), f32(1, Infinity, 0, 0)))[0]).toBe(CANON32);
    expect(asF64Bits(vop('f64x2.div', f64(0, 1), f64(0, 3)))).toEqual([0x7ff8000000000000n, 0x3fd5555555555555n]);
  });

  it('comparisons give all-ones lanes, NaN compares unequal', () => {
    expect(asI32(vop('f32x4.eq', f32(NaN, 0, 1, 2), f32(NaN, -0, 1, 3)))).toEqual([0, -1, -1, 0]);
    expect(asI32(vop('f32x4.ne', f32(NaN, 0, 1, 2), f32(NaN, -0, 1, 3)))).toEqual([-1, 0, 0, -1]);
    expect(asI64(vop('f64x2.le', f64(NaN, -0), f64(1, 0)))).toEqual([0n, -1n]);
    expect(asI64(vop('f64x2.gt', f64(Infinity, 1), f64(1, NaN)))).toEqual([-1n, 0n]);
  });
});
