/**
 * Every pass changes something on bench/corpus/corpus.wasm: each of its 2,469 functions is
 * translated, optimised with the verifier after every pass, and the changes of each pass are
 * counted (and printed, for docs/passes.md), as are the instructions before and after.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { Func, NO } from '../../../compiler/ir/func.js';
import { verify } from '../../../compiler/ir/verify.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { emptyStats, optimize, PASS_NAMES } from '../../../compiler/passes/pipeline.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { repoRoot } from '../../support/testsuite.js';

function instCount(f: Func): number {
  let n = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) n++;
  }
  return n;
}

describe('the passes on corpus.wasm', () => {
  it('every pass changes something, and every function verifies after every pass', () => {
    const m = decodeModule(new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm'))));
    validateModule(m);
    const fe = new Frontend(new Func());
    const ctx = new PassContext();
    const stats = emptyStats();
    let before = 0;
    let afterAll = 0;
    for (let i = 0; i < m.funcs.length; i++) {
      const f = fe.translate(m, i);
      before += instCount(f);
      optimize(f, ctx, { stats, after: (_, g) => verify(g) });
      afterAll += instCount(f);
    }
    console.log(`passes on corpus.wasm: ${m.funcs.length} functions, ${before} instructions before, ${afterAll} after; changes per pass: ${PASS_NAMES.map((p) => `${p} ${stats[p]}`).join(', ')}`);
    for (const p of PASS_NAMES) expect([p, stats[p] > 0]).toEqual([p, true]);
    expect(afterAll).toBeLessThan(before);
  }, 300_000);
});
