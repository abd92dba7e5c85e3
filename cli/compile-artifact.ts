/**
 * What `kiln compile` does once its options are parsed and its module loaded: compile the
 * artifact (linker/cwasm.ts) and write it atomically — to a temporary file next to the
 * output, renamed into place, so a reader never sees half an artifact.
 */

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { KilnError } from '../formats/errors.js';
import type { OptLevel } from '../compiler/passes/pipeline.js';
import { compileArtifact } from '../linker/cwasm.js';
import { resolveCpuFeatures } from '../targets/compile.js';
import { hostIsa } from '../targets/host.js';
import type { Isa } from '../targets/compiled.js';
import type { LoadedModule } from './load.js';

export interface CompileRequest {
  /** default: this host's */
  readonly isa: Isa | undefined;
  readonly optLevel: OptLevel;
  readonly bounds: 'guard' | 'explicit';
  readonly interrupts: boolean;
  /** the --cpu-features text */
  readonly cpuFeatures: string | undefined;
  readonly jobs: number | undefined;
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
  let bytes: Uint8Array;
  try {
    bytes = compileArtifact(loaded.module, loaded.bytes, { isa, optLevel: req.optLevel, bounds: req.bounds, interrupts: req.interrupts, cpuFeatures });
  } catch (e) {
    if (e instanceof KilnError && e.loc.file === undefined) e.loc.file = loaded.file;
    throw e;
  }
  writeAtomically(output, bytes);
  return `${bytes.length} bytes, ${loaded.module.funcs.length} functions (${isa}-linux, ${req.bounds} bounds, opt level ${req.optLevel})`;
}
