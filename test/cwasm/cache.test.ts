/**
 * The compile cache (loader/cwasm/cache.ts, compile-cached.ts): where it lives, what names an
 * entry, a miss that compiles and stores then a hit that loads, damaged or mismatched entries
 * discarded and rewritten, atomic writes that leave no temporary file, eviction of the least
 * recently used entries beyond the limit, the trust check, and `clean` / `stats`.
 */

import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isKilnError } from '../../formats/errors.js';
import type { CompatKey } from '../../formats/cwasm/key.js';
import type { WasmFunction } from '../../loader/api.js';
import { CompileCache, defaultCacheDir, entryName } from '../../loader/cwasm/cache.js';
import { cacheKeyOf, compileCached, hostArtifactOptions, type CachedCompile } from '../../loader/cwasm/compile-cached.js';
import { nativeEngine } from '../../loader/native/index.js';
import { compileArtifact } from '../../linker/cwasm.js';
import { fromWat, PROGRAM } from './helpers.js';

const src = fromWat(PROGRAM);
const other = fromWat('(module (func (export "seven") (result i32) i32.const 7))');
const clz = fromWat('(module (func (export "clz") (param i32) (result i32) local.get 0 i32.clz))');
const scratch = mkdtempSync(join(tmpdir(), 'kiln-cache-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
/** a fresh cache directory (not yet created: the first write makes it) */
const freshCache = (limit?: number): CompileCache => new CompileCache(join(scratch, `c${dirs++}`, 'kiln'), limit);

const run = (cache: CompileCache, s = src): CachedCompile => compileCached(cache, nativeEngine, s.module, s.wasm, 'x86_64');
/** fib(20) on an instance of what the cache gave */
const fib20 = (r: CachedCompile): unknown => (nativeEngine.instantiate(r.compiled, {}).exports['fib'] as WasmFunction).call(20n);

/** the files in the directory, temporary ones included */
const filesIn = (dir: string): string[] => readdirSync(dir).sort();

const hostKey = (): CompatKey => cacheKeyOf(hostArtifactOptions('x86_64', nativeEngine.backend.bounds().mode));

describe('compile cache: location and keys', () => {
  it('lives in $XDG_CACHE_HOME/kiln when that is absolute, else ~/.cache/kiln', () => {
    const home = (): string => '/home/u';
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, home)).toBe('/xdg/kiln');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, home)).toBe('/home/u/.cache/kiln');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '' }, home)).toBe('/home/u/.cache/kiln');
    expect(defaultCacheDir({}, home)).toBe('/home/u/.cache/kiln');
    expect(defaultCacheDir({}, () => '')).toBeNull();
    expect(defaultCacheDir({}, () => { throw new Error('no passwd entry'); })).toBeNull();
  });

  it('names an entry by the SHA-256 of the wasm and a hash of the key; every key field changes it', () => {
    const key = hostKey();
    const name = entryName(src.wasm, key);
    expect(name).toMatch(/^[0-9a-f]{64}-[0-9a-f]{16}\.cwasm$/);
    expect(name.slice(0, 64)).toBe(createHashHex(src.wasm));
    expect(entryName(src.wasm, { ...key })).toBe(name);
    expect(entryName(other.wasm, key)).not.toBe(name);
    const variants: CompatKey[] = [
      { ...key, kilnVersion: '9.9.9' },
      { ...key, buildId: '0'.repeat(32) },
      { ...key, target: 'aarch64-linux' },
      { ...key, cpuFeatures: [...key.cpuFeatures, 'lzcnt'] },
      { ...key, bounds: key.bounds === 'guard' ? 'explicit' : 'guard' },
      { ...key, interrupts: !key.interrupts },
      { ...key, optLevel: 0 },
    ];
    const names = new Set(variants.map((k) => entryName(src.wasm, k)));
    expect(names.size).toBe(variants.length);
    expect(names.has(name)).toBe(false);
  });

  it('keys on what the engine compiles with: the bounds mode, the baseline features, interrupts on, opt level 2', () => {
    const guard = cacheKeyOf(hostArtifactOptions('x86_64', 'guard'));
    const explicit = cacheKeyOf(hostArtifactOptions('x86_64', 'explicit'));
    expect(guard).toMatchObject({ target: 'x86_64-linux', bounds: 'guard', interrupts: true, optLevel: 2 });
    expect(guard.cpuFeatures).toEqual([...guard.cpuFeatures].sort());
    expect(guard.cpuFeatures).toContain('popcnt');
    expect(explicit.bounds).toBe('explicit');
    expect(entryName(src.wasm, guard)).not.toBe(entryName(src.wasm, explicit));
  });
});

describe('compile cache: get and put', () => {
  it('a miss compiles and stores the artifact; the next compile of the module is a hit and runs the same', () => {
    const cache = freshCache();
    const first = run(cache);
    expect(first).toMatchObject({ hit: false, discarded: null, notStored: null, evicted: 0 });
    expect(first.entry).toBe(cache.entryPath(src.wasm, hostKey()));
    const stored = readFileSync(first.entry);
    expect(Buffer.from(stored).equals(Buffer.from(compileArtifact(src.module, src.wasm, { bounds: hostKey().bounds })))).toBe(true);
    const second = run(cache);
    expect(second).toMatchObject({ hit: true, entry: first.entry, discarded: null });
    expect(fib20(first)).toBe(6765n);
    expect(fib20(second)).toBe(6765n);
    expect(filesIn(cache.dir)).toEqual([entryName(src.wasm, hostKey())]);
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700);
    expect(statSync(first.entry).mode & 0o777).toBe(0o600);
  });

  it('keeps one entry per module', () => {
    const cache = freshCache();
    run(cache);
    run(cache, other);
    expect(run(cache, other).hit).toBe(true);
    expect(run(cache).hit).toBe(true);
    expect(cache.stats().entries).toBe(2);
  });

  it('a hit makes the entry recently used (its modification time is refreshed)', () => {
    const cache = freshCache();
    const { entry } = run(cache);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(entry, old, old);
    run(cache);
    expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime());
  });
});

describe('compile cache: entries that cannot be used are discarded and rewritten', () => {
  const damagedBy = (spoil: (bytes: Buffer) => Buffer | Uint8Array, s = src): CachedCompile => {
    const cache = freshCache();
    const { entry } = run(cache, s);
    const good = readFileSync(entry);
    writeFileSync(entry, spoil(Buffer.from(good)));
    const r = run(cache, s);
    expect(r.hit).toBe(false);
    expect(Buffer.from(readFileSync(entry)).equals(good)).toBe(true);
    expect(run(cache, s).hit).toBe(true);
    expect(filesIn(cache.dir)).toEqual([entryName(s.wasm, hostKey())]);
    return r;
  };

  it('a truncated entry', () => {
    const r = damagedBy((b) => b.subarray(0, b.length >> 1));
    expect(r.discarded).toMatch(/^it is damaged: /);
    expect(fib20(r)).toBe(6765n);
  });

  it('an entry with a damaged byte (the checksum no longer matches)', () => {
    const r = damagedBy((b) => {
      const c = Buffer.from(b);
      c[c.length - 200] ^= 0x10;
      return c;
    });
    expect(r.discarded).toBe('it is damaged: the checksum does not match the contents (the file is damaged)');
  });

  it('an empty entry, and one that is no artifact at all', () => {
    expect(damagedBy(() => new Uint8Array(0)).discarded).toMatch(/^it is damaged: /);
    expect(damagedBy(() => src.wasm).discarded).toMatch(/^it is damaged: /);
  });

  it("another module's artifact", () => {
    expect(damagedBy(() => compileArtifact(other.module, other.wasm, { bounds: hostKey().bounds })).discarded).toBe('it holds another module');
  });

  it('an artifact of this module compiled with other options', () => {
    const bounds = hostKey().bounds;
    expect(damagedBy(() => compileArtifact(src.module, src.wasm, { bounds, optLevel: 0 })).discarded).toBe('it was compiled at opt level 0, not 2');
    expect(damagedBy(() => compileArtifact(src.module, src.wasm, { bounds, interrupts: false })).discarded).toBe(
      'options mismatch: compiled with interrupt checks off; on was asked for',
    );
    const otherBounds = bounds === 'guard' ? 'explicit' : 'guard';
    expect(damagedBy(() => compileArtifact(src.module, src.wasm, { bounds: otherBounds })).discarded).toMatch(/^options mismatch: /);
  });

  it('an artifact whose code uses a CPU feature the host compile does not enable', () => {
    const withLzcnt = (): Uint8Array => compileArtifact(clz.module, clz.wasm, { bounds: hostKey().bounds, cpuFeatures: [...hostKey().cpuFeatures, 'lzcnt'] });
    // lzcnt is not in the baseline; a host without it refuses the artifact before the cache's own check
    expect(damagedBy(withLzcnt, clz).discarded).toMatch(/^(its code uses CPU features this compile does not enable: lzcnt|cpu-features mismatch: .*lzcnt)$/);
  });
});

describe('compile cache: atomic writes', () => {
  it('leave no temporary file, and a failed write leaves none either', () => {
    const cache = freshCache();
    const r = run(cache);
    expect(filesIn(cache.dir)).toEqual([entryName(src.wasm, hostKey())]);
    // an entry path that is a directory: the rename fails
    rmSync(r.entry);
    mkdirSync(r.entry);
    let failure: unknown = null;
    try {
      cache.write(r.entry, new Uint8Array(100));
    } catch (e) {
      failure = e;
    }
    expect(isKilnError(failure) && failure.kind === 'io' && failure.reason).toMatch(/^cannot write the cache entry \(E[A-Z]+\)$/);
    expect(filesIn(cache.dir)).toEqual([entryName(src.wasm, hostKey())]);
    // a run still works, it only cannot store its entry
    const again = run(cache);
    expect(again.hit).toBe(false);
    expect(again.notStored).toMatch(/^cannot write the cache entry/);
    expect(fib20(again)).toBe(6765n);
  });

  it('a write replaces an entry whole', () => {
    const cache = freshCache();
    const path = join(cache.dir, entryName(src.wasm, hostKey()));
    cache.write(path, new Uint8Array(10).fill(1));
    cache.write(path, new Uint8Array(3).fill(2));
    expect([...readFileSync(path)]).toEqual([2, 2, 2]);
    expect(filesIn(cache.dir)).toEqual([basenameOf(path)]);
  });
});

describe('compile cache: bounded size', () => {
  /** an entry-named file of `size` bytes, last used `age` seconds ago */
  const fake = (cache: CompileCache, n: number, size: number, age: number): string => {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const path = join(cache.dir, `${n.toString(16).padStart(64, '0')}-${'0'.repeat(16)}.cwasm`);
    writeFileSync(path, new Uint8Array(size));
    const t = new Date(Date.now() - age * 1000);
    utimesSync(path, t, t);
    return path;
  };

  it('removes the least recently used entries beyond the limit, never the one just written', () => {
    const cache = freshCache(2500);
    fake(cache, 1, 1000, 300);
    fake(cache, 2, 1000, 200);
    const c = fake(cache, 3, 1000, 100);
    const d = fake(cache, 4, 1000, 400); // the oldest, but just written
    expect(cache.evict(d)).toBe(2);
    expect(filesIn(cache.dir)).toEqual([basenameOf(c), basenameOf(d)]);
    expect(cache.evict(d)).toBe(0);
  });

  it('keeps a lone entry larger than the limit, and clears temporary files older than an hour', () => {
    const cache = freshCache(10);
    const big = fake(cache, 5, 1000, 0);
    const stale = join(cache.dir, `.${basenameOf(big)}.123-0-abcd.tmp`);
    const live = join(cache.dir, `.${basenameOf(big)}.124-0-abcd.tmp`);
    writeFileSync(stale, 'x');
    writeFileSync(live, 'x');
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(stale, old, old);
    expect(cache.evict(big)).toBe(0);
    expect(filesIn(cache.dir)).toEqual([basenameOf(live), basenameOf(big)].sort());
  });
});

describe('compile cache: trust, stats and clean', () => {
  it('refuses a directory that group or others may write, or that is not a directory', () => {
    const cache = freshCache();
    expect(cache.untrusted()).toBeNull(); // does not exist yet
    run(cache);
    expect(cache.untrusted()).toBeNull();
    chmodSync(cache.dir, 0o777);
    expect(cache.untrusted()).toBe('group or others may write it (mode 777)');
    chmodSync(cache.dir, 0o755);
    expect(cache.untrusted()).toBeNull();
    const file = join(scratch, 'plain-file');
    writeFileSync(file, '');
    expect(new CompileCache(file).untrusted()).toBe('it is not a directory');
  });

  it('stats counts entries and bytes; clean removes them and nothing else', () => {
    const cache = freshCache();
    expect(cache.stats()).toEqual({ directory: cache.dir, entries: 0, bytes: 0, limitBytes: 512 * 1024 * 1024 });
    expect(cache.clean()).toEqual({ directory: cache.dir, entries: 0, bytes: 0 });
    const a = run(cache);
    const b = run(cache, other);
    const total = statSync(a.entry).size + statSync(b.entry).size;
    writeFileSync(join(cache.dir, 'notes.txt'), 'not kiln\'s');
    writeFileSync(join(cache.dir, `.${basenameOf(a.entry)}.1-0-ffff.tmp`), 'half');
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: total });
    expect(cache.clean()).toEqual({ directory: cache.dir, entries: 2, bytes: total });
    expect(filesIn(cache.dir)).toEqual(['notes.txt']);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(run(cache).hit).toBe(false);
  });

  it('a cache path that is a file is an io error for stats and clean', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    for (const f of [(): unknown => new CompileCache(file).stats(), (): unknown => new CompileCache(file).clean()]) {
      let failure: unknown = null;
      try {
        f();
      } catch (e) {
        failure = e;
      }
      expect(isKilnError(failure) && failure.format()).toBe(`${file}: io: the cache directory is not a directory`);
    }
  });
});

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function createHashHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
