/**
 * Where and how a `kiln run` request runs once its options are parsed (commands/run.ts; also
 * `kiln launch`'s interpreter path): here on the main thread when the program is small, on a
 * worker thread when `--timeout` asks for one or the program may need a deep stack
 * (run-placement.ts), and an artifact here on the engine's own stack. The heavy modules are
 * imported on use, so that other commands start fast.
 */

import { statSync } from 'node:fs';
import type { LoadedModule } from './load.js';
import type { RunRequest } from './run-program.js';
import type { RunWorker, Timeout } from './run-on-worker.js';
import type { WorkerReply } from './run-worker.js';
import { checkOptions } from './commands/run-options.js';
import { importLoad, importPlacement, importRunArtifact, importRunOnWorker, importRunProgram } from './lazy.js';

/** a module file this large runs on a worker started before the module is read (runOnEarlyWorker) */
export const EARLY_WORKER_BYTES = 16 * 1024;

/** run the request: on a worker when there is a timeout, else where it fits (runHereIfSmall) */
export function dispatchRun(request: RunRequest, timeout: Timeout | null): Promise<WorkerReply> {
  return timeout === null ? runHereIfSmall(request) : onWorker(request, timeout);
}

/**
 * Load and validate here; run here too unless the program may need a deeper stack than this
 * thread has, else hand the validated binary to a worker. A module too deeply nested for
 * this thread's loader (a RangeError) is loaded again by the worker, on its larger stack.
 * A large module goes to a worker at once (runOnEarlyWorker).
 */
async function runHereIfSmall(request: RunRequest): Promise<WorkerReply> {
  if (request.setting === undefined) checkOptions(request);
  const { isArtifactFile } = await importLoad();
  if (isArtifactFile(request.file)) return runArtifactHere(request);
  if (isLarge(request.file)) return runOnEarlyWorker(request);
  const loaded = await loadHere(request);
  const { needsWorker } = await importPlacement();
  if (loaded === null || needsWorker(loaded.module, request.maxCallDepth)) {
    return (await startWorker(request.maxCallDepth)).run(withBytes(request, loaded), null);
  }
  const { runProgram } = await importRunProgram();
  const outcome = runProgram(request, loaded.module, loaded.bytes);
  return { ok: true, code: outcome.code, output: outcome.output };
}

/** a `.cwasm` artifact runs here: its native code runs on the engine's own stack */
async function runArtifactHere(request: RunRequest): Promise<WorkerReply> {
  const { readInput } = await importLoad();
  const bytes = readInput(request.file);
  const { runPrepared } = await importRunProgram();
  const { prepareArtifact } = await importRunArtifact();
  const outcome = runPrepared(request, (options) => prepareArtifact(request, bytes, options));
  return { ok: true, code: outcome.code, output: outcome.output };
}

/**
 * A module file this large is most likely compiled code whose libc recurses, which needs a
 * worker's stack; and if it does not, running it on a worker that is already started costs
 * no more than running it here. So its worker starts first and loads the engine while this
 * thread reads and validates the module, which it then sends on (no placement: that work
 * would only delay the worker's).
 */
async function runOnEarlyWorker(request: RunRequest): Promise<WorkerReply> {
  const worker = await startWorker(request.maxCallDepth);
  let loaded: LoadedModule | null;
  try {
    loaded = await loadHere(request);
  } catch (e) {
    worker.cancel();
    throw e;
  }
  return worker.run(withBytes(request, loaded), null);
}

/** the module loaded and validated, or null when it is nested too deeply for this thread's stack */
async function loadHere(request: RunRequest): Promise<LoadedModule | null> {
  try {
    const { loadModule } = await importLoad();
    return loadModule(request.file);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** the request with the validated binary, which the worker decodes without validating again */
function withBytes(request: RunRequest, loaded: LoadedModule | null): RunRequest {
  return loaded === null ? request : { ...request, bytes: loaded.bytes };
}

function isLarge(file: string): boolean {
  try {
    return statSync(file).size >= EARLY_WORKER_BYTES;
  } catch {
    return false; // loading reports what is wrong with the file
  }
}

async function startWorker(maxCallDepth: number): Promise<RunWorker> {
  const { startWorker: start } = await importRunOnWorker();
  return start(maxCallDepth);
}

async function onWorker(request: RunRequest, timeout: Timeout | null): Promise<WorkerReply> {
  return (await startWorker(request.maxCallDepth)).run(request, timeout);
}
