/**
 * The translation means what the wasm means: the spec testsuite's assert_return and assert_trap
 * commands run on the frontend's IR through the reference evaluator (ir-eval.ts, with the vector
 * rows in ir-eval-simd.ts), for every module the evaluator can host (memory, tables, globals,
 * data and element segments with constant initialisers; imports from `spectest` only). The
 * command runner is shared with the passes' spec test (../ir-spec.ts). Every command is counted:
 * passed, failed, or skipped with a reason (a module it cannot host, exhaustion); failures and
 * evaluator bugs (a trapping row reached without its explicit check) fail the test. The SIMD
 * files run like the others, v128 arguments and results (lane-wise NaN patterns included)
 * compared exactly.
 */

import { describe, expect, it } from 'vitest';
import { parsedScripts } from '../../support/corpus.js';
import { runSpec, skippedByReason } from '../ir-spec.js';
import { missingVectorRows } from './ir-eval-simd.js';

describe('the IR means what the wasm means', () => {
  it('the evaluator has every vector row', () => {
    expect(missingVectorRows()).toEqual([]);
  });

  it('passes the testsuite assertions it can host', () => {
    const totals = runSpec(parsedScripts());
    const skipped = skippedByReason(totals);
    console.log(`frontend, spec assertions on the IR: ${totals.passed} passed, ${totals.failed.length} failed, skipped: ${Object.entries(skipped).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(totals.failed.slice(0, 40)).toEqual([]);
    expect(totals.passed).toBe(46814);
    expect(skipped).toEqual({ exhaustion: 15, 'module not hosted': 1390 });
  });
});
