/**
 * Worker-thread entry of `kiln run`: runs the program (run-program.ts) on a thread whose
 * stack was sized for the requested wasm call depth, and posts back either the outcome or
 * the failure already formatted for stderr. The guest's own output does not pass through
 * here: WASI writes it synchronously to the process's file descriptors.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure } from './report.js';
import { runProgram, type RunRequest } from './run-program.js';

export type WorkerReply = { ok: true; code: number; output: string } | { ok: false; code: number; stderr: string };

function reply(): WorkerReply {
  try {
    const outcome = runProgram(workerData as RunRequest);
    return { ok: true, code: outcome.code, output: outcome.output };
  } catch (e) {
    const failure = describeFailure(e);
    return { ok: false, code: failure.code, stderr: failure.text };
  }
}

parentPort?.postMessage(reply());
