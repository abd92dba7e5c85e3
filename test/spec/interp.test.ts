/**
 * The whole Wasm 2.0 testsuite executed by the interpreter (loader/interp) through the spec
 * runner: every command of every script must pass.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { interpEngine, spectestImports } from '../../loader/interp/index.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatResult, formatTotals, runWastFile, sumResults, type FileResult, type RunOptions } from './runner.js';

const files = wastFiles();
const results: FileResult[] = [];
const opts: RunOptions = {
  spectest: () => {
    const s = spectestImports()['spectest'];
    if (s === undefined) throw new Error('spectestImports() has no "spectest" module');
    return s;
  },
};

describe('the interpreter passes the Wasm 2.0 testsuite', () => {
  it('finds the 147 .wast files of the testsuite', () => {
    expect(files.length).toBe(147);
  });

  for (const path of files) {
    it(`${baseName(path)}: every command passes`, () => {
      const r = runWastFile(path, interpEngine, opts);
      results.push(r);
      console.log(formatResult(r));
      expect(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`)).toEqual([]);
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
