/**
 * Running a `kiln run` request on a worker thread: with a stack sized for the requested wasm
 * call depth, and stopped after `--timeout` milliseconds if given. The thread can be started
 * before the request is complete (`startWorker`), so that it loads the engine while the main
 * thread still reads and checks the module; `cancel` drops it when the program turns out to
 * be small enough for the main thread. A stopped program ends kiln at once with EXIT_TIMEOUT
 * and one line on stderr; whatever it wrote before stays written.
 */

import { existsSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { escapeControls } from './escape.js';
import { hardExit } from './hard-exit.js';
import { EXIT_TIMEOUT } from './report.js';
import type { RunRequest } from './run-program.js';
import type { WorkerReply } from './run-worker.js';

export interface Timeout {
  ms: number;
  /** the value as the user gave it, for the message */
  text: string;
  /** the line printed when the time is up (default: `kiln: timeout: FILE ran longer than TEXT s (--timeout)`) */
  message?: string;
}

export interface RunWorker {
  /** send the request; the timeout, if any, counts from here */
  run(request: RunRequest, timeout: Timeout | null): Promise<WorkerReply>;
  /** stop a worker that will not be given a request */
  cancel(): void;
}

/**
 * Generated code uses the JS stack for wasm calls, so the worker's stack fits the requested
 * depth (about 1 KiB per wasm frame, which leaves room for large frames), and "call stack
 * exhausted" comes from kiln's depth check, with a backtrace.
 */
export function stackSizeMbFor(depth: number): number {
  return Math.min(4096, 16 + Math.ceil(depth / 1024));
}

/**
 * The worker's entry: in the bundle (scripts/bundle.mjs), the single CommonJS file that holds
 * all the worker runs, which spares the thread Node's ES module loader; in dist/cli/, the
 * compiled run-worker.ts.
 */
function workerEntry(): URL {
  const bundled = new URL('./run-worker.cjs', import.meta.url);
  return existsSync(bundled) ? bundled : new URL('./run-worker.js', import.meta.url);
}

export function startWorker(maxCallDepth: number): RunWorker {
  const worker = new Worker(workerEntry(), {
    resourceLimits: { stackSizeMb: stackSizeMbFor(maxCallDepth) },
  });
  return {
    run: (request, timeout) => replyOf(worker, request, timeout),
    cancel: () => {
      worker.unref();
      void worker.terminate();
    },
  };
}

export function runOnWorker(request: RunRequest, timeout: Timeout | null): Promise<WorkerReply> {
  return startWorker(request.maxCallDepth).run(request, timeout);
}

function replyOf(worker: Worker, request: RunRequest, timeout: Timeout | null): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    let replied = false;
    const timer =
      timeout === null
        ? null
        : setTimeout(() => {
            writeSync(2, `${timeout.message ?? `kiln: timeout: ${escapeControls(request.file)} ran longer than ${timeout.text} s (--timeout)`}\n`);
            hardExit(EXIT_TIMEOUT);
          }, timeout.ms);
    const settle = (): void => {
      replied = true;
      if (timer !== null) clearTimeout(timer);
    };
    worker.once('message', (reply: WorkerReply) => {
      settle();
      resolve(reply);
    });
    worker.once('error', (e) => {
      settle();
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!replied) {
        settle();
        reject(new Error(`the program's worker thread stopped (exit ${code}) without a result`));
      }
    });
    worker.postMessage(request);
  });
}
