/**
 * The compile cache of `kiln run` (docs/cwasm.md, "Compile cache"): a directory of `.cwasm`
 * artifacts of plain modules compiled on this host, one file per module and key, so that the
 * second run of a module compiles nothing. This file is the store: where it is, what an
 * entry is named, reading, writing, eviction, `kiln cache clean` and `stats`. What goes in
 * and how an entry is checked is compile-cached.ts.
 *
 * - Location: `--cache-dir DIR`, else `$XDG_CACHE_HOME/kiln` (when absolute, as the XDG base
 *   directory spec asks), else `~/.cache/kiln`. Created with mode 0700.
 * - Entry name: `<SHA-256 of the wasm bytes>-<first 16 hex digits of the SHA-256 of the
 *   key's name=value lines>.cwasm`; the key holds what the host decides before compiling
 *   (kiln version and build id, target, CPU features enabled, bounds, interrupts, opt level).
 * - Writes are atomic: a temporary file in the same directory (created exclusively, mode
 *   0600), renamed over the entry. A reader sees a whole entry or none; concurrent writers
 *   of one entry write the same bytes, the last rename wins.
 * - Bounded: after a write, the least recently used entries (by modification time, which a
 *   hit refreshes) are removed until the total is within the limit (512 MiB); the entry just
 *   written always stays. Temporary files older than an hour (a writer that died) go too.
 * - Trust: an entry is native code that kiln runs, so a directory that another user owns or
 *   that group or others may write is refused (`untrusted`).
 */

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, type Stats } from 'node:fs';
import { writeFileAtomically } from './atomic-write.js';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { keyLines, type CompatKey } from '../../formats/cwasm/key.js';
import { KilnError } from '../../formats/errors.js';

/** the cache's size limit: beyond it, the least recently used entries are removed */
export const DEFAULT_CACHE_LIMIT = 512 * 1024 * 1024;

/** a temporary file this old belongs to a writer that died */
const STALE_TEMP_MS = 60 * 60 * 1000;

const ENTRY = /^[0-9a-f]{64}-[0-9a-f]{16}\.cwasm$/;
const TEMP = /^\.[0-9a-f]{64}-[0-9a-f]{16}\.cwasm\.[0-9a-z-]+\.tmp$/;

/**
 * The default cache directory: `$XDG_CACHE_HOME/kiln` when that is an absolute path (the XDG
 * spec ignores a relative one), else `<home>/.cache/kiln`; null when there is no home directory.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string | null {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'kiln');
  let h: string;
  try {
    h = home();
  } catch {
    return null;
  }
  return h === '' ? null : join(h, '.cache', 'kiln');
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The entry's file name for module `wasm` compiled under `key` — whose `cpuFeatures` are the
 * features the compile *enables* (the host's choice), not those the code turns out to use.
 */
export function entryName(wasm: Uint8Array, key: CompatKey): string {
  return `${sha256(wasm)}-${sha256(keyLines(key).join('\n')).slice(0, 16)}.cwasm`;
}

export interface CacheStats {
  readonly directory: string;
  readonly entries: number;
  readonly bytes: number;
  readonly limitBytes: number;
}

export interface CleanResult {
  readonly directory: string;
  /** entries removed */
  readonly entries: number;
  /** their bytes */
  readonly bytes: number;
}

interface Listed {
  readonly path: string;
  readonly stats: Stats;
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? 'error';

/** whether `path` is gone (removed now, or already) */
function removeQuietly(path: string): boolean {
  try {
    rmSync(path, { force: true });
    return true;
  } catch {
    return false;
  }
}

export class CompileCache {
  constructor(
    readonly dir: string,
    readonly limitBytes: number = DEFAULT_CACHE_LIMIT,
  ) {}

  /** the path of the entry for `wasm` under `key` */
  entryPath(wasm: Uint8Array, key: CompatKey): string {
    return join(this.dir, entryName(wasm, key));
  }

  /**
   * Why this directory must not hold code kiln runs (another user owns it, or group or others
   * may write it), or null. A directory that does not exist yet is fine (write creates it).
   */
  untrusted(): string | null {
    let st: Stats;
    try {
      st = statSync(this.dir);
    } catch (e) {
      return errCode(e) === 'ENOENT' ? null : `cannot read the directory (${errCode(e)})`;
    }
    if (!st.isDirectory()) return 'it is not a directory';
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) return `it belongs to another user (uid ${st.uid})`;
    if ((st.mode & 0o022) !== 0) return `group or others may write it (mode ${(st.mode & 0o7777).toString(8)})`;
    return null;
  }

  /** the entry's bytes, or null when there is none (a concurrent eviction included); a hit makes it recently used */
  read(path: string): Uint8Array | null {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch {
      return null;
    }
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // evicted meanwhile, or a read-only cache: the entry still serves this run
    }
    return bytes;
  }

  /** write an entry atomically (temporary file + rename); KilnError('io') when it cannot be written */
  write(path: string, bytes: Uint8Array): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new KilnError('io', `cannot write the cache entry (${errCode(e)})`, { file: path });
    }
    writeFileAtomically(path, bytes, 'the cache entry', 0o600);
  }

  /** remove an entry (a damaged one); a missing entry is fine, one that cannot be removed is left for the next writer to replace */
  discard(path: string): void {
    removeQuietly(path);
  }

  /**
   * Keep the cache within its limit: remove the least recently used entries (never `keep`)
   * until the total fits, and temporary files of writers that died. Returns how many entries went.
   */
  evict(keep: string, now: number = Date.now()): number {
    const { entries, temps } = this.list();
    for (const t of temps) if (now - t.stats.mtimeMs > STALE_TEMP_MS) removeQuietly(t.path);
    let total = entries.reduce((n, e) => n + e.stats.size, 0);
    let removed = 0;
    const oldestFirst = entries.filter((e) => e.path !== keep).sort((a, b) => a.stats.mtimeMs - b.stats.mtimeMs);
    for (const e of oldestFirst) {
      if (total <= this.limitBytes) break;
      if (!removeQuietly(e.path)) continue;
      total -= e.stats.size;
      removed++;
    }
    return removed;
  }

  stats(): CacheStats {
    const { entries } = this.list();
    return { directory: this.dir, entries: entries.length, bytes: entries.reduce((n, e) => n + e.stats.size, 0), limitBytes: this.limitBytes };
  }

  /** remove every entry and temporary file (nothing else in the directory) */
  clean(): CleanResult {
    const { entries, temps } = this.list();
    let bytes = 0;
    for (const e of [...entries, ...temps]) {
      try {
        rmSync(e.path, { force: true });
      } catch (err) {
        throw new KilnError('io', `cannot remove a cache entry (${errCode(err)})`, { file: e.path });
      }
    }
    for (const e of entries) bytes += e.stats.size;
    return { directory: this.dir, entries: entries.length, bytes };
  }

  /** the entries and temporary files in the directory (none when it does not exist) */
  private list(): { entries: Listed[]; temps: Listed[] } {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (e) {
      const code = errCode(e);
      if (code === 'ENOENT') return { entries: [], temps: [] };
      throw new KilnError('io', code === 'ENOTDIR' ? 'the cache directory is not a directory' : `cannot read the cache directory (${code})`, { file: this.dir });
    }
    const entries: Listed[] = [];
    const temps: Listed[] = [];
    for (const name of names.sort()) {
      const isEntry = ENTRY.test(name);
      if (!isEntry && !TEMP.test(name)) continue;
      const path = join(this.dir, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch {
        continue; // removed meanwhile
      }
      if (!stats.isFile()) continue;
      (isEntry ? entries : temps).push({ path, stats });
    }
    return { entries, temps };
  }
}
