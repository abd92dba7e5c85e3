/**
 * Standalone executables (issue 12's benchmark), all on this host (x86-64):
 * - start-up of hello world, 100 runs each, wall time per run as a child process: the
 *   executable of examples/wat/hello.wat, `kiln run` of it on the interpreter and of its
 *   `.cwasm`, and a gcc-compiled static C hello world; and execve → `_start` of the executable,
 *   measured by its runtime (bench/standalone/exec-at.c sets KILN_TIME_START just before execve);
 * - executable size against wasm size (both targets);
 * - the kernels of bench/kernels as batch-mode executables against the in-process native
 *   engine (the same call; the executable's time includes its start-up).
 *
 *   node dist/bench/standalone.js [--runs=100] [--reps=3] [--no-write] [--out=DIR]
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { decodeAndValidate } from '../compiler/validate/index.js';
import { encodeModule } from '../formats/wasm/encode.js';
import { parseWat } from '../formats/wat/index.js';
import { buildExecutable } from '../linker/exe.js';
import type { ExeSettings } from '../linker/exe-image.js';
import { nativeEngineFor } from '../loader/native/index.js';
import type { Isa } from '../targets/compiled.js';
import { readKernels } from './interp.js';
import { benchDir, fmt, intFlag, isMain, machineInfo, markdownReport, markdownTable, median, now, parseFlags, repoRoot, writeResults } from './lib.js';

const settings: ExeSettings = { preopens: [], env: [], timeoutMs: null, timeoutText: null, maxMemoryPages: null, maxCallDepth: 100_000, moduleName: 'bench', inheritEnv: false };

function exeOf(bytes: Uint8Array, isa: Isa, batch = false): Uint8Array {
  return buildExecutable(decodeAndValidate(bytes), { isa, settings: { ...settings, batch } });
}

function write(dir: string, name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  chmodSync(p, 0o755);
  return p;
}

/** median wall milliseconds of `runs` runs of cmd (stdout discarded) */
function timeRuns(cmd: string, args: readonly string[], runs: number, input = ''): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = now();
    const r = spawnSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'pipe'] });
    times.push((now() - t) * 1000);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr?.toString()}`);
  }
  return median(times);
}

interface Figures {
  startup: { what: string; ms: number }[];
  execToStartUs: number;
  sizes: { module: string; wasm: number; x86_64: number; aarch64: number }[];
  kernels: { name: string; exeMs: number; inProcessMs: number }[];
}

/** calls of each kernel per measurement */
const calls = 10;

export function measure(runs: number, reps: number): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-exe-'));
  try {
    const kiln = join(repoRoot(), 'bin', 'kiln.js');
    const helloWat = join(repoRoot(), 'examples', 'wat', 'hello.wat');
    const hello = encodeModule(parseWat(readFileSync(helloWat, 'utf8')));
    const exe = write(dir, 'hello', exeOf(hello, 'x86_64'));
    const cwasm = join(dir, 'hello.cwasm');
    execFileSync(process.execPath, [kiln, 'compile', helloWat, '-o', cwasm]);
    writeFileSync(join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello, kiln!"); return 0; }\n');
    execFileSync('gcc', ['-static', '-O2', '-o', join(dir, 'hello-gcc'), join(dir, 'hello.c')]);
    execFileSync('gcc', ['-O2', '-o', join(dir, 'exec-at'), join(benchDir(), 'standalone', 'exec-at.c')]);
    const startup = [
      { what: 'kiln build executable (hello.wat)', ms: timeRuns(exe, [], runs) },
      { what: 'gcc -static C hello world', ms: timeRuns(join(dir, 'hello-gcc'), [], runs) },
      { what: 'kiln run hello.cwasm', ms: timeRuns(process.execPath, [kiln, 'run', cwasm], Math.ceil(runs / 10)) },
      { what: 'kiln run hello.wat (interpreter)', ms: timeRuns(process.execPath, [kiln, 'run', '--engine', 'interp', helloWat], Math.ceil(runs / 10)) },
    ];
    const execTimes: number[] = [];
    for (let k = 0; k < runs; k++) {
      const r = spawnSync(join(dir, 'exec-at'), [exe], { encoding: 'utf8' });
      const m = /execve to _start: (\d+) ns/.exec(r.stderr);
      if (m !== null) execTimes.push(Number(m[1]) / 1000);
    }
    const sizes = [
      { module: 'examples/wat/hello.wat', bytes: hello },
      ...['examples/hello.wasm', 'examples/files.wasm', 'examples/clock.wasm', 'bench/corpus/corpus.wasm'].map((m) => ({ module: m, bytes: new Uint8Array(readFileSync(join(repoRoot(), m))) })),
    ].map(({ module, bytes }) => ({ module, wasm: bytes.length, x86_64: exeOf(bytes, 'x86_64').length, aarch64: exeOf(bytes, 'aarch64').length }));
    const kernels = readKernels().map((k) => {
      const kexe = write(dir, k.name, exeOf(k.bytes, 'x86_64', true));
      // `calls` calls in one process, so that the spawn's own cost (a few ms from Node) weighs little
      const line = `invoke x${Buffer.from(k.exportName).toString('hex')} ${k.size}\n`.repeat(calls);
      // the engine kiln run uses: guard-page bounds, as the executable's code
      const engine = nativeEngineFor('auto');
      const inst = engine.instantiate(engine.compile(decodeAndValidate(k.bytes)), {});
      const f = inst.exports[k.exportName];
      if (f === undefined || f.kind !== 'func') throw new Error(`${k.name}: no export ${k.exportName}`);
      const exe: number[] = [];
      const inProcess: number[] = [];
      // alternating, so that a slower or faster phase of the machine falls on both
      for (let r = 0; r < reps; r++) {
        exe.push(timeRuns(kexe, [], 1, line));
        const t = now();
        for (let c = 0; c < calls; c++) f.callRaw([k.size]);
        inProcess.push((now() - t) * 1000);
      }
      return { name: k.name, exeMs: median(exe), inProcessMs: median(inProcess) };
    });
    return { startup, execToStartUs: median(execTimes), sizes, kernels };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(f: Figures, runs: number): string {
  const m = machineInfo();
  const t1 = markdownTable(['start-up (median wall time of a run)', 'ms'], f.startup.map((s) => [s.what, fmt(s.ms, 2)]), [false, true]);
  const t2 = markdownTable(
    ['module', 'wasm bytes', 'x86-64 executable', 'AArch64 executable'],
    f.sizes.map((s) => [s.module, String(s.wasm), `${s.x86_64} (${fmt(s.x86_64 / s.wasm, 1)}×)`, `${s.aarch64} (${fmt(s.aarch64 / s.wasm, 1)}×)`]),
    [false, true, true, true],
  );
  const t3 = markdownTable(
    ['kernel (median of the runs, taken alternately)', `executable, ${calls} calls (whole process) ms`, `in-process native engine, ${calls} calls ms`, 'ratio'],
    f.kernels.map((k) => [k.name, fmt(k.exeMs, 1), fmt(k.inProcessMs, 1), fmt(k.exeMs / k.inProcessMs, 2)]),
    [false, true, true, true],
  );
  return markdownReport(
    'Standalone executables (bench/standalone.ts)',
    [
      `${m.cores} cores, ${m.cpu}, Node ${m.node}. Start-up: ${runs} runs of each native program, ${Math.ceil(runs / 10)} of each kiln run; wall time of the child process as Node's spawnSync sees it (its own overhead included, the same for all).`,
      `execve → _start of the executable (its runtime reads CLOCK_MONOTONIC against the launcher's, bench/standalone/exec-at.c): median ${fmt(f.execToStartUs, 1)} µs over ${runs} runs (bar ≤ 1 ms).`,
    ],
    `${t1}\n\n${t2}\n\n${t3}`,
    [],
  );
}

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const runs = intFlag(flags, 'runs', 100);
  const f = measure(runs, intFlag(flags, 'reps', 3));
  const md = report(f, runs);
  console.log(md);
  if (!flags.has('no-write')) for (const p of writeResults('standalone', { machine: machineInfo(), ...f }, md, flags.get('out'))) console.log(`wrote ${relative(repoRoot(), p)}`);
}

