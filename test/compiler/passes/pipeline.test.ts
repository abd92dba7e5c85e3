/**
 * The pass driver: passes run in the listed order, each can be switched off, the hook runs
 * after every pass that ran, changes are counted per pass, and one PassContext reused across
 * functions of different sizes gives exactly what a fresh context gives.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { Func } from '../../../compiler/ir/func.js';
import { parseFunc } from '../../../compiler/ir/parser.js';
import { printFunc } from '../../../compiler/ir/printer.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { emptyStats, optimize, PASS_NAMES, type PassName } from '../../../compiler/passes/pipeline.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { repoRoot } from '../../support/testsuite.js';
import { ir } from './ir-text.js';

const SRC = ir`
  function %f(i32, ptr) -> i32 {
  block0(v0: i32, v1: ptr):
      v2 = iconst.i32 2
      v3 = iconst.i32 3
      v4 = iadd.i32 v2, v3
      jump block1(v0)
  block1(v5: i32):
      v6 = iconst.i32 8
      v7 = ptradd.ptr.i32 v1, v6
      v8 = load.i32 v7+0
      v9 = load.i32 v7+0
      v10 = iadd.i32 v8, v9
      v11 = isub.i32 v5, v10
      v12 = copy.i32 v11
      brif v12, block1(v12), block2
  block2:
      v13 = iadd.i32 v11, v4
      return v13
  }
`;

describe('the pass pipeline', () => {
  it('runs every pass in order, calling the hook after each, and counts changes per pass', () => {
    const f = parseFunc(SRC);
    const seen: PassName[] = [];
    const stats = emptyStats();
    optimize(f, new PassContext(), { stats, after: (p) => seen.push(p) });
    expect(seen).toEqual(['fold', 'copyprop', 'forward', 'gvn', 'bce', 'licm', 'addr', 'dce']);
    expect(stats).toEqual({ fold: 1, copyprop: 1, forward: 0, gvn: 1, bce: 0, licm: 4, addr: 1, dce: 4 });
    expect(printFunc(f)).toBe(ir`
      function %f(i32, ptr) -> i32 {
      block0(v0: i32, v1: ptr):
          v4 = iconst.i32 5
          v8 = load.i32 v1+8
          v10 = iadd.i32 v8, v8
          jump block1(v0)
      block1(v5: i32):
          v11 = isub.i32 v5, v10
          brif v11, block1(v11), block2
      block2:
          v13 = iadd.i32 v11, v4
          return v13
      }
    `);
  });

  it('skips the passes that are switched off, and does not call the hook for them', () => {
    const f = parseFunc(SRC);
    const seen: PassName[] = [];
    optimize(f, new PassContext(), { off: new Set<PassName>(PASS_NAMES), after: (p) => seen.push(p) });
    expect(seen).toEqual([]);
    expect(printFunc(f)).toBe(SRC);
    const g = parseFunc(SRC);
    const stats = emptyStats();
    optimize(g, new PassContext(), { off: new Set<PassName>(['licm', 'gvn']), stats });
    expect([stats.licm, stats.gvn]).toEqual([0, 0]);
    expect(printFunc(g)).toContain('v9 = load.i32 v1+8');
  });

  it('gives the same result with one context reused across functions as with a fresh one each', () => {
    const m = decodeModule(new Uint8Array(readFileSync(join(repoRoot(), 'bench/corpus/corpus.wasm'))));
    const shared = new PassContext();
    const fe = new Frontend(new Func());
    // functions of growing and shrinking sizes, so the shared arrays are reused and regrown
    const order = [10, 3, 2475 - 7 - 100, 5, 300, 1, 1200, 4, 2000, 0].map((k) => k % m.funcs.length);
    const mismatches: number[] = [];
    for (const k of order) {
      const a = fe.translate(m, k);
      optimize(a, shared);
      const got = printFunc(a);
      const b = fe.translate(m, k);
      optimize(b, new PassContext());
      if (printFunc(b) !== got) mismatches.push(k);
    }
    expect(mismatches).toEqual([]);
  });
});
