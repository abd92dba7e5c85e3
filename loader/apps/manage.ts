/**
 * `kiln list` and `kiln uninstall NAME` (docs/kapp.md, "The store"). Uninstalling removes the
 * app's directory — its files, its install record and its data directories — under the app's
 * lock, and then the precompiled code of its modules that no other installed app uses (every
 * cache entry of that module, whatever kiln or CPU it was compiled for).
 */

import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KilnError } from '../../formats/errors.js';
import { withLock } from './lock.js';
import { readRecord, type AppRecord } from './record.js';
import { APP_NAME, AppStore } from './store.js';

/** every installed app, sorted by name (a store that does not exist holds none) */
export function listApps(store: AppStore): AppRecord[] {
  let names: string[];
  try {
    names = readdirSync(store.appsDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new KilnError('io', `cannot read the store (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: store.appsDir });
  }
  const out: AppRecord[] = [];
  for (const name of names.filter((n) => APP_NAME.test(n)).sort()) {
    const r = readRecord(store.appDir(name));
    if (r !== null) out.push(r);
  }
  return out;
}

export interface Uninstalled {
  readonly record: AppRecord;
  /** cache entries removed with it */
  readonly entries: number;
}

export async function uninstall(store: AppStore, name: string): Promise<Uninstalled> {
  const appDir = store.appDir(name);
  if (readRecord(appDir) === null) throw notInstalled(store, name);
  return withLock(store.locksDir, name, () => {
    const record = readRecord(appDir);
    if (record === null) throw notInstalled(store, name);
    const aside = join(store.stagingDir, `${name}.removed-${process.pid}`);
    renameSync(appDir, aside);
    rmSync(aside, { recursive: true, force: true });
    return { record, entries: removeUnusedCode(store, record) };
  });
}

export function notInstalled(store: AppStore, name: string): KilnError {
  return new KilnError('usage', `no app named ${JSON.stringify(name)} is installed in ${store.dir} (kiln list shows those that are)`);
}

/** remove the cache entries of `gone`'s modules that no installed app still uses */
function removeUnusedCode(store: AppStore, gone: AppRecord): number {
  const used = new Set(listApps(store).flatMap((r) => r.modules.map((m) => m.sha256)));
  const unused = new Set(gone.modules.map((m) => m.sha256).filter((h) => !used.has(h)));
  let names: string[];
  try {
    names = readdirSync(store.cacheDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const n of names) {
    if (!unused.has(n.slice(0, 64)) || n[64] !== '-') continue;
    rmSync(join(store.cacheDir, n), { force: true });
    removed++;
  }
  return removed;
}
