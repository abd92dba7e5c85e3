/**
 * The watchdog thread (watchdog.ts): waits out the time limit unless told the program is done,
 * then interrupts the engine every 100 ms until the caller acknowledges the trap, and after the
 * grace period ends the process with the caller's last words.
 */

import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { libc } from '../sys/libc.js';
import { requestInterrupt } from './interrupt.js';
import { WATCH, type WatchdogInput } from './watchdog.js';

const RETRY_MS = 100;

function watch(input: WatchdogInput): void {
  const word = new Int32Array(input.state);
  Atomics.wait(word, 0, WATCH.RUNNING, input.ms);
  if (Atomics.compareExchange(word, 0, WATCH.RUNNING, WATCH.FIRED) !== WATCH.RUNNING) return;
  const deadline = Date.now() + input.graceMs;
  do {
    requestInterrupt(input.flagAddress);
    Atomics.wait(word, 0, WATCH.FIRED, RETRY_MS);
    if (Atomics.load(word, 0) !== WATCH.FIRED) return;
  } while (Date.now() < deadline);
  writeSync(2, input.lastWords);
  libc().exitNow(input.exitCode);
}

watch(workerData as WatchdogInput);
