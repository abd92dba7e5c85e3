/**
 * i64 as pairs of int32 halves inside generated code (loader/interp/numeric/int64.ts,
 * conversions.ts, codegen.ts): the pair helpers with exact expected values, then every
 * i64 instruction through generated code at the edges where the halves interact (carry and
 * borrow, shift counts around 32, products wider than 32 bits, unsigned comparisons across
 * the sign boundary of either half), and the calling conventions (direct calls, multiple
 * results, call_indirect, host imports, globals, branches carrying i64 values).
 */

import { describe, expect, it } from 'vitest';
import type { HostFunction, RawValue } from '../../../loader/api.js';
import type { KilnTrap } from '../../../loader/trap.js';
import {
  HI,
  i64_div_s_p,
  i64_div_u_p,
  i64_hi,
  i64_join,
  i64_lo,
  i64_rem_s_p,
  i64_rem_u_p,
} from '../../../loader/interp/numeric/int64.js';
import {
  convert_i64_s_f32_p,
  convert_i64_u_f32_p,
  f64_bits_p,
  f64_from_pair,
  i64_from_int,
  sat_i64_s_p,
  sat_i64_u_p,
  trunc_i64_s_p,
  trunc_i64_u_p,
} from '../../../loader/interp/numeric/conversions.js';
import { fn, instantiateWat, thrown } from './helpers.js';

/** a 64-bit pattern written in hex, as the signed BigInt of the raw convention */
const s = (x: bigint): bigint => BigInt.asIntN(64, x);
const MIN = -(1n << 63n);
const MAX = (1n << 63n) - 1n;
const trapKind = (f: () => unknown): string => (thrown(f) as KilnTrap).trapKind;
/** a pair helper's result (low half returned, high half in HI[0]) as a BigInt */
const pair = (lo: number): bigint => i64_join(lo, HI[0] as number);
/** splits a BigInt into the four arguments of a binary pair helper */
const args = (a: bigint, b: bigint): [number, number, number, number] => [i64_lo(a), i64_hi(a), i64_lo(b), i64_hi(b)];

describe('pair helpers', () => {
  it('split and join BigInts, normalising unsigned patterns', () => {
    expect([i64_lo(s(0xfedcba9876543210n)), i64_hi(s(0xfedcba9876543210n))]).toEqual([0x76543210, 0xfedcba98 | 0]);
    expect(i64_lo(0xffffffffffffffffn)).toBe(-1);
    expect(HI[0]).toBe(-1);
    expect(i64_join(0, -0x80000000)).toBe(MIN);
    expect(i64_join(-1, 0x7fffffff)).toBe(MAX);
    expect(i64_join(-1, 0)).toBe(0xffffffffn);
    expect(i64_join(0, -1)).toBe(-0x100000000n);
  });

  it('unsigned division and remainder, with 32-bit and wider divisors', () => {
    expect(pair(i64_div_u_p(...args(-1n, 2n)))).toBe(MAX);
    expect(pair(i64_rem_u_p(...args(-1n, 1000000007n)))).toBe(582344007n);
    expect(pair(i64_div_u_p(...args(-1n, 0xffffffffn)))).toBe(0x100000001n);
    expect(pair(i64_rem_u_p(...args(-1n, 0xffffffffn)))).toBe(0n);
    expect(pair(i64_div_u_p(...args(s(0xfedcba9876543210n), 0x100000000n)))).toBe(0xfedcba98n);
    expect(pair(i64_rem_u_p(...args(s(0xfedcba9876543210n), 0x100000001n)))).toBe(0x77777779n);
    expect(pair(i64_div_u_p(...args(5n, -1n)))).toBe(0n);
    expect(pair(i64_rem_u_p(...args(5n, -1n)))).toBe(5n);
    expect(trapKind(() => i64_div_u_p(...args(1n, 0n)))).toBe('integer divide by zero');
    expect(trapKind(() => i64_rem_u_p(...args(1n, 0n)))).toBe('integer divide by zero');
  });

  it('signed division truncates; MIN / -1 overflows, MIN % -1 is 0', () => {
    expect(pair(i64_div_s_p(...args(-7n, 2n)))).toBe(-3n);
    expect(pair(i64_rem_s_p(...args(-7n, 2n)))).toBe(-1n);
    expect(pair(i64_div_s_p(...args(7n, -2n)))).toBe(-3n);
    expect(pair(i64_rem_s_p(...args(7n, -2n)))).toBe(1n);
    expect(pair(i64_div_s_p(...args(MIN, 2n)))).toBe(-(1n << 62n));
    expect(pair(i64_div_s_p(...args(MIN, -0x80000000n)))).toBe(0x100000000n);
    expect(pair(i64_rem_s_p(...args(MIN, 3n)))).toBe(-2n);
    expect(pair(i64_div_s_p(...args(MIN, MIN)))).toBe(1n);
    expect(pair(i64_div_s_p(...args(MAX, -0x100000000n)))).toBe(-0x7fffffffn);
    expect(pair(i64_rem_s_p(...args(MIN, -1n)))).toBe(0n);
    expect(pair(i64_div_s_p(...args(5n, -1n)))).toBe(-5n);
    expect(trapKind(() => i64_div_s_p(...args(MIN, -1n)))).toBe('integer overflow');
    expect(trapKind(() => i64_div_s_p(...args(1n, 0n)))).toBe('integer divide by zero');
    expect(trapKind(() => i64_rem_s_p(...args(MIN, 0n)))).toBe('integer divide by zero');
  });

  it('truncations to i64 split exact integers, trap or saturate out of range', () => {
    expect(pair(i64_from_int(-1))).toBe(-1n);
    expect(pair(i64_from_int(18446744073709549568))).toBe(-2048n);
    expect(pair(trunc_i64_s_p(-9223372036854775808))).toBe(MIN);
    expect(pair(trunc_i64_s_p(-4294967296.5))).toBe(-4294967296n);
    expect(pair(trunc_i64_u_p(4294967296.9))).toBe(4294967296n);
    expect(pair(trunc_i64_u_p(-0.9))).toBe(0n);
    expect(trapKind(() => trunc_i64_s_p(9223372036854775808))).toBe('integer overflow');
    expect(trapKind(() => trunc_i64_u_p(NaN))).toBe('invalid conversion to integer');
    expect([pair(sat_i64_s_p(1e300)), pair(sat_i64_s_p(-1e300)), pair(sat_i64_s_p(NaN))]).toEqual([MAX, MIN, 0n]);
    expect([pair(sat_i64_u_p(1e300)), pair(sat_i64_u_p(-5)), pair(sat_i64_u_p(3.7))]).toEqual([-1n, 0n, 3n]);
  });

  it('i64 → f32 rounds once, on both sides of 2^53', () => {
    expect(convert_i64_s_f32_p(...([i64_lo(0x20000020000001n), i64_hi(0x20000020000001n)] as const))).toBe(0x5a000001);
    expect(convert_i64_s_f32_p(0x01000001, 0)).toBe(0x4b800000); // 16777217 → 16777216 (ties to even)
    expect(convert_i64_s_f32_p(-1, -1)).toBe(0xbf800000 | 0);
    expect(convert_i64_u_f32_p(-1, -1)).toBe(0x5f800000);
    expect(convert_i64_u_f32_p(1, 0x80000080 | 0)).toBe(0x5f000001);
  });

  it('f64 bits move through halves with NaN payloads intact', () => {
    expect(f64_bits_p(-2)).toBe(0);
    expect(HI[0]).toBe(0xc0000000 | 0);
    const snan = f64_from_pair(1, 0x7ff00000);
    expect(snan).toBeNaN();
    expect(f64_bits_p(snan)).toBe(1);
    expect(HI[0]).toBe(0x7ff00000);
  });
});

const BINOPS = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const CMPS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const UNOPS = ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'];

const ops = instantiateWat(`(module
  ${BINOPS.map((o) => `(func (export "${o}") (param i64 i64) (result i64) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${CMPS.map((o) => `(func (export "${o}") (param i64 i64) (result i32) (i64.${o} (local.get 0) (local.get 1)))`).join('\n')}
  ${UNOPS.map((o) => `(func (export "${o}") (param i64) (result i64) (i64.${o} (local.get 0)))`).join('\n')}
  (func (export "eqz") (param i64) (result i32) (i64.eqz (local.get 0)))
  (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (func (export "extend_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func (export "extend_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func (export "f64_s") (param i64) (result f64) (f64.convert_i64_s (local.get 0)))
  (func (export "f64_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0))))`);
const run = (name: string, ...a: RawValue[]): RawValue => fn(ops, name).callRaw(a)[0] as RawValue;

describe('i64 instructions in generated code', () => {
  it('add carries and sub borrows across the halves', () => {
    expect(run('add', 0xffffffffn, 1n)).toBe(0x100000000n);
    expect(run('add', -1n, 1n)).toBe(0n);
    expect(run('add', MAX, 1n)).toBe(MIN);
    expect(run('add', s(0x80000000ffffffffn), s(0x8000000000000001n))).toBe(0x100000000n);
    expect(run('add', 0x7fffffffn, 0x7fffffffn)).toBe(0xfffffffen);
    expect(run('sub', 0x100000000n, 1n)).toBe(0xffffffffn);
    expect(run('sub', 0n, 1n)).toBe(-1n);
    expect(run('sub', MIN, 1n)).toBe(MAX);
    expect(run('sub', 0x180000000n, 0x80000001n)).toBe(0xffffffffn);
  });

  it('mul keeps the exact low 64 bits of wide products', () => {
    expect(run('mul', s(0xfedcba9876543210n), 0x0f0f0f0f0f0f0f0fn)).toBe(0x78899aabbccddef0n);
    expect(run('mul', 0xffffffffn, 0xffffffffn)).toBe(s(0xfffffffe00000001n));
    expect(run('mul', 0x123456789n, 0x987654321n)).toBe(s(0xd77d742cce1833a9n));
    expect(run('mul', -1n, -1n)).toBe(1n);
    expect(run('mul', MIN, -1n)).toBe(MIN);
    expect(run('mul', s(0x9e3779b97f4a7c15n), s(0xbf58476d1ce4e5b9n))).toBe(s(0xd67411c46c86742dn));
    // the high word of the low halves' unsigned product, alone
    expect(run('mul', -1n, 0xffffffffn)).toBe(s(0xffffffff00000001n));
    expect(run('mul', 0x10000n, 0x10000n)).toBe(0x100000000n);
    expect(run('mul', 0xffffn, 0xffffn)).toBe(0xfffe0001n);
    expect(run('mul', 0x80000000n, 2n)).toBe(0x100000000n);
    expect(run('mul', 0x12345678n, 0x9abcdef0n)).toBe(0x0b00ea4e242d2080n);
  });

  it('division traps exactly like the spec', () => {
    expect(run('div_s', MIN, 2n)).toBe(-(1n << 62n));
    expect(run('rem_s', MIN, -1n)).toBe(0n);
    expect(run('div_u', -1n, 3n)).toBe(0x5555555555555555n);
    expect(run('rem_u', -1n, 0x100000000n)).toBe(0xffffffffn);
    expect(trapKind(() => run('div_s', MIN, -1n))).toBe('integer overflow');
    expect(trapKind(() => run('rem_u', 1n, 0n))).toBe('integer divide by zero');
  });

  it('shifts and rotates by 0, 31, 32, 33, 63 and 64 (counts are taken mod 64)', () => {
    const a = 0x0123456789abcdefn;
    const b = s(0xfedcba9876543211n);
    const table: [bigint, bigint, bigint, bigint, bigint, bigint][] = [
      // count, shl a, shr_s b, shr_u b, rotl a, rotr a
      [0n, a, b, b, a, a],
      [31n, s(0xc4d5e6f780000000n), s(0xfffffffffdb97530n), 0x1fdb97530n, s(0xc4d5e6f78091a2b3n), 0x13579bde02468acfn],
      [32n, s(0x89abcdef00000000n), s(0xfffffffffedcba98n), 0xfedcba98n, s(0x89abcdef01234567n), s(0x89abcdef01234567n)],
      [33n, 0x13579bde00000000n, s(0xffffffffff6e5d4cn), 0x7f6e5d4cn, 0x13579bde02468acfn, s(0xc4d5e6f78091a2b3n)],
      [63n, MIN, -1n, 1n, s(0x8091a2b3c4d5e6f7n), 0x02468acf13579bden],
      [64n, a, b, b, a, a],
    ];
    for (const [k, shl, shrS, shrU, rotl, rotr] of table) {
      expect([run('shl', a, k), run('shr_s', b, k), run('shr_u', b, k), run('rotl', a, k), run('rotr', a, k)]).toEqual([
        shl,
        shrS,
        shrU,
        rotl,
        rotr,
      ]);
    }
    expect(run('shl', 1n, -1n)).toBe(MIN); // count −1 is 63
    expect(run('shr_s', 0x80000000n, 31n)).toBe(1n);
  });

  it('comparisons: signed and unsigned across the sign boundary of each half', () => {
    const cases: [bigint, bigint][] = [
      [MAX, MIN],
      [0x7fffffffn, 0x80000000n],
      [0xffffffffn, 0x100000000n],
      [-1n, 0n],
      [5n, 5n],
    ];
    const got = cases.map(([x, y]) => CMPS.map((o) => run(o, x, y)));
    expect(got).toEqual([
      // eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u
      [0, 1, 0, 1, 1, 0, 0, 1, 1, 0],
      [0, 1, 1, 1, 0, 0, 1, 1, 0, 0],
      [0, 1, 1, 1, 0, 0, 1, 1, 0, 0],
      [0, 1, 1, 0, 0, 1, 1, 0, 0, 1],
      [1, 0, 0, 0, 0, 0, 1, 1, 1, 1],
    ]);
  });

  it('bit counts, sign extensions, eqz, wrap and extend', () => {
    expect([0n, 1n, -1n, 0x100000000n, 0x80000000n].map((x) => run('clz', x))).toEqual([64n, 63n, 0n, 31n, 32n]);
    expect([0n, MIN, 0x100000000n, 0x80000000n].map((x) => run('ctz', x))).toEqual([64n, 63n, 32n, 31n]);
    expect([-1n, 0n, s(0x8000000180000001n)].map((x) => run('popcnt', x))).toEqual([64n, 0n, 4n]);
    expect([run('extend8_s', 0x80n), run('extend16_s', 0x17fffn), run('extend32_s', 0x180000000n)]).toEqual([
      -128n,
      0x7fffn,
      -0x80000000n,
    ]);
    expect([run('eqz', 0n), run('eqz', 0x100000000n), run('eqz', 1n)]).toEqual([1, 0, 0]);
    expect([run('wrap', s(0x1234567887654321n)), run('wrap', 0xffffffffn)]).toEqual([-0x789abcdf, -1]);
    expect([run('extend_s', -2), run('extend_u', -2)]).toEqual([-2n, 0xfffffffen]);
  });

  it('i64 → f64 is correctly rounded beyond 2^53', () => {
    expect(run('f64_s', (1n << 53n) + 1n)).toBe(9007199254740992);
    expect(run('f64_s', (1n << 53n) + 3n)).toBe(9007199254740996);
    expect(run('f64_s', MIN)).toBe(-9223372036854775808);
    expect(run('f64_u', -1n)).toBe(18446744073709551616);
    expect(run('f64_u', s(0x8000000000000401n))).toBe(9223372036854777856);
    expect(run('f64_s', -0x100000001n)).toBe(-4294967297);
  });
});

describe('i64 across calls, results, branches and globals', () => {
  it('direct calls, multiple results and call_indirect carry both halves', () => {
    const inst = instantiateWat(`(module
      (type $bin (func (param i64 i32 i64) (result i64)))
      (table 1 funcref) (elem (i32.const 0) $mix)
      (func $mix (type $bin) (i64.add (local.get 0) (i64.mul (i64.extend_i32_s (local.get 1)) (local.get 2))))
      (func $swap (param i64 f64 i64) (result i64 f64 i64) (local.get 2) (local.get 1) (local.get 0))
      (func (export "direct") (param i64 i64) (result i64) (call $mix (local.get 0) (i32.const -3) (local.get 1)))
      (func (export "indirect") (param i64 i64) (result i64)
        (call_indirect (type $bin) (local.get 0) (i32.const 7) (local.get 1) (i32.const 0)))
      (func (export "swap") (param i64 f64 i64) (result i64 f64 i64) (call $swap (local.get 0) (local.get 1) (local.get 2))))`);
    expect(fn(inst, 'direct').callRaw([0x100000000n, 0x80000000n])).toEqual([-0x80000000n]);
    expect(fn(inst, 'indirect').callRaw([-1n, 0x100000000n])).toEqual([0x6ffffffffn]);
    expect(fn(inst, 'swap').callRaw([MIN, 1.5, 0xfedcba98n])).toEqual([0xfedcba98n, 1.5, MIN]);
  });

  it('host imports and globals see BigInts', () => {
    const seen: RawValue[] = [];
    const host: HostFunction = {
      kind: 'host',
      type: { params: [0x7e], results: [0x7e] },
      fn: (a) => {
        seen.push(a[0] as RawValue);
        return [(a[0] as bigint) * 2n];
      },
    };
    const inst = instantiateWat(
      `(module (import "env" "twice" (func $twice (param i64) (result i64)))
        (global $g (export "g") (mut i64) (i64.const -0x100000000))
        (func (export "f") (param i64) (result i64)
          (global.set $g (i64.add (global.get $g) (call $twice (local.get 0))))
          (global.get $g)))`,
      { env: { twice: host } },
    );
    expect(fn(inst, 'f').callRaw([0x80000000n])).toEqual([0n]);
    expect(seen).toEqual([0x80000000n]);
    const g = inst.exports['g'];
    expect(g?.kind === 'global' ? g.getRaw() : null).toBe(0n);
  });

  it('imports from hosts and other instances, called directly and through tables', () => {
    const host: HostFunction = {
      kind: 'host',
      type: { params: [0x7e, 0x7c, 0x7e], results: [0x7e, 0x7c, 0x7e] },
      fn: (a) => [(a[2] as bigint) - 1n, -(a[1] as number), (a[0] as bigint) << 1n],
    };
    const other = instantiateWat(`(module
      (func (export "neg") (param i64) (result i64) (i64.sub (i64.const 0) (local.get 0))))`);
    const inst = instantiateWat(
      `(module
        (type $three (func (param i64 f64 i64) (result i64 f64 i64)))
        (type $un (func (param i64) (result i64)))
        (import "env" "three" (func $three (type $three)))
        (import "other" "neg" (func $neg (type $un)))
        (table 2 funcref) (elem (i32.const 0) $three $neg)
        (func (export "direct") (param i64 f64 i64) (result i64 f64 i64)
          (call $three (local.get 0) (local.get 1) (call $neg (local.get 2))))
        (func (export "indirect") (param i64 f64 i64) (result i64 f64 i64)
          (call_indirect (type $three) (local.get 0) (local.get 1)
            (call_indirect (type $un) (local.get 2) (i32.const 1)) (i32.const 0))))`,
      { env: { three: host }, other: { neg: other.exports['neg'] as never } },
    );
    const expected = [s(0xfffffffeffffffffn), -2.5, s(0xfffffffe00000000n)];
    expect(fn(inst, 'direct').callRaw([0x7fffffff00000000n, 2.5, 0x100000000n])).toEqual(expected);
    expect(fn(inst, 'indirect').callRaw([0x7fffffff00000000n, 2.5, 0x100000000n])).toEqual(expected);
  });

  it('select, br_if, br_table and loop parameters move both halves', () => {
    const inst = instantiateWat(`(module
      (func (export "sel") (param i64 i64 i32) (result i64) (select (local.get 0) (local.get 1) (local.get 2)))
      (func (export "tbl") (param i32) (result i64)
        (block $b (result i64)
          (block $a (result i64)
            (br_table $a $b (i64.const 0x100000001) (local.get 0)))
          (i64.const 0x200000000) (i64.add)))
      (func (export "sum") (param i32) (result i64) (local $acc i64)
        (i64.const 0)
        (loop $l (param i64) (result i64)
          (i64.add (i64.const 0xffffffff))
          (local.set $acc)
          (local.get $acc)
          (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
          (br_if $l))))`);
    expect(fn(inst, 'sel').callRaw([0x100000000n, -1n, 1])).toEqual([0x100000000n]);
    expect(fn(inst, 'sel').callRaw([0x100000000n, -1n, 0])).toEqual([-1n]);
    expect(fn(inst, 'tbl').callRaw([0])).toEqual([0x300000001n]);
    expect(fn(inst, 'tbl').callRaw([1])).toEqual([0x100000001n]);
    expect(fn(inst, 'sum').callRaw([3])).toEqual([0x2fffffffdn]);
  });
});
