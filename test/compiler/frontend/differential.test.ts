/**
 * Differential test of the frontend against kiln's interpreter (the reference, which runs wasm
 * without the IR): random valid modules from test/fuzz/gen, the same seeded calls in the same
 * order, on the interpreter and on the translated IR through the reference evaluator. Every call
 * must agree (results by bits with any NaN matching any NaN, or the same trap kind), and so must
 * the exported memory after every call. KILN_FRONTEND_DIFF_COUNT (default 300) and
 * KILN_FRONTEND_DIFF_SEED override the run.
 */

import { describe, expect, it } from 'vitest';
import { ValType } from '../../../formats/wasm/types.js';
import { generateModule, subSeed } from '../../fuzz/gen/index.js';
import { callPlan, compareMemory, compareOutcomes, runOnKiln, type CallOutcome, type PlannedCall } from '../../fuzz/gen/run.js';
import { f64Bits, f64FromBits } from '../../fuzz/gen/values.js';
import { EvalTrap, type Val } from './ir-eval.js';
import { instantiate, invokeExport, type Instance } from './ir-host.js';

const COUNT = Number(process.env['KILN_FRONTEND_DIFF_COUNT'] ?? 300);
const BASE_SEED = Number(process.env['KILN_FRONTEND_DIFF_SEED'] ?? 0x66726f6e);

const toEval = (t: ValType, v: unknown): Val => (t === ValType.F64 ? f64Bits(v as number) : (v as Val));
const fromEval = (t: ValType, v: Val): number | bigint => (t === ValType.F64 ? f64FromBits(v as bigint) : v);

function runOnIr(inst: Instance, call: PlannedCall): CallOutcome {
  try {
    const out = invokeExport(inst, call.name, call.args.map((a, i) => toEval(call.params[i] as ValType, a)));
    return { kind: 'result', values: out.map((v, i) => fromEval(call.results[i] as ValType, v)) };
  } catch (e) {
    if (e instanceof EvalTrap) return { kind: 'trap', trap: e.message, kinds: [e.message] };
    return { kind: 'error', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

describe('frontend IR vs the interpreter on random modules', () => {
  it(`agrees on every call of ${COUNT} generated modules`, () => {
    const failures: string[] = [];
    let calls = 0;
    for (let k = 0; k < COUNT && failures.length < 10; k++) {
      const seed = subSeed(BASE_SEED, k);
      const g = generateModule(seed);
      const plan = callPlan(g);
      const reference = runOnKiln(g, g.module, plan, { snapshotMemory: true });
      if (reference.instantiateError !== null) continue;
      const inst = instantiate(g.module);
      for (const rec of reference.calls) {
        calls++;
        const mine = runOnIr(inst, rec.call);
        const diff = compareOutcomes(rec.call.results, mine, rec.outcome);
        const mem = g.memory === null ? null : inst.machine.memory.slice(0, inst.machine.memSize);
        const memDiff = rec.memory === null ? null : compareMemory(mem, rec.memory);
        if (diff !== null || memDiff !== null) {
          failures.push(`seed ${seed} ${rec.call.name}: ${diff ?? memDiff}`);
          break;
        }
      }
    }
    console.log(`frontend differential: ${COUNT} modules, ${calls} calls compared, ${failures.length} disagreements`);
    expect(failures).toEqual([]);
    if (process.env['KILN_FRONTEND_DIFF_COUNT'] === undefined && process.env['KILN_FRONTEND_DIFF_SEED'] === undefined) expect(calls).toBe(1774);
  });
});
