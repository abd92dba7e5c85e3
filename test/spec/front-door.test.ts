/**
 * The front door over the whole Wasm 2.0 testsuite, without execution: every module decodes
 * (text ones through encode → decode) and validates, every assert_malformed is rejected as
 * malformed and every assert_invalid as invalid (test/spec/runner.ts with engine = null).
 */

import { afterAll, describe, expect, it } from 'vitest';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatResult, formatTotals, runWastFile, sumResults, type FileResult } from './runner.js';

const files = wastFiles();
const results: FileResult[] = [];

describe('front door (decode, validate, malformed, invalid) over the Wasm 2.0 testsuite', () => {
  it('finds the 147 .wast files of the testsuite', () => {
    expect(files.length).toBe(147);
  });

  for (const path of files) {
    it(`${baseName(path)}: every front-door command passes`, () => {
      const r = runWastFile(path, null);
      results.push(r);
      console.log(formatResult(r));
      expect(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`)).toEqual([]);
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
