/**
 * What `kiln run` does once its options are parsed and its module is loaded: bind WASI,
 * instantiate on the chosen engine, then run `_start` or one `--invoke`d export. It runs on the main
 * thread or on a worker (see run-placement.ts), so the request and the outcome are plain data.
 */

import { KilnError, isKilnError } from '../formats/errors.js';
import type { Module } from '../formats/wasm/types.js';
import type { CompiledModule, CompileOptions, Engine, ExternValue, Instance, WasmFunction } from '../loader/api.js';
import { isKilnTrap } from '../loader/trap.js';
import { createWasi } from '../loader/wasi/index.js';
import { enablePerfMap } from '../loader/native/perfmap.js';
import { checkOptions, type RunSetting } from './commands/run-options.js';
import { formatResults, parseInvokeArgs } from './commands/run-values.js';
import { chooseEngine, withBounds } from './engines.js';
import { compileForRun } from './run-cache.js';

export interface RunRequest {
  file: string;
  args: string[];
  dir: string[];
  dirReadonly: string[];
  env: string[];
  inheritEnv: boolean;
  invoke: string | null;
  argv0: string | null;
  engine: string;
  /** --verbose: say which engine runs the module, and why */
  verbose: boolean;
  maxCallDepth: number;
  /** --max-memory in 64 KiB pages, or null for no limit */
  maxMemoryPages: number | null;
  /** --bounds of the native engine (default guard: guard pages where available) */
  bounds?: 'guard' | 'explicit';
  /** --perfmap: write /tmp/perf-<pid>.map for the natively compiled functions */
  perfmap?: boolean;
  /** the module's binary, already loaded and validated by the main thread (the worker decodes it) */
  bytes?: Uint8Array;
  /** the file is a `.cwasm` artifact: what to do when it does not fit this host (default interpreter) */
  fallback?: 'interpreter' | 'recompile' | 'none';
  /** --no-cache: compile natively without the compile cache (run-cache.ts) */
  noCache?: boolean;
  /** --cache-dir, an absolute path (default: loader/cwasm/cache.ts defaultCacheDir) */
  cacheDir?: string;
  /** preopens and environment already decided (`kiln launch`: from the app's manifest); then dir, dirReadonly, env and inheritEnv are not read */
  setting?: RunSetting;
  /** the most WASI descriptors the program may hold at once (loader/wasi WasiOptions.maxOpenFiles) */
  maxOpenFiles?: number;
}

export interface RunOutcome {
  /** process exit code: the WASI exit code, or 0 after --invoke */
  code: number;
  /** --invoke results, one per line (empty for a WASI command, which writes its own output) */
  output: string;
}

/** an engine and a module compiled for it, ready to instantiate */
export interface Prepared {
  readonly engine: Engine;
  readonly compiled: CompiledModule;
}

/**
 * run the request on the module loaded (and validated) from `req.file`; `wasm` is its binary
 * (the file, or a text module's encoding), which keys the compile cache
 */
export function runProgram(req: RunRequest, m: Module, wasm: Uint8Array): RunOutcome {
  return runPrepared(req, (options) => {
    const choice = withBounds(chooseEngine(req.engine, m), req.bounds ?? 'guard');
    if (req.verbose) process.stderr.write(`kiln: engine: ${choice.reason}\n`);
    if (req.verbose && choice.bounds !== null) process.stderr.write(`kiln: bounds: ${choice.bounds}\n`);
    return { engine: choice.engine, compiled: compileForRun(req, choice.engine, m, wasm, options) };
  });
}

/** run the request on what `prepare` compiled (a module here, or an artifact: run-artifact.ts) */
export function runPrepared(req: RunRequest, prepare: (options: CompileOptions) => Prepared): RunOutcome {
  const setting = req.setting ?? checkOptions(req);
  const { file } = req;
  const wasi = createWasi({
    args: [req.argv0 ?? file, ...req.args],
    env: setting.env,
    preopens: setting.preopens,
    ...(req.maxOpenFiles === undefined ? {} : { maxOpenFiles: req.maxOpenFiles }),
  });
  if (req.perfmap === true) enablePerfMap();
  const options = { maxCallDepth: req.maxCallDepth };
  const { engine, compiled } = withFile(file, () => prepare(options));
  const instance = withFile(file, () =>
    engine.instantiate(compiled, wasi.imports, {
      ...options,
      ...(req.maxMemoryPages === null ? {} : { maxMemoryPages: req.maxMemoryPages }),
      beforeStart: (inst) => wasi.bindInstance(inst),
    }),
  );
  if (req.invoke !== null) {
    const f = exportedFunction(instance, req.invoke, file);
    const results = f.callRaw(parseInvokeArgs(f.type.params, req.args));
    const text = formatResults(f.type.results, results);
    return { code: 0, output: text.length > 0 ? text + '\n' : '' };
  }
  const start = instance.exports['_start'];
  if (start === undefined || start.kind !== 'func') {
    throw new KilnError('usage', 'module has no _start export (a WASI command); use --invoke NAME to call an export', { file });
  }
  if (process.env['KILN_TIME_START'] === '1') process.stderr.write(`kiln: _start reached ${(process.uptime() * 1000).toFixed(2)} ms after the process started\n`);
  return { code: exitStatus(withFile(file, () => wasi.start(instance)), file), output: '' };
}

/** the largest exit status a Linux process can report (its wait status keeps 8 bits) */
export const MAX_EXIT_STATUS = 255;

/**
 * A WASI exit code as kiln's own exit status. Codes 0–255 pass through; a larger code would
 * be truncated by the kernel (256 would look like success), so it fails instead: exit 1, with
 * a line naming the code.
 */
export function exitStatus(code: number, file: string): number {
  if (code <= MAX_EXIT_STATUS) return code;
  throw new KilnError(
    'exit',
    `the program exited with code ${code}, which does not fit an exit status (0-${MAX_EXIT_STATUS}); kiln exits with 1`,
    { file },
  );
}

const KIND_NAMES: Readonly<Record<ExternValue['kind'], string>> = { func: 'function', memory: 'memory', table: 'table', global: 'global' };

function exportedFunction(instance: Instance, name: string, file: string): WasmFunction {
  const x = instance.exports[name];
  if (x === undefined) {
    const funcs = Object.keys(instance.exports).filter((n) => instance.exports[n]?.kind === 'func');
    const list = funcs.length === 0 ? 'the module exports no functions' : `exported functions: ${shortList(funcs)}`;
    throw new KilnError('usage', `no export named "${name}" (${list})`, { file });
  }
  if (x.kind !== 'func') throw new KilnError('usage', `export "${name}" is a ${KIND_NAMES[x.kind]}, not a function`, { file });
  return x;
}

function shortList(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((n) => (n === '' ? '""' : n));
  return shown.join(', ') + (names.length > shown.length ? `, … (${names.length} in all)` : '');
}

/** instantiation and WASI errors name the module file (traps keep their own backtrace form) */
function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isKilnError(e) && !isKilnTrap(e) && e.loc.file === undefined) e.loc.file = file;
    throw e;
  }
}
