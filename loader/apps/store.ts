/**
 * kiln's app store (docs/kapp.md, "The store"): where installed apps live and how their files
 * are named. Nothing here writes; install.ts, launch.ts and uninstall.ts do.
 *
 * ```
 * STORE/                       --store, else $XDG_DATA_HOME/kiln (absolute), else ~/.local/share/kiln
 *   apps/NAME/app.json         the install record (record.ts)
 *   apps/NAME/manifest.toml    the manifest, as checked at install time (canonical form)
 *   apps/NAME/files/…          the package's files
 *   apps/NAME/data/GUEST       one directory per `from = "app-data"` grant (GUEST escaped)
 *   cache/                     precompiled modules: a compile cache (loader/cwasm/cache.ts)
 *   locks/NAME                 held while NAME is installed or uninstalled (lock.ts)
 *   staging/                   installs in progress, renamed into apps/ when complete
 * ```
 */

import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { KilnError } from '../../formats/errors.js';

/**
 * The default store: `$XDG_DATA_HOME/kiln` when that is an absolute path (the XDG base
 * directory spec ignores a relative one), else `<home>/.local/share/kiln`.
 */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string {
  const xdg = env['XDG_DATA_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'kiln');
  let h = '';
  try {
    h = home();
  } catch {
    /* no home directory */
  }
  if (h === '') throw new KilnError('usage', 'no app store: there is no XDG_DATA_HOME and no home directory (--store names one)');
  return join(h, '.local', 'share', 'kiln');
}

/** the store at `dir` (`--store`), else the default one */
export function openStore(dir: string | undefined): AppStore {
  return new AppStore(dir ?? defaultStoreDir());
}

/** an app name: what `launch` and `uninstall` take (the manifest's `name`) */
export const APP_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class AppStore {
  constructor(readonly dir: string) {}

  get appsDir(): string {
    return join(this.dir, 'apps');
  }
  get cacheDir(): string {
    return join(this.dir, 'cache');
  }
  get locksDir(): string {
    return join(this.dir, 'locks');
  }
  get stagingDir(): string {
    return join(this.dir, 'staging');
  }

  appDir(name: string): string {
    return join(this.appsDir, checkName(name));
  }

  /** the `files/` directory of an app directory (installed or staged) */
  static filesOf(appDir: string): string {
    return join(appDir, 'files');
  }

  static recordOf(appDir: string): string {
    return join(appDir, 'app.json');
  }

  static manifestOf(appDir: string): string {
    return join(appDir, 'manifest.toml');
  }

  /** the host directory behind an app-data grant at guest path `guest` */
  static dataDirOf(appDir: string, guest: string): string {
    return join(appDir, 'data', escapeGuest(guest));
  }
}

/** a name from the command line, checked before it becomes part of a path */
export function checkName(name: string): string {
  if (!APP_NAME.test(name)) {
    throw new KilnError('usage', `${JSON.stringify(name)} is not an app name (lower-case letters, digits and "-", at most 64)`);
  }
  return name;
}

/**
 * A guest path as one file name: "/" → "%2F", "/data" → "data", "/a/b" → "a%2Fb" ("%" itself
 * becomes "%25"), so that grants at nested guest paths get separate directories.
 */
export function escapeGuest(guest: string): string {
  const inner = guest === '/' ? '/' : guest.replace(/^\//, '');
  return inner.replace(/%/g, '%25').replace(/\//g, '%2F');
}
