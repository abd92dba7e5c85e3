/**
 * The optimised IR means what the wasm means: the spec testsuite's assertions run through the
 * reference IR evaluator on every function after the full pipeline, with the verifier after
 * every pass, and again with each pass switched off in turn. Every command is counted; the
 * passed count and the skips equal the frontend's own spec test on unoptimised IR, which
 * shares this command runner (../ir-spec.ts).
 */

import { describe, expect, it } from 'vitest';
import { verify } from '../../../compiler/ir/verify.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize, PASS_NAMES, type PassName } from '../../../compiler/passes/pipeline.js';
import { parsedScripts } from '../../support/corpus.js';
import { runSpec, skippedByReason, type Totals } from '../ir-spec.js';

const PASSED = 46814;
const SKIPPED = { exhaustion: 15, 'module not hosted': 1390 };

function summary(t: Totals): { failed: string[]; passed: number; skipped: Record<string, number> } {
  return { failed: t.failed.slice(0, 20), passed: t.passed, skipped: skippedByReason(t) };
}

describe('the optimised IR passes the spec testsuite', () => {
  const scripts = parsedScripts();
  const ctx = new PassContext();

  it('with every pass on, verifying after each pass', () => {
    let verified = 0;
    const t = runSpec(scripts, (f) =>
      optimize(f, ctx, {
        after: (_, g) => {
          verify(g);
          verified++;
        },
      }),
    );
    expect(summary(t)).toEqual({ failed: [], passed: PASSED, skipped: SKIPPED });
    expect(verified).toBeGreaterThan(0);
  }, 600_000);

  for (const pass of PASS_NAMES) {
    it(`with ${pass} switched off`, () => {
      const off = new Set<PassName>([pass]);
      const t = runSpec(scripts, (f) => optimize(f, ctx, { off, after: (_, g) => verify(g) }));
      expect(summary(t)).toEqual({ failed: [], passed: PASSED, skipped: SKIPPED });
    }, 600_000);
  }
});
