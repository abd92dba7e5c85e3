/**
 * The workloads of bench/native.ts, read from the files that define them:
 *
 *   kernel   bench/kernels/<k>.wasm: exports `<export>(n)`, called with the size of
 *            bench/kernels/sizes.txt (the interpreter benchmark's kernels and sizes)
 *   program  bench/programs/<p>.wasm: a WASI command run as `<p> <size>` (programs.txt), whose
 *            one output line must equal the line in expected.txt (from a host build)
 *   corpus   bench/corpus/corpus.wasm: the 1.2 MB WASI command of 480 generated C units, run
 *            as `corpus 7`, whose output is known (bench/README.md)
 *
 * The parsers of programs.txt and expected.txt are pure (test/bench uses them too).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './lib.js';
import { readKernels } from './interp.js';

export type WorkloadGroup = 'kernel' | 'program' | 'corpus';
export const WORKLOAD_GROUPS: readonly WorkloadGroup[] = ['kernel', 'program', 'corpus'];

/** a module without imports whose export is called with one integer argument */
export interface ExportWorkload {
  readonly group: 'kernel';
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly exportName: string;
  readonly size: number;
}

/** a WASI command whose standard output must equal `expected` */
export interface CommandWorkload {
  readonly group: 'program' | 'corpus';
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** argv, program name first */
  readonly args: readonly string[];
  /** the whole expected standard output, without its final newline */
  readonly expected: string;
  /** the size argument, for the tables */
  readonly size: number;
}

export type Workload = ExportWorkload | CommandWorkload;

export interface ProgramSpec {
  readonly name: string;
  readonly testSize: number;
  readonly benchSize: number;
}

const positiveInt = (s: string | undefined): number | null => (s !== undefined && /^[1-9]\d*$/.test(s) ? Number(s) : null);

/** programs.txt: `program test-size bench-size` per line; `#` comments and blank lines skipped */
export function parseProgramList(text: string): ProgramSpec[] {
  const specs: ProgramSpec[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [name, test, bench, extra] = line.split(/\s+/);
    const testSize = positiveInt(test);
    const benchSize = positiveInt(bench);
    if (name === undefined || !/^[a-z0-9_]+$/.test(name) || testSize === null || benchSize === null || extra !== undefined) {
      throw new Error(`programs.txt line ${i + 1}: expected "program test-size bench-size", got ${JSON.stringify(line)}`);
    }
    specs.push({ name, testSize, benchSize });
  });
  return specs;
}

/** expected.txt: output lines `<program> n=<size> checksum <hex>`, keyed by `<program> n=<size>` */
export function parseExpected(text: string): Map<string, string> {
  const lines = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([a-z0-9_]+ n=\d+) checksum [0-9a-f]{16}$/.exec(line);
    if (m === null) throw new Error(`expected.txt line ${i + 1}: not an output line: ${JSON.stringify(line)}`);
    lines.set(m[1]!, line);
  });
  return lines;
}

/** the expected output line of `program` at `size`; an error naming the rebuild when absent */
export function expectedLine(expected: ReadonlyMap<string, string>, program: string, size: number): string {
  const line = expected.get(`${program} n=${size}`);
  if (line === undefined) throw new Error(`bench/programs/expected.txt has no line for ${program} n=${size}; rebuild: npx zx bench/programs/build.mjs`);
  return line;
}

export const programsDir = (): string => join(benchDir(), 'programs');

export function readProgramSpecs(): { specs: ProgramSpec[]; expected: Map<string, string> } {
  const dir = programsDir();
  return {
    specs: parseProgramList(readFileSync(join(dir, 'programs.txt'), 'utf8')),
    expected: parseExpected(readFileSync(join(dir, 'expected.txt'), 'utf8')),
  };
}

/** one program as a command workload at size `which` */
export function programWorkload(spec: ProgramSpec, expected: ReadonlyMap<string, string>, which: 'test' | 'bench'): CommandWorkload {
  const size = which === 'test' ? spec.testSize : spec.benchSize;
  const path = join(programsDir(), `${spec.name}.wasm`);
  return {
    group: 'program',
    name: spec.name,
    path,
    bytes: new Uint8Array(readFileSync(path)),
    args: [spec.name, String(size)],
    expected: expectedLine(expected, spec.name, size),
    size,
  };
}

export const CORPUS_SEED = 7;
export const CORPUS_OUTPUT = '480 entries, checksum 6aef77537c6202f5';

export function corpusWorkload(): CommandWorkload {
  const path = join(benchDir(), 'corpus', 'corpus.wasm');
  return {
    group: 'corpus',
    name: 'corpus',
    path,
    bytes: new Uint8Array(readFileSync(path)),
    args: ['corpus', String(CORPUS_SEED)],
    expected: CORPUS_OUTPUT,
    size: CORPUS_SEED,
  };
}

/** every workload of the groups asked for, optionally only those named in `only` */
export function readWorkloads(groups: ReadonlySet<WorkloadGroup>, only?: ReadonlySet<string>): Workload[] {
  const keep = (name: string): boolean => only === undefined || only.has(name);
  const out: Workload[] = [];
  if (groups.has('kernel')) {
    for (const k of readKernels()) {
      if (keep(k.name)) out.push({ group: 'kernel', name: k.name, path: k.path, bytes: k.bytes, exportName: k.exportName, size: k.size });
    }
  }
  if (groups.has('program')) {
    const { specs, expected } = readProgramSpecs();
    for (const spec of specs) if (keep(spec.name)) out.push(programWorkload(spec, expected, 'bench'));
  }
  if (groups.has('corpus') && keep('corpus')) out.push(corpusWorkload());
  return out;
}
