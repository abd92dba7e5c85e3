/**
 * Interpreter benchmark: compute kernels (bench/kernels/*.c, compiled once to wasm by
 * bench/kernels/build.mjs) timed in ONE run on three engines side by side:
 *
 *   kiln         kiln's interpreter (engine "interp" of cli/engines.ts), calling the kernel
 *                export through callRaw
 *   wasm-interp  wabt's interpreter (a separate process; see below for how start-up is removed)
 *   V8           Node's own WebAssembly (a JIT; the "how far from native-ish" yardstick)
 *
 * Each kernel module exports `<export>(n)` and `run()` = `<export>(size)` with the size from
 * sizes.txt baked in. kiln and V8 call `<export>(size)`; wabt 1.0.32's wasm-interp cannot pass
 * arguments, so it runs `run()` through --run-all-exports. V8 also calls `run()` once to prove
 * the baked size matches sizes.txt. All three results must agree (exit code 1 otherwise).
 *
 * wasm-interp timing: wall time of `wasm-interp k.wasm --run-all-exports` minus the median wall
 * time of `wasm-interp k.wasm` (process start-up + read + validate, no call), per kernel.
 * kiln and V8 time only the call (instantiation excluded), after --warmup untimed calls.
 *
 * Usage: node dist/bench/interp.js [--reps=3] [--warmup=1] [--only=fib,sort]
 *                                  [--engines=kiln,wasm-interp,v8] [--out=DIR] [--no-write]
 * Writes bench/results/interp.json and interp.md (no timestamps).
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchDir,
  best,
  errorText,
  fmt,
  geomean,
  intFlag,
  machineInfo,
  markdownReport,
  markdownTable,
  median,
  now,
  parseFlags,
  isMain,
  round,
  toolVersion,
  writeResults,
} from './lib.js';

interface Kernel {
  name: string;
  exportName: string;
  size: number;
  path: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** One engine's measurement of one kernel. */
interface Timing {
  /** seconds per call, median and best over the timed repetitions */
  median: number;
  best: number;
  /** the kernel's result, as a signed decimal string */
  result: string;
  /** how many timed calls (or processes) the median is over */
  reps: number;
}

type EngineName = 'kiln' | 'wasm-interp' | 'v8';
const ENGINES: readonly EngineName[] = ['kiln', 'wasm-interp', 'v8'];
/** the kiln engine (cli/engines.ts) behind each of this benchmark's kiln columns */
const KILN_ENGINES: Readonly<Partial<Record<EngineName, string>>> = { kiln: 'interp' };

export function readKernels(only?: ReadonlySet<string>): Kernel[] {
  const dir = join(benchDir(), 'kernels');
  const kernels: Kernel[] = [];
  for (const raw of readFileSync(join(dir, 'sizes.txt'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [name, exportName, size] = line.split(/\s+/);
    if (name === undefined || exportName === undefined || size === undefined) throw new Error(`sizes.txt: bad line ${JSON.stringify(line)}`);
    if (only !== undefined && !only.has(name)) continue;
    const path = join(dir, `${name}.wasm`);
    kernels.push({ name, exportName, size: Number(size), path, bytes: new Uint8Array(readFileSync(path)) });
  }
  return kernels;
}

/** i32 results come back as numbers, i64 as bigints; both printed as signed decimals. */
function showResult(v: unknown): string {
  if (typeof v === 'bigint') return BigInt.asIntN(64, v).toString();
  if (typeof v === 'number') return String(v | 0);
  return `<unexpected ${typeof v}>`;
}

/** In-process engines repeat a kernel until this much time was measured (at most MAX_REPS). */
const MIN_MEASURED_SECONDS = 0.5;
const MAX_REPS = 50;

/**
 * Warm-up calls, then timed calls of `call`: at least `reps`, more (up to MAX_REPS) while the
 * total measured time is below MIN_MEASURED_SECONDS, so that fast engines get stable medians.
 */
function measure(call: () => unknown, reps: number, warmup: number): Timing {
  let result = '';
  for (let i = 0; i < warmup; i++) result = showResult(call());
  const times: number[] = [];
  let total = 0;
  while (times.length < reps || (total < MIN_MEASURED_SECONDS && times.length < MAX_REPS)) {
    const t0 = now();
    const v = call();
    const t = now() - t0;
    times.push(t);
    total += t;
    result = showResult(v);
  }
  return { median: median(times), best: best(times), result, reps: times.length };
}

function measureV8(k: Kernel, reps: number, warmup: number): Timing {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(k.bytes), {});
  const f = instance.exports[k.exportName];
  const run = instance.exports['run'];
  if (typeof f !== 'function' || typeof run !== 'function') throw new Error(`${k.name}.wasm lacks ${k.exportName} or run`);
  const t = measure(() => f(k.size) as unknown, reps, warmup);
  const baked = showResult(run() as unknown);
  if (baked !== t.result) {
    throw new Error(`${k.name}.wasm: run() = ${baked} but ${k.exportName}(${k.size}) = ${t.result}; rebuild with bench/kernels/build.mjs`);
  }
  return t;
}

async function measureKiln(k: Kernel, reps: number, warmup: number, engine: string): Promise<Timing> {
  const kiln = await import('./kiln.js');
  const f = kiln.loadExport(k.bytes, k.exportName, engine);
  const args = [k.size];
  return measure(() => kiln.callRaw(f, args)[0], reps, warmup);
}

function wallOf(args: readonly string[]): { seconds: number; stdout: string } {
  const t0 = now();
  const r = spawnSync('wasm-interp', args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = now() - t0;
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`wasm-interp ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return { seconds, stdout: r.stdout };
}

function measureWasmInterp(k: Kernel, reps: number): Timing & { startup: number } {
  const startup = median([0, 1, 2, 3, 4].map(() => wallOf([k.path]).seconds));
  const times: number[] = [];
  let result = '';
  for (let i = 0; i < reps; i++) {
    const { seconds, stdout } = wallOf([k.path, '--run-all-exports']);
    times.push(seconds - startup);
    const m = /^run\(\) => (i32|i64):(\d+)$/m.exec(stdout);
    if (m === null) throw new Error(`wasm-interp: unexpected output ${JSON.stringify(stdout.trim())}`);
    result = BigInt.asIntN(m[1] === 'i32' ? 32 : 64, BigInt(m[2]!)).toString();
  }
  return { median: median(times), best: best(times), result, reps: times.length, startup };
}

interface Row {
  kernel: Kernel;
  timings: Partial<Record<EngineName, Timing>>;
  errors: Partial<Record<EngineName, string>>;
  wasmInterpStartup?: number;
  agree: boolean;
}

const ratio = (a: Timing | undefined, b: Timing | undefined): number => (a !== undefined && b !== undefined ? a.median / b.median : NaN);

export async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  const reps = Math.max(1, intFlag(flags, 'reps', 3));
  const warmup = intFlag(flags, 'warmup', 1);
  const onlyFlag = flags.get('only');
  const only = onlyFlag !== undefined ? new Set(onlyFlag.split(',')) : undefined;
  const engineFlag = flags.get('engines');
  const engines = engineFlag !== undefined ? ENGINES.filter((e) => engineFlag.split(',').includes(e)) : ENGINES;
  const kernels = readKernels(only);
  const wabt = toolVersion('wasm-interp');

  const rows: Row[] = [];
  for (const k of kernels) {
    const row: Row = { kernel: k, timings: {}, errors: {}, agree: true };
    for (const engine of engines) {
      process.stderr.write(`interp: ${k.name}(${k.size}) on ${engine} ... `);
      try {
        const kilnEngine = KILN_ENGINES[engine];
        if (kilnEngine !== undefined) row.timings[engine] = await measureKiln(k, reps, warmup, kilnEngine);
        else if (engine === 'v8') row.timings.v8 = measureV8(k, reps, warmup);
        else {
          if (wabt === undefined) throw new Error('wasm-interp not found (install wabt)');
          const t = measureWasmInterp(k, reps);
          row.timings['wasm-interp'] = t;
          row.wasmInterpStartup = t.startup;
        }
        const t = row.timings[engine]!;
        process.stderr.write(`${fmt(t.median, 3)} s (result ${t.result})\n`);
      } catch (e) {
        row.errors[engine] = errorText(e);
        process.stderr.write(`unavailable: ${errorText(e)}\n`);
      }
    }
    const results = new Set(Object.values(row.timings).map((t) => t.result));
    row.agree = results.size <= 1;
    rows.push(row);
  }

  const headers = ['kernel', 'size', 'result', 'kiln s', 'wasm-interp s', 'V8 s', 'kiln/wasm-interp', 'kiln/V8', 'agree'];
  const right = [false, true, true, true, true, true, true, true, false];
  const cellT = (t: Timing | undefined): string => (t === undefined ? '—' : fmt(t.median, 4));
  const sig = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : '—');
  const tableRows = rows.map((r) => [
    r.kernel.name,
    String(r.kernel.size),
    r.timings.v8?.result ?? r.timings['wasm-interp']?.result ?? r.timings.kiln?.result ?? '—',
    cellT(r.timings.kiln),
    cellT(r.timings['wasm-interp']),
    cellT(r.timings.v8),
    sig(ratio(r.timings.kiln, r.timings['wasm-interp'])),
    sig(ratio(r.timings.kiln, r.timings.v8)),
    r.agree ? 'yes' : 'NO',
  ]);
  const gm = (e: EngineName): number => geomean(rows.map((r) => r.timings[e]?.median ?? NaN));
  const gmKilnWabt = geomean(rows.map((r) => ratio(r.timings.kiln, r.timings['wasm-interp'])));
  const gmKilnV8 = geomean(rows.map((r) => ratio(r.timings.kiln, r.timings.v8)));
  tableRows.push(['geomean', '', '', fmt(gm('kiln'), 4), fmt(gm('wasm-interp'), 4), fmt(gm('v8'), 4), sig(gmKilnWabt), sig(gmKilnV8), '']);
  const table = markdownTable(headers, tableRows, right);

  const command = `node dist/bench/interp.js${argv.length > 0 ? ' ' + argv.join(' ') : ''}`;
  const machine = machineInfo();
  const errors = rows.flatMap((r) => Object.entries(r.errors).map(([e, msg]) => `- ${r.kernel.name} on ${e}: ${msg}`));
  const md = markdownReport(
    'Interpreter benchmark',
    [
      `Command: \`${command}\` — median of ${reps} timed runs per kernel on wasm-interp; kiln and V8 make ${warmup} warm-up call(s), then at least ${reps} timed calls, more (≤ ${MAX_REPS}) until ${MIN_MEASURED_SECONDS} s were measured.`,
      `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${wabt !== undefined ? 'wasm-interp ' + wabt : 'no wasm-interp'}.`,
      'Times are seconds per kernel call; wasm-interp times exclude process start-up (a run without --run-all-exports, subtracted).',
      'Ratios > 1 mean kiln is slower.',
    ],
    table,
    errors,
  );
  const json = {
    benchmark: 'interp',
    command,
    reps,
    warmup,
    machine,
    wasmInterp: wabt ?? null,
    kernels: rows.map((r) => ({
      name: r.kernel.name,
      export: r.kernel.exportName,
      size: r.kernel.size,
      agree: r.agree,
      wasmInterpStartupSeconds: round(r.wasmInterpStartup ?? NaN, 4),
      engines: Object.fromEntries(
        engines.map((e) => {
          const t = r.timings[e];
          return [
            e,
            t === undefined
              ? { error: r.errors[e] ?? 'not run' }
              : { result: t.result, medianSeconds: round(t.median, 5), bestSeconds: round(t.best, 5), reps: t.reps },
          ];
        }),
      ),
      kilnOverWasmInterp: round(ratio(r.timings.kiln, r.timings['wasm-interp']), 3),
      kilnOverV8: round(ratio(r.timings.kiln, r.timings.v8), 2),
    })),
    geomean: {
      seconds: Object.fromEntries(engines.map((e) => [e, round(gm(e), 4)])),
      kilnOverWasmInterp: round(gmKilnWabt, 3),
      kilnOverV8: round(gmKilnV8, 2),
    },
  };

  console.log(table);
  if (flags.get('no-write') === undefined) {
    const paths = writeResults('interp', json, md, flags.get('out'));
    console.log(`\nwrote ${paths.join(', ')}`);
  }
  const mismatches = rows.filter((r) => !r.agree);
  for (const r of mismatches) {
    console.error(`interp: RESULT MISMATCH on ${r.kernel.name}: ` + Object.entries(r.timings).map(([e, t]) => `${e}=${t.result}`).join(' '));
  }
  return mismatches.length > 0 ? 1 : 0;
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
