/**
 * The two targets side by side on the same modules (issue 11, "Speed"): qemu timings say
 * little about real hardware, so this compares what can be compared without it —
 *
 *   machine instructions per wasm instruction   instructions in every function's listing (the
 *                                               printer's lines; jump-table data excluded) over
 *                                               the instructions of the code section's bodies
 *   code bytes per wasm byte                    sum of the compiled functions' code over the
 *                                               code section's size
 *   compile MB/s                                the whole native pipeline (`compileModule`, one
 *                                               thread, this x86-64 host) for each target, warm:
 *                                               the median of --reps compiles after one untimed
 *
 * on the benchmark corpus, the C examples and the native benchmark's programs.
 *
 *   node dist/bench/target-code.js [--reps=5] [--no-write]
 *
 * writes bench/results/target-code.{json,md}.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateModule } from '../compiler/validate/index.js';
import { InstrCursor } from '../formats/wasm/code-body.js';
import { decodeModule } from '../formats/wasm/decode.js';
import type { Module } from '../formats/wasm/types.js';
import { compileFunctionStages, compileModule } from '../targets/compile.js';
import type { Isa } from '../targets/compiled.js';
import { codeSectionBytes } from './native-compile.js';
import { fmt, intFlag, machineInfo, markdownReport, markdownTable, median, now, parseFlags, repoRoot, round, writeResults } from './lib.js';

const ISAS: readonly Isa[] = ['x86_64', 'aarch64'];

const INPUTS: ReadonlyArray<readonly [string, string]> = [
  ['corpus', 'bench/corpus/corpus.wasm'],
  ['hello', 'examples/hello.wasm'],
  ['files', 'examples/files.wasm'],
  ['clock', 'examples/clock.wasm'],
];

interface Figures {
  readonly input: string;
  readonly isa: Isa;
  readonly wasmInstructions: number;
  readonly codeSection: number;
  readonly machineInstructions: number;
  readonly machineBytes: number;
  readonly compileSeconds: number;
}

function wasmInstructions(m: Module): number {
  const c = new InstrCursor(false);
  let n = 0;
  for (const code of m.codes) {
    c.reset(code);
    while (c.next()) n++;
  }
  return n;
}

/** instruction lines of a listing (`  offset:  mnemonic ...`), data directives excluded */
function listedInstructions(listing: string): number {
  return listing.split('\n').filter((l) => /^\s*[0-9a-f]+:\s+\S/.test(l) && !/:\s+\.(long|word|quad|byte|inst)\b/.test(l)).length;
}

function measure(input: string, file: string, isa: Isa, reps: number): Figures {
  const bytes = new Uint8Array(readFileSync(join(repoRoot(), file)));
  const m = decodeModule(bytes);
  validateModule(m);
  const options = { isa, bounds: 'guard' as const };
  const code = compileModule(m, options);
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = now();
    compileModule(m, options);
    times.push(now() - t);
  }
  let machineInstructions = 0;
  for (let d = 0; d < m.funcs.length; d++) machineInstructions += listedInstructions(compileFunctionStages(m, d, options).asm);
  return {
    input,
    isa,
    wasmInstructions: wasmInstructions(m),
    codeSection: codeSectionBytes(bytes),
    machineInstructions,
    machineBytes: code.funcs.reduce((s, f) => s + f.code.length, 0),
    compileSeconds: median(times),
  };
}

const flags = parseFlags(process.argv.slice(2));
const reps = intFlag(flags, 'reps', 5);
const rows: Figures[] = [];
for (const [input, file] of INPUTS) {
  for (const isa of ISAS) {
    const f = measure(input, file, isa, reps);
    rows.push(f);
    console.log(
      `${input} ${isa}: ${fmt(f.machineInstructions / f.wasmInstructions, 2)} instructions per wasm instruction, ` +
        `${fmt(f.machineBytes / f.codeSection, 2)} code bytes per wasm byte, ${fmt(f.codeSection / 1e6 / f.compileSeconds, 2)} MB/s`,
    );
  }
}

const headers = ['input', 'target', 'wasm instr.', 'machine instr.', 'instr. / wasm instr.', 'code B / wasm B', 'compile MB/s (warm)'];
const table = markdownTable(
  headers,
  rows.map((f) => [
    f.input,
    f.isa,
    String(f.wasmInstructions),
    String(f.machineInstructions),
    fmt(f.machineInstructions / f.wasmInstructions, 2),
    fmt(f.machineBytes / f.codeSection, 2),
    fmt(f.codeSection / 1e6 / f.compileSeconds, 2),
  ]),
  [false, false, true, true, true, true, true],
);
if (!flags.has('no-write')) {
  const json = {
    machine: machineInfo(),
    reps,
    rows: rows.map((f) => ({
      ...f,
      instructionsPerWasmInstruction: round(f.machineInstructions / f.wasmInstructions, 3),
      bytesPerWasmByte: round(f.machineBytes / f.codeSection, 3),
      compileMBps: round(f.codeSection / 1e6 / f.compileSeconds, 3),
    })),
  };
  const about = [
    'Both targets compile the same modules on this x86-64 host (guard-page bounds, baseline CPU features, opt level 2).',
    'Instructions: lines of each function\'s listing (targets/<isa>/print.ts), jump-table data excluded; wasm instructions: every instruction of the code section\'s bodies.',
    `Code bytes: the compiled functions (trampolines excluded) over the code section. Compile: compileModule, one thread, median of ${reps} after one untimed.`,
  ];
  for (const f of writeResults('target-code', json, markdownReport('Code of the two targets', about, table, []))) console.log(`wrote ${f}`);
}
console.log(table);
