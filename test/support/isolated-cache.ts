/**
 * vitest setup (vitest.config.ts `setupFiles`): every test file gets a compile cache of its
 * own. `kiln run` keeps natively compiled modules in `$XDG_CACHE_HOME/kiln` (else
 * `~/.cache/kiln`; loader/cwasm/cache.ts), so XDG_CACHE_HOME is pointed at a fresh temporary
 * directory, which every `kiln` the tests spawn inherits, and removed after the file. No test
 * writes into the real home cache. A test that gives a child an environment of its own must
 * pass XDG_CACHE_HOME on (or --cache-dir / --no-cache).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'kiln-test-cache-'));
process.env['XDG_CACHE_HOME'] = dir;

const remove = (): void => rmSync(dir, { recursive: true, force: true });
afterAll(remove);
// also when the file's process ends without its hooks (a timeout, an interrupted run)
process.once('exit', remove);
