/**
 * vitest configuration for `npm test`.
 *
 * Test files run in child processes (pool 'forks'), each file in a fresh one, so process-wide
 * state (working directory, environment, koffi's native state, V8 flags) never leaks between
 * files; pool 'threads' measured no cheaper in CPU on the spec and loader files. vitest's
 * default in `run` mode is one worker fewer than the cores, which on a 2-core machine leaves
 * a core idle for the whole run although the suite is CPU-bound: use every core up to 2
 * cores, and vitest's default above that.
 */

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const cores = availableParallelism();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // a turn of the event loop before every test; a compile cache of the file's own, never
    // the home directory's (see the files)
    setupFiles: ['test/support/event-loop-turn.ts', 'test/support/isolated-cache.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: cores <= 2 ? cores : cores - 1,
  },
});
