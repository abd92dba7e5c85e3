/**
 * App packages (issue 14's benchmark): an app whose entry module is the 1.2 MB benchmark corpus,
 * packed with `kiln pack`, installed with `kiln install` (precompiling it) into a fresh store,
 * and launched with `kiln launch`. Measured, each as the wall time of the `kiln` command or, for
 * launches, as the time from the process's start to `_start` (KILN_TIME_START=1, which makes
 * kiln print `process.uptime()` just before calling `_start`):
 * - install into an empty store (compiles), and again with the module precompiled already;
 * - launch from the store, against `kiln run corpus.wasm` on the interpreter and against
 *   compiling on every launch (`kiln run --no-cache` on the native engine).
 * Bar: launch ≥ 10× faster than compile-on-launch.
 *
 *   node dist/bench/apps.js [--runs=7] [--no-write] [--out=DIR]
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDir, fmt, intFlag, isMain, machineInfo, markdownReport, markdownTable, median, now, parseFlags, repoRoot, writeResults } from './lib.js';

interface Figures {
  readonly wasmBytes: number;
  readonly packageBytes: number;
  /** seconds */
  readonly installFresh: number[];
  readonly installCached: number[];
  /** milliseconds from process start to _start */
  readonly launch: number[];
  readonly runInterp: number[];
  readonly runCompile: number[];
}

const kilnBin = (): string => join(repoRoot(), 'bin', 'kiln.js');

function kiln(args: readonly string[], env: Record<string, string> = {}): { seconds: number; stderr: string } {
  const t = now();
  const r = spawnSync(process.execPath, [kilnBin(), ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...env } });
  const seconds = now() - t;
  if (r.status !== 0) throw new Error(`kiln ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, stderr: r.stderr };
}

/** the milliseconds kiln printed for reaching `_start` */
function startMs(args: readonly string[], env: Record<string, string>): number {
  const { stderr } = kiln(args, { ...env, KILN_TIME_START: '1' });
  const m = /_start reached ([\d.]+) ms/.exec(stderr);
  if (m === null) throw new Error(`no start time in: ${stderr}`);
  return Number(m[1]);
}

export function measureApps(runs: number): Figures {
  const work = mkdtempSync(join(tmpdir(), 'kiln-bench-apps-'));
  try {
    const corpus = join(benchDir(), 'corpus', 'corpus.wasm');
    const app = join(work, 'app');
    mkdirSync(app);
    copyFileSync(corpus, join(app, 'corpus.wasm'));
    // a seed and a filter that matches no unit: the program starts, finds nothing to run, ends
    writeFileSync(join(app, 'manifest.toml'), 'name = "corpus"\nversion = "1.0.0"\nentry = "corpus.wasm"\nargs = ["1", "no-such-unit"]\n');
    const pkg = join(work, 'corpus.kapp');
    kiln(['pack', app, '-o', pkg]);
    const installFresh: number[] = [];
    const installCached: number[] = [];
    const store = join(work, 'store');
    const cacheEnv = { XDG_CACHE_HOME: join(work, 'cache') };
    for (let k = 0; k < Math.max(1, Math.ceil(runs / 3)); k++) {
      rmSync(store, { recursive: true, force: true });
      installFresh.push(kiln(['install', pkg, '--store', store]).seconds);
      installCached.push(kiln(['install', pkg, '--store', store]).seconds);
    }
    const launch: number[] = [];
    const runInterp: number[] = [];
    const runCompile: number[] = [];
    const prog = ['1', 'no-such-unit'];
    for (let k = 0; k < runs; k++) {
      launch.push(startMs(['launch', '--store', store, 'corpus'], cacheEnv));
      runInterp.push(startMs(['run', '--engine', 'interp', corpus, ...prog], cacheEnv));
      if (k < Math.max(1, Math.ceil(runs / 3))) runCompile.push(startMs(['run', '--no-cache', '--engine', 'native', corpus, ...prog], cacheEnv));
    }
    return { wasmBytes: statSync(corpus).size, packageBytes: statSync(pkg).size, installFresh, installCached, launch, runInterp, runCompile };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(f: Figures): string {
  const ms = (x: number): string => fmt(x, 1);
  const rows = [
    ['kiln install (empty store: unpack + precompile)', `${ms(median(f.installFresh) * 1000)} ms wall`, String(f.installFresh.length)],
    ['kiln install (module precompiled already)', `${ms(median(f.installCached) * 1000)} ms wall`, String(f.installCached.length)],
    ['kiln launch (precompiled code from the store)', `${ms(median(f.launch))} ms to _start`, String(f.launch.length)],
    ['kiln run --engine interp corpus.wasm', `${ms(median(f.runInterp))} ms to _start`, String(f.runInterp.length)],
    ['kiln run --no-cache corpus.wasm (compile on every launch)', `${ms(median(f.runCompile))} ms to _start`, String(f.runCompile.length)],
  ];
  const m = machineInfo();
  const speedup = median(f.runCompile) / median(f.launch);
  return markdownReport(
    'App packages (bench/apps.ts)',
    [
      `An app whose entry is bench/corpus/corpus.wasm (${f.wasmBytes} bytes; package ${f.packageBytes} bytes). ${m.cores} cores, ${m.cpu}, Node ${m.node}. Medians.`,
      'Launch figures: from the process start to the call of `_start` (KILN_TIME_START=1 prints `process.uptime()` there); install figures: wall time of the command.',
      `Launch vs compile-on-launch: ${speedup.toFixed(1)}× faster (bar ≥ 10×); vs the interpreter: ${(median(f.runInterp) / median(f.launch)).toFixed(1)}×.`,
    ],
    markdownTable(['what', 'median', 'runs'], rows, [false, true, true]),
    [],
  );
}

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const f = measureApps(intFlag(flags, 'runs', 7));
  const md = report(f);
  console.log(md);
  if (!flags.has('no-write')) {
    for (const p of writeResults('apps', { machine: machineInfo(), ...f }, md, flags.get('out'))) console.log(`wrote ${p}`);
  }
}
