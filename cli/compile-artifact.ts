/**
 * What `kiln compile` does once its options are parsed and its module loaded: compile the
 * artifact (linker/cwasm.ts) on `--jobs` threads (linker/parallel.ts; default: defaultJobs),
 * with a progress line on stderr when it is a terminal, and write it atomically — to a
 * temporary file next to the output, renamed into place, so a reader never sees half an
 * artifact.
 */

import { KilnError } from '../formats/errors.js';
import type { OptLevel } from '../compiler/passes/pipeline.js';
import { compileArtifactParallel } from '../linker/cwasm.js';
import { defaultJobs } from '../linker/parallel.js';
import { writeFileAtomically } from '../loader/cwasm/atomic-write.js';
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
  writeFileAtomically(output, bytes, 'the artifact');
  return `${bytes.length} bytes, ${loaded.module.funcs.length} functions (${isa}-linux, ${req.bounds} bounds, opt level ${req.optLevel})`;
}
