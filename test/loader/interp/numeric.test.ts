/**
 * Numeric semantics of the interpreter (spec §4.3): division traps, bit counting and
 * rotation, float rounding/min/max/sign rules and the conversions, checked through the
 * helpers and through generated code.
 */

import { describe, expect, it } from 'vitest';
import { KilnTrap } from '../../../loader/trap.js';
import { i32_ctz, i32_div_s, i32_popcnt, i32_rem_s } from '../../../loader/interp/numeric/int32.js';
import { i64_clz, i64_ctz, i64_popcnt, i64_rotl, i64_rotr, i64_div_u } from '../../../loader/interp/numeric/int64.js';
import { bf, f64_copysign, fb, fmin, fmax, fnearest } from '../../../loader/interp/numeric/float.js';
import {
  convert_i64_s_f32,
  convert_i64_u_f32,
  sat_i32_u,
  sat_i64_s,
  trunc_i32_s,
  trunc_i32_u,
  trunc_i64_u,
} from '../../../loader/interp/numeric/conversions.js';
import { call, instantiateWat, thrown } from './helpers.js';

const trapKind = (f: () => unknown): string => (thrown(f) as KilnTrap).trapKind;

describe('integers', () => {
  it('i32 division traps on zero and on INT_MIN / -1; rem INT_MIN % -1 is 0', () => {
    expect(trapKind(() => i32_div_s(1, 0))).toBe('integer divide by zero');
    expect(trapKind(() => i32_div_s(-0x80000000, -1))).toBe('integer overflow');
    expect(i32_rem_s(-0x80000000, -1)).toBe(0);
    expect(i32_div_s(-7, 2)).toBe(-3);
  });
  it('i32 ctz/popcnt', () => {
    expect([i32_ctz(0), i32_ctz(0x80000000 | 0), i32_ctz(12)]).toEqual([32, 31, 2]);
    expect([i32_popcnt(-1), i32_popcnt(0), i32_popcnt(0x55)]).toEqual([32, 0, 4]);
  });
  it('i64 bit counts and rotations', () => {
    expect([i64_clz(0n), i64_clz(1n), i64_clz(-1n), i64_clz(0x100000000n)]).toEqual([64n, 63n, 0n, 31n]);
    expect([i64_ctz(0n), i64_ctz(-(1n << 63n)), i64_ctz(0x100000000n)]).toEqual([64n, 63n, 32n]);
    expect(i64_popcnt(-1n)).toBe(64n);
    expect(i64_rotl(-(1n << 63n), 1n)).toBe(1n);
    expect(i64_rotr(1n, 65n)).toBe(-(1n << 63n));
    expect(i64_div_u(-1n, 2n)).toBe((1n << 63n) - 1n);
  });
  it('generated i32 rotations and unsigned comparisons', () => {
    const inst = instantiateWat(`(module
      (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
      (func (export "ltu") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
      (func (export "shr_u") (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1))))`);
    expect(call(inst, 'rotl', 0x80000001 | 0, 1)).toBe(3);
    expect(call(inst, 'rotl', 0x12345678, 32)).toBe(0x12345678);
    expect(call(inst, 'ltu', 1, -1)).toBe(1);
    expect(call(inst, 'shr_u', -1, 0)).toBe(-1);
  });
});

describe('floats', () => {
  it('min/max order -0 below +0 and return NaN for NaN operands', () => {
    expect(Object.is(fmin(0, -0), -0)).toBe(true);
    expect(Object.is(fmax(-0, 0), 0)).toBe(true);
    expect(fmin(NaN, 1)).toBeNaN();
  });
  it('nearest rounds ties to even and keeps the sign of zero', () => {
    expect([0.5, 1.5, 2.5, -2.5, -3.5, 4503599627370495.5].map(fnearest)).toEqual([0, 2, 2, -2, -4, 4503599627370496]);
    expect(Object.is(fnearest(-0.5), -0)).toBe(true);
  });
  it('copysign works on bits (NaN sign included)', () => {
    expect(Object.is(f64_copysign(1, -NaN), -1) || f64_copysign(1, -0) === -1).toBe(true);
    expect(Object.is(f64_copysign(2, -0), -2)).toBe(true);
  });
  it('f32 bits round-trip', () => {
    expect(bf(1.5)).toBe(0x3fc00000);
    expect(fb(0x3fc00000)).toBe(1.5);
  });
  it('generated f32 abs/neg/copysign keep NaN payloads', () => {
    const inst = instantiateWat(`(module
      (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
      (func (export "abs") (param f32) (result f32) (f32.abs (local.get 0))))`);
    const neg = inst.exports['neg'];
    const abs = inst.exports['abs'];
    if (neg?.kind !== 'func' || abs?.kind !== 'func') throw new Error('missing exports');
    expect(neg.callRaw([0x7fa00001])).toEqual([0xffa00001 | 0]);
    expect(abs.callRaw([0xffa00001 | 0])).toEqual([0x7fa00001]);
  });
});

describe('conversions', () => {
  it('trapping truncation: NaN is invalid, out of range overflows, just inside is fine', () => {
    expect(trapKind(() => trunc_i32_s(NaN))).toBe('invalid conversion to integer');
    expect(trapKind(() => trunc_i32_s(2147483648))).toBe('integer overflow');
    expect(trunc_i32_s(-2147483648.9)).toBe(-2147483648);
    expect(trapKind(() => trunc_i32_u(-1))).toBe('integer overflow');
    expect(trunc_i32_u(-0.9)).toBe(0);
    expect(trunc_i32_u(4294967295.5)).toBe(-1);
    expect(trunc_i64_u(18446744073709549568)).toBe(-2048n);
    expect(trapKind(() => trunc_i64_u(18446744073709551616))).toBe('integer overflow');
  });
  it('saturating truncation clamps and maps NaN to 0', () => {
    expect([sat_i32_u(NaN), sat_i32_u(-5), sat_i32_u(1e10)]).toEqual([0, 0, -1]);
    expect([sat_i64_s(1e300), sat_i64_s(-1e300)]).toEqual([(1n << 63n) - 1n, -(1n << 63n)]);
  });
  it('i64 → f32 rounds once (no double rounding through f64)', () => {
    // 2^53 + 2^29 + 1 is just above an f32 tie; rounding to f64 first would land exactly on
    // the tie (2^53 + 2^29) and then round down to 2^53
    expect(convert_i64_s_f32(0x20000020000001n)).toBe(0x5a000001);
    expect(convert_i64_s_f32(0x20000020000000n)).toBe(0x5a000000);
    expect(convert_i64_u_f32(-1n)).toBe(bf(18446744073709551616));
    expect(convert_i64_u_f32(0x8000008000000001n)).toBe(0x5f000001);
    expect(convert_i64_s_f32(-0x8000008000000001n)).toBe(0xdf000001 | 0);
  });
});
