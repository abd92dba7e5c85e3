/**
 * The whole Wasm 2.0 testsuite through the spec runner (test/spec/runner.ts), in two passes
 * over each script:
 * - front door (engine = null): every module decodes (text ones through encode → decode) and
 *   validates, every assert_malformed is rejected as malformed and every assert_invalid as
 *   invalid; commands that need an engine are counted as not run;
 * - interpreter (loader/interp): every command passes, none skipped.
 * The two tests of a script run one after the other on one parse of it (the runner leaves a
 * script as parsed, test/spec/runner.test.ts), which is then released; each pass rebuilds
 * every module from its source.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { interpEngine } from '../../loader/interp/index.js';
import { spectestImports } from '../../loader/instance/spectest.js';
import { loadScript, type ParsedScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatResult, formatTotals, runParsed, sumResults, type FileResult, type RunOptions } from './runner.js';

const files = wastFiles();

const interpOpts: RunOptions = {
  spectest: () => {
    const s = spectestImports(interpEngine)['spectest'];
    if (s === undefined) throw new Error('spectestImports() has no "spectest" module');
    return s;
  },
};

/** the script in use: parsed by the first of its two tests, released when the next script is parsed */
let current: { path: string; parsed: ParsedScript } | null = null;
function scriptAt(path: string): ParsedScript {
  if (current?.path !== path) current = { path, parsed: loadScript(path) };
  return current.parsed;
}

const failureLines = (r: FileResult): string[] => r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`);

describe('the Wasm 2.0 testsuite: front door, and every command on the interpreter', () => {
  const frontDoor: FileResult[] = [];
  const interp: FileResult[] = [];

  it('finds the 147 .wast files of the testsuite', () => {
    expect(files.length).toBe(147);
  });

  for (const path of files) {
    it(`${baseName(path)}: every front-door command passes`, () => {
      const r = runParsed(scriptAt(path), null);
      frontDoor.push(r);
      console.log(formatResult(r));
      expect(failureLines(r)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.passed + r.notRun).toBe(r.total);
    });

    it(`${baseName(path)}: every command passes on the interpreter`, () => {
      const r = runParsed(scriptAt(path), interpEngine, interpOpts);
      interp.push(r);
      console.log(formatResult(r));
      expect(failureLines(r)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.notRun).toBe(0);
      expect(r.passed).toBe(r.total);
    });
  }

  it('passes 100% of the front-door commands of the corpus', () => {
    const t = sumResults(frontDoor);
    expect(t.files).toBe(files.length);
    expect(t.failed).toBe(0);
    expect(t.passed + t.notRun).toBe(t.total);
  });

  it('passes 100% of the commands of the corpus on the interpreter', () => {
    const t = sumResults(interp);
    expect(t.files).toBe(files.length);
    expect(t.failed).toBe(0);
    expect(t.passed).toBe(t.total);
  });

  afterAll(() => {
    current = null;
    console.log(formatTotals('front door total', sumResults(frontDoor)));
    console.log(formatTotals('interpreter total', sumResults(interp)));
  });
});
