/**
 * The per-app lock of the store (store.ts `locks/NAME`): Node has no `flock`, so a lock is a
 * directory made with `mkdir`, which either creates it or fails because it exists, atomically.
 * The holder writes its pid into `owner` inside it. A lock whose holder is no longer alive
 * (its pid is gone) is stale: it is taken over by renaming it away first (a rename of a given
 * name succeeds for one process only), so two processes that find the same stale lock do not
 * both take it. A live holder is waited for, up to `waitMs`, then the caller is told who holds it.
 */

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../../formats/errors.js';

const POLL_MS = 50;

export interface LockOptions {
  /** how long to wait for a live holder (default 30 s) */
  readonly waitMs?: number;
}

/** run `f` (to its end, when it is async) holding the lock `name` in `locksDir` (created if missing) */
export async function withLock<T>(locksDir: string, name: string, f: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  mkdirSync(locksDir, { recursive: true, mode: 0o700 });
  const path = join(locksDir, name);
  acquire(path, options.waitMs ?? 30_000);
  try {
    return await f();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

function acquire(path: string, waitMs: number): void {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryMake(path)) return;
    const holder = holderOf(path);
    if (holder !== null && !alive(holder)) {
      breakStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder === null ? 'another kiln' : `another kiln (pid ${holder})`;
      throw new KilnError('io', `${who} is installing or removing this app (lock ${path}); try again when it is done`);
    }
    sleep(POLL_MS);
  }
}

function tryMake(path: string): boolean {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new KilnError('io', `cannot create the lock ${path}: ${(e as Error).message}`);
  }
  writeFileSync(join(path, 'owner'), `${process.pid}\n`);
  return true;
}

/** the holder's pid, or null while the holder has not written it yet (or the lock just went) */
function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(path, 'owner'), 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Move the dead holder's lock aside and remove it. Between reading the holder and the rename,
 * another process may have broken the lock and taken it anew: then the lock moved aside is
 * that live one, and it is put back (this process waits again).
 */
function breakStale(path: string, dead: number): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // another process took it over first
  }
  if (holderOf(aside) === dead) {
    rmSync(aside, { recursive: true, force: true });
    return;
  }
  try {
    renameSync(aside, path);
  } catch {
    rmSync(aside, { recursive: true, force: true });
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
