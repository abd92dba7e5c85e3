/**
 * The interpreter on large functions (issue 15), timed beside V8 in ONE run:
 *
 *   workloads  bench/large/<name>.wasm (workloads.txt): the unrolled-rounds reproducer at 16,
 *              256 and 1,024 rounds per function in two shapes (chain.c: latency-bound
 *              rounds, where V8 takes the same time at every size, as in the issue; rounds.c:
 *              rounds with much parallelism, where the CPU front end makes the 1,024-round
 *              function about 2x slower on V8 too), and three programs whose hot function is
 *              several thousand wasm instructions (a bytecode interpreter's dispatch loop,
 *              an LZ77 compressor's main loop, an unrolled SHA-256 compression function);
 *              each exports run(n), called with the size from workloads.txt. kiln's
 *              interpreter (callRaw) and V8 at TurboFan (this process runs with
 *              --no-liftoff, restarting itself with it when needed) must return the same i32.
 *   start-up   the 1.2 MB corpus (bench/corpus/corpus.wasm): from a decoded, validated module
 *              to an instance with its WASI imports bound, ready to call _start (the
 *              interpreter translates lazily, so this is what start-up costs); decode +
 *              validate timed apart. Each repetition decodes a fresh Module (untimed), since
 *              translations are cached per Module.
 *
 * Timing: per workload, at least --warmup untimed calls (the first call translates the
 * functions it reaches and V8 then optimises the JavaScript in the background), more (up to
 * 20) while each is more than 10 % faster than the one before; then at least --reps timed
 * calls, more (up to 50) until 0.5 s were measured; the median. Also reported per workload: how many JS
 * functions the largest wasm function became and the estimated bytecode of the largest
 * (loader/interp/bytecode-estimate.ts).
 *
 * Usage: node --no-liftoff dist/bench/interp-large.js [--reps=5] [--warmup=2]
 *                          [--only=rounds16,lz] [--startup-reps=5] [--out=DIR] [--no-write]
 *                          [--no-split]
 * --no-split translates every function whole (no splitting), to show the cliff splitting
 * removes; it implies --no-write.
 * Writes bench/results/interp-large.json and .md (no timestamps).
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, fmt as fmtDigits, geomean, intFlag, isMain, machineInfo, markdownReport, markdownTable, median, now, parseFlags, round, writeResults } from './lib.js';
import { decodeAndValidate } from '../compiler/validate/index.js';
import { interpEngine } from '../loader/interp/index.js';
import { instantiateModule } from '../loader/instance/engine.js';
import { compileModule } from '../loader/interp/compile.js';
import { setSplitBudgets } from '../loader/interp/split.js';
import { createWasi } from '../loader/wasi/index.js';
import type { RawValue } from '../loader/api.js';

const fmt = (x: number): string => fmtDigits(x, x >= 10 ? 1 : x >= 0.1 ? 3 : 4);

interface Workload {
  name: string;
  size: number;
  bytes: Uint8Array<ArrayBuffer>;
}

/** workloads.txt: `name source defines size` per line */
function readWorkloads(only?: ReadonlySet<string>): Workload[] {
  const dir = join(benchDir(), 'large');
  const out: Workload[] = [];
  for (const raw of readFileSync(join(dir, 'workloads.txt'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [name, , , size] = line.split(/\s+/);
    if (name === undefined || size === undefined || !/^\d+$/.test(size)) throw new Error(`workloads.txt: bad line ${JSON.stringify(line)}`);
    if (only !== undefined && !only.has(name)) continue;
    out.push({ name, size: Number(size), bytes: new Uint8Array(readFileSync(join(dir, `${name}.wasm`))) });
  }
  return out;
}

const MIN_MEASURED_SECONDS = 0.5;
const MAX_REPS = 50;

/** most warm-up calls when the times keep falling */
const MAX_WARMUP = 20;

function measure(call: () => number, reps: number, warmup: number): { median: number; result: number; reps: number } {
  let result = 0;
  // at least `warmup` calls, then more while a call is clearly faster than the one before:
  // V8 compiles large functions in the background, which takes seconds on a busy machine
  let last = Infinity;
  for (let i = 0; i < MAX_WARMUP; i++) {
    const t0 = now();
    result = call();
    const t = now() - t0;
    if (i >= warmup - 1 && t > last * 0.9) break;
    last = t;
  }
  const times: number[] = [];
  let total = 0;
  while (times.length < reps || (total < MIN_MEASURED_SECONDS && times.length < MAX_REPS)) {
    const t0 = now();
    result = call();
    const t = now() - t0;
    times.push(t);
    total += t;
  }
  return { median: median(times), result, reps: times.length };
}

interface Row {
  name: string;
  size: number;
  kiln: number;
  v8: number;
  result: number;
  /** JS functions of the largest wasm function, and the largest one's estimated bytecode */
  pieces: number;
  largestEstimate: number;
}

function runWorkload(w: Workload, reps: number, warmup: number): Row {
  const module = decodeAndValidate(w.bytes);
  const inst = instantiateModule(interpEngine, module, {});
  const f = inst.exports['run'];
  if (f === undefined || f.kind !== 'func') throw new Error(`${w.name}.wasm has no export run`);
  const kiln = measure(() => (f.callRaw([w.size] as RawValue[])[0] as number) | 0, reps, warmup);
  const v8inst = new WebAssembly.Instance(new WebAssembly.Module(w.bytes), {});
  const g = v8inst.exports['run'] as (n: number) => number;
  const v8 = measure(() => g(w.size) | 0, reps, warmup);
  if (kiln.result !== v8.result) throw new Error(`${w.name}: kiln returned ${kiln.result}, V8 ${v8.result}`);
  // the translation of every function (already cached for those that ran)
  const t = compileModule(module, 10_000);
  let pieces = 1;
  let largestEstimate = 0;
  let biggest = -1;
  module.codes.forEach((c, k) => {
    if (biggest < 0 || c.size > (module.codes[biggest]?.size ?? 0)) biggest = k;
  });
  if (biggest >= 0) {
    const s = t.script(biggest);
    pieces = s.pieces;
    largestEstimate = s.largestPiece;
  }
  return { name: w.name, size: w.size, kiln: kiln.median, v8: v8.median, result: kiln.result, pieces, largestEstimate };
}

interface Startup {
  decodeValidate: number;
  first: number;
  median: number;
}

/** the corpus from a decoded, validated module to an instance with WASI bound (see above) */
function measureStartup(reps: number): Startup {
  const bytes = new Uint8Array(readFileSync(join(benchDir(), 'corpus', 'corpus.wasm')));
  const dv: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = now();
    const module = decodeAndValidate(bytes);
    const t1 = now();
    const wasi = createWasi({ args: ['corpus', '7'], env: {}, preopens: [] });
    const compiled = interpEngine.compile(module);
    interpEngine.instantiate(compiled, wasi.imports, { beforeStart: (inst) => wasi.bindInstance(inst) });
    const t2 = now();
    dv.push(t1 - t0);
    times.push(t2 - t1);
  }
  return { decodeValidate: median(dv), first: times[0] as number, median: median(times) };
}

function main(argv: readonly string[]): number {
  const flags = parseFlags(argv);
  const reps = intFlag(flags, 'reps', 5);
  const warmup = intFlag(flags, 'warmup', 2);
  const startupReps = intFlag(flags, 'startup-reps', 5);
  const only = flags.has('only') ? new Set((flags.get('only') ?? '').split(',')) : undefined;
  const noSplit = flags.has('no-split');
  if (noSplit) setSplitBudgets({ above: Number.POSITIVE_INFINITY, piece: Number.POSITIVE_INFINITY, minChunk: 0 });
  const rows: Row[] = [];
  for (const w of readWorkloads(only)) {
    const row = runWorkload(w, reps, warmup);
    console.log(`${row.name}: kiln ${fmt(row.kiln)} s, V8 ${fmt(row.v8)} s, ratio ${fmt(row.kiln / row.v8)} (${row.pieces} JS functions, largest ~${row.largestEstimate} B)`);
    rows.push(row);
  }
  const startup = only === undefined || only.has('startup') ? measureStartup(startupReps) : null;
  if (startup !== null) console.log(`corpus start-up: ${fmt(startup.median)} s median (first ${fmt(startup.first)} s), decode+validate ${fmt(startup.decodeValidate)} s`);

  const byName = new Map(rows.map((r) => [r.name, r]));
  /** [interpreter, V8] time of <shape>1024 over <shape>16, or null when either was not run */
  const over16 = (shape: string): [number | null, number | null] | null => {
    const small = byName.get(`${shape}16`);
    const large = byName.get(`${shape}1024`);
    return small === undefined || large === undefined ? null : [round(large.kiln / small.kiln, 3), round(large.v8 / small.v8, 3)];
  };
  const chain = over16('chain');
  const rounds = over16('rounds');
  const programs = rows.filter((r) => !/^(rounds|chain)\d/.test(r.name));
  const summary = {
    chain1024Over16: chain?.[0] ?? null,
    chain1024Over16V8: chain?.[1] ?? null,
    rounds1024Over16: rounds?.[0] ?? null,
    rounds1024Over16V8: rounds?.[1] ?? null,
    programsGeomeanOverV8: programs.length > 0 ? round(geomean(programs.map((r) => r.kiln / r.v8)), 3) : null,
    worstProgramOverV8: programs.length > 0 ? round(Math.max(...programs.map((r) => r.kiln / r.v8)), 3) : null,
  };
  const roundsLine = `1,024 rounds over 16 rounds on the interpreter (bar: ≤ 1.5): chain ${summary.chain1024Over16 ?? 'n/a'} (V8: ${summary.chain1024Over16V8 ?? 'n/a'}); rounds ${summary.rounds1024Over16 ?? 'n/a'} (V8: ${summary.rounds1024Over16V8 ?? 'n/a'}, limited by the CPU front end).`;
  const table = markdownTable(
    ['workload', 'size', 'kiln interp s', 'V8 s', 'interp/V8', 'JS functions (largest wasm function)', 'largest, est. bytecode B'],
    rows.map((r) => [r.name, String(r.size), fmt(r.kiln), fmt(r.v8), fmt(r.kiln / r.v8), String(r.pieces), String(r.largestEstimate)]),
    [false, true, true, true, true, true, true],
  );
  const about = [
    `Machine: ${JSON.stringify(machineInfo())}. V8 = Node's WebAssembly under --no-liftoff (TurboFan).`,
    `Median of at least ${reps} calls (more until 0.5 s were measured) after at least ${warmup} warm-up calls (more while the times still fell by over 10 %).`,
    ...(noSplit ? ['Splitting off (--no-split): every function translated whole.'] : []),
    roundsLine,
    `Programs (bytevm, lz, sha256) interp / V8: geometric mean ${summary.programsGeomeanOverV8 ?? 'n/a'}, worst ${summary.worstProgramOverV8 ?? 'n/a'} (bar: ≤ 4).`,
    startup === null
      ? 'Corpus start-up not measured (--only).'
      : `Corpus (1.2 MB) start-up, decoded module → instance with WASI bound: median ${fmt(startup.median)} s of ${startupReps}, first ${fmt(startup.first)} s (bar: ≤ 0.1 s); decode + validate apart: ${fmt(startup.decodeValidate)} s.`,
  ];
  const md = markdownReport('Interpreter on large functions', about, table, []);
  const json = {
    machine: machineInfo(),
    reps,
    warmup,
    rows: rows.map((r) => ({ ...r, kiln: round(r.kiln, 4), v8: round(r.v8, 4), ratio: round(r.kiln / r.v8, 3) })),
    startup: startup === null ? null : { decodeValidate: round(startup.decodeValidate, 4), first: round(startup.first, 4), median: round(startup.median, 4) },
    summary,
  };
  console.log(roundsLine);
  if (!flags.has('no-write') && !noSplit) console.log(`wrote ${writeResults('interp-large', json, md, flags.get('out')).join(', ')}`);
  return 0;
}

/** started without --no-liftoff: run again with it, so that V8 is measured at TurboFan */
function rerunWithoutLiftoff(): number {
  const r = spawnSync(process.execPath, ['--no-liftoff', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  return r.status ?? 2;
}

if (isMain(import.meta.url)) {
  if (!process.execArgv.includes('--no-liftoff')) process.exit(rerunWithoutLiftoff());
  process.exit(main(process.argv.slice(2)));
}
