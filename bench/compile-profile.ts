/**
 * Native compile throughput of one module in this process, for profiling work on the compiler
 * (docs/regalloc.md, "Speed"). Not part of bench:native (which measures in child processes).
 *
 *   node dist/bench/compile-profile.js [--file=bench/corpus/corpus.wasm] [--reps=5] [--stages]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/compile-profile.js --reps=5
 *
 * Prints the machine code's size and hash (to see that a speed change left the output alone), the cold compile (the first of the process: what `kiln run` pays), then `--reps` warm
 * `compileModule` calls, their median and best in MB/s of code-section bytes (10^6 bytes).
 * `--stages` then runs the same pipeline stage by stage (frontend, passes, lower, regalloc,
 * emit; the same calls as targets/compile.ts) and prints the median time of each stage, and the
 * allocator's throughput in million machine instructions per second.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAndValidate } from '../compiler/validate/index.js';
import { compileModule, targetFor } from '../targets/compile.js';
import { Frontend } from '../compiler/frontend/frontend.js';
import { PassContext } from '../compiler/passes/context.js';
import { optimize } from '../compiler/passes/pipeline.js';
import { Allocation } from '../compiler/regalloc/mach.js';
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

/** the pipeline of compileModule, one stage timer each */
function compileByStage(m: Module): StageRun {
  const target = targetFor('x86_64');
  const fe = new Frontend();
  const ctx = new PassContext();
  const allocator = new Allocator();
  const alloc = new Allocation();
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const times: StageTimes = { frontend: 0, passes: 0, lower: 0, regalloc: 0, emit: 0 };
  let machInsts = 0;
  for (let d = 0; d < m.codes.length; d++) {
    const t0 = now();
    const f = fe.translate(m, d, { verify: false });
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

const mbps = (bytes: number, seconds: number): string => (bytes / 1e6 / seconds).toFixed(3);

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const file = flags.get('file') ?? join(benchDir(), 'corpus', 'corpus.wasm');
  const reps = Math.max(1, intFlag(flags, 'reps', 5));
  const bytes = readFileSync(file);
  const code = scanSections(bytes).find((x) => x.id === 10)?.size ?? 0;
  const m = decodeAndValidate(bytes);
  const t0 = now();
  const first = compileModule(m);
  const cold = now() - t0;
  const hash = createHash('sha256');
  let machine = 0;
  for (const f of first.funcs) {
    hash.update(f.code);
    machine += f.code.length;
  }
  console.log(`${file}: ${code} code bytes, ${m.codes.length} functions; ${machine} machine bytes, sha256 ${hash.digest('hex').slice(0, 16)}`);
  console.log(`cold   ${cold.toFixed(3)} s  ${mbps(code, cold)} MB/s`);
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t1 = now();
    compileModule(m);
    times.push(now() - t1);
  }
  console.log(`warm   median ${median(times).toFixed(3)} s  ${mbps(code, median(times))} MB/s   best ${best(times).toFixed(3)} s  ${mbps(code, best(times))} MB/s  (${reps} reps)`);
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
