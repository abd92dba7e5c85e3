/**
 * Cold start of a `.cwasm` artifact (issue 10's bar): from the artifact's bytes in memory to
 * an instance ready to call `_start` (the program itself not run), in a process that has kiln
 * and koffi loaded, against the same from the `.wasm` bytes (decode + validate + compile +
 * instantiate). Both with WASI imports bound, guard-page bounds.
 *
 *   node dist/bench/cold-start.js [--file=bench/corpus/corpus.wasm] [--runs=7] [--no-write] [--out=DIR]
 *
 * Each measurement is the first of its kind in a fresh child process: the child imports kiln,
 * reads the bytes and starts the native runtime (koffi, the wasm stack, the fault handler) by
 * loading a one-function artifact, then times the one load (or compile) of the module — what
 * a program that embeds kiln pays at start-up. The figures are the median and best over
 * `--runs` children. Bars: artifact ≤ 10 ms for the corpus, ≥ 20× faster than compiling.
 * Results go to bench/results/cold-start.{json,md} unless --no-write.
 *
 * Child usage: node dist/bench/cold-start.js --child=cwasm|wasm --file=PATH (prints seconds)
 */

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAndValidate } from '../compiler/validate/index.js';
import { encodeModule } from '../formats/wasm/encode.js';
import { parseWat } from '../formats/wat/index.js';
import { loadArtifact } from '../loader/cwasm/load.js';
import { createWasi } from '../loader/wasi/index.js';
import { nativeEngine } from '../loader/native/index.js';
import { compileArtifact } from '../linker/cwasm.js';
import { benchDir, best, intFlag, isMain, machineInfo, markdownReport, markdownTable, median, now, parseFlags, repoRoot, writeResults } from './lib.js';

export interface ColdStart {
  readonly file: string;
  readonly wasmBytes: number;
  readonly artifactBytes: number;
  /** seconds over the runs */
  readonly artifact: { readonly median: number; readonly best: number };
  readonly wasm: { readonly median: number; readonly best: number };
}

const wasiImports = (): ReturnType<typeof createWasi>['imports'] => createWasi({ args: ['program'], env: {}, preopens: [] }).imports;

function fromArtifact(bytes: Uint8Array): void {
  const l = loadArtifact(bytes, { fallback: 'none' });
  l.engine.instantiate(l.compiled, wasiImports());
}

function fromWasm(bytes: Uint8Array): void {
  nativeEngine.instantiate(nativeEngine.compile(decodeAndValidate(bytes)), wasiImports());
}

/** in the child: warm the runtime up with a tiny artifact, then time one load of `file` */
function child(kind: 'cwasm' | 'wasm', file: string): number {
  const bytes = new Uint8Array(readFileSync(file));
  const tiny = encodeModule(parseWat('(module (memory (export "memory") 1) (func (export "_start")))'));
  fromArtifact(compileArtifact(decodeAndValidate(tiny), tiny));
  const t = now();
  if (kind === 'cwasm') fromArtifact(bytes);
  else fromWasm(bytes);
  return now() - t;
}

function runChildren(kind: 'cwasm' | 'wasm', file: string, runs: number): { median: number; best: number } {
  const self = fileURLToPath(import.meta.url);
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const r = spawnSync(process.execPath, [self, `--child=${kind}`, `--file=${file}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold-start child failed: ${r.stderr}`);
    times.push(Number(r.stdout.trim()));
  }
  return { median: median(times), best: best(times) };
}

export function measureColdStart(file: string, runs: number): ColdStart {
  const wasm = new Uint8Array(readFileSync(file));
  const artifact = compileArtifact(decodeAndValidate(wasm), wasm);
  const artifactFile = join(tmpdir(), `kiln-cold-start-${process.pid}.cwasm`);
  writeFileSync(artifactFile, artifact);
  let a;
  try {
    a = runChildren('cwasm', artifactFile, runs);
  } finally {
    rmSync(artifactFile, { force: true });
  }
  const w = runChildren('wasm', file, Math.max(1, Math.ceil(runs / 3)));
  return { file, wasmBytes: wasm.length, artifactBytes: artifact.length, artifact: a, wasm: w };
}

function report(r: ColdStart, runs: number): string {
  const ms = (s: number): string => (s * 1000).toFixed(1);
  const table = markdownTable(
    ['from', 'median ms', 'best ms'],
    [
      ['.cwasm bytes (load + instantiate)', ms(r.artifact.median), ms(r.artifact.best)],
      ['.wasm bytes (decode, validate, compile, instantiate)', ms(r.wasm.median), ms(r.wasm.best)],
    ],
    [false, true, true],
  );
  const m = machineInfo();
  return markdownReport(
    'Cold start (bench/cold-start.ts)',
    [
      `Module: ${relative(repoRoot(), r.file)} (${r.wasmBytes} bytes; artifact ${r.artifactBytes} bytes). ${m.cores} cores, ${m.cpu}, Node ${m.node}.`,
      `Each figure is the first load in a fresh child process that has kiln and koffi loaded and the native runtime started; ${runs} children for the artifact, ${Math.max(1, Math.ceil(runs / 3))} for compiling. WASI imports bound, guard-page bounds.`,
      `Speed-up (median): ${(r.wasm.median / r.artifact.median).toFixed(1)}x. Bars: artifact ≤ 10 ms, ≥ 20× faster than compiling.`,
    ],
    table,
    [],
  );
}

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const file = flags.get('file') ?? join(benchDir(), 'corpus', 'corpus.wasm');
  const kind = flags.get('child');
  if (kind === 'cwasm' || kind === 'wasm') {
    console.log(child(kind, file));
  } else {
    const runs = intFlag(flags, 'runs', 7);
    const r = measureColdStart(file, runs);
    const md = report(r, runs);
    console.log(md);
    if (!flags.has('no-write')) {
      const json = { file: relative(repoRoot(), r.file), wasmBytes: r.wasmBytes, artifactBytes: r.artifactBytes, runs, machine: machineInfo(), artifact: r.artifact, wasm: r.wasm };
      for (const p of writeResults('cold-start', json, md, flags.get('out'))) console.log(`wrote ${relative(repoRoot(), p)}`);
    }
  }
}
