/**
 * Cold start of a `.cwasm` artifact (issue 10's bar): from the artifact's bytes in memory to
 * an instance ready to call `_start` (the program itself not run), in a process that has kiln
 * and koffi loaded, against the same from the `.wasm` bytes (decode + validate + compile +
 * instantiate). Both with WASI imports bound, guard-page bounds.
 *
 *   node dist/bench/cold-start.js [--file=bench/corpus/corpus.wasm] [--reps=15]
 *
 * The first load of each kind in the process is reported apart (V8 has not optimised kiln's
 * loader yet), then the median and best of `--reps` more. Bars: artifact ≤ 10 ms for the
 * corpus, ≥ 20× faster than compiling.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAndValidate } from '../compiler/validate/index.js';
import { loadArtifact } from '../loader/cwasm/load.js';
import { createWasi } from '../loader/wasi/index.js';
import { nativeEngine } from '../loader/native/index.js';
import { compileArtifact } from '../linker/cwasm.js';
import { benchDir, best, intFlag, isMain, median, now, parseFlags } from './lib.js';

export interface ColdStart {
  readonly file: string;
  readonly wasmBytes: number;
  readonly artifactBytes: number;
  /** seconds: first in the process, then median and best of the rest */
  readonly artifact: { readonly first: number; readonly median: number; readonly best: number };
  readonly wasm: { readonly first: number; readonly median: number; readonly best: number };
}

function fromArtifact(bytes: Uint8Array): void {
  const l = loadArtifact(bytes, { fallback: 'none' });
  l.engine.instantiate(l.compiled, createWasi({ args: ['corpus'], env: {}, preopens: [] }).imports);
}

function fromWasm(bytes: Uint8Array): void {
  const m = decodeAndValidate(bytes);
  nativeEngine.instantiate(nativeEngine.compile(m), createWasi({ args: ['corpus'], env: {}, preopens: [] }).imports);
}

function series(run: () => void, reps: number): { first: number; median: number; best: number } {
  const times: number[] = [];
  for (let k = 0; k <= reps; k++) {
    const t = now();
    run();
    times.push(now() - t);
  }
  const rest = times.slice(1);
  return { first: times[0] as number, median: median(rest), best: best(rest) };
}

export function measureColdStart(file: string, reps: number): ColdStart {
  const wasm = new Uint8Array(readFileSync(file));
  const artifact = compileArtifact(decodeAndValidate(wasm), wasm);
  // the artifact first: its first load is then truly the first use of the loader
  const a = series(() => fromArtifact(artifact), reps);
  const w = series(() => fromWasm(wasm), Math.max(2, Math.floor(reps / 5)));
  return { file, wasmBytes: wasm.length, artifactBytes: artifact.length, artifact: a, wasm: w };
}

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const file = flags.get('file') ?? join(benchDir(), 'corpus', 'corpus.wasm');
  const r = measureColdStart(file, intFlag(flags, 'reps', 15));
  const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
  console.log(`${r.file}: ${r.wasmBytes} wasm bytes, artifact ${r.artifactBytes} bytes`);
  console.log(`from .cwasm: first ${ms(r.artifact.first)}, median ${ms(r.artifact.median)}, best ${ms(r.artifact.best)}`);
  console.log(`from .wasm (compile): first ${ms(r.wasm.first)}, median ${ms(r.wasm.median)}, best ${ms(r.wasm.best)}`);
  console.log(`speed-up (median): ${(r.wasm.median / r.artifact.median).toFixed(1)}x; first loads: ${(r.wasm.first / r.artifact.first).toFixed(1)}x`);
}
