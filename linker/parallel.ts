/**
 * Compiling a module's functions on several threads (`kiln compile -j N`): the defined
 * functions are cut into contiguous chunks of about equal body size (chunks.ts), `jobs`
 * threads take chunks from a shared queue until none is left — worker threads running
 * compile-worker.ts and, by default, the main thread itself — and the chunks are put back
 * together in function index order. A function's code does not depend on which thread or
 * chunk compiled it (targets/compile.ts ModuleCompiler), so the result is byte for byte the
 * one `compileModule` gives, whatever `jobs` is.
 *
 * The main thread starts the workers first (a worker needs a moment to load the compiler and
 * decode the module) and compiles chunks meanwhile; a thread that is ready takes the next
 * chunk, so the work balances itself. `jobs` 1, or a module with one chunk, starts no worker.
 * A failure stops the taking of later chunks and is reported as the error of the first
 * failing function (a worker's KilnError comes back as the same KilnError); a worker that
 * dies is an internal error. Progress (functions done of all) is read from the shared queue.
 */

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KilnError } from '../formats/errors.js';
import { decodeModule } from '../formats/wasm/decode.js';
import type { Module } from '../formats/wasm/types.js';
import type { CompiledCode } from '../targets/compiled.js';
import { compileModule, ModuleCompiler, type CompileOptions, type FuncRange } from '../targets/compile.js';
import { PROGRESS_INTERVAL_MS, ProgressThrottle, type ProgressCallback } from '../targets/progress.js';
import { ChunkQueue, splitBySize } from './chunks.js';
import { compileChunks, errorFrom, type ChunkSink, type WorkerInput, type WorkerMessage } from './compile-thread.js';
// the worker's entry is started by its URL, never imported: named here (a type-only import,
// nothing is loaded) so that tsc compiles it even where tsconfig's include leaves linker/ out
import type {} from './compile-worker.js';

/**
 * Compiling threads when none are asked for (`kiln compile` without `--jobs`, the API without `jobs`): half the cores, at least one. Every thread runs
 * its own copy of the compiler's JavaScript, which V8 optimises on other cores while it runs:
 * one thread compiling the 1.2 MB benchmark corpus keeps about 1.8 cores busy (4.5 s of CPU
 * in 2.5 s), and each further thread repeats that optimising. On 2 cores, `-j 2` is 1.4-1.7×
 * slower than `-j 1` (bench/README.md, "Parallel compile"), so a thread is given two cores.
 */
export function defaultJobs(cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

/** chunks per thread: enough for the threads to even out, few enough to cost nothing */
export const CHUNKS_PER_THREAD = 8;

export interface ParallelOptions {
  /** functions compiled (by every thread) of all: at most every ~1 % and 100 ms, and at the end */
  readonly onProgress?: ProgressCallback;
  /** the main thread compiles chunks too (default true); false: `jobs` workers do it all */
  readonly mainThread?: boolean;
  /** the module, already decoded from the bytes (else they are decoded here) */
  readonly module?: Module;
  /** the worker's entry file (default: compileWorkerEntry()) */
  readonly workerEntry?: URL;
}

/**
 * The worker's entry: in the bundle (scripts/bundle.mjs), the single CommonJS file
 * compile-worker.cjs next to the bundle's chunks; in dist/linker/, the compiled
 * compile-worker.js; when this file runs as TypeScript in the source tree (vitest), the
 * compiled twin in dist/ (`npm run build` makes it).
 */
export function compileWorkerEntry(): URL {
  const candidates = ['./compile-worker.cjs', './compile-worker.js', '../dist/linker/compile-worker.js'].map((p) => new URL(p, import.meta.url));
  const found = candidates.find((u) => existsSync(u));
  if (found === undefined) throw new KilnError('io', 'cannot find the compile worker (linker/compile-worker.js next to linker/parallel.js); run npm run build');
  return found;
}

/** the options a worker needs (plain data: no callbacks, no module) */
function compileOptionsOf(o: CompileOptions): CompileOptions {
  const { isa, cpuFeatures, optLevel, passesOff, verify, checkAllocation, interrupts, bounds } = o;
  return { isa, cpuFeatures, optLevel, passesOff, verify, checkAllocation, interrupts, bounds };
}

/** the chunks' outcomes as they arrive; settles once every chunk that counts is in */
class Outcomes implements ChunkSink {
  readonly codes: (CompiledCode | undefined)[];
  private readonly errors: (Error | undefined)[];
  private fatal: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    count: number,
    private readonly queue: ChunkQueue,
  ) {
    this.codes = new Array<CompiledCode | undefined>(count).fill(undefined);
    this.errors = new Array<Error | undefined>(count).fill(undefined);
  }

  compiled(chunk: number, code: CompiledCode): void {
    this.codes[chunk] = code;
    this.wake?.();
  }

  failed(chunk: number, error: unknown): void {
    this.errors[chunk] = error instanceof Error ? error : new Error(String(error));
    this.wake?.();
  }

  /** a failure that is no chunk's (a worker that could not start, or died) */
  stop(error: Error): void {
    this.fatal ??= error;
    this.wake?.();
  }

  /** every chunk before the first failed one is in, or a thread died */
  private settled(): boolean {
    if (this.fatal !== null) return true;
    const limit = this.queue.limit;
    for (let c = 0; c < limit; c++) if (this.codes[c] === undefined && this.errors[c] === undefined) return false;
    return limit >= this.codes.length || this.errors[limit] !== undefined;
  }

  /** waits until settled; the merged code, or the error of the first failed chunk */
  async result(): Promise<CompiledCode> {
    while (!this.settled()) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    if (this.fatal !== null) throw this.fatal;
    const limit = this.queue.limit;
    if (limit < this.codes.length) throw this.errors[limit]!;
    const codes = this.codes as CompiledCode[];
    const features = new Set<string>();
    for (const c of codes) for (const f of c.features) features.add(f);
    const first = codes[0]!;
    return { isa: first.isa, features: [...features].sort(), funcs: codes.flatMap((c) => c.funcs), bounds: first.bounds ?? 'explicit' };
  }
}

function startWorker(entry: URL, input: WorkerInput, outcomes: Outcomes): Worker {
  const worker = new Worker(entry, { workerData: input });
  let ended = false;
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.kind === 'chunk') outcomes.compiled(msg.chunk, msg.code);
    else if (msg.chunk < 0) outcomes.stop(errorFrom(msg.error));
    else outcomes.failed(msg.chunk, errorFrom(msg.error));
  });
  worker.on('error', (e) => {
    ended = true;
    outcomes.stop(new Error(`a compile worker failed: ${e.message}`, { cause: e }));
  });
  worker.on('exit', (code) => {
    if (!ended && code !== 0) outcomes.stop(new Error(`a compile worker stopped (exit code ${code})`));
  });
  return worker;
}

/**
 * Compile every defined function of the validated module `wasm` on `jobs` threads (the main
 * thread being one of them unless `mainThread` is false). The result equals
 * `compileModule(decodeModule(wasm), options)`.
 */
export async function compileParallel(wasm: Uint8Array, options: CompileOptions & ParallelOptions, jobs: number): Promise<CompiledCode> {
  if (!Number.isInteger(jobs) || jobs < 1) throw new KilnError('usage', `the number of compile threads is a positive integer, not ${String(jobs)}`);
  const m = options.module ?? decodeModule(wasm, { borrow: true });
  const compileOptions = compileOptionsOf(options);
  const chunks: FuncRange[] = splitBySize(m.codes, jobs * CHUNKS_PER_THREAD);
  const threads = Math.min(jobs, chunks.length);
  const onProgress = options.onProgress;
  if (threads <= 1) return compileModule(m, onProgress === undefined ? compileOptions : { ...compileOptions, onProgress });

  const mainThread = options.mainThread !== false;
  const queue = new ChunkQueue(chunks.length);
  const outcomes = new Outcomes(chunks.length, queue);
  const progress = onProgress === undefined ? null : new ProgressThrottle(m.codes.length, onProgress);
  const input: WorkerInput = { wasm, options: compileOptions, chunks, queue: queue.buffer };
  const entry = options.workerEntry ?? compileWorkerEntry();
  const workers: Worker[] = [];
  const timer = progress === null ? null : setInterval(() => progress.update(queue.done), PROGRESS_INTERVAL_MS);
  try {
    for (let w = mainThread ? 1 : 0; w < threads; w++) workers.push(startWorker(entry, input, outcomes));
    if (mainThread) {
      const compiler = new ModuleCompiler(m, compileOptions);
      compileChunks(compiler, chunks, queue, outcomes, progress === null ? undefined : () => progress.update(queue.done));
    }
    const code = await outcomes.result();
    progress?.update(m.codes.length);
    return code;
  } finally {
    if (timer !== null) clearInterval(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
