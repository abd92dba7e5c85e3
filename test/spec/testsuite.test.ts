/**
 * The whole Wasm 2.0 testsuite through the spec runner (test/spec/runner.ts), in two passes
 * over the same parsed scripts (each script is parsed once, test/support/corpus.ts):
 * - front door (engine = null): every module decodes (text ones through encode → decode) and
 *   validates, every assert_malformed is rejected as malformed and every assert_invalid as
 *   invalid; commands that need an engine are counted as not run;
 * - interpreter (loader/interp): every command of every script passes, none skipped.
 * The passes share only the parse; the runner rebuilds every module from its source in each.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { interpEngine, spectestImports } from '../../loader/interp/index.js';
import { loadScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatResult, formatTotals, runParsed, sumResults, type FileResult, type RunOptions } from './runner.js';

const files = wastFiles();

const interpOpts: RunOptions = {
  spectest: () => {
    const s = spectestImports()['spectest'];
    if (s === undefined) throw new Error('spectestImports() has no "spectest" module');
    return s;
  },
};

const failureLines = (r: FileResult): string[] => r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`);

describe('front door (decode, validate, malformed, invalid) over the Wasm 2.0 testsuite', () => {
  const results: FileResult[] = [];

  it('finds the 147 .wast files of the testsuite', () => {
    expect(files.length).toBe(147);
  });

  for (const path of files) {
    it(`${baseName(path)}: every front-door command passes`, () => {
      const r = runParsed(loadScript(path), null);
      results.push(r);
      console.log(formatResult(r));
      expect(failureLines(r)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.passed + r.notRun).toBe(r.total);
    });
  }

  it('passes 100% of the front-door commands of the corpus', () => {
    const t = sumResults(results);
    expect(t.files).toBe(files.length);
    expect(t.failed).toBe(0);
    expect(t.passed + t.notRun).toBe(t.total);
  });

  afterAll(() => {
    console.log(formatTotals('front door total', sumResults(results)));
  });
});

describe('the interpreter passes the Wasm 2.0 testsuite', () => {
  const results: FileResult[] = [];

  it('finds the 147 .wast files of the testsuite', () => {
    expect(files.length).toBe(147);
  });

  for (const path of files) {
    it(`${baseName(path)}: every command passes`, () => {
      const r = runParsed(loadScript(path), interpEngine, interpOpts);
      results.push(r);
      console.log(formatResult(r));
      expect(failureLines(r)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.notRun).toBe(0);
      expect(r.passed).toBe(r.total);
    });
  }

  it('passes 100% of the commands of the corpus', () => {
    const t = sumResults(results);
    expect(t.files).toBe(files.length);
    expect(t.failed).toBe(0);
    expect(t.passed).toBe(t.total);
  });

  afterAll(() => {
    console.log(formatTotals('interpreter total', sumResults(results)));
  });
});
