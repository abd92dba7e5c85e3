/**
 * The whole Wasm 2.0 testsuite on the native x86-64 engine (loader/native + targets/compile):
 * every command of every module that uses no v128 passes, none is skipped, and every instance
 * really runs natively. The modules that use v128 (computed here from the decoder, by
 * compiler/v128-use.ts) must be refused by the engine with an 'unsupported' error; their
 * commands are counted on a line of their own ("unsupported until SIMD"), never as passes.
 * The allocation checker runs on every compiled function.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { firstV128Use } from '../../compiler/v128-use.js';
import { nativeEngineWith } from '../../loader/native/index.js';
import { compileModule } from '../../targets/compile.js';
import { loadScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatResult, formatTotals, runParsed, sumResults, type FileResult, type RunOptions } from './runner.js';

const engine = nativeEngineWith((m) => compileModule(m, { checkAllocation: true }));
const files = wastFiles();
const opts: RunOptions = {
  mustRefuse: (m) => firstV128Use(m) !== null,
  expectEngine: 'native',
};

describe('the Wasm 2.0 testsuite on the native engine', () => {
  const results: FileResult[] = [];

  for (const path of files) {
    it(`${baseName(path)}: every command passes natively (v128 modules refused and counted)`, () => {
      const r = runParsed(loadScript(path), engine, opts);
      results.push(r);
      console.log(formatResult(r));
      expect(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.notRun).toBe(0);
      expect(r.passed + r.unsupported).toBe(r.total);
    });
  }

  it('passes every command that does not need SIMD', () => {
    const t = sumResults(results);
    expect(t.files).toBe(files.length);
    expect(t.failed).toBe(0);
    expect(t.passed + t.unsupported).toBe(t.total);
  });

  afterAll(() => {
    console.log(formatTotals('native total', sumResults(results)));
  });
});
