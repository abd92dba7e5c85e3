/**
 * `kiln launch NAME [args…]` (docs/kapp.md, "Launching"): the app as loader/apps/launch.ts sets
 * it up, run like `kiln run` runs a program — the same exit codes, trap reports and WASI — but
 * with the manifest's capabilities and limits instead of command-line options:
 * - native code from the store runs here, on the engine's own stack; `limits.time` is a
 *   watchdog thread that interrupts it (loader/native/watchdog.ts), then exit 124;
 * - a module that runs on the interpreter goes through `kiln run`'s placement
 *   (run-dispatch.ts: a worker when it needs a deep stack or has a time limit, which then
 *   ends the process at the limit);
 * - `limits.memory` caps `memory.grow` (it returns -1 beyond) and the initial memory;
 *   `limits.open-files` caps the WASI descriptors (EMFILE beyond).
 * `KILN_TIME_START=1` prints when `_start` is reached (run-program.ts), for bench/apps.ts.
 */

import { writeSync } from 'node:fs';
import type { CompiledModule } from '../loader/api.js';
import { isKilnTrap } from '../loader/trap.js';
import { entryCode, setupLaunch, type LaunchSetup } from '../loader/apps/launch.js';
import { interruptFlagAddress } from '../loader/native/interrupt.js';
import { startWatchdog, type Watchdog } from '../loader/native/watchdog.js';
import type { NativeEngine } from '../loader/native/index.js';
import { openStore } from '../loader/apps/store.js';
import { DEFAULT_RUN_CALL_DEPTH } from './commands/run.js';
import { escapeControls } from './escape.js';
import { EXIT_TIMEOUT } from './report.js';
import { dispatchRun } from './run-dispatch.js';
import { runPrepared, type RunRequest } from './run-program.js';
import type { WorkerReply } from './run-worker.js';

export interface LaunchFlags {
  readonly store: string | undefined;
  readonly verbose: boolean;
}

/** a grace after the time limit in which an interrupt must land (a host call may be blocking) */
const GRACE_MS = 2000;

/** run the app; returns the exit code (output already written) */
export async function launchAction(name: string, userArgs: readonly string[], flags: LaunchFlags): Promise<number> {
  const store = openStore(flags.store);
  const setup = setupLaunch(store, name, userArgs);
  const code = entryCode(store, setup);
  const note = (line: string): void => {
    process.stderr.write(`kiln: ${escapeControls(name)}: ${escapeControls(line)}\n`);
  };
  const request = requestOf(setup, flags.verbose);
  let reply: WorkerReply;
  if (code.native) {
    if (code.recompiled !== null) note(`${code.recompiled}; compiled it again for this host (once: it is stored)`);
    if (flags.verbose) note(code.recompiled === null ? 'engine: native, precompiled code from the store' : 'engine: native');
    reply = runNative(request, setup, code.engine, code.compiled, timeoutLine(setup));
  } else {
    if (flags.verbose) note(`engine: interp (${code.why})`);
    const timeout = setup.timeMs === null ? null : { ms: setup.timeMs, text: String(setup.timeMs / 1000), message: timeoutLine(setup) };
    reply = await dispatchRun({ ...request, engine: 'interp', noCache: true }, timeout);
  }
  if (reply.ok) process.stdout.write(reply.output);
  else process.stderr.write(reply.stderr);
  return reply.code;
}

function requestOf(setup: LaunchSetup, verbose: boolean): RunRequest {
  return {
    file: setup.entryFile,
    args: [...setup.args],
    dir: [],
    dirReadonly: [],
    env: [],
    inheritEnv: false,
    invoke: null,
    argv0: setup.manifest.name,
    engine: 'auto',
    verbose,
    maxCallDepth: DEFAULT_RUN_CALL_DEPTH,
    maxMemoryPages: setup.maxMemoryPages,
    setting: { preopens: setup.preopens.map((p) => ({ hostPath: p.hostPath, guestPath: p.guestPath, readonly: p.readonly })), env: { ...setup.env } },
    ...(setup.maxOpenFiles === null ? {} : { maxOpenFiles: setup.maxOpenFiles }),
  };
}

function timeoutLine(setup: LaunchSetup): string {
  return `kiln: ${escapeControls(setup.manifest.name)}: stopped after ${(setup.timeMs ?? 0) / 1000} s (limits.time of its manifest)`;
}

/** the precompiled code, here; a time limit is a watchdog that interrupts it */
function runNative(request: RunRequest, setup: LaunchSetup, engine: NativeEngine, compiled: CompiledModule, lastWords: string): WorkerReply {
  const dog: Watchdog | null =
    setup.timeMs === null
      ? null
      : startWatchdog({ flagAddress: interruptFlagAddress(engine), ms: setup.timeMs, graceMs: GRACE_MS, lastWords: `${lastWords}\n`, exitCode: EXIT_TIMEOUT });
  try {
    const outcome = runPrepared(request, () => ({ engine, compiled }));
    dog?.cancel();
    return { ok: true, code: outcome.code, output: outcome.output };
  } catch (e) {
    const fired = dog?.cancel() ?? false;
    if (fired && isKilnTrap(e) && e.trapKind === 'interrupted') {
      writeSync(2, `${lastWords}\n`);
      return { ok: true, code: EXIT_TIMEOUT, output: '' };
    }
    throw e;
  }
}
