/**
 * `kiln run <file> [args…]`: run a WASI program (its `_start`), or call one export with
 * `--invoke NAME [ARGS…]` and print its results. Options come before the file; everything
 * after the file belongs to the program. Exit code: the program's WASI exit code; 134 on a
 * trap (backtrace on stderr); 1 for an invalid module, a bad argument or an unlinkable import.
 */

import type { Command } from 'commander';
import { Worker } from 'node:worker_threads';
import { KilnError } from '../../formats/errors.js';
import { ENGINE_NAMES } from '../engine-names.js';
import type { RunRequest } from '../run-program.js';
import type { WorkerReply } from '../run-worker.js';

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
    .option('--engine <name>', `execution engine (${ENGINE_NAMES.join(', ')})`, 'interp')
    .option('--max-call-depth <n>', `wasm call depth at which "call stack exhausted" traps (default ${DEFAULT_RUN_CALL_DEPTH})`)
    .passThroughOptions()
    .action(async (file: string, args: string[], opts: RunOptions) => {
      const maxCallDepth = opts.maxCallDepth === undefined ? DEFAULT_RUN_CALL_DEPTH : parsePositiveInt(opts.maxCallDepth, '--max-call-depth');
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
        maxCallDepth,
      };
      const reply = await runOnWorker(request);
      if (reply.ok) process.stdout.write(reply.output);
      else process.stderr.write(reply.stderr);
      process.exitCode = reply.code;
    });
}

/**
 * Generated code uses the JS stack for wasm calls, and the main thread's stack (about 1 MB)
 * holds only a few thousand frames. The program therefore runs on a worker whose stack fits
 * the requested depth (about 1 KiB per wasm frame, which leaves room for large frames), so
 * "call stack exhausted" comes from kiln's depth check, with a backtrace.
 */
export function stackSizeMbFor(depth: number): number {
  return Math.min(4096, 16 + Math.ceil(depth / 1024));
}

function runOnWorker(request: RunRequest): Promise<WorkerReply> {
  const worker = new Worker(new URL('../run-worker.js', import.meta.url), {
    workerData: request,
    resourceLimits: { stackSizeMb: stackSizeMbFor(request.maxCallDepth) },
  });
  return new Promise((resolve, reject) => {
    let replied = false;
    worker.once('message', (reply: WorkerReply) => {
      replied = true;
      resolve(reply);
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`the program's worker thread stopped (exit ${code}) without a result`));
    });
  });
}

function parsePositiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new KilnError('usage', `${what} takes a positive whole number, got "${text}"`);
  return n;
}
