/**
 * A time limit on native code (`kiln launch`, an app's `limits.time`): a watchdog thread sleeps
 * for the limit, then interrupts the engine (interrupt.ts: the running wasm traps with
 * "interrupted" at its next instruction fetch, or at its next poll in explicit-bounds code),
 * and the caller reports the time-out. The program may instead be inside a host call that does
 * not return (a WASI read waiting on a terminal), where no interrupt lands: the watchdog asks
 * again every 100 ms, and after `graceMs` writes `lastWords` and ends the process itself with
 * `exitCode` (libc `_exit`, which any thread may call).
 *
 * State shared with the thread, one Int32 word: RUNNING → DONE (the caller finished first:
 * `cancel`), or RUNNING → FIRED (the limit passed) → ACKNOWLEDGED (the caller saw the trap).
 */

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { KilnError } from '../../formats/errors.js';

export const WATCH = { RUNNING: 0, DONE: 1, FIRED: 2, ACKNOWLEDGED: 3 } as const;

/** what the watchdog thread is given (plain data) */
export interface WatchdogInput {
  readonly state: SharedArrayBuffer;
  /** the engine's interrupt flag (interrupt.ts interruptFlagAddress) */
  readonly flagAddress: number;
  readonly ms: number;
  readonly graceMs: number;
  readonly lastWords: string;
  readonly exitCode: number;
}

export interface Watchdog {
  /** the program finished (or failed): stop watching; true when the limit had passed */
  cancel(): boolean;
}

/**
 * The thread's entry: the bundle's watchdog-worker.cjs next to this chunk, else the compiled
 * watchdog-worker.js next to this file, else (this file run as TypeScript by vitest) its
 * compiled twin in dist/.
 */
function workerEntry(): URL {
  const candidates = ['./watchdog-worker.cjs', './watchdog-worker.js', '../../dist/loader/native/watchdog-worker.js'].map(
    (p) => new URL(p, import.meta.url),
  );
  const found = candidates.find((u) => existsSync(u));
  if (found === undefined) throw new KilnError('io', 'cannot find the watchdog thread (loader/native/watchdog-worker.js); run npm run build');
  return found;
}

/** watch the engine whose interrupt flag is at `flagAddress` for `ms` milliseconds */
export function startWatchdog(input: Omit<WatchdogInput, 'state'>): Watchdog {
  const state = new SharedArrayBuffer(4);
  const word = new Int32Array(state);
  const worker = new Worker(workerEntry(), { workerData: { ...input, state } satisfies WatchdogInput });
  worker.unref();
  return {
    cancel(): boolean {
      const before = Atomics.compareExchange(word, 0, WATCH.RUNNING, WATCH.DONE);
      const fired = before !== WATCH.RUNNING;
      if (fired) Atomics.store(word, 0, WATCH.ACKNOWLEDGED);
      Atomics.notify(word, 0);
      void worker.terminate();
      return fired;
    },
  };
}
