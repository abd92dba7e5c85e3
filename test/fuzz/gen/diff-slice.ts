/**
 * One slice of a differential run (test/fuzz/native-differential.test.ts,
 * simd-differential.test.ts): modules `from` to `to - 1` of a seeded sequence, each run on the
 * reference side and on the side under test (a kiln engine, or V8: run.ts `Side`), with the
 * figures kept in a plain object so that slices run in child processes can be merged by the
 * parent (a process can hold about 16,000 native instances with a memory: each reserves 8 GiB
 * of address space and none is freed yet, docs/native.md).
 */

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import type { Engine } from '../../../loader/api.js';
import { OpcodeCounter } from './coverage.js';
import { firstMismatch } from './compare.js';
import { generateModule, subSeed } from './index.js';
import type { GenOptionsInput } from './options.js';
import { callPlan, kilnSide, type RunOptions, type RunResult, type Side } from './run.js';
import { toWat } from './wat.js';

/** mismatching modules reported in full (the run goes on counting the others) */
const REPORTED = 20;
const REPRODUCERS = 5;

/** what a slice found; JSON-safe, and merged by `mergeSlices` */
export interface SliceReport {
  modules: number;
  /** modules whose bodies hold at least one SIMD instruction */
  simdModules: number;
  calls: number;
  mismatching: number;
  /** the first REPORTED mismatches, one line each */
  mismatches: string[];
  /** instances that did not run on the engine under test */
  elsewhere: string[];
  /** call outcomes on the reference engine, by kind ('values', or the trap kind) */
  outcomes: Record<string, number>;
  /** opcode occurrences by opcode id (OpcodeCounter.counts) */
  counts: number[];
  /** milliseconds: generate+decode, reference, engine under test, wall; CPU of the process */
  ms: { gen: number; ref: number; test: number; wall: number; cpu: number };
}

function emptyReport(): SliceReport {
  return { modules: 0, simdModules: 0, calls: 0, mismatching: 0, mismatches: [], elsewhere: [], outcomes: {}, counts: [], ms: { gen: 0, ref: 0, test: 0, wall: 0, cpu: 0 } };
}

export interface SliceSpec {
  readonly baseSeed: number;
  readonly from: number;
  readonly to: number;
  /** the side under test; an Engine stands for that kiln engine (kilnSide) */
  readonly engine: Engine | Side;
  /** the reference side; an Engine likewise */
  readonly reference: Engine | Side;
  /** generator options of module `index` (default: the generator's defaults) */
  readonly options?: (index: number) => GenOptionsInput;
  /** names the temporary files: kiln-<tag>-<seed>.wat, kiln-<tag>-current.txt (default native-diff) */
  readonly tag?: string;
  /** the file (in the temporary directory) that names the module being run, for crashes */
  readonly currentFile?: string;
}

const asSide = (x: Engine | Side): Side => ('run' in x ? x : kilnSide(x));

/** runs modules [from, to); yields to the event loop every 200 modules (vitest's RPC) */
export async function runSlice(spec: SliceSpec): Promise<SliceReport> {
  const options: RunOptions = { snapshotMemory: true, snapshotState: true };
  const coverage = new OpcodeCounter();
  const report = emptyReport();
  const tag = spec.tag ?? 'native-diff';
  const current = join(tmpdir(), spec.currentFile ?? `kiln-${tag}-current.txt`);
  const engine = asSide(spec.engine);
  const reference = asSide(spec.reference);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let reproducers = 0;

  for (let i = spec.from; i < spec.to; i++) {
    if (i % 200 === 199) await new Promise<void>((resolve) => setImmediate(resolve));
    const seed = subSeed(spec.baseSeed, i);
    let t = performance.now();
    const g = generateModule(seed, spec.options?.(i));
    const bytes = encodeModule(g.module);
    const module = decodeModule(bytes);
    coverage.addModule(module);
    const plan = callPlan(g);
    report.ms.gen += performance.now() - t;

    t = performance.now();
    const ref = reference.run(g, bytes, module, plan, options);
    report.ms.ref += performance.now() - t;

    writeFileSync(current, `seed ${seed} (index ${i}, base seed ${spec.baseSeed})\n`);
    t = performance.now();
    const mine: RunResult = engine.run(g, bytes, module, plan, options);
    report.ms.test += performance.now() - t;
    report.modules++;

    if (mine.engine !== null && mine.engine !== engine.name) report.elsewhere.push(`seed ${seed}: ran on ${mine.engine}`);
    for (const c of ref.calls) {
      report.calls++;
      const k = c.outcome.kind === 'trap' ? c.outcome.trap : c.outcome.kind;
      report.outcomes[k] = (report.outcomes[k] ?? 0) + 1;
    }
    const diff = firstMismatch(g, mine, ref);
    if (diff === null) continue;
    report.mismatching++;
    if (report.mismatches.length >= REPORTED) continue;
    let where = '';
    if (reproducers < REPRODUCERS) {
      reproducers++;
      const file = join(tmpdir(), `kiln-${tag}-${seed}.wat`);
      writeFileSync(file, toWat(g.module));
      where = ` [${file}]`;
    }
    const size = g.module.codes.reduce((n, c) => n + c.body.length, 0);
    report.mismatches.push(`seed ${seed} (index ${i}; ${g.module.codes.length} functions, ${size} instructions)${where}: ${diff}`);
  }

  const cpu = process.cpuUsage(cpuStart);
  report.ms.wall = performance.now() - start;
  report.ms.cpu = (cpu.user + cpu.system) / 1000;
  report.counts = [...coverage.counts];
  report.simdModules = coverage.simdModules;
  return report;
}

/** the figures of several slices as one report (mismatch lists cut to REPORTED) */
export function mergeSlices(parts: readonly SliceReport[]): SliceReport {
  const out = emptyReport();
  for (const p of parts) {
    out.modules += p.modules;
    out.simdModules += p.simdModules;
    out.calls += p.calls;
    out.mismatching += p.mismatching;
    out.mismatches.push(...p.mismatches);
    out.elsewhere.push(...p.elsewhere);
    for (const [k, n] of Object.entries(p.outcomes)) out.outcomes[k] = (out.outcomes[k] ?? 0) + n;
    p.counts.forEach((n, i) => (out.counts[i] = (out.counts[i] ?? 0) + n));
    for (const k of ['gen', 'ref', 'test', 'cpu'] as const) out.ms[k] += p.ms[k];
  }
  out.mismatches = out.mismatches.slice(0, REPORTED);
  return out;
}

/** an OpcodeCounter holding a report's counts */
export function counterOf(r: SliceReport): OpcodeCounter {
  const c = new OpcodeCounter();
  r.counts.forEach((n, i) => (c.counts[i] = n));
  c.modules = r.modules;
  c.simdModules = r.simdModules;
  return c;
}
