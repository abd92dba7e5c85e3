/**
 * `kiln run <file> [args…]`: run a WASI program (its `_start`), or call one export with
 * `--invoke NAME [ARGS…]` and print its results. The file may be a `.cwasm` artifact
 * (`kiln compile`): its native code runs, or its embedded wasm when it does not fit. Options come before the file; everything
 * after the file belongs to the program. Exit code: the program's WASI exit code; 134 on a
 * trap (backtrace on stderr); 124 when --timeout stopped it; 1 for an invalid module or an
 * unlinkable import; 2 for a bad option or argument.
 *
 * On the native engine the compiled code is kept in the compile cache (`--cache-dir`,
 * `--no-cache`; run-cache.ts), so the second run of a module compiles nothing.
 *
 * A small program runs right here on the main thread; a worker thread is started only when
 * --timeout asks for one or the program may need a deep stack (run-placement.ts). The heavy
 * modules are imported on use, so that other commands start fast.
 */

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { KilnError } from '../../formats/errors.js';
import { ENGINE_CHOICES } from '../engine-names.js';
import type { RunRequest } from '../run-program.js';
import type { Timeout } from '../run-on-worker.js';
import { checkOptions, parseBounds, parseFallback, parseMaxMemory, parsePositiveInt, parseTimeout } from './run-options.js';
import { importRunDispatch } from '../lazy.js';

interface RunOptions {
  dir: string[];
  dirReadonly: string[];
  env: string[];
  inheritEnv?: boolean;
  invoke?: string;
  argv0?: string;
  engine: string;
  verbose?: boolean;
  maxCallDepth?: string;
  timeout?: string;
  maxMemory?: string;
  bounds: string;
  perfmap?: boolean;
  fallback: string;
  /** false with --no-cache */
  cache: boolean;
  cacheDir?: string;
}

/** `kiln run`'s default call depth: deep enough for recursive C programs */
export const DEFAULT_RUN_CALL_DEPTH = 100_000;

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
    .option('--engine <name>', `execution engine: ${ENGINE_CHOICES.join(', ')} (auto: native on x86-64 unless the module uses SIMD, else interp)`, 'auto')
    .option('--verbose', 'say which engine runs the module, and why')
    .option('--max-call-depth <n>', `wasm call depth at which "call stack exhausted" traps (default ${DEFAULT_RUN_CALL_DEPTH})`)
    .option('--timeout <seconds>', 'stop the program after this many seconds (exit code 124)')
    .option('--bounds <mode>', 'native engine bounds checks: guard (guard pages; explicit checks where they are unavailable) or explicit', 'guard')
    .option('--perfmap', 'write /tmp/perf-<pid>.map naming every natively compiled function, for perf report')
    .option('--fallback <what>', 'when a .cwasm artifact does not fit this host: interpreter (run its embedded wasm), recompile, or none (exit 1)', 'interpreter')
    .option('--max-memory <size>', 'largest linear memory, in bytes with an optional K/M/G suffix (a multiple of 64K)')
    .option('--cache-dir <dir>', 'compile cache of native code (default: $XDG_CACHE_HOME/kiln, else ~/.cache/kiln)')
    .option('--no-cache', 'compile natively without the compile cache (reads and writes none)')
    .passThroughOptions()
    .action(async (file: string, args: string[], opts: RunOptions) => {
      const request: RunRequest = {
        file,
        args,
        dir: opts.dir,
        dirReadonly: opts.dirReadonly,
        env: opts.env,
        inheritEnv: opts.inheritEnv === true,
        invoke: opts.invoke ?? null,
        argv0: opts.argv0 ?? null,
        engine: opts.engine,
        verbose: opts.verbose === true,
        maxCallDepth: opts.maxCallDepth === undefined ? DEFAULT_RUN_CALL_DEPTH : parsePositiveInt(opts.maxCallDepth, '--max-call-depth'),
        maxMemoryPages: opts.maxMemory === undefined ? null : parseMaxMemory(opts.maxMemory),
        bounds: parseBounds(opts.bounds),
        perfmap: opts.perfmap === true,
        fallback: parseFallback(opts.fallback),
        noCache: !opts.cache,
        ...(opts.cacheDir === undefined ? {} : { cacheDir: parseCacheDir(opts.cacheDir) }),
      };
      const timeout: Timeout | null = opts.timeout === undefined ? null : { ms: parseTimeout(opts.timeout), text: opts.timeout };
      const { dispatchRun } = await importRunDispatch();
      const reply = await dispatchRun(request, timeout);
      if (reply.ok) process.stdout.write(reply.output);
      else process.stderr.write(reply.stderr);
      process.exitCode = reply.code;
    });
}

/** `--cache-dir DIR` as an absolute path (the worker and --verbose see the same one) */
function parseCacheDir(dir: string): string {
  if (dir === '') throw new KilnError('usage', '--cache-dir takes a directory, got ""');
  return resolve(dir);
}
