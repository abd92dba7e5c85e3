/**
 * Large functions on the interpreter (issue 15): functions split into pieces
 * (loader/interp/split.ts) keep the interpreter's semantics, traps and backtraces; every
 * generated JS function of a large-function corpus stays under the bytecode budget; and
 * translation is lazy, per function.
 *
 * The size check uses the translator's bytecode estimate (loader/interp/bytecode-estimate.ts)
 * against the split budget (56,000 estimated bytes, V8's limit being 61,440 bytes of
 * bytecode); bench/interp-large.ts and docs/interpreter.md give the measured bytecode lengths
 * behind the estimate. The corpus: generated functions of 10,000 to 200,000 instructions
 * (straight-line arithmetic, a br_table dispatch loop, branchy code in a loop), the
 * large-function workloads of bench/large, and the largest functions of bench/corpus and
 * bench/programs.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAndValidate } from '../../../compiler/validate/index.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import { validateModule } from '../../../compiler/validate/index.js';
import type { RawValue } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { compileModule } from '../../../loader/interp/compile.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { DEFAULT_BUDGETS, setSplitBudgets } from '../../../loader/interp/split.js';
import { KilnTrap } from '../../../loader/trap.js';
import { createWasi } from '../../../loader/wasi/index.js';
import { spectestImports } from '../../../loader/instance/spectest.js';
import { loadScript } from '../../support/corpus.js';
import { baseName, wastFiles } from '../../support/testsuite.js';
import { runParsed, sumResults, type FileResult } from '../../spec/runner.js';
import { call, thrown } from './helpers.js';

const root = join(import.meta.dirname, '..', '..', '..');
const bench = (...p: string[]): Uint8Array => new Uint8Array(readFileSync(join(root, 'bench', ...p)));

/** budgets that split every function of more than a few instructions into tiny pieces */
const TINY = { above: 40, piece: 30, minChunk: 1 };

function withBudgets<T>(b: typeof TINY, f: () => T): T {
  const prev = setSplitBudgets(b);
  try {
    return f();
  } finally {
    setSplitBudgets(prev);
  }
}

function fromWat(text: string): Module {
  const m = parseWat(text);
  validateModule(m);
  return m;
}

/** calls export `name` on the interpreter and on V8 (same bytes), expects equal i32 results */
function sameAsV8(m: Module, name: string, args: number[]): number {
  const inst = instantiateModule(interpEngine, m, {});
  const f = inst.exports[name];
  if (f === undefined || f.kind !== 'func') throw new Error(`no export ${name}`);
  const ours = (f.callRaw(args as RawValue[])[0] as number) | 0;
  const v8 = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(m) as Uint8Array<ArrayBuffer>), {});
  const theirs = (v8.exports[name] as (...a: number[]) => number)(...args) | 0;
  expect(ours).toBe(theirs);
  return ours;
}

// ---- generated large functions ----

/** n rounds of i32 mixing over 8 locals, straight-line: about 9n instructions */
function straightLine(n: number): string {
  const body: string[] = [];
  for (let k = 0; k < n; k++) {
    const a = k % 8;
    const b = (k * 3 + 1) % 8;
    const c = (k * 5 + 2) % 8;
    body.push(`local.get ${a} local.get ${b} i32.const ${(k * 2654435761) | 0} i32.xor i32.add i32.const ${(k % 31) + 1} i32.rotl local.set ${c}`);
  }
  return `(module (func (export "run") (param i32) (result i32) (local i32 i32 i32 i32 i32 i32 i32)
    ${body.join('\n')}
    local.get 0 local.get 1 i32.xor local.get 2 i32.xor local.get 7 i32.add))`;
}

/** a loop dispatching through br_table over `cases` handlers of `work` rounds each */
function dispatchLoop(cases: number, work: number): string {
  const blocks = Array.from({ length: cases }, () => 'block').join(' ');
  const handlers: string[] = [];
  for (let c = 0; c < cases; c++) {
    const ops: string[] = [];
    for (let k = 0; k < work; k++) ops.push(`local.get 1 i32.const ${c * 131 + k} i32.add i32.const ${(k % 13) + 1} i32.rotl local.get 2 i32.xor local.set 1`);
    handlers.push(`end ${ops.join(' ')} local.get 2 i32.const ${c + 1} i32.add local.set 2 br 1`);
  }
  const labels = Array.from({ length: cases }, (_, i) => i).join(' ');
  return `(module (func (export "run") (param i32) (result i32) (local i32 i32)
    block loop
      local.get 0 i32.eqz br_if 1
      local.get 0 i32.const -1 i32.add local.set 0
      ${blocks} local.get 1 local.get 0 i32.xor i32.const ${cases} i32.rem_u br_table ${labels} 0
      ${handlers.join('\n')}
    end end
    local.get 1 local.get 2 i32.add))`;
}

/** a loop whose body is `n` if/else diamonds with early exits: about 20n instructions */
function branchy(n: number): string {
  const parts: string[] = [];
  for (let k = 0; k < n; k++) {
    parts.push(`local.get 1 i32.const ${k + 1} i32.and if local.get 1 i32.const ${k * 7 + 3} i32.mul local.set 1 else local.get 2 local.get 1 i32.xor i32.const 1 i32.rotl local.set 2 end
      local.get 2 i32.const ${0x7fffff00 - k} i32.eq br_if 1`);
  }
  return `(module (func (export "run") (param i32) (result i32) (local i32 i32)
    i32.const 1 local.set 1
    block loop
      ${parts.join('\n')}
      local.get 0 i32.const -1 i32.add local.tee 0 br_if 0
    end end
    local.get 1 local.get 2 i32.add))`;
}

describe('split functions keep the semantics', () => {
  const prev: { b: ReturnType<typeof setSplitBudgets> | null } = { b: null };
  beforeAll(() => {
    prev.b = setSplitBudgets(TINY);
  });
  afterAll(() => {
    if (prev.b !== null) setSplitBudgets(prev.b);
  });

  const results: FileResult[] = [];
  const opts = {
    spectest: () => {
      const s = spectestImports(interpEngine)['spectest'];
      if (s === undefined) throw new Error('spectestImports() has no "spectest" module');
      return s;
    },
  };
  for (const path of wastFiles()) {
    it(`${baseName(path)}: every command passes with every function split into tiny pieces`, () => {
      const r = runParsed(loadScript(path), interpEngine, opts);
      results.push(r);
      expect(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`)).toEqual([]);
      expect(r.passed).toBe(r.total);
    });
  }
  it('passes all 53,873 commands of the testsuite split', () => {
    const t = sumResults(results);
    expect(t.files).toBe(147);
    expect([t.passed, t.total]).toEqual([53_873, 53_873]);
  });

  it('runs the generated large functions split into tiny pieces like V8', () => {
    sameAsV8(fromWat(straightLine(300)), 'run', [7]);
    sameAsV8(fromWat(dispatchLoop(12, 3)), 'run', [500]);
    sameAsV8(fromWat(branchy(40)), 'run', [300]);
  });

  it('gives a trap inside a piece the backtrace of the unsplit function: names and offsets', () => {
    const text = `(module (memory 1)
      (func $inner (param i32) (result i32)
        (local.get 0) (i32.const 1) (i32.add) (local.set 0)
        (local.get 0) (i32.const 2) (i32.mul) (local.set 0)
        (local.get 0) (i32.const 3) (i32.xor) (local.set 0)
        (i32.load (i32.const 70000)))
      (func $outer (export "run") (param i32) (result i32)
        (local.get 0) (i32.const 5) (i32.add) (local.set 0)
        (local.get 0) (i32.const 6) (i32.add) (local.set 0)
        (call $inner (local.get 0))))`;
    const frames = (): unknown => {
      const inst = instantiateModule(interpEngine, fromWat(text), {});
      const e = thrown(() => call(inst, 'run', 1));
      expect(e).toBeInstanceOf(KilnTrap);
      return [(e as KilnTrap).kind, (e as KilnTrap).frames];
    };
    const split = frames();
    const whole = withBudgets({ ...DEFAULT_BUDGETS }, frames);
    expect(split).toEqual(whole);
    expect((whole as [string, { name: string }[]])[1].map((f) => f.name)).toEqual(['inner', 'outer']);
  });
});

describe('every generated JS function of the large-function corpus stays under the budget', () => {
  const limit = DEFAULT_BUDGETS.above;

  /** the largest estimated JS function of the `count` largest wasm functions of m */
  function largestPiece(m: Module, count: number): { estimate: number; pieces: number } {
    const t = compileModule(m, 10_000);
    const order = m.codes.map((c, k) => [c.size, k] as const).sort((a, b) => b[0] - a[0]);
    let estimate = 0;
    let pieces = 0;
    for (const [, k] of order.slice(0, count)) {
      const s = t.script(k);
      estimate = Math.max(estimate, s.largestPiece);
      pieces = Math.max(pieces, s.pieces);
    }
    return { estimate, pieces };
  }

  it('generated straight-line functions of 10,000 to 200,000 instructions', () => {
    for (const rounds of [1_200, 6_000, 22_000]) {
      const m = fromWat(straightLine(rounds));
      const r = largestPiece(m, 1);
      expect(r.estimate).toBeLessThanOrEqual(limit);
      expect(r.pieces).toBeGreaterThan(1);
      sameAsV8(m, 'run', [3]);
    }
  });

  it('a generated dispatch loop of 100 handlers (about 20,000 instructions)', () => {
    const m = fromWat(dispatchLoop(100, 20));
    const r = largestPiece(m, 1);
    expect(r.estimate).toBeLessThanOrEqual(limit);
    expect(r.pieces).toBeGreaterThan(1);
    sameAsV8(m, 'run', [2_000]);
  });

  it('a generated loop of 1,000 branches (about 20,000 instructions)', () => {
    const m = fromWat(branchy(1_000));
    const r = largestPiece(m, 1);
    expect(r.estimate).toBeLessThanOrEqual(limit);
    sameAsV8(m, 'run', [50]);
  });

  // sizes small enough for a test; each split function runs (with its frame, taken from the
  // pool when large) and must give V8's result
  const sizes: Readonly<Record<string, number>> = { rounds256: 40, rounds1024: 10, chain256: 40, chain1024: 10, bytevm: 2, lz: 1, sha256: 20 };
  for (const [name, size] of Object.entries(sizes)) {
    it(`bench/large/${name}.wasm, run like V8`, () => {
      const m = decodeAndValidate(bench('large', `${name}.wasm`));
      expect(largestPiece(m, 2).estimate).toBeLessThanOrEqual(limit);
      sameAsV8(m, 'run', [size]);
      sameAsV8(m, 'run', [size + 1]);
    });
  }

  it('the 20 largest functions of bench/corpus/corpus.wasm and of each bench/programs module', () => {
    for (const file of [['corpus', 'corpus.wasm'], ...['corelike', 'floyd', 'gemm', 'jacobi2d', 'lu', 'twomm'].map((p) => ['programs', `${p}.wasm`])]) {
      const m = decodeAndValidate(bench(...(file as [string, string])));
      expect([file.join('/'), largestPiece(m, 20).estimate <= limit]).toEqual([file.join('/'), true]);
    }
  });
});

describe('lazy translation', () => {
  it('instantiating the 1.2 MB corpus translates no function', () => {
    const m = decodeAndValidate(bench('corpus', 'corpus.wasm'));
    const wasi = createWasi({ args: ['corpus', '7'], env: {}, preopens: [] });
    const compiled = interpEngine.compile(m);
    interpEngine.instantiate(compiled, wasi.imports, { beforeStart: (i) => wasi.bindInstance(i) });
    expect(compileModule(m, (compiled as unknown as { maxCallDepth: number }).maxCallDepth).translatedCount).toBe(0);
  });

  it('a call translates the function it reaches, and each function once for all instances', () => {
    const m = fromWat(`(module
      (func $a (export "a") (result i32) (i32.const 1))
      (func $b (export "b") (result i32) (i32.add (call $c) (i32.const 1)))
      (func $c (result i32) (i32.const 40))
      (func $d (export "d") (result i32) (call $b)))`);
    const one = instantiateModule(interpEngine, m, {});
    const t = compileModule(m, (interpEngine.compile(m) as unknown as { maxCallDepth: number }).maxCallDepth);
    expect(t.translatedCount).toBe(0);
    expect(call(one, 'b')).toBe(41);
    expect(t.translatedCount).toBe(2);
    const two = instantiateModule(interpEngine, m, {});
    expect(call(two, 'd')).toBe(41);
    expect(call(two, 'a')).toBe(1);
    expect(t.translatedCount).toBe(4);
  });
});
