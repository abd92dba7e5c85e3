/**
 * Parallel compile (`kiln compile -j N`, linker/parallel.ts): wall-clock time to compile the
 * corpus into a `.cwasm` artifact on one thread and on several, and the speed-up.
 *
 * Every measurement is a fresh child process, so every thread starts with the compiler's
 * JavaScript not yet optimised by V8, as in `kiln compile` (a worker thread always starts so):
 *
 *   api   `compileArtifactParallel` on a decoded, validated module, timed from the call to the
 *         artifact's bytes (worker start-up, compiling, linking and writing the bytes included;
 *         Node's start-up, loading kiln and decode+validate excluded);
 *   cli   the whole `node bin/kiln.js compile -j N FILE -o TMP` process, as a user times it.
 *
 * Configurations: `-j 1` (the main thread alone, no worker), `-j N` (the main thread and N-1
 * workers: what the CLI does) and `-j N workers` (N workers, the main thread only waiting).
 * Each round runs every configuration once, the order rotating from round to round so that a
 * change in the machine's load spreads over all of them; best and median over the rounds.
 * Every artifact's SHA-256 must be the same (exit code 1 otherwise).
 *
 * `--scale=N` compiles a bigger module instead: the file's defined functions N times over, to
 * see how the speed-up grows with the amount of work (results then go to parallel-compile-xN).
 * `--node-flags='--flag …'` starts every child with those Node/V8 flags (experiments with
 * V8's tiers, e.g. --no-turbo-inlining).
 *
 * Usage: node dist/bench/parallel-compile.js [--rounds=5] [--jobs=2] [--file=bench/corpus/corpus.wasm]
 *        [--scale=1] [--modes=api,cli] [--node-flags='…'] [--out=DIR] [--no-write]
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, best, errorText, fmt, intFlag, isMain, machineInfo, markdownReport, markdownTable, median, now, parseFlags, repoRoot, round, writeResults } from './lib.js';

type Mode = 'api' | 'cli';

interface Config {
  readonly label: string;
  readonly jobs: number;
  readonly mainThread: boolean;
}

interface Sample {
  readonly seconds: number;
  /** api: CPU time of the whole process (every thread, V8's own included) during the compile */
  readonly cpuSeconds?: number;
  /** api: CPU time of the main thread alone (Linux), so the rest is workers and V8's threads */
  readonly mainCpuSeconds?: number;
  readonly sha256: string;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** CPU time of the calling thread in seconds (utime + stime of /proc/thread-self/stat), or NaN */
function threadCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** child: compile once through the API, print a Sample */
async function childMain(flags: Map<string, string>): Promise<void> {
  const file = flags.get('file')!;
  const jobs = intFlag(flags, 'jobs', 1);
  const mainThread = flags.get('main-thread') !== 'false';
  const { decodeAndValidate } = await import('../compiler/validate/single-pass.js');
  const { compileArtifactParallel } = await import('../linker/cwasm.js');
  const wasm = new Uint8Array(readFileSync(file));
  const m = decodeAndValidate(wasm, { borrow: true });
  const cpu0 = process.cpuUsage();
  const main0 = threadCpuSeconds();
  const t0 = now();
  const bytes = await compileArtifactParallel(m, wasm, { mainThread }, jobs);
  const seconds = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mainCpuSeconds = threadCpuSeconds() - main0;
  const sample: Sample = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ...(Number.isNaN(mainCpuSeconds) ? {} : { mainCpuSeconds }), sha256: sha256(bytes) };
  console.log(JSON.stringify(sample));
}

/**
 * A bigger module for `--scale=N`: the module with its defined functions N times over (each
 * copy calls the first copy's functions, so it stays valid), written to `dir`.
 */
async function replicated(file: string, n: number, dir: string): Promise<string> {
  const { decodeModule } = await import('../formats/wasm/decode.js');
  const { encodeModule } = await import('../formats/wasm/encode.js');
  const m = decodeModule(new Uint8Array(readFileSync(file)));
  const times = <T>(xs: readonly T[]): T[] => Array.from({ length: n }, () => xs).flat();
  const out = join(dir, `x${n}.wasm`);
  writeFileSync(out, encodeModule({ ...m, codes: times(m.codes), funcs: times(m.funcs), customs: [] }));
  return out;
}

function runApi(file: string, c: Config, nodeFlags: readonly string[]): Sample {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...nodeFlags, script, '--child', `--file=${file}`, `--jobs=${c.jobs}`, `--main-thread=${c.mainThread}`], { encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`${c.label}: ${r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`}`);
  return JSON.parse(last) as Sample;
}

function runCli(file: string, c: Config, scratch: string, nodeFlags: readonly string[]): Sample {
  const out = join(scratch, 'out.cwasm');
  const t0 = now();
  const r = spawnSync(process.execPath, [...nodeFlags, join(repoRoot(), 'bin', 'kiln.js'), 'compile', '-j', String(c.jobs), file, '-o', out], { encoding: 'utf8' });
  const seconds = now() - t0;
  if (r.status !== 0) throw new Error(`kiln compile ${c.label}: ${r.stderr.trim()}`);
  const sample = { seconds, sha256: sha256(readFileSync(out)) };
  rmSync(out, { force: true });
  return sample;
}

export async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  const file = resolve(flags.get('file') ?? join(benchDir(), 'corpus', 'corpus.wasm'));
  if (flags.has('child')) {
    await childMain(new Map([...flags, ['file', file]]));
    return 0;
  }
  const scale = Math.max(1, intFlag(flags, 'scale', 1));
  const nodeFlags = (flags.get('node-flags') ?? '').split(' ').filter((f) => f !== '');
  const rounds = Math.max(1, intFlag(flags, 'rounds', 5));
  const jobs = Math.max(2, intFlag(flags, 'jobs', 2));
  const modes = (flags.get('modes') ?? 'api,cli').split(',') as Mode[];
  const configs: Config[] = [
    { label: '-j 1', jobs: 1, mainThread: true },
    { label: `-j ${jobs}`, jobs, mainThread: true },
    { label: `-j ${jobs} workers`, jobs, mainThread: false },
  ];
  const scratch = mkdtempSync(join(tmpdir(), 'kiln-bench-parallel-'));
  const input = scale === 1 ? file : await replicated(file, scale, scratch);
  const inputBytes = statSync(input).size;
  const load = loadavg()[0]!;
  const rows: string[][] = [];
  const json: Record<string, unknown>[] = [];
  const hashes = new Set<string>();
  const notMeasured: string[] = [];
  for (const mode of modes) {
    // the CLI has no switch for "workers only": it always lets the main thread compile too
    const list = mode === 'cli' ? configs.filter((c) => c.mainThread) : configs;
    const samples = list.map(() => [] as Sample[]);
    try {
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < list.length; k++) {
          const i = (k + r) % list.length;
          const c = list[i]!;
          const s = mode === 'api' ? runApi(input, c, nodeFlags) : runCli(input, c, scratch, nodeFlags);
          hashes.add(s.sha256);
          samples[i]!.push(s);
          console.log(`${mode} ${c.label}: ${s.seconds.toFixed(3)} s${s.cpuSeconds === undefined ? '' : `, CPU ${s.cpuSeconds.toFixed(2)} s (main thread ${fmt(s.mainCpuSeconds ?? NaN, 2)} s)`}`);
        }
      }
    } catch (e) {
      notMeasured.push(`- ${mode}: ${errorText(e)}`);
      continue;
    }
    const wall = samples.map((xs) => xs.map((x) => x.seconds));
    const base = best(wall[0]!);
    const baseMedian = median(wall[0]!);
    list.forEach((c, i) => {
      const b = best(wall[i]!);
      const md = median(wall[i]!);
      const cpu = samples[i]!.flatMap((x) => (x.cpuSeconds === undefined ? [] : [x.cpuSeconds]));
      const mainCpu = samples[i]!.flatMap((x) => (x.mainCpuSeconds === undefined ? [] : [x.mainCpuSeconds]));
      rows.push([mode, c.label, fmt(b, 3), fmt(md, 3), fmt(base / b, 2), fmt(baseMedian / md, 2), fmt(median(cpu), 2), fmt(median(mainCpu), 2)]);
      json.push({
        mode,
        config: c.label,
        jobs: c.jobs,
        mainThread: c.mainThread,
        bestSeconds: round(b, 4),
        medianSeconds: round(md, 4),
        speedupBest: round(base / b, 3),
        speedupMedian: round(baseMedian / md, 3),
        medianCpuSeconds: round(median(cpu), 3),
        medianMainThreadCpuSeconds: round(median(mainCpu), 3),
        seconds: wall[i]!.map((t) => round(t, 4)),
      });
    });
  }
  rmSync(scratch, { recursive: true, force: true });
  const agree = hashes.size <= 1;
  if (!agree) notMeasured.push(`- the artifacts differ between configurations (${hashes.size} different SHA-256)`);
  const table = markdownTable(
    ['mode', 'configuration', 'best s', 'median s', 'speed-up (best)', 'speed-up (median)', 'process CPU s (median)', 'main thread CPU s (median)'],
    rows,
    [false, false, true, true, true, true, true, true],
  );
  const machine = machineInfo();
  const about = [
    `Module: ${relative(repoRoot(), file)}${scale === 1 ? '' : ` with its functions ${scale} times over (${inputBytes} bytes)`}; ${rounds} rounds; ${machine.cores} cores (${availableParallelism()} available), ${machine.cpu}, Node ${machine.node}; load average ${load.toFixed(2)} at the start.`,
    ...(nodeFlags.length === 0 ? [] : [`Node started with ${nodeFlags.join(' ')}.`]),
    'api: compileArtifactParallel in a fresh process, from the call to the bytes; cli: the whole `kiln compile` process.',
    'Process CPU: every thread of the process during the compile, V8\'s optimising compiler threads included; main thread CPU: the main thread alone, so the rest is the workers and V8\'s own threads (api only).',
    'Speed-up: the -j 1 time over the configuration\'s (best over best, median over median).',
    agree ? 'Every configuration wrote the same artifact.' : 'THE ARTIFACTS DIFFER.',
  ];
  const markdown = markdownReport('Parallel compile (bench/parallel-compile.ts)', about, table, notMeasured);
  console.log('\n' + markdown);
  if (!flags.has('no-write')) writeResults(scale === 1 ? 'parallel-compile' : `parallel-compile-x${scale}`, { machine, file: relative(repoRoot(), file), scale, rounds, loadAverage: round(load, 2), results: json, identical: agree }, markdown, flags.get('out'));
  return agree && notMeasured.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(2);
    },
  );
}
