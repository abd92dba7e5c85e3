/**
 * Differential test of the native engine against the interpreter (issue 8, "How it is
 * checked"): random valid modules from the generator with its full default feature set, the
 * same seeded calls in the same order on one instance per engine. Every call must agree —
 * results (integers exactly, floats by bits with any NaN matching any NaN), trap kinds — and
 * so must the exported memory, globals and table (funcref slots by function identity) after
 * instantiation and after every call. Every instance must really run on the native engine.
 * The run must also cover the instruction set: every opcode outside SIMD at least 20 times in
 * the bodies of the modules it ran (counted from the decoded bytes).
 *
 *   KILN_NATIVE_DIFF_COUNT   modules (default 5000; the long run is 100000)
 *   KILN_NATIVE_DIFF_SEED    base seed (module i uses subSeed(seed, i))
 *   KILN_NATIVE_DIFF_ENGINE  engine under test (default native; `interp` checks the harness)
 *
 * A failing module is written as WAT to the temporary directory (named in the failure), and
 * the seed of the module being run is kept in kiln-native-diff-current.txt there, so that a
 * crash of the process still names its seed. See docs/testing.md.
 */

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectEngine } from '../../cli/engines.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { interpEngine } from '../../loader/interp/index.js';
import { OpcodeCounter, showCounts } from './gen/coverage.js';
import { firstMismatch } from './gen/compare.js';
import { generateModule, subSeed } from './gen/index.js';
import { callPlan, runOnKiln, type RunOptions, type RunResult } from './gen/run.js';
import { toWat } from './gen/wat.js';

const COUNT = Number(process.env['KILN_NATIVE_DIFF_COUNT'] ?? 5000);
const BASE_SEED = Number(process.env['KILN_NATIVE_DIFF_SEED'] ?? 0x6e617469);
const ENGINE = selectEngine(process.env['KILN_NATIVE_DIFF_ENGINE'] ?? 'native');
/** every non-SIMD opcode at least this often (checked on runs of at least COVERAGE_RUN modules) */
const MIN_OCCURRENCES = 20;
const COVERAGE_RUN = 5000;
/** mismatching modules reported in full (the run goes on counting the others) */
const REPORTED = 20;
const REPRODUCERS = 5;

/** vitest's limit for the one test: generous per module, so that the long run is not cut short */
const TIMEOUT_MS = Math.max(600_000, COUNT * 100);

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** occurrences per label, most frequent first, as `label n, …` */
function tallyText(m: Map<string, number>): string {
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

describe(`${COUNT} random modules: the ${ENGINE.name} engine vs the interpreter`, () => {
  it('agree on every result, trap kind, memory, exported global and table slot, and cover every non-SIMD opcode', async () => {
    const options: RunOptions = { snapshotMemory: true, snapshotState: true };
    const coverage = new OpcodeCounter();
    const mismatches: string[] = [];
    const elsewhere: string[] = [];
    const outcomes = new Map<string, number>();
    const current = join(tmpdir(), 'kiln-native-diff-current.txt');
    let mismatching = 0;
    let calls = 0;
    let tGen = 0;
    let tRef = 0;
    let tTest = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();

    for (let i = 0; i < COUNT; i++) {
      // let vitest's worker answer its runner now and then (a minute without it is an error)
      if (i % 200 === 199) await new Promise<void>((resolve) => setImmediate(resolve));
      const seed = subSeed(BASE_SEED, i);
      let t = performance.now();
      const g = generateModule(seed);
      const bytes = encodeModule(g.module);
      const module = decodeModule(bytes);
      coverage.addModule(module);
      const plan = callPlan(g);
      tGen += performance.now() - t;

      t = performance.now();
      const ref = runOnKiln(g, module, plan, { ...options, engine: interpEngine });
      tRef += performance.now() - t;

      writeFileSync(current, `seed ${seed} (index ${i}, base seed ${BASE_SEED})\n`);
      t = performance.now();
      const mine: RunResult = runOnKiln(g, module, plan, { ...options, engine: ENGINE });
      tTest += performance.now() - t;

      if (mine.engine !== null && mine.engine !== ENGINE.name) elsewhere.push(`seed ${seed}: ran on ${mine.engine}`);
      for (const c of ref.calls) {
        calls++;
        const k = c.outcome.kind === 'trap' ? c.outcome.trap : c.outcome.kind;
        outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
      }
      const diff = firstMismatch(g, mine, ref);
      if (diff === null) continue;
      mismatching++;
      if (mismatches.length >= REPORTED) continue;
      let where = '';
      if (mismatches.length < REPRODUCERS) {
        const file = join(tmpdir(), `kiln-native-diff-${seed}.wat`);
        writeFileSync(file, toWat(g.module));
        where = ` [${file}]`;
      }
      const size = g.module.codes.reduce((n, c) => n + c.body.length, 0);
      mismatches.push(`seed ${seed} (index ${i}; ${g.module.codes.length} functions, ${size} instructions)${where}: ${diff}`);
    }

    const total = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const rare = coverage.below(MIN_OCCURRENCES);
    console.log(
      `native differential (${ENGINE.name} vs interp): ${COUNT} modules, ${calls} calls, ${mismatching} mismatching modules; ` +
        `outcomes on the interpreter: ${tallyText(outcomes)}; ` +
        `opcode coverage: minimum ${coverage.minimum()}, rarest ${showCounts(coverage.rarest(10))}; ` +
        `time ${secs(total)} (generate+decode ${secs(tGen)}, interpreter ${secs(tRef)}, ${ENGINE.name} ${secs(tTest)}; ` +
        `CPU ${secs((cpu.user + cpu.system) / 1000)})`,
    );
    expect(mismatches, `${mismatching} of ${COUNT} modules disagree (first ${mismatches.length} listed)`).toEqual([]);
    expect(elsewhere, `instances not on the ${ENGINE.name} engine`).toEqual([]);
    if (COUNT >= COVERAGE_RUN) {
      expect(rare.map((c) => c.op.name), `opcodes seen fewer than ${MIN_OCCURRENCES} times: ${showCounts(rare)}`).toEqual([]);
    }
  }, TIMEOUT_MS);
});
