/**
 * A module compiled for the native engine through the compile cache (cache.ts; docs/cwasm.md,
 * "Compile cache"): on a hit the entry is loaded like any artifact (load.ts, no fallback) and
 * nothing is compiled; on a miss the module is compiled, linked, written as an artifact into
 * the cache, and its linked code adopted by the engine directly (no second reading of the
 * bytes just written).
 *
 * An entry is used only if it holds this very module (its `.kiln.wasm` equals the bytes) and
 * loads without any mismatch with exactly the key asked for; anything else — damage, a
 * truncated file, another module, another key — discards it, and the module is compiled and
 * stored again.
 */

import { CwasmError } from '../../formats/cwasm/errors.js';
import { readElf } from '../../formats/cwasm/elf-read.js';
import type { CompatKey } from '../../formats/cwasm/key.js';
import { SECTION } from '../../formats/cwasm/layout.js';
import { isKilnError } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';
import { compatKeyOf, compileOptionsOf, resolveArtifactOptions, writeArtifact, type ResolvedArtifactOptions } from '../../linker/cwasm.js';
import { linkCode } from '../../linker/link.js';
import type { BoundsMode, Isa } from '../../targets/compiled.js';
import { compileModule } from '../../targets/compile.js';
import type { CompiledModule } from '../api.js';
import type { NativeEngine } from '../native/index.js';
import type { CompileCache } from './cache.js';
import { loadArtifact } from './load.js';

export interface CachedCompile {
  readonly compiled: CompiledModule;
  /** true: loaded from the cache, nothing compiled */
  readonly hit: boolean;
  /** the entry's path */
  readonly entry: string;
  /** why an entry that was there could not be used (it was discarded), or null */
  readonly discarded: string | null;
  /** why the freshly compiled entry could not be stored, or null */
  readonly notStored: string | null;
  /** how many least recently used entries the write evicted */
  readonly evicted: number;
}

/** what the native engine compiles with on this host, in bounds mode `bounds` */
export function hostArtifactOptions(isa: Isa, bounds: BoundsMode): ResolvedArtifactOptions {
  return resolveArtifactOptions({ isa, bounds });
}

/** the cache key of code compiled with `o`: the compatibility key with the features the compile enables */
export function cacheKeyOf(o: ResolvedArtifactOptions): CompatKey {
  return compatKeyOf(o);
}

/**
 * module `m` (decoded from `wasm`, validated) compiled for `engine` on this `isa`, through
 * `cache`; `m` may be a function giving the module, called only on a miss (a hit needs no
 * decoded module: `kiln launch` decodes nothing when its code is cached)
 */
export function compileCached(cache: CompileCache, engine: NativeEngine, m: Module | (() => Module), wasm: Uint8Array, isa: Isa): CachedCompile {
  const options = hostArtifactOptions(isa, engine.backend.bounds().mode);
  const key = cacheKeyOf(options);
  const entry = cache.entryPath(wasm, key);
  let discarded: string | null = null;
  const bytes = cache.read(entry);
  if (bytes !== null) {
    const used = useEntry(bytes, wasm, key, engine);
    if (typeof used !== 'string') return { compiled: used, hit: true, entry, discarded: null, notStored: null, evicted: 0 };
    cache.discard(entry);
    discarded = used;
  }
  const module = typeof m === 'function' ? m() : m;
  const code = compileModule(module, compileOptionsOf(options));
  const linked = linkCode(code, module);
  const artifact = writeArtifact(module, wasm, linked, options);
  let notStored: string | null = null;
  let evicted = 0;
  try {
    cache.write(entry, artifact);
    evicted = cache.evict(entry);
  } catch (e) {
    if (!isKilnError(e)) throw e;
    notStored = e.reason;
  }
  return { compiled: engine.adopt(module, linked), hit: false, entry, discarded, notStored, evicted };
}

/** the entry's code loaded, or why it cannot be used */
function useEntry(bytes: Uint8Array, wasm: Uint8Array, key: CompatKey, engine: NativeEngine): CompiledModule | string {
  try {
    if (!holds(bytes, wasm)) return 'it holds another module';
    const loaded = loadArtifact(bytes, { fallback: 'none', engine, require: { bounds: key.bounds, interrupts: key.interrupts } });
    const k = loaded.key;
    if (k === null) return 'it has no compatibility key';
    if (k.optLevel !== key.optLevel) return `it was compiled at opt level ${k.optLevel}, not ${key.optLevel}`;
    const extra = k.cpuFeatures.filter((f) => !key.cpuFeatures.includes(f));
    if (extra.length > 0) return `its code uses CPU features this compile does not enable: ${extra.join(', ')}`;
    return loaded.compiled;
  } catch (e) {
    if (e instanceof CwasmError) return e.mismatch === 'corrupt' ? `it is damaged: ${e.reason}` : `${e.mismatch} mismatch: ${e.reason}`;
    if (isKilnError(e)) return e.reason;
    if (e instanceof Error) return `it cannot be loaded: ${e.message}`;
    throw e;
  }
}

/** whether the artifact's `.kiln.wasm` is `wasm` (read before the checksum: a damaged file fails later) */
function holds(bytes: Uint8Array, wasm: Uint8Array): boolean {
  const s = readElf(bytes).sections.get(SECTION.wasm);
  if (s === undefined || s.size !== wasm.length) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset + s.offset, s.size).equals(Buffer.from(wasm.buffer, wasm.byteOffset, wasm.length));
}
