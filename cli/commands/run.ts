/**
 * `kiln run <file> [args…]`: run a WASI program (its `_start`), or call one export with
 * `--invoke NAME [ARGS…]` and print its results. Options come before the file; everything
 * after the file belongs to the program. Exit code: the program's WASI exit code; 134 on a
 * trap (backtrace on stderr); 1 for an invalid module, a bad argument or an unlinkable import.
 */

import type { Command } from 'commander';
import { KilnError, isKilnError } from '../../formats/errors.js';
import { isKilnTrap } from '../../loader/trap.js';
import { loadModule } from '../load.js';
import { parseInvokeArgs, formatResults } from './run-values.js';
import { selectEngine, ENGINE_NAMES } from '../engines.js';
import { parseDirSpec, parseEnvSpec } from './run-options.js';
import { createWasi } from '../../loader/wasi/index.js';
import type { WasmFunction } from '../../loader/api.js';

interface RunOptions {
  dir: string[];
  dirReadonly: string[];
  env: string[];
  inheritEnv?: boolean;
  invoke?: string;
  argv0?: string;
  engine: string;
  maxCallDepth?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a WASI program, or call one exported function with --invoke')
    .argument('<file>', 'module to run (.wasm or .wat)')
    .argument('[args...]', 'arguments for the program (or for the --invoke function)')
    .option('--dir <HOST[::GUEST]>', 'preopen a host directory read-write (repeatable)', collect, [])
    .option('--dir-readonly <HOST[::GUEST]>', 'preopen a host directory read-only (repeatable)', collect, [])
    .option('--env <NAME=VALUE>', 'set an environment variable for the program (repeatable)', collect, [])
    .option('--inherit-env', "pass kiln's own environment to the program")
    .option('--invoke <name>', 'call this export instead of _start and print its results')
    .option('--argv0 <name>', 'argv[0] seen by the program (default: the file as given)')
    .option('--engine <name>', `execution engine (${ENGINE_NAMES.join(', ')})`, 'interp')
    .option('--max-call-depth <n>', 'wasm call depth at which "call stack exhausted" traps')
    .passThroughOptions()
    .action((file: string, args: string[], opts: RunOptions) => {
      const code = runCommand(file, args, opts);
      process.exitCode = code;
    });
}

function runCommand(file: string, args: string[], opts: RunOptions): number {
  const engine = selectEngine(opts.engine);
  const maxCallDepth = opts.maxCallDepth === undefined ? undefined : parsePositiveInt(opts.maxCallDepth, '--max-call-depth');
  const preopens = [
    ...opts.dir.map((d) => parseDirSpec(d, false)),
    ...opts.dirReadonly.map((d) => parseDirSpec(d, true)),
  ];
  const env: Record<string, string> = {};
  if (opts.inheritEnv === true) {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  }
  for (const spec of opts.env) {
    const [k, v] = parseEnvSpec(spec);
    env[k] = v;
  }
  const loaded = loadModule(file);
  const wasi = createWasi({ args: [opts.argv0 ?? file, ...args], env, preopens });
  const instance = withFile(file, () =>
    engine.instantiate(loaded.module, wasi.imports, maxCallDepth === undefined ? {} : { maxCallDepth }),
  );

  if (opts.invoke !== undefined) {
    const fn = instance.exports[opts.invoke];
    if (fn === undefined || fn.kind !== 'func') {
      throw new KilnError('usage', `no exported function named "${opts.invoke}"`, { file });
    }
    const f = fn as WasmFunction;
    const results = f.callRaw(parseInvokeArgs(f.type.params, args));
    const text = formatResults(f.type.results, results);
    if (text.length > 0) process.stdout.write(text + '\n');
    return 0;
  }
  const start = instance.exports['_start'];
  if (start === undefined || start.kind !== 'func') {
    throw new KilnError('usage', 'module has no _start export (a WASI command); use --invoke NAME to call an export', { file });
  }
  return wasi.start(instance);
}

/** link errors name the module file (traps keep their own backtrace form) */
function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isKilnError(e) && !isKilnTrap(e) && e.loc.file === undefined) e.loc.file = file;
    throw e;
  }
}

function parsePositiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new KilnError('usage', `${what} takes a positive whole number, got "${text}"`);
  return n;
}
