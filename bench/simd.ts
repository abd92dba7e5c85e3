/**
 * Issue 13's speed check, in ONE run: the SIMD kernels of bench/simd (a dot product, an image
 * blur, a byte histogram, a string search, RGBA→grey, saxpy; bench/simd/README.md), each C
 * source built twice — clang -O2 -msimd128 and a scalar build — and each build timed on
 *
 *   V8           Node's WebAssembly at TurboFan (--no-liftoff; started without it, this
 *                script restarts itself with it)
 *   kiln native  engine "native" of cli/engines.ts; until the native compiler has SIMD it
 *                refuses the SIMD builds (KilnError 'unsupported'): that cell reads
 *                "not supported" with the reason, and everything else is still measured
 *   kiln interp  the interpreter, what `kiln run` falls back to for a module the native
 *                compiler refuses (every module with v128 before issue 13)
 *
 * Reported: median seconds per run(n) call (bench/simd-engines.ts has the warm-up and
 * repetition rules), the SIMD/scalar speed-up per engine, kiln native / V8 per build with
 * geometric means, the kernels where V8 gains ≥ 2× from SIMD, and issue 13's two bars. Every
 * engine and build must return the same checksum (exit code 1 otherwise).
 *
 * Usage: node --no-liftoff dist/bench/simd.js [--reps=5] [--warmup=2] [--interp-reps=1]
 *          [--only=dot,blur] [--engines=v8,native,interp] [--out=DIR] [--no-write]
 * (--interp-reps: the interpreter's minimum timed calls; its SIMD builds take seconds a call.)
 * Writes bench/results/simd.json and simd.md (no timestamps).
 * Exit: 0 measured; 1 a wrong checksum, or an available engine failed other than by refusing
 * v128 as unsupported; 2 the harness failed. Speed never fails it.
 */

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { errorText, intFlag, isMain, machineInfo, markdownReport, parseFlags, writeResults } from './lib.js';
import { ENGINES, measureEngine, type Cell, type EngineName, type MeasureOptions } from './simd-engines.js';
import { BUILDS, kernelBytes, readSimdKernels, type SimdKernel } from './simd-kernels.js';
import { barLines, cellKey, checkChecksums, ratioTable, resultsJson, summarize, timesTable, type CellKey, type KernelRow } from './simd-report.js';

const V8_TIER = 'TurboFan only (node --no-liftoff)';

function engineList(flag: string | undefined): EngineName[] {
  if (flag === undefined) return [...ENGINES];
  const asked = flag.split(',');
  const unknown = asked.filter((x) => !(ENGINES as readonly string[]).includes(x));
  if (unknown.length > 0) throw new Error(`bench: --engines: unknown ${unknown.join(', ')} (choose from ${ENGINES.join(', ')})`);
  return ENGINES.filter((e) => asked.includes(e));
}

/** v128 instructions in the hot loops of the SIMD build, read with kiln's decoder (null if it cannot load) */
async function hotLoopSimdOf(k: SimdKernel): Promise<number | null> {
  try {
    const { hotLoopSimd } = await import('./simd-scan.js');
    return hotLoopSimd(kernelBytes(k.name, 'simd'), k.hot);
  } catch (e) {
    process.stderr.write(`simd-bench: cannot scan ${k.name}.simd.wasm: ${errorText(e)}\n`);
    return null;
  }
}

async function runKernel(k: SimdKernel, engines: readonly EngineName[], o: MeasureOptions, interpReps: number): Promise<KernelRow> {
  const cells: Partial<Record<CellKey, Cell>> = {};
  const builds = BUILDS.map((b) => kernelBytes(k.name, b));
  for (const e of engines) {
    process.stderr.write(`simd-bench: ${k.name}(${k.benchSize}) on ${e}, SIMD and scalar builds in turn ... `);
    const measured = await measureEngine(e, builds, k.benchSize, e === 'interp' ? { ...o, reps: interpReps } : o);
    const shown = BUILDS.map((b, i) => {
      const c = measured[i]!;
      cells[cellKey(e, b)] = c;
      return `${b} ${'timing' in c ? `${c.timing.median.toFixed(4)} s × ${c.timing.reps}` : c.missing}`;
    });
    process.stderr.write(`${shown.join('; ')}\n`);
  }
  return { name: k.name, size: k.benchSize, hotLoopSimd: await hotLoopSimdOf(k), cells };
}

/** failed cells (wrong checksums included), except a SIMD build refused as unsupported */
const failures = (r: KernelRow): number => Object.entries(r.cells).filter(([key, c]) => 'missing' in c && !(c.unsupported && key.endsWith('/simd'))).length;

function notes(rows: readonly KernelRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    for (const [key, c] of Object.entries(r.cells)) if ('missing' in c) out.push(`- ${r.name}, ${key}: ${c.missing}`);
  }
  return out;
}

export async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  const o: MeasureOptions = { reps: Math.max(1, intFlag(flags, 'reps', 5)), warmup: intFlag(flags, 'warmup', 2) };
  const interpReps = Math.max(1, intFlag(flags, 'interp-reps', 1));
  const engines = engineList(flags.get('engines'));
  const only = flags.get('only');
  const kernels = readSimdKernels(only !== undefined ? new Set(only.split(',')) : undefined);
  const machine = machineInfo();
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`SIMD kernels: ${engines.join(', ')} × SIMD and scalar builds — ${kernels.length} kernels; ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${load}`);

  const rows: KernelRow[] = [];
  let bad = 0;
  for (const k of kernels) {
    const row = await runKernel(k, engines, o, interpReps);
    checkChecksums(row.cells);
    bad += failures(row);
    rows.push(row);
  }
  const summary = summarize(rows);
  const command = `node --no-liftoff dist/bench/simd.js${argv.length > 0 ? ' ' + argv.join(' ') : ''}`;
  const times = timesTable(rows, engines);
  const ratios = ratioTable(rows, engines, summary);
  const bars = barLines(summary, rows.length);
  const about = [
    `Command: \`${command}\`. Kernels: bench/simd (bench/simd/README.md), each built with clang 14 \`-O2 -msimd128\` (SIMD) and \`-O2 -fno-vectorize -fno-slp-vectorize\` (scalar) from the same source.`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}, Node ${machine.node}; load average at the start ${load}.`,
    `V8: ${V8_TIER}. kiln native: engine "native" of cli/engines.ts. kiln interp: the interpreter (what \`kiln run\` falls back to for a module the native compiler refuses, as it refused every v128 module before issue 13).`,
    `Seconds per run(n) call, compile and instantiation untimed: median of at least ${o.reps} timed calls (the interpreter: ${interpReps}), more (≤ 50) until 0.5 s were measured, the SIMD and scalar builds of one engine called in turn, after a probe call run(n/100) and at least ${o.warmup} warm-up calls (more while still getting faster; none when the probe predicts over 2 s a call, one over 2 s ends the warm-up). ` +
      'SIMD gain = scalar time / SIMD time on the same engine; native/V8 > 1: kiln is slower. Every engine and build returned the same checksum unless listed below.',
    '',
    ...bars.map((l) => `- ${l}`),
  ];
  const md = markdownReport('SIMD kernels (issue 13)', about, `## Time per call\n\n${times}\n\n## Speed-ups and ratios\n\n${ratios}`, notes(rows));
  const json = {
    benchmark: 'simd',
    command,
    v8: V8_TIER,
    reps: o.reps,
    warmup: o.warmup,
    interpReps,
    machine,
    engines,
    ...resultsJson(rows, engines, summary),
  };
  console.log(`\n${times}\n\n${ratios}\n\n${bars.join('\n')}`);
  const missing = notes(rows);
  if (missing.length > 0) console.log(`\nNot measured:\n${missing.join('\n')}`);
  if (!flags.has('no-write')) console.log(`\nwrote ${writeResults('simd', json, md, flags.get('out')).join(', ')}`);
  if (bad > 0) console.error(`simd-bench: ${bad} wrong checksum(s) or failed measurement(s) (see "Not measured")`);
  return bad > 0 ? 1 : 0;
}

/** started without --no-liftoff: run again with it, so that V8 is measured at TurboFan */
function rerunWithoutLiftoff(): number {
  const r = spawnSync(process.execPath, ['--no-liftoff', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  return r.status ?? 2;
}

if (isMain(import.meta.url)) {
  if (!process.execArgv.includes('--no-liftoff')) process.exit(rerunWithoutLiftoff());
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(2);
    },
  );
}
