/**
 * `kiln compile app.wasm -o app.cwasm`: compile a module (binary or text) ahead of time into a
 * `.cwasm` artifact (docs/cwasm.md) for a target, with the options that change code. The
 * artifact is written atomically (a temporary file renamed into place). Nothing is printed
 * unless --verbose.
 */

import type { Command } from 'commander';
import { KilnError } from '../../formats/errors.js';
import type { Isa } from '../../targets/compiled.js';
import { targetByName, TARGETS } from '../../targets/list.js';
import { importCompileArtifact, importLoad } from '../lazy.js';
import { parseOptLevel } from '../compile-flags.js';
import { parseBounds, parsePositiveInt } from './run-options.js';

interface CompileFlags {
  output?: string;
  target?: string;
  cpuFeatures?: string;
  optLevel: string;
  bounds: string;
  interrupts: boolean;
  jobs?: string;
  verbose?: boolean;
}

/** `--target`: one of targets/list.ts TARGETS by name */
export function parseTarget(text: string): Isa {
  const t = targetByName(text);
  if (t !== undefined) return t.isa;
  throw new KilnError('usage', `--target takes ${TARGETS.map((x) => x.name).join(' or ')}, got "${text}" (kiln targets lists them)`);
}

/** the default output: the input's name with `.cwasm` for its `.wasm` / `.wat` extension */
export function defaultOutput(file: string): string {
  return file.replace(/\.(wasm|wat|wast)$/i, '') + '.cwasm';
}

export function registerCompile(program: Command): void {
  program
    .command('compile')
    .description('compile a .wasm or .wat module ahead of time into a .cwasm artifact')
    .argument('<file>', 'module to compile (.wasm binary or .wat text)')
    .option('-o, --output <file>', 'the artifact to write (default: the input with .cwasm)')
    .option('--target <target>', 'x86_64-linux or aarch64-linux (default: this host)')
    .option('--cpu-features <list>', 'baseline (default), native (what this CPU has), or a list such as +lzcnt,+bmi1')
    .option('--opt-level <n>', '0: no optimisation passes, 1: fold, copy propagation and dead code, 2: all', '2')
    .option('--bounds <mode>', 'linear memory bounds: guard (guard pages, the default) or explicit (checks in the code)', 'guard')
    .option('--no-interrupts', 'no interrupt checks in loops and function entries (faster; --timeout cannot stop the code)')
    .option('-j, --jobs <n>', 'compile on this many threads (default: one per two cores)')
    .option('-v, --verbose', 'print what was written')
    .action(async (file: string, opts: CompileFlags) => {
      const optLevel = parseOptLevel(opts.optLevel);
      const bounds = parseBounds(opts.bounds);
      const jobs = opts.jobs === undefined ? undefined : parsePositiveInt(opts.jobs, '--jobs');
      const { compileToFile } = await importCompileArtifact();
      const isa = opts.target === undefined ? undefined : parseTarget(opts.target);
      const { loadModule } = await importLoad();
      const loaded = loadModule(file);
      const output = opts.output ?? defaultOutput(file);
      const summary = await compileToFile(loaded, output, { isa, optLevel, bounds, interrupts: opts.interrupts, cpuFeatures: opts.cpuFeatures, jobs });
      if (opts.verbose === true) process.stdout.write(`${output}: ${summary}\n`);
    });
}
