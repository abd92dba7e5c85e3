/**
 * Worker-thread entry of `kiln run`: runs the program (run-program.ts) on a thread whose
 * stack was sized for the requested wasm call depth, and posts back either the outcome or
 * the failure already formatted for stderr. The thread may be started before its request is
 * known (run-on-worker.ts), so it loads the engine first, then waits for the request. The
 * module comes as the binary the main thread already validated (decoded here, not validated
 * again), or is loaded here when the main thread did not load it. The guest's own output
 * does not pass through here: WASI writes it synchronously to the process's file descriptors.
 */

import { parentPort } from 'node:worker_threads';
import type { Module } from '../formats/wasm/types.js';
import { importDecode, importLoad, importRunArtifact, importRunProgram } from './lazy.js';
import { describeFailure } from './report.js';
import type { RunRequest } from './run-program.js';

export type WorkerReply = { ok: true; code: number; output: string } | { ok: false; code: number; stderr: string };

/** the module and its binary (which keys the compile cache) */
async function moduleFor(req: RunRequest): Promise<{ module: Module; bytes: Uint8Array }> {
  if (req.bytes !== undefined) {
    const { decodeModule } = await importDecode();
    return { module: decodeModule(req.bytes, { borrow: true }), bytes: req.bytes };
  }
  const { loadModule } = await importLoad();
  return loadModule(req.file);
}

async function reply(req: RunRequest, program: Promise<typeof import('./run-program.js')>): Promise<WorkerReply> {
  try {
    const { runProgram, runPrepared } = await program;
    const { isArtifactFile, readInput } = await importLoad();
    let outcome;
    if (req.bytes === undefined && isArtifactFile(req.file)) {
      const bytes = readInput(req.file);
      const { prepareArtifact } = await importRunArtifact();
      outcome = runPrepared(req, (options) => prepareArtifact(req, bytes, options));
    } else {
      const { module, bytes } = await moduleFor(req);
      outcome = runProgram(req, module, bytes);
    }
    return { ok: true, code: outcome.code, output: outcome.output };
  } catch (e) {
    const failure = describeFailure(e);
    return { ok: false, code: failure.code, stderr: failure.text };
  }
}

// load while the main thread is still reading and checking the module
const program = importRunProgram();
parentPort?.once('message', (req: RunRequest) => {
  void reply(req, program).then((r) => parentPort?.postMessage(r));
});
