/**
 * `npm run bench:native`: kiln's native engine against V8's optimising tier and kiln's
 * interpreter, in one run, on the kernels (bench/kernels), the real programs (bench/programs)
 * and the 1.2 MB corpus (bench/corpus); then the native compiler's own figures.
 *
 * Speed: each workload is compiled once per engine (untimed); every run gets a fresh instance
 * for a WASI command (untimed), and only the kernel call or `_start` is timed. --warmup untimed
 * runs, then at least --reps timed ones, more (≤ MAX_REPS) until MIN_MEASURED_SECONDS were
 * measured; the median is reported. Every run's result is checked: a command's output against
 * its expected line (programs: from a host build; corpus: its known checksum), a kernel's
 * result against V8's.
 *
 * V8 runs with --no-liftoff, i.e. TurboFan only (Node's defaults would leave a long-running
 * call in Liftoff, about 2× slower on loop kernels); started without it, this script restarts
 * itself with it.
 *
 * Compile (bench/native-compile.ts, one child process per module and pipeline): throughput of
 * the whole native pipeline in MB/s of code section, machine-code bytes per wasm byte, peak
 * RSS; V8 TurboFan compiling single-threaded as the peer.
 *
 * An engine that is not registered (the native engine before it is wired into cli/engines.ts)
 * is reported as n/a with the reason, and the rest is still measured.
 *
 * Usage: node --no-liftoff dist/bench/native.js [--reps=5] [--warmup=1] [--engines=native,v8,interp]
 *   (`native-noint` is the native engine without interruption checks, to measure their cost)
 *          [--groups=kernel,program,corpus] [--only=gemm,fib] [--compile-reps=5] [--no-compile]
 *          [--no-run] [--out=DIR] [--no-write]
 * Writes bench/results/native.json and native.md (no timestamps).
 * Exit: 0 measured; 1 a registered kiln engine failed a workload or a result was wrong; 2 the
 * harness failed. Speed never fails it.
 */

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { errorText, intFlag, isMain, machineInfo, markdownReport, now, parseFlags, round, writeResults, median, best } from './lib.js';
import { measureCompile } from './native-compile.js';
import {
  compileNotes,
  compileTable,
  compileTotals,
  missingNotes,
  ratioLabel,
  rowRatio,
  speedTable,
  summarize,
  type Cell,
  type CompileRow,
  type RatioPair,
  type SpeedRow,
  type Timing,
} from './native-report.js';
import { engineProblem, runnerFor, type Prepared } from './runners.js';
import { readWorkloads, WORKLOAD_GROUPS, type Workload, type WorkloadGroup } from './workloads.js';

export const ENGINES: readonly string[] = ['native', 'v8', 'interp'];
/** engines --engines accepts besides the defaults */
const EXTRA_ENGINES: readonly string[] = ['native-noint'];
export const PAIRS: readonly RatioPair[] = [
  ['native', 'v8'],
  ['interp', 'v8'],
  ['native', 'interp'],
  // the cost of interruption checks: `--engines=native,native-noint` (bench/kiln.ts)
  ['native', 'native-noint'],
];
const MIN_MEASURED_SECONDS = 0.5;
const MAX_REPS = 50;
const V8_TIER = 'TurboFan only (node --no-liftoff)';

/** warm-up runs, then timed runs; every run must give the same result */
function measure(p: Prepared, reps: number, warmup: number): Timing {
  let result: string | undefined;
  const check = (r: string): void => {
    if (result !== undefined && r !== result) throw new Error(`the result changed between runs: ${JSON.stringify(result)}, then ${JSON.stringify(r)}`);
    result = r;
  };
  for (let i = 0; i < warmup; i++) {
    const trial = p.trial();
    trial.run();
    check(trial.result());
  }
  const times: number[] = [];
  let total = 0;
  while (times.length < reps || (total < MIN_MEASURED_SECONDS && times.length < MAX_REPS)) {
    const trial = p.trial();
    const t0 = now();
    trial.run();
    const t = now() - t0;
    check(trial.result());
    times.push(t);
    total += t;
  }
  return { median: median(times), best: best(times), reps: times.length, result: result ?? '' };
}

const oneLine = (s: string): string => (s.length > 120 ? s.slice(0, 117) + '...' : s).replaceAll('\n', ' | ');

/**
 * Checks each cell against the expectation — a command's expected output, else V8's kernel
 * result — and turns a wrong one into a missing cell; returns how many were wrong.
 */
function checkResults(w: Workload, cells: Record<string, Cell>): number {
  const v8 = cells['v8'];
  const want = w.group !== 'kernel' ? w.expected : v8 !== undefined && 'timing' in v8 ? v8.timing.result : undefined;
  if (want === undefined) return 0;
  let wrong = 0;
  for (const [e, c] of Object.entries(cells)) {
    if (!('timing' in c) || c.timing.result === want) continue;
    cells[e] = { missing: `WRONG RESULT ${JSON.stringify(oneLine(c.timing.result))}, expected ${JSON.stringify(want)}` };
    wrong++;
  }
  return wrong;
}

interface RunOutcome {
  rows: SpeedRow[];
  /** failures of available engines (wrong results, errors): make the exit code 1 */
  failures: number;
}

async function runAll(workloads: readonly Workload[], engines: readonly string[], problems: ReadonlyMap<string, string>, reps: number, warmup: number): Promise<RunOutcome> {
  const rows: SpeedRow[] = [];
  let failures = 0;
  for (const w of workloads) {
    const cells: Record<string, Cell> = {};
    for (const e of engines) {
      const problem = problems.get(e);
      if (problem !== undefined) {
        cells[e] = { missing: problem };
        continue;
      }
      process.stderr.write(`native-bench: ${w.name}(${w.size}) on ${e} ... `);
      try {
        const prepared = await runnerFor(e).prepare(w);
        const t = measure(prepared, reps, warmup);
        cells[e] = { timing: t };
        process.stderr.write(`${t.median.toFixed(4)} s × ${t.reps}\n`);
      } catch (err) {
        cells[e] = { missing: errorText(err) };
        failures++;
        process.stderr.write(`failed: ${errorText(err)}\n`);
      }
    }
    failures += checkResults(w, cells);
    rows.push({ group: w.group, name: w.name, size: w.size, cells });
  }
  return { rows, failures };
}

function compileAll(workloads: readonly Workload[], reps: number): CompileRow[] {
  return workloads.map((w) => {
    process.stderr.write(`native-bench: compiling ${w.name} (kiln, then V8) ... `);
    const row = { name: w.name, kiln: measureCompile(w.path, 'kiln', reps), v8: measureCompile(w.path, 'v8', reps) };
    const show = (o: CompileRow['kiln']): string => (o === null ? '-' : 'error' in o ? 'n/a' : `${(o.medianSeconds * 1000).toFixed(1)} ms`);
    process.stderr.write(`${show(row.kiln)}, ${show(row.v8)}\n`);
    return row;
  });
}

const listFlag = <T extends string>(flags: Map<string, string>, name: string, all: readonly T[]): T[] => {
  const v = flags.get(name);
  if (v === undefined) return [...all];
  const asked = v.split(',');
  const unknown = asked.filter((x) => !(all as readonly string[]).includes(x));
  if (unknown.length > 0) throw new Error(`bench: --${name}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return all.filter((x) => asked.includes(x));
};

function cellJson(c: Cell | undefined): unknown {
  if (c === undefined) return { error: 'not run' };
  if ('missing' in c) return { error: c.missing };
  return { medianSeconds: round(c.timing.median, 5), bestSeconds: round(c.timing.best, 5), reps: c.timing.reps, result: c.timing.result };
}

export async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  const reps = Math.max(1, intFlag(flags, 'reps', 5));
  const warmup = intFlag(flags, 'warmup', 1);
  const compileReps = Math.max(1, intFlag(flags, 'compile-reps', 5));
  const engines = flags.has('engines') ? listFlag(flags, 'engines', [...ENGINES, ...EXTRA_ENGINES]) : [...ENGINES];
  const groups = new Set<WorkloadGroup>(listFlag(flags, 'groups', WORKLOAD_GROUPS));
  const onlyFlag = flags.get('only');
  const workloads = readWorkloads(groups, onlyFlag !== undefined ? new Set(onlyFlag.split(',')) : undefined);
  if (workloads.length === 0) throw new Error('bench: no workload selected (see --groups and --only)');

  const problems = new Map<string, string>();
  for (const e of engines) {
    const p = await engineProblem(e);
    if (p !== null) problems.set(e, p);
  }
  const pairs = PAIRS.filter(([a, b]) => engines.includes(a) && engines.includes(b));
  const machine = machineInfo();
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`kiln native vs V8 (${V8_TIER}) vs kiln interp — ${workloads.length} workloads; ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${load}`);
  for (const [e, p] of problems) console.log(`${e}: n/a — ${p}`);

  const { rows, failures } = flags.has('no-run') ? { rows: [], failures: 0 } : await runAll(workloads, engines, problems, reps, warmup);
  const summaries = summarize(rows, engines, pairs);
  const compileRows = flags.has('no-compile') ? [] : compileAll(workloads, compileReps);

  const command = `node --no-liftoff dist/bench/native.js${argv.length > 0 ? ' ' + argv.join(' ') : ''}`;
  const speed = rows.length > 0 ? speedTable(rows, engines, pairs, summaries) : '';
  const compile = compileRows.length > 0 ? compileTable(compileRows) : '';
  const about = [
    `Command: \`${command}\` (= \`npm run bench:native\` without options).`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}, Node ${machine.node}; load average at the start ${load}.`,
    `V8: ${V8_TIER}. kiln native: ${problems.get('native') === undefined ? 'engine "native" of cli/engines.ts' : 'n/a (see below)'}. kiln interp: the interpreter (wasm → JavaScript, run by the same V8).`,
    `Speed: seconds per run (a kernel call, or a WASI command's \`_start\` on a fresh instance; compile and instantiation untimed), median of at least ${reps} timed runs after ${warmup} warm-up run(s), more (≤ ${MAX_REPS}) until ${MIN_MEASURED_SECONDS} s were measured. Ratios > 1: the first engine is slower. Every result was checked (programs against host builds, corpus against its known checksum, kernels against V8).`,
    'Compile: one child process per module and pipeline. kiln = `compileModule` (the whole native pipeline, one thread) on a decoded, validated module: ' +
      `"cold" is the process's first compile (what \`kiln run\` pays), "warm" the median of up to ${compileReps} compiles after untimed ones until 3 s were spent (V8 needs that long to optimise the compiler's own code). ` +
      'MB/s of code section (10^6 bytes). machine B / wasm B = sum of funcs[].code lengths / code-section bytes. Peak RSS = the high-water resident set (VmHWM) of the child after its cold compile (growth: over its value before compiling). ' +
      `V8 = \`new WebAssembly.Module\` under --no-liftoff --no-wasm-lazy-compilation --single-threaded (TurboFan, every function, one thread), fresh bytes each time, median of up to ${compileReps} after the first.`,
  ];
  const notes = [...missingNotes(rows, engines), ...compileNotes(compileRows)];
  const sections = [speed, compile !== '' ? '\n## Compile\n\n' + compile : ''].filter((s) => s !== '').join('\n');
  const md = markdownReport('Native engine benchmark', about, sections, notes);
  const totals = compileTotals(compileRows);
  const json = {
    benchmark: 'native',
    command,
    v8: V8_TIER,
    reps,
    warmup,
    compileReps,
    machine,
    engines: Object.fromEntries(engines.map((e) => [e, problems.get(e) ?? 'available'])),
    workloads: rows.map((r) => ({
      group: r.group,
      name: r.name,
      size: r.size,
      engines: Object.fromEntries(engines.map((e) => [e, cellJson(r.cells[e])])),
      ratios: Object.fromEntries(pairs.map((p) => [ratioLabel(p), round(rowRatio(r, p), 3)])),
    })),
    geomeans: summaries.map((s) => ({
      group: s.group,
      rows: s.rows,
      seconds: Object.fromEntries(Object.entries(s.seconds).map(([e, x]) => [e, round(x, 5)])),
      ratios: Object.fromEntries(Object.entries(s.ratios).map(([k, x]) => [k, round(x, 3)])),
    })),
    compile: {
      modules: compileRows,
      totals: Object.fromEntries(Object.entries(totals).map(([k, x]) => [k, round(x, 4)])),
    },
  };

  if (speed !== '') console.log('\n' + speed);
  if (compile !== '') console.log('\n' + compile);
  if (notes.length > 0) console.log('\nNot measured:\n' + notes.join('\n'));
  if (!flags.has('no-write')) {
    const paths = writeResults('native', json, md, flags.get('out'));
    console.log(`\nwrote ${paths.join(', ')}`);
  }
  if (failures > 0) console.error(`native-bench: ${failures} failed or wrong measurement(s) (see "Not measured")`);
  return failures > 0 ? 1 : 0;
}

/** started without --no-liftoff: run again with it, so that V8 is measured at TurboFan */
function rerunWithoutLiftoff(): number {
  const r = spawnSync(process.execPath, ['--no-liftoff', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  return r.status ?? 2;
}

/** node:wasi's "experimental" warning is expected here; every other warning is still printed */
function quietWasiWarning(): void {
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name === 'ExperimentalWarning' && w.message.includes('WASI')) return;
    console.error(`${w.name}: ${w.message}`);
  });
}

if (isMain(import.meta.url)) {
  if (!process.execArgv.includes('--no-liftoff')) process.exit(rerunWithoutLiftoff());
  quietWasiWarning();
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(2);
    },
  );
}
