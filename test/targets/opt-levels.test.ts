/**
 * Optimisation levels (targets/compile.ts `optLevel`, docs/passes.md "Optimisation levels"):
 * level 0 runs no pass (the optimised IR is the frontend's), level 1 fold + copyprop + dce,
 * level 2 (the default) the whole pipeline. At every level, programs with loops, calls,
 * recursion, memory and traps give the interpreter's results on the native engine, and so do
 * random modules from the generator (results, traps, memory, exported state after each call).
 * The clang-built corpus runs to its known checksum at levels 0 and 1 (level 2:
 * test/targets/passes-off.test.ts).
 * The whole spec testsuite at another level: KILN_NATIVE_OPT_LEVEL=0 npx vitest run test/spec/native.test.ts.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../compiler/validate/index.js';
import { KilnError } from '../../formats/errors.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { parseWat } from '../../formats/wat/index.js';
import type { Module } from '../../formats/wasm/types.js';
import type { Engine, RawValue, WasmFunction, WasmMemory } from '../../loader/api.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { interpEngine } from '../../loader/interp/index.js';
import { nativeEngineWith } from '../../loader/native/index.js';
import { isKilnTrap } from '../../loader/trap.js';
import { OPT_LEVELS, type OptLevel } from '../../compiler/passes/pipeline.js';
import { compileFunctionStages, compileModule } from '../../targets/compile.js';
import { runSlice } from '../fuzz/gen/diff-slice.js';
import { kilnTestEngine, runWasm } from '../loader/wasi/harness.js';
import { repoRoot } from '../support/testsuite.js';

const PROGRAMS = `(module
  (memory (export "mem") 1)
  (global $calls (mut i32) (i32.const 0))
  (func $fib (export "fib") (param $n i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))) (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "calls") (result i32) (global.get $calls))
  ;; sieve of Eratosthenes over bytes [0, n): the number of primes below n
  (func (export "sieve") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32)
    (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
    (local.set $i (i32.const 2))
    (block $done (loop $outer
      (br_if $done (i32.ge_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
      (if (i32.load8_u (local.get $i)) (then
        (local.set $j (i32.mul (local.get $i) (local.get $i)))
        (block $d2 (loop $inner
          (br_if $d2 (i32.ge_u (local.get $j) (local.get $n)))
          (i32.store8 (local.get $j) (i32.const 0))
          (local.set $j (i32.add (local.get $j) (local.get $i)))
          (br $inner)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $outer)))
    (local.set $i (i32.const 2))
    (block $d3 (loop $count_loop
      (br_if $d3 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $count (i32.add (local.get $count) (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $count_loop)))
    (local.get $count))
  ;; a loop with invariant address arithmetic and constants to fold: sum of k*3+7 stored as i64s
  (func (export "table64") (param $base i32) (param $n i32) (result i64) (local $k i32) (local $sum i64)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (i64.store offset=16 (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 3)))
        (i64.extend_i32_u (i32.add (i32.mul (local.get $k) (i32.add (i32.const 1) (i32.const 2))) (i32.const 7))))
      (local.set $sum (i64.add (local.get $sum)
        (i64.load offset=16 (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 3))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l)))
    (local.get $sum))
  (func (export "fmix") (param $x f64) (param $n i32) (result f64)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 1.0000001)) (f64.nearest (local.get $x))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $x))
  (func (export "divs") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "oob") (param i32) (result i32) (i32.load offset=65532 (local.get 0))))`;

/** [export, arguments] in call order; memory and globals carry over from call to call */
const CALLS: [string, RawValue[]][] = [
  ['fib', [20]], ['calls', []], ['sieve', [10000]], ['sieve', [2]], ['table64', [64, 500]], ['table64', [3, 0]],
  ['fmix', [1.25, 1000]], ['divs', [-7, 2]], ['divs', [1, 0]], ['divs', [-0x80000000, -1]], ['oob', [0]], ['oob', [1]],
];

function load(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** each call's results or trap kind, then the memory's hash */
function run(engine: Engine, m: Module, calls: readonly [string, RawValue[]][]): string[] {
  const inst = instantiateModule(engine, m, {});
  const out = calls.map(([name, args]) => {
    try {
      return `${name}(${args.join(', ')}) = ${(inst.exports[name] as WasmFunction).callRaw(args).map(String).join(', ')}`;
    } catch (e) {
      if (isKilnTrap(e)) return `${name}(${args.join(', ')}) trap ${e.trapKind}`;
      throw e;
    }
  });
  const mem = inst.exports['mem'] as WasmMemory | undefined;
  if (mem !== undefined) {
    let h = 0x811c9dc5;
    for (const b of new Uint8Array(mem.buffer)) h = Math.imul(h ^ b, 0x01000193);
    out.push(`memory ${(h >>> 0).toString(16)}`);
  }
  return out;
}

const engineAt = (optLevel: OptLevel): Engine => nativeEngineWith((m, o) => compileModule(m, { optLevel, checkAllocation: true, bounds: o?.bounds ?? 'explicit' }));

describe('optimisation levels', () => {
  const programs = load(PROGRAMS);
  const math = load(readFileSync(join(repoRoot(), 'examples/wat/math.wat'), 'utf8'));
  const mathCalls: [string, RawValue[]][] = [['fac', [20n]], ['fac', [0n]], ['gcd', [84, 36]], ['gcd', [17, 0]], ['divide', [7, 0]], ['divide', [-9, 4]]];
  const expected = run(interpEngine, programs, CALLS);
  const expectedMath = run(interpEngine, math, mathCalls);

  it('the reference results are what the programs compute', () => {
    expect(expected.slice(0, -1)).toEqual([
      'fib(20) = 6765', 'calls() = 21891', 'sieve(10000) = 1229', 'sieve(2) = 0', 'table64(64, 500) = 377750', 'table64(3, 0) = 0',
      'fmix(1.25, 1000) = 1.0715612231126361e+301', 'divs(-7, 2) = -3', 
      'divs(1, 0) trap integer divide by zero', 'divs(-2147483648, -1) trap integer overflow', 'oob(0) = 0', 'oob(1) trap out of bounds memory access',
    ]);
  });

  it('level 0 runs no pass, level 1 only fold, copyprop and dce, level 2 the whole pipeline', () => {
    // function 3 (table64): a loop with a foldable constant and invariant addresses
    const at = (optLevel: OptLevel) => compileFunctionStages(programs, 3, { optLevel });
    const [s0, s1, s2] = [at(0), at(1), at(2)];
    expect(s0.opt).toBe(s0.ir);
    expect(s1.opt).not.toBe(s1.ir);
    expect(s2.opt).not.toBe(s1.opt);
    expect(compileFunctionStages(programs, 3).opt).toBe(s2.opt);
    // fold: the 1+2 is gone at level 1
    expect(s0.opt).toMatch(/iconst\.i32 2\b/);
    expect(s1.opt).not.toMatch(/iconst\.i32 2\b/);
    // passesOff still applies on top of a level
    expect(compileFunctionStages(programs, 3, { optLevel: 1, passesOff: new Set(['fold']) }).opt).toMatch(/iconst\.i32 2\b/);
  });

  it('an optimisation level other than 0, 1, 2 is a usage error', () => {
    expect(() => compileModule(programs, { optLevel: 3 as OptLevel })).toThrow(KilnError);
  });

  for (const level of OPT_LEVELS) {
    it(`level ${level}: the programs and examples/wat/math.wat give the interpreter's results natively`, () => {
      const engine = engineAt(level);
      expect(run(engine, programs, CALLS)).toEqual(expected);
      expect(run(engine, math, mathCalls)).toEqual(expectedMath);
    });

    it(`level ${level}: 300 random modules agree with the interpreter`, async () => {
      const r = await runSlice({ baseSeed: 0x6f707400 + level, from: 0, to: 300, engine: engineAt(level), reference: interpEngine });
      console.log(`opt level ${level}: ${r.modules} random modules, ${r.calls} calls, ${r.mismatching} mismatching`);
      expect(r.mismatches).toEqual([]);
      expect(r.elsewhere).toEqual([]);
    }, 120_000);
  }

  for (const level of [0, 1] as const) {
    it(`level ${level}: bench/corpus/corpus.wasm runs to its known checksum`, () => {
      const r = runWasm(kilnTestEngine(engineAt(level)), join(repoRoot(), 'bench/corpus/corpus.wasm'), { args: ['corpus', '7'], env: {}, preopens: [] });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('480 entries, checksum 6aef77537c6202f5\n');
    }, 120_000);
  }
});
