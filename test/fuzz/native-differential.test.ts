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
 *   KILN_NATIVE_DIFF_BOUNDS  the native engine's bounds: auto (default: guard pages) or explicit
 *   KILN_NATIVE_DIFF_EXPLICIT_COUNT  modules of a second run with explicit bounds checks
 *                            (default 1000; different seeds from the first run)
 *   KILN_NATIVE_DIFF_JOBS    child processes at once for runs of more than 10,000 modules
 *                            (default 1)
 *   KILN_NATIVE_DIFF_SLICE_SIZE  modules per child process (default 10000)
 *
 * Runs of more than 10,000 modules go in slices of 10,000 (the slice size), each in a child process running
 * this file with KILN_NATIVE_DIFF_SLICE=from:to and KILN_NATIVE_DIFF_REPORT=<json file>: a
 * process can hold only about 16,000 native instances with a memory (docs/native.md); the
 * files are named by the parent's pid and the slice's first module. Module i
 * is the same whichever process runs it. A failing module is written as WAT to the temporary
 * directory (named in the failure), and the seed of the module being run is kept in
 * kiln-native-diff-current.txt there (kiln-native-diff-current-<first module>.txt for a slice),
 * so that a crash of the process still names its seed.
 * See docs/testing.md.
 */

import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { selectEngine } from '../../cli/engines.js';
import { interpEngine } from '../../loader/interp/index.js';
import { nativeEngineFor, type BoundsRequest } from '../../loader/native/index.js';
import { showCounts } from './gen/coverage.js';
import { counterOf, mergeSlices, runSlice, type SliceReport } from './gen/diff-slice.js';

const COUNT = Number(process.env['KILN_NATIVE_DIFF_COUNT'] ?? 5000);
const BASE_SEED = Number(process.env['KILN_NATIVE_DIFF_SEED'] ?? 0x6e617469);
const ENGINE_NAME = process.env['KILN_NATIVE_DIFF_ENGINE'] ?? 'native';
/** the native engine's bounds mode: auto (guard pages where the host has them) or explicit */
const BOUNDS = (process.env['KILN_NATIVE_DIFF_BOUNDS'] ?? 'auto') as BoundsRequest;
const ENGINE = ENGINE_NAME === 'native' ? nativeEngineFor(BOUNDS) : selectEngine(ENGINE_NAME);
/** modules of the second run, on the native engine with explicit bounds checks */
const EXPLICIT_COUNT = Number(process.env['KILN_NATIVE_DIFF_EXPLICIT_COUNT'] ?? 1000);
const JOBS = Math.max(1, Number(process.env['KILN_NATIVE_DIFF_JOBS'] ?? 1));
/** set in a child process: the slice to run and where to write its report */
const SLICE = process.env['KILN_NATIVE_DIFF_SLICE'];
const REPORT = process.env['KILN_NATIVE_DIFF_REPORT'];
/** modules per process */
const SLICE_SIZE = Math.max(1, Number(process.env['KILN_NATIVE_DIFF_SLICE_SIZE'] ?? 10_000));
/** every non-SIMD opcode at least this often (checked on runs of at least COVERAGE_RUN modules) */
const MIN_OCCURRENCES = 20;
const COVERAGE_RUN = 5000;

/** vitest's limit for the one test: generous per module, so that the long run is not cut short */
const TIMEOUT_MS = Math.max(600_000, COUNT * 100);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const THIS_FILE = 'test/fuzz/native-differential.test.ts';

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** occurrences per label, most frequent first, as `label n, …` */
function tallyText(m: Record<string, number>): string {
  return Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** runs modules [from, to) in a child process; resolves to its report or why there is none */
function runChild(from: number, to: number): Promise<SliceReport | string> {
  const report = join(tmpdir(), `kiln-native-diff-slice-${process.pid}-${from}.json`);
  const log = join(tmpdir(), `kiln-native-diff-slice-${process.pid}-${from}.log`);
  writeFileSync(report, '');
  const fd = openSync(log, 'w');
  const env = {
    ...process.env,
    KILN_NATIVE_DIFF_COUNT: String(to - from),
    KILN_NATIVE_DIFF_SLICE: `${from}:${to}`,
    KILN_NATIVE_DIFF_REPORT: report,
    KILN_NATIVE_DIFF_SEED: String(BASE_SEED),
  };
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', THIS_FILE], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      closeSync(fd);
      const text = existsSync(report) ? readFileSync(report, 'utf8') : '';
      if (text !== '') resolve(JSON.parse(text) as SliceReport);
      else resolve(`modules ${from}..${to - 1}: the child process ended (${signal ?? `exit ${code}`}) without a report; its output is in ${log}`);
    });
  });
}

/** every slice of [0, COUNT) in child processes, JOBS at a time */
async function runInChildren(): Promise<{ parts: SliceReport[]; lost: string[] }> {
  const slices: [number, number][] = [];
  for (let from = 0; from < COUNT; from += SLICE_SIZE) slices.push([from, Math.min(COUNT, from + SLICE_SIZE)]);
  const parts: SliceReport[] = [];
  const lost: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < slices.length) {
      const [from, to] = slices[next++] as [number, number];
      const r = await runChild(from, to);
      if (typeof r === 'string') lost.push(r);
      else parts.push(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOBS, slices.length) }, worker));
  return { parts, lost };
}

const title = SLICE === undefined ? `${COUNT} random modules: the ${ENGINE.name} engine vs the interpreter` : `slice ${SLICE} of the native differential`;

describe(title, () => {
  it('agree on every result, trap kind, memory, exported global and table slot, and cover every non-SIMD opcode', async () => {
    if (SLICE !== undefined) {
      // a child of a long run: the parent checks the figures
      const [from, to] = SLICE.split(':').map(Number) as [number, number];
      const r = await runSlice({ baseSeed: BASE_SEED, from, to, engine: ENGINE, reference: interpEngine, currentFile: `kiln-native-diff-current-${from}.txt` });
      writeFileSync(REPORT ?? join(tmpdir(), `kiln-native-diff-slice-${from}.json`), JSON.stringify(r));
      return;
    }
    const start = performance.now();
    let lost: string[] = [];
    let r: SliceReport;
    let where = 'one process';
    if (COUNT <= SLICE_SIZE) {
      r = await runSlice({ baseSeed: BASE_SEED, from: 0, to: COUNT, engine: ENGINE, reference: interpEngine });
    } else {
      const run = await runInChildren();
      lost = run.lost;
      r = mergeSlices(run.parts);
      where = `${Math.ceil(COUNT / SLICE_SIZE)} child processes, ${JOBS} at a time`;
    }
    const coverage = counterOf(r);
    const rare = coverage.below(MIN_OCCURRENCES);
    console.log(
      `native differential (${ENGINE.name} vs interp): ${r.modules} modules, ${r.calls} calls, ${r.mismatching} mismatching modules; ` +
        `outcomes on the interpreter: ${tallyText(r.outcomes)}; ` +
        `opcode coverage: minimum ${coverage.minimum()}, rarest ${showCounts(coverage.rarest(10))}; ` +
        `time ${secs(performance.now() - start)} in ${where} (generate+decode ${secs(r.ms.gen)}, interpreter ${secs(r.ms.ref)}, ` +
        `${ENGINE.name} ${secs(r.ms.test)}; CPU ${secs(r.ms.cpu)})`,
    );
    expect(lost, 'slices without a report').toEqual([]);
    expect(r.modules).toBe(COUNT);
    expect(r.mismatches, `${r.mismatching} of ${COUNT} modules disagree (first ${r.mismatches.length} listed)`).toEqual([]);
    expect(r.elsewhere, `instances not on the ${ENGINE.name} engine`).toEqual([]);
    if (COUNT >= COVERAGE_RUN) {
      expect(rare.map((c) => c.op.name), `opcodes seen fewer than ${MIN_OCCURRENCES} times: ${showCounts(rare)}`).toEqual([]);
    }
  }, TIMEOUT_MS);

  if (SLICE === undefined && ENGINE_NAME === 'native') {
    it(`${EXPLICIT_COUNT} more modules with explicit bounds checks (bounds-check elimination included) agree too`, async () => {
      const engine = nativeEngineFor('explicit');
      const r = await runSlice({ baseSeed: BASE_SEED ^ 0x5a5a5a5a, from: 0, to: EXPLICIT_COUNT, engine, reference: interpEngine });
      console.log(`native differential, explicit bounds: ${r.modules} modules, ${r.calls} calls, ${r.mismatching} mismatching modules (${secs(r.ms.wall)})`);
      expect(engine.backend.bounds().mode).toBe('explicit');
      expect(r.mismatches, `${r.mismatching} of ${EXPLICIT_COUNT} modules disagree`).toEqual([]);
      expect(r.elsewhere).toEqual([]);
    }, Math.max(600_000, EXPLICIT_COUNT * 100));
  }
});
