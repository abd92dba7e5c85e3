/**
 * Native compile throughput of one module in this process, for profiling work on the compiler
 * (docs/regalloc.md, "Speed"). Not part of bench:native (which measures in child processes).
 *
 *   node dist/bench/compile-profile.js [--file=bench/corpus/corpus.wasm] [--reps=5] [--stages]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/compile-profile.js --reps=5
 *
 * Times are wall clock and this process's CPU time (all threads: the figure to trust on a loaded
 * machine, though it includes V8's background compiler and GC threads). Prints the machine code's size and hash (to see that a speed change left the output alone), the cold compile (the first of the process: what `kiln run` pays), then `--reps` warm
 * `compileModule` calls, their median and best in MB/s of code-section bytes (10^6 bytes).
 * `--stages` then runs the same pipeline stage by stage (frontend, passes, lower, regalloc,
 * emit; the same calls as targets/compile.ts) and prints the median time of each stage, and the
 * allocator's throughput in million machine instructions per second. `--regalloc` lowers every
 * function once, keeps a copy of each machine function, and then times the allocator alone over
 * those copies `--reps` times (median and best, million machine instructions per second).
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAndValidate } from '../compiler/validate/index.js';
import { compileModule, targetFor } from '../targets/compile.js';
import { Frontend } from '../compiler/frontend/frontend.js';
import { PassContext } from '../compiler/passes/context.js';
import { optimize } from '../compiler/passes/pipeline.js';
import { Allocation, MachFunc } from '../compiler/regalloc/mach.js';
import { Allocator } from '../compiler/regalloc/index.js';
import type { Module } from '../formats/wasm/types.js';
import { scanSections } from '../formats/wasm/section-scan.js';
import { benchDir, best, intFlag, isMain, median, now, parseFlags } from './lib.js';

const STAGE_NAMES = ['frontend', 'passes', 'lower', 'regalloc', 'emit'] as const;
type StageTimes = Record<(typeof STAGE_NAMES)[number], number>;

interface StageRun {
  readonly times: StageTimes;
  readonly machInsts: number;
}

/** the pipeline of compileModule (its default options), one stage timer each */
function compileByStage(m: Module): StageRun {
  const target = targetFor('x86_64');
  const fe = new Frontend();
  const ctx = new PassContext();
  const allocator = new Allocator({ validate: false });
  const alloc = new Allocation();
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const times: StageTimes = { frontend: 0, passes: 0, lower: 0, regalloc: 0, emit: 0 };
  let machInsts = 0;
  for (let d = 0; d < m.codes.length; d++) {
    const t0 = now();
    const f = fe.translate(m, d, { verify: false, interrupts: true });
    const t1 = now();
    optimize(f, ctx, {});
    const t2 = now();
    const lowered = target.lower(f);
    const t3 = now();
    allocator.allocate(lowered.m, target.env, alloc);
    const t4 = now();
    target.emit(f, lowered, alloc, imported + d);
    const t5 = now();
    times.frontend += t1 - t0;
    times.passes += t2 - t1;
    times.lower += t3 - t2;
    times.regalloc += t4 - t3;
    times.emit += t5 - t4;
    machInsts += lowered.m.instCount;
  }
  return { times, machInsts };
}

/** a copy of the machine function's store (the lowering reuses its own) */
function copyMachFunc(src: MachFunc): MachFunc {
  const m = new MachFunc();
  const fields = m as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(src)) {
    if (ArrayBuffer.isView(v)) fields[k] = (v as Int32Array).slice();
    else if (Array.isArray(v)) fields[k] = v.map((x: Uint32Array) => x.slice());
    else fields[k] = v;
  }
  return m;
}

function allocatorOnly(m: Module, reps: number): void {
  const target = targetFor('x86_64');
  const fe = new Frontend();
  const ctx = new PassContext();
  const machs: MachFunc[] = [];
  let insts = 0;
  for (let d = 0; d < m.codes.length; d++) {
    const f = fe.translate(m, d, { verify: false, interrupts: true });
    optimize(f, ctx, {});
    const copy = copyMachFunc(target.lower(f).m);
    machs.push(copy);
    insts += copy.instCount;
  }
  const allocator = new Allocator({ validate: false });
  const alloc = new Allocation();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r <= reps; r++) {
    const c0 = cpuSeconds();
    const t0 = now();
    for (const mf of machs) allocator.allocate(mf, target.env, alloc);
    if (r === 0) continue;
    times.push(now() - t0);
    cpu.push(cpuSeconds() - c0);
  }
  const rate = (t: number): string => (insts / 1e6 / t).toFixed(2);
  console.log(`regalloc alone: ${insts} machine insts (${reps} reps after 1 warm-up)`);
  console.log(`  wall median ${median(times).toFixed(3)} s  ${rate(median(times))} M insts/s   best ${best(times).toFixed(3)} s  ${rate(best(times))} M insts/s`);
  console.log(`  cpu  median ${median(cpu).toFixed(3)} s  ${rate(median(cpu))} M insts/s   best ${best(cpu).toFixed(3)} s  ${rate(best(cpu))} M insts/s`);
}

/** CPU time of this process (user + system, all threads) in seconds */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const mbps = (bytes: number, seconds: number): string => (bytes / 1e6 / seconds).toFixed(3);

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const file = flags.get('file') ?? join(benchDir(), 'corpus', 'corpus.wasm');
  const reps = Math.max(1, intFlag(flags, 'reps', 5));
  const bytes = readFileSync(file);
  if (flags.has('regalloc')) {
    allocatorOnly(decodeAndValidate(bytes), reps);
    return;
  }
  const code = scanSections(bytes).find((x) => x.id === 10)?.size ?? 0;
  const m = decodeAndValidate(bytes);
  const c0 = cpuSeconds();
  const t0 = now();
  const first = compileModule(m);
  const cold = now() - t0;
  const coldCpu = cpuSeconds() - c0;
  const hash = createHash('sha256');
  let machine = 0;
  for (const f of first.funcs) {
    hash.update(f.code);
    machine += f.code.length;
  }
  console.log(`${file}: ${code} code bytes, ${m.codes.length} functions; ${machine} machine bytes, sha256 ${hash.digest('hex').slice(0, 16)}`);
  console.log(`cold   wall ${cold.toFixed(3)} s  ${mbps(code, cold)} MB/s   cpu ${coldCpu.toFixed(3)} s  ${mbps(code, coldCpu)} MB/s`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c1 = cpuSeconds();
    const t1 = now();
    compileModule(m);
    times.push(now() - t1);
    cpu.push(cpuSeconds() - c1);
  }
  const line = (what: string, xs: number[]): string =>
    `${what} median ${median(xs).toFixed(3)} s  ${mbps(code, median(xs))} MB/s   best ${best(xs).toFixed(3)} s  ${mbps(code, best(xs))} MB/s`;
  console.log(`warm (${reps} reps)`);
  console.log(line('  wall', times));
  console.log(line('  cpu ', cpu));
  if (!flags.has('stages')) return;
  const runs: StageRun[] = [];
  for (let r = 0; r < reps; r++) runs.push(compileByStage(m));
  const insts = runs[0]!.machInsts;
  for (const s of STAGE_NAMES) {
    const t = median(runs.map((x) => x.times[s]));
    const extra = s === 'regalloc' ? `  ${(insts / 1e6 / t).toFixed(2)} M machine insts/s (${insts} insts)` : '';
    console.log(`${s.padEnd(9)} ${t.toFixed(3)} s${extra}`);
  }
}

if (isMain(import.meta.url)) main();
