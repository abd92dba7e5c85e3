/**
 * f64 NaN payloads survive the interpreter after V8 has optimised the code that moves them
 * (spec §4.3.3: abs, neg, copysign, reinterpret, load, store, select and the variable
 * instructions are bitwise, so a signalling NaN keeps every bit).
 *
 * On Node 26 Maglev-optimised code sets the quiet bit of a NaN stored into a Float64Array or
 * through DataView.setFloat64 (0x7ff4… → 0x7ffc…); loader/interp/numeric/f64-bits.ts explains
 * the fix. These tests enable V8's native syntax in this file's own worker process (vitest
 * runs each file in a fresh fork) and force each optimising tier on the helpers and on the
 * generated functions, then also run plain hot loops so that V8 tiers up by itself. Results
 * are read by a function V8 is told never to optimise, so the check itself keeps the bits.
 */

import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { RawValue } from '../../../loader/api.js';
import { Func, taggedArray } from '../../../loader/instance/func.js';
import { f64_abs, f64_copysign, f64_neg } from '../../../loader/interp/numeric/float.js';
import { f64_bits_p } from '../../../loader/interp/numeric/conversions.js';
import { HI } from '../../../loader/interp/numeric/int64.js';
import { parseWat } from '../../../formats/wat/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { compileModule } from '../../../loader/interp/compile.js';
import { fn, instantiateWat } from './helpers.js';

setFlagsFromString('--allow-natives-syntax');

type AnyFn = (...args: never[]) => unknown;
const native = (body: string): ((f: AnyFn) => unknown) => new Function('f', body) as (f: AnyFn) => unknown;
// drops code an earlier test optimised f into (so the next tier asked for is the one used)
const prepare = native('%DeoptimizeFunction(f); %PrepareFunctionForOptimization(f);');
const TIERS: Readonly<Record<string, (f: AnyFn) => unknown>> = {
  turbofan: native('%OptimizeFunctionOnNextCall(f);'),
  // Maglev ships enabled from V8 12 (Node 22); Node 20's V8 11 only prints that it is off
  ...(Number.parseInt(process.versions.v8, 10) >= 12 ? { maglev: native('%OptimizeMaglevOnNextCall(f);') } : {}),
};

/** the bits of x as an unsigned bigint, read by code that stays unoptimised */
const bitsOf = new Function(
  'x',
  'const f = new Float64Array(1); f[0] = x; return new BigUint64Array(f.buffer)[0];',
) as (x: number) => bigint;
native('%NeverOptimizeFunction(f);')(bitsOf as AnyFn);
/** the number with bits b (loads keep a payload in every tier) */
const numOf = (b: bigint): number => new Float64Array(new BigUint64Array([b]).buffer)[0] as number;

const SNAN = 0x7ff4000000000000n;
const NEG_SNAN = 0xfff0000000020304n;
const QNAN_PAYLOAD = 0x7ff80000f1e27a6bn;
const NANS = [SNAN, NEG_SNAN, QNAN_PAYLOAD] as const;

/**
 * an argument array with tagged elements: an array literal of numbers would have double
 * elements, and V8 quiets a signalling NaN stored into those in every tier
 */
function argsOf(...xs: RawValue[]): RawValue[] {
  const a = taggedArray(xs.length);
  for (let i = 0; i < xs.length; i++) a[i] = xs[i] as RawValue;
  return a;
}

/** calls `run` twice unoptimised, asks V8 to optimise f on its next call, and returns run() of that call */
function optimised<T>(f: AnyFn, tier: string, run: () => T): T {
  prepare(f);
  run();
  run();
  (TIERS[tier] as (f: AnyFn) => unknown)(f);
  return run();
}

describe('f64 helpers keep NaN bits once optimised', () => {
  for (const tier of Object.keys(TIERS)) {
    it(`${tier}: abs, neg and copysign change only the sign bit of a NaN`, () => {
      const abs = (b: bigint): bigint => optimised(f64_abs, tier, () => bitsOf(f64_abs(numOf(b))));
      const neg = (b: bigint): bigint => optimised(f64_neg, tier, () => bitsOf(f64_neg(numOf(b))));
      const cs = (b: bigint, s: number): bigint => optimised(f64_copysign, tier, () => bitsOf(f64_copysign(numOf(b), s)));
      expect(NANS.map(abs)).toEqual([SNAN, 0x7ff0000000020304n, QNAN_PAYLOAD]);
      expect(NANS.map(neg)).toEqual([0xfff4000000000000n, 0x7ff0000000020304n, 0xfff80000f1e27a6bn]);
      expect(NANS.map((b) => cs(b, -1))).toEqual([0xfff4000000000000n, NEG_SNAN, 0xfff80000f1e27a6bn]);
      expect(NANS.map((b) => cs(b, numOf(0xfff0000000000001n)))).toEqual([0xfff4000000000000n, NEG_SNAN, 0xfff80000f1e27a6bn]);
      expect(NANS.map((b) => cs(b, numOf(0x7ff0000000000001n)))).toEqual([SNAN, 0x7ff0000000020304n, QNAN_PAYLOAD]);
    });

    it(`${tier}: i64.reinterpret_f64's helper returns a NaN's exact halves`, () => {
      const halves = (b: bigint): bigint =>
        optimised(f64_bits_p, tier, () => {
          const lo = f64_bits_p(numOf(b));
          return (BigInt(HI[0] as number >>> 0) << 32n) | BigInt(lo >>> 0);
        });
      expect(NANS.map(halves)).toEqual([...NANS]);
    });
  }
});

const MODULE = `(module
  (memory 1)
  (global $g (mut f64) (f64.const 0))
  (func (export "id") (param f64) (result f64) (local.get 0))
  (func (export "select") (param f64 f64 i32) (result f64) (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "abs") (param f64) (result f64) (f64.abs (local.get 0)))
  (func (export "neg") (param f64) (result f64) (f64.neg (local.get 0)))
  (func (export "copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
  (func (export "store_load") (param f64) (result f64)
    (f64.store offset=8 (i32.const 0) (local.get 0)) (f64.load offset=8 (i32.const 0)))
  (func (export "store_i64") (param f64) (result i64)
    (f64.store (i32.const 16) (local.get 0)) (i64.load (i32.const 16)))
  (func (export "reinterpret") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
  (func (export "global") (param f64) (result f64) (global.set $g (local.get 0)) (global.get $g))
  (func (export "lane") (param f64) (result f64)
    (f64x2.extract_lane 1 (f64x2.replace_lane 1 (v128.const i64x2 0 0) (local.get 0))))
  (func (export "splat") (param f64) (result f64) (f64x2.extract_lane 0 (f64x2.splat (local.get 0))))
)`;

/** export → [arguments for a NaN with bits b, expected bits of the result] */
const CASES: Readonly<Record<string, (b: bigint) => [RawValue[], bigint]>> = {
  id: (b) => [argsOf(numOf(b)), b],
  select: (b) => [argsOf(numOf(b), 1, 1), b],
  abs: (b) => [argsOf(numOf(b)), b & ~(1n << 63n)],
  neg: (b) => [argsOf(numOf(b)), b ^ (1n << 63n)],
  copysign: (b) => [argsOf(numOf(b), -2), b | (1n << 63n)],
  store_load: (b) => [argsOf(numOf(b)), b],
  store_i64: (b) => [argsOf(numOf(b)), b],
  reinterpret: (b) => [argsOf(numOf(b)), b],
  global: (b) => [argsOf(numOf(b)), b],
  lane: (b) => [argsOf(numOf(b)), b],
  splat: (b) => [argsOf(numOf(b)), b],
};

/** a raw result as unsigned bits (an i64 result comes back as a BigInt) */
const resultBits = (r: RawValue): bigint => (typeof r === 'bigint' ? BigInt.asUintN(64, r) : bitsOf(r as number));

/** the NaNs each export got wrong, as "export: expected → got" lines */
function wrongResults(f: Func, name: string): string[] {
  const out: string[] = [];
  for (const b of NANS) {
    const [args, want] = (CASES[name] as (b: bigint) => [RawValue[], bigint])(b);
    const got = resultBits(f.callRaw(args)[0] as RawValue);
    if (got !== want) out.push(`${name}: ${want.toString(16)} → ${got.toString(16)}`);
  }
  return out;
}

describe('generated code keeps f64 NaN bits once optimised', () => {
  for (const tier of Object.keys(TIERS)) {
    it(`${tier}: every export, its generated function optimised`, () => {
      const inst = instantiateWat(MODULE);
      const wrong: string[] = [];
      for (const name of Object.keys(CASES)) {
        const f = fn(inst, name) as Func;
        // Func.fn is the generated function itself, or its i64 adapter, which V8 inlines it into
        wrong.push(...optimised(f.fn, tier, () => wrongResults(f, name)));
      }
      expect(wrong).toEqual([]);
    });
  }

  it('every export, called in a hot loop until V8 optimises it by itself', () => {
    const inst = instantiateWat(MODULE);
    const wrong = new Set<string>();
    let calls = 0;
    for (const name of Object.keys(CASES)) {
      const f = fn(inst, name) as Func;
      for (let i = 0; i < 10_000; i++) {
        for (const w of wrongResults(f, name)) wrong.add(w);
        calls++;
      }
    }
    expect(calls).toBe(110_000);
    expect([...wrong]).toEqual([]);
  });

  it('a NaN stored and loaded 100,000 times in one wasm loop keeps its bits', () => {
    const inst = instantiateWat(`(module (memory 1)
      (func (export "churn") (param $x f64) (param $n i32) (result f64)
        (loop $l
          (f64.store (i32.const 0) (local.get $x))
          (local.set $x (f64.load (i32.const 0)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $x)))`);
    const churn = fn(inst, 'churn') as Func;
    expect(NANS.map((b) => resultBits(churn.callRaw(argsOf(numOf(b), 100_000))[0] as RawValue))).toEqual([...NANS]);
  });
});

describe('f64.store checks for a NaN only where the value may be a signalling NaN', () => {
  const STORES = `(module (memory 1)
    (func (export "arith") (param f64) (result i64)
      (f64.store (i32.const 0) (f64.add (local.get 0) (f64.const 0))) (i64.load (i32.const 0)))
    (func (export "tee") (param f64) (result i64) (local f64)
      (f64.store (i32.const 0) (local.tee 1 (f64.sqrt (local.get 0)))) (i64.load (i32.const 0)))
    (func (export "moved") (param f64) (result i64)
      (f64.store (i32.const 0) (local.get 0)) (i64.load (i32.const 0)))
    (func (export "signs") (param f64) (result i64)
      (f64.store (i32.const 0) (f64.neg (f64.abs (local.get 0)))) (i64.load (i32.const 0)))
    (func (export "block") (param f64) (result i64)
      (f64.store (i32.const 0) (block (result f64) (f64.mul (local.get 0) (f64.const 2))))
      (i64.load (i32.const 0))))`;

  it('stores an arithmetic result directly, and a moved, sign-changed or block-carried value through the NaN check', () => {
    const m = parseWat(STORES);
    validateModule(m);
    const source = compileModule(m, 100).source;
    // the generated function w<mid>_<k> of function k, up to the next function or adapter
    const body = (k: number): string => {
      const start = source.search(new RegExp(`function w\\d+_${k}\\(`));
      const end = source.indexOf('\nfunction ', start + 1);
      return source.slice(start, end < 0 ? source.length : end);
    };
    const checked = [0, 1, 2, 3, 4].map((k) => body(k).includes('f64_store_nan('));
    expect(checked).toEqual([false, false, true, true, true]);
    expect([0, 1, 2, 3, 4].map((k) => body(k).split('dv.setFloat64(').length - 1)).toEqual([1, 1, 1, 1, 1]);
  });

  for (const tier of Object.keys(TIERS)) {
    it(`${tier}: an arithmetic NaN stored directly is still an arithmetic NaN; moved NaNs keep their bits`, () => {
      const inst = instantiateWat(STORES);
      const run = (name: string, b: bigint): bigint => {
        const f = fn(inst, name) as Func;
        return optimised(f.fn, tier, () => BigInt.asUintN(64, f.callRaw(argsOf(numOf(b)))[0] as bigint));
      };
      const arithmetic = (bits: bigint): boolean => (bits & 0x7ff8000000000000n) === 0x7ff8000000000000n;
      expect(NANS.map((b) => arithmetic(run('arith', b)))).toEqual([true, true, true]);
      expect(NANS.map((b) => arithmetic(run('tee', b)))).toEqual([true, true, true]);
      expect(NANS.map((b) => arithmetic(run('block', b)))).toEqual([true, true, true]);
      expect(NANS.map((b) => run('moved', b))).toEqual([...NANS]);
      expect(NANS.map((b) => run('signs', b))).toEqual([0xfff4000000000000n, NEG_SNAN, 0xfff80000f1e27a6bn]);
    });
  }
});
