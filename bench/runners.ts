/**
 * How bench/native.ts runs one workload on one engine, in three steps so that only the run
 * itself is timed:
 *
 *   prepare(workload)  compile the module (untimed, once per workload and engine)
 *   prepared.trial()   set up one run (untimed): a fresh instance for a WASI command, whose
 *                      `_start` can run only once; the same instance for a kernel export
 *   trial.run()        the timed part: the kernel call or `_start`
 *   trial.result()     the outcome, read after the clock stopped: the kernel's integer result,
 *                      or the command's standard output and error (both into one temporary
 *                      file, so an error message shows in a wrong result)
 *
 * Engines: 'v8' is Node's own WebAssembly (with node:wasi for commands); any other name is a
 * kiln engine of cli/engines.ts ('interp', 'native'), reached through bench/kiln.ts, imported
 * dynamically so that V8 is still measured when kiln cannot be loaded.
 */

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandWorkload, ExportWorkload, Workload } from './workloads.js';

export interface Trial {
  run(): void;
  result(): string;
}

export interface Prepared {
  trial(): Trial;
}

export interface EngineRunner {
  prepare(w: Workload): Promise<Prepared>;
}

/** i32 results are numbers, i64 results bigints; both shown as signed decimals */
export function showResult(v: unknown): string {
  if (typeof v === 'bigint') return BigInt.asIntN(64, v).toString();
  if (typeof v === 'number') return String(v | 0);
  return `<unexpected ${typeof v}>`;
}

/** a scratch file for one command's standard output */
class OutputFile {
  private static dir: string | null = null;
  private static count = 0;
  readonly path: string;
  readonly fd: number;

  constructor() {
    if (OutputFile.dir === null) {
      const dir = mkdtempSync(join(tmpdir(), 'kiln-bench-'));
      OutputFile.dir = dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    this.path = join(OutputFile.dir, `out${OutputFile.count++ % 4}.txt`);
    this.fd = openSync(this.path, 'w+');
  }

  /** the text written, without a final newline; closes the file */
  take(): string {
    closeSync(this.fd);
    return readFileSync(this.path, 'utf8').replace(/\n$/, '');
  }
}

/** a command trial: `start` gives the exit code; the result is the output (and a bad exit) */
function commandTrial(out: OutputFile, start: () => number): Trial {
  let code = -1;
  return {
    run: () => {
      try {
        code = start();
      } catch (e) {
        out.take();
        throw e;
      }
    },
    result: () => {
      const text = out.take();
      return code === 0 ? text : `${text}\n<exit code ${code}>`;
    },
  };
}

function exportTrial(call: () => unknown): Trial {
  let value: unknown;
  return {
    run: () => {
      value = call();
    },
    result: () => showResult(value),
  };
}

/** Node's own WebAssembly: V8's compiler (TurboFan only when node runs with --no-liftoff) */
export const v8Runner: EngineRunner = {
  async prepare(w) {
    const module = new WebAssembly.Module(w.bytes);
    if (w.group === 'kernel') return v8Export(module, w);
    // imported here, not at the top: node:wasi warns that it is experimental when loaded
    const { WASI } = await import('node:wasi');
    return v8Command(module, w, WASI);
  },
};

function v8Export(module: WebAssembly.Module, w: ExportWorkload): Prepared {
  const f = new WebAssembly.Instance(module, {}).exports[w.exportName];
  if (typeof f !== 'function') throw new Error(`${w.name}.wasm exports no function ${w.exportName}`);
  const trial = exportTrial(() => f(w.size) as unknown);
  return { trial: () => trial };
}

function v8Command(module: WebAssembly.Module, w: CommandWorkload, WASI: typeof import('node:wasi').WASI): Prepared {
  return {
    trial() {
      const out = new OutputFile();
      const wasi = new WASI({ version: 'preview1', args: [...w.args], env: {}, returnOnExit: true, stdout: out.fd, stderr: out.fd });
      const instance = new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports);
      return commandTrial(out, () => wasi.start(instance));
    },
  };
}

/** kiln engine `engine` (a name of cli/engines.ts) */
export function kilnRunner(engine: string): EngineRunner {
  return {
    async prepare(w) {
      const kiln = await import('./kiln.js');
      const compiled = kiln.compileOn(engine, w.bytes);
      if (w.group === 'kernel') {
        const f = kiln.exportOf(engine, compiled, w.exportName);
        const args = [w.size];
        const trial = exportTrial(() => f.callRaw(args)[0]);
        return { trial: () => trial };
      }
      return {
        trial() {
          const out = new OutputFile();
          return commandTrial(out, kiln.commandOn(engine, compiled, w.args, out.fd));
        },
      };
    },
  };
}

/** why kiln engine `engine` cannot run here, or null (V8 is always there) */
export async function engineProblem(engine: string): Promise<string | null> {
  if (engine === 'v8') return null;
  try {
    const kiln = await import('./kiln.js');
    await kiln.prepareBenchEngine(engine);
    return kiln.engineProblem(engine);
  } catch (e) {
    return `kiln cannot be loaded: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]!}`;
  }
}

export const runnerFor = (engine: string): EngineRunner => (engine === 'v8' ? v8Runner : kilnRunner(engine));
