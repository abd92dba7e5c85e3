/**
 * The optimisation passes preserve behaviour end to end: bench/corpus/corpus.wasm (480 C units,
 * clang -O2) compiled natively with every pass, and with each pass switched off in turn, runs
 * to the same known checksum (the one Node's own WASI gives, bench/README.md).
 */

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASS_NAMES, type PassName } from '../../compiler/passes/pipeline.js';
import { nativeEngineWith } from '../../loader/native/index.js';
import { compileModule } from '../../targets/compile.js';
import { kilnTestEngine, runWasm } from '../loader/wasi/harness.js';
import { repoRoot } from '../support/testsuite.js';

const CORPUS = join(repoRoot(), 'bench/corpus/corpus.wasm');
const EXPECTED = '480 entries, checksum 6aef77537c6202f5\n';

function runWith(off: ReadonlySet<PassName>): string {
  const engine = nativeEngineWith((m) => compileModule(m, { passesOff: off }));
  const r = runWasm(kilnTestEngine(engine), CORPUS, { args: ['corpus', '7'], env: {}, preopens: [] });
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('the corpus natively, with each pass switched off', () => {
  it('all passes on', () => {
    expect(runWith(new Set())).toBe(EXPECTED);
  }, 120_000);

  it.each([...PASS_NAMES])('without %s', (pass) => {
    expect(runWith(new Set([pass]))).toBe(EXPECTED);
  }, 120_000);
});
