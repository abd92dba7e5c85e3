/**
 * The spec runner itself (test/spec/runner.ts, values.ts): it must report failures, not only
 * successes — wrong results, wrong trap messages, modules that should be rejected but are
 * not — and it must match results by the spec's rules (float bits, NaN classes, lanes, refs).
 */

import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseWast } from '../../formats/wat/script.js';
import type { ResultPattern } from '../../formats/wat/script-types.js';
import type { Engine } from '../../loader/api.js';
import { interpEngine } from '../../loader/interp/index.js';
import { spectestImports } from '../../loader/instance/spectest.js';
import { parsedScripts } from '../support/corpus.js';
import { testsuiteDir } from '../support/testsuite.js';
import { runParsed, runScript, type FileResult, type RunOptions } from './runner.js';
import { ExternRefs, f64Bits, f64FromBits, matches, rawArgs } from './values.js';

const opts: RunOptions = { spectest: () => spectestImports(interpEngine)['spectest']! };
const run = (text: string, engine: Engine | null = interpEngine): FileResult =>
  runScript(parseWast(text, 'test.wast'), engine, opts);
const reasons = (r: FileResult): string[] => r.failures.map((f) => `${f.line} ${f.command}: ${f.reason}`);

const MOD = `(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "id64") (param f64) (result f64) (local.get 0))
  (func (export "idx") (param externref) (result externref) (local.get 0))
  (func (export "loop") (call 4))
  (global (export "g") i32 (i32.const 7)))
`;

describe('spec runner', () => {
  it('passes correct assertions and counts every command', () => {
    const r = run(`${MOD}
      (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
      (assert_return (get "g") (i32.const 7))
      (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
      (assert_return (invoke "id64" (f64.const nan:0x4000000000000)) (f64.const nan:0x4000000000000))
      (assert_return (invoke "idx" (ref.extern 5)) (ref.extern 5))
      (assert_exhaustion (invoke "loop") "call stack exhausted")
      (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
      (assert_malformed (module quote "(func (i32.const))") "unexpected token")
      (assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")`);
    expect(reasons(r)).toEqual([]);
    expect([r.total, r.passed, r.failed, r.notRun]).toEqual([10, 10, 0, 0]);
  });

  it('reports wrong results, wrong trap messages and missing traps', () => {
    const r = run(`${MOD}
      (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
      (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")
      (assert_trap (invoke "add" (i32.const 1) (i32.const 0)) "unreachable")
      (assert_return (invoke "idx" (ref.extern 5)) (ref.extern 6))
      (assert_return (invoke "nothing"))`);
    expect(r.failed).toBe(5);
    expect(reasons(r)[0]).toMatch(/got \[3\], expected \[i32 4\]/);
    expect(reasons(r)[1]).toMatch(/expected trap "integer overflow", got trap "integer divide by zero"/);
    expect(reasons(r)[2]).toMatch(/returned \[1\]/);
    expect(reasons(r)[4]).toMatch(/no export "nothing"/);
  });

  it('reports modules that should have been rejected, and rejections of the wrong kind', () => {
    const r = run(`
      (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
      (assert_malformed (module quote "(func)") "unexpected token")
      (assert_malformed (module (func (result i32) (i64.const 0))) "wrong kind")
      (assert_unlinkable (module (func)) "unknown import")`);
    expect(r.failed).toBe(4);
    expect(reasons(r)[0]).toMatch(/expected invalid .* validated/);
    expect(reasons(r)[1]).toMatch(/expected malformed .* decoded/);
    expect(reasons(r)[2]).toMatch(/expected malformed .* decoded/);
    expect(reasons(r)[3]).toMatch(/expected unlinkable .* instantiated/);
  });

  it('without an engine checks only the front door and counts the rest as not run', () => {
    const r = run(
      `${MOD}
      (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
      (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")`,
      null,
    );
    expect([r.total, r.passed, r.failed, r.notRun]).toEqual([3, 2, 0, 1]);
  });

  it('registers named modules for imports', () => {
    const r = run(`
      (module $a (func (export "f") (result i32) (i32.const 42)))
      (register "A" $a)
      (module (import "A" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))
      (assert_return (invoke "g") (i32.const 42))
      (assert_return (invoke $a "f") (i32.const 42))`);
    expect(reasons(r)).toEqual([]);
    expect(r.passed).toBe(5);
  });
});

describe('spec runner over shared parsed scripts', () => {
  // test/spec/testsuite.test.ts runs the front door and the interpreter on one parse of each
  // script; that is sound only if running a script leaves it as parsed
  it('leaves testsuite scripts unchanged after a front-door and an interpreter pass', () => {
    const names = ['binary.wast', 'linking.wast', 'imports.wast', 'elem.wast', 'data.wast', 'simd_lane.wast', 'memory_grow.wast'];
    const paths = names.map((n) => `${testsuiteDir()}/${n}`);
    const shared = parsedScripts(paths);
    const failed: string[] = [];
    for (const p of shared) {
      failed.push(...runParsed(p, null).failures.map((f) => `${f.file}:${f.line}`));
      failed.push(...runParsed(p, interpEngine, opts).failures.map((f) => `${f.file}:${f.line}`));
    }
    expect(failed).toEqual([]);
    const fresh = names.map((n, i) => parseWast(readFileSync(paths[i]!, 'utf8'), n));
    expect(shared.map((p, i) => `${p.file}: ${isDeepStrictEqual(p.script, fresh[i]) ? 'unchanged' : 'modified'}`)).toEqual(
      names.map((n) => `${n}: unchanged`),
    );
  });
});

describe('spec result matching', () => {
  const ex = new ExternRefs();
  const nan = (type: 'f32' | 'f64', kind: 'canonical' | 'arithmetic'): ResultPattern => ({ kind: 'nan', type, nan: kind });

  it('classifies f32 NaNs by bits (canonical: payload exactly the quiet bit; arithmetic: quiet bit set)', () => {
    expect(matches(0x7fc00000, nan('f32', 'canonical'), ex)).toBe(true);
    expect(matches(0xffc00000 | 0, nan('f32', 'canonical'), ex)).toBe(true);
    expect(matches(0x7fc00001, nan('f32', 'canonical'), ex)).toBe(false);
    expect(matches(0x7fc00001, nan('f32', 'arithmetic'), ex)).toBe(true);
    expect(matches(0x7fa00000, nan('f32', 'arithmetic'), ex)).toBe(false);
  });

  it('classifies f64 NaNs by bits', () => {
    expect(matches(f64FromBits(0x7ff8000000000000n), nan('f64', 'canonical'), ex)).toBe(true);
    expect(matches(f64FromBits(0xfff8000000000001n), nan('f64', 'canonical'), ex)).toBe(false);
    expect(matches(f64FromBits(0xfff8000000000001n), nan('f64', 'arithmetic'), ex)).toBe(true);
    expect(matches(f64FromBits(0x7ff4000000000000n), nan('f64', 'arithmetic'), ex)).toBe(false);
  });

  it('compares floats by bits, so 0 and -0 differ', () => {
    const zero: ResultPattern = { kind: 'value', value: { type: 'f64', bits: 0n } };
    expect(matches(0, zero, ex)).toBe(true);
    expect(matches(-0, zero, ex)).toBe(false);
  });

  it('matches v128 lanes per shape, NaN lanes included', () => {
    const v = new Uint8Array(16);
    new Float32Array(v.buffer).set([1, Number.NaN, -0, 2]);
    const p: ResultPattern = {
      kind: 'v128',
      shape: 'f32x4',
      lanes: [
        { kind: 'float', bits: 0x3f800000n },
        { kind: 'nan', nan: 'canonical' },
        { kind: 'float', bits: 0x80000000n },
        { kind: 'float', bits: 0x40000000n },
      ],
    };
    expect(matches(v, p, ex)).toBe(true);
    v[15] = 0x41;
    expect(matches(v, p, ex)).toBe(false);
  });

  it('keeps signalling NaN payloads in argument arrays', () => {
    const args = rawArgs([{ type: 'f64', bits: 0x7ff4000000000000n }, { type: 'f64', bits: 1n }], ex);
    expect(f64Bits(args[0] as number)).toBe(0x7ff4000000000000n);
  });
});
