/**
 * `kiln run`'s use of the compile cache (loader/cwasm/cache.ts, compile-cached.ts): a module
 * that runs on the native engine is taken from the cache, or compiled and stored there;
 * `--no-cache` compiles as before and writes nothing. `--verbose` says whether it was a hit
 * or a miss and names the entry. The cache never fails a run: an entry that cannot be written
 * is only reported under `--verbose`, and a directory kiln must not trust (another user's, or
 * writable by others) is skipped with a warning, since its entries would be native code.
 */

import type { Module } from '../formats/wasm/types.js';
import type { CompiledModule, CompileOptions, Engine } from '../loader/api.js';
import { CompileCache, defaultCacheDir } from '../loader/cwasm/cache.js';
import { compileCached } from '../loader/cwasm/compile-cached.js';
import { nativeEngineFor } from '../loader/native/index.js';
import { hostIsa } from '../targets/host.js';
import type { RunRequest } from './run-program.js';

/** module `m` (decoded from `wasm`) compiled for `engine`: through the cache when the engine is the native one */
export function compileForRun(req: RunRequest, engine: Engine, m: Module, wasm: Uint8Array, options: CompileOptions): CompiledModule {
  const native = nativeEngineFor(req.bounds === 'explicit' ? 'explicit' : 'auto');
  const isa = hostIsa();
  if (engine !== native || isa === null || req.noCache === true) return engine.compile(m, options);
  const say = (line: string): void => {
    if (req.verbose) process.stderr.write(`kiln: cache: ${line}\n`);
  };
  const dir = req.cacheDir ?? defaultCacheDir();
  if (dir === null) {
    say('off (no XDG_CACHE_HOME and no home directory; --cache-dir names one)');
    return engine.compile(m, options);
  }
  const cache = new CompileCache(dir);
  const untrusted = cache.untrusted();
  if (untrusted !== null) {
    process.stderr.write(`kiln: cache: not using ${dir}: ${untrusted}\n`);
    return engine.compile(m, options);
  }
  const r = compileCached(cache, native, m, wasm, isa);
  if (r.hit) {
    say(`hit ${r.entry}`);
  } else {
    const what: string[] = [];
    if (r.discarded !== null) what.push(`discarded the entry there: ${r.discarded}`);
    what.push(r.notStored === null ? 'compiled and stored' : `compiled, not stored: ${r.notStored}`);
    if (r.evicted > 0) what.push(`evicted ${r.evicted} least recently used ${r.evicted === 1 ? 'entry' : 'entries'}`);
    say(`miss ${r.entry} (${what.join('; ')})`);
  }
  return r.compiled;
}
