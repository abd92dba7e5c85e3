/**
 * What `kiln compile` does once its options are parsed and its module loaded: compile the
 * artifact (linker/cwasm.ts) on `--jobs` threads (linker/parallel.ts; default: defaultJobs),
 * with a progress line on stderr when it is a terminal, and write it atomically — to a
 * temporary file next to the output, renamed into place, so a reader never sees half an
 * artifact.
 */

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { KilnError } from '../formats/errors.js';
import type { OptLevel } from '../compiler/passes/pipeline.js';
import { compileArtifactParallel } from '../linker/cwasm.js';
import { resolveCpuFeatures } from '../targets/compile.js';
import { hostIsa } from '../targets/host.js';
import type { Isa } from '../targets/compiled.js';
import { progressLine } from './compile-progress.js';
import type { LoadedModule } from './load.js';

export interface CompileRequest {
  /** default: this host's */
  readonly isa: Isa | undefined;
  readonly optLevel: OptLevel;
  readonly bounds: 'guard' | 'explicit';
  readonly interrupts: boolean;
  /** the --cpu-features text */
  readonly cpuFeatures: string | undefined;
  /** threads to compile on; default: defaultJobs() */
  readonly jobs: number | undefined;
}

/**
 * Compiling threads when `--jobs` is not given: half the cores, at least one. Every thread runs
 * its own copy of the compiler's JavaScript, which V8 optimises on other cores while it runs:
 * one thread compiling the 1.2 MB benchmark corpus keeps about 1.8 cores busy (4.5 s of CPU
 * in 2.5 s), and each further thread repeats that optimising. On 2 cores, `-j 2` is 1.4-1.7×
 * slower than `-j 1` (bench/README.md, "Parallel compile"), so a thread is given two cores.
 */
export function defaultJobs(cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

/** write `file` atomically */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new KilnError('io', `cannot write the artifact (${code})`, { file });
  }
}

/** compile and write; returns a one-line summary */
export async function compileToFile(loaded: LoadedModule, output: string, req: CompileRequest): Promise<string> {
  const isa = req.isa ?? hostIsa() ?? 'x86_64';
  const cpuFeatures = resolveCpuFeatures(isa, req.cpuFeatures);
  const jobs = req.jobs ?? defaultJobs();
  const progress = progressLine();
  const onProgress = progress.onProgress;
  let bytes: Uint8Array;
  try {
    const options = { isa, optLevel: req.optLevel, bounds: req.bounds, interrupts: req.interrupts, cpuFeatures, ...(onProgress === undefined ? {} : { onProgress }) };
    bytes = await compileArtifactParallel(loaded.module, loaded.bytes, options, jobs);
  } catch (e) {
    if (e instanceof KilnError && e.loc.file === undefined) e.loc.file = loaded.file;
    throw e;
  } finally {
    progress.end();
  }
  writeAtomically(output, bytes);
  return `${bytes.length} bytes, ${loaded.module.funcs.length} functions (${isa}-linux, ${req.bounds} bounds, opt level ${req.optLevel})`;
}
