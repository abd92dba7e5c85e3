/**
 * `kiln build app.wasm -o app --target x86_64-linux|aarch64-linux`: a standalone executable
 * (docs/standalone.md) — the module compiled and linked with kiln's native runtime into one
 * static ELF that needs nothing installed. The capabilities `kiln run` takes as options are
 * fixed into it here: `--dir`, `--dir-readonly` (a relative HOST is resolved against the working
 * directory when the program starts), `--env`, `--inherit-env` (the program also gets the
 * environment the executable runs with), `--timeout`, `--max-memory`, `--max-call-depth`.
 * Every argument of the executable goes to the program.
 */

import type { Command } from 'commander';
import { KilnError } from '../../formats/errors.js';
import { importBuildExe } from '../lazy.js';
import { DEFAULT_RUN_CALL_DEPTH } from './run.js';
import { parseEnvSpec, parseMaxMemory, parsePositiveInt, parseTimeout } from './run-options.js';

export interface BuildFlags {
  output?: string;
  target?: string;
  dir: string[];
  dirReadonly: string[];
  env: string[];
  inheritEnv?: boolean;
  timeout?: string;
  maxMemory?: string;
  maxCallDepth?: string;
  batch?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `HOST[::GUEST]` without checking the directory (it must exist where the executable runs, not here) */
export function parseBuildDir(spec: string, option: string): { host: string; guest: string } {
  const sep = spec.indexOf('::');
  const host = sep < 0 ? spec : spec.slice(0, sep);
  const guest = sep < 0 ? spec : spec.slice(sep + 2);
  if (host === '' || guest === '') throw new KilnError('usage', `${option} takes HOST[::GUEST], got "${spec}"`);
  return { host, guest };
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build a standalone executable: the module and kiln\'s native runtime in one static ELF')
    .argument('<file>', 'module (.wasm or .wat) with a _start export')
    .option('-o, --output <file>', 'the executable to write (default: the module\'s name without its extension)')
    .option('--target <target>', 'x86_64-linux or aarch64-linux (default: this host\'s)')
    .option('--dir <HOST[::GUEST]>', 'preopen a directory read-write (repeatable)', collect, [])
    .option('--dir-readonly <HOST[::GUEST]>', 'preopen a directory read-only (repeatable)', collect, [])
    .option('--env <NAME=VALUE>', 'set an environment variable for the program (repeatable)', collect, [])
    .option('--inherit-env', 'also pass the environment the executable runs with (--env entries override it)')
    .option('--timeout <seconds>', 'stop the program after this many seconds (exit 124)')
    .option('--max-memory <size>', 'largest linear memory, in bytes with an optional K/M/G suffix (a multiple of 64K)')
    .option('--max-call-depth <n>', `wasm call depth at which "call stack exhausted" traps (default ${DEFAULT_RUN_CALL_DEPTH})`)
    .option('--batch', 'batch mode, for testing: the executable reads invocations of exports from stdin instead of running _start (docs/standalone.md)')
    .allowExcessArguments(false)
    .action(async (file: string, flags: BuildFlags) => {
      for (const e of flags.env) parseEnvSpec(e);
      const checked = {
        preopens: [
          ...flags.dir.map((d) => ({ ...parseBuildDir(d, '--dir'), readonly: false })),
          ...flags.dirReadonly.map((d) => ({ ...parseBuildDir(d, '--dir-readonly'), readonly: true })),
        ],
        timeoutMs: flags.timeout === undefined ? null : parseTimeout(flags.timeout),
        maxMemoryPages: flags.maxMemory === undefined ? null : parseMaxMemory(flags.maxMemory),
        maxCallDepth: flags.maxCallDepth === undefined ? DEFAULT_RUN_CALL_DEPTH : parsePositiveInt(flags.maxCallDepth, '--max-call-depth'),
      };
      const { buildAction } = await importBuildExe();
      await buildAction(file, flags, checked);
    });
}
