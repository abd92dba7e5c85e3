/**
 * vitest setup (vitest.config.ts `setupFiles`): the worker's event loop gets a turn before
 * every test. A file of synchronous tests otherwise never returns to the event loop until it
 * ends, and when that takes more than a minute (the C examples on both engines, the passes'
 * spec runs) vitest's own RPC to the runner times out and fails the run with
 * "Timeout calling onTaskUpdate", although every test passed.
 */

import { beforeEach } from 'vitest';

beforeEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
