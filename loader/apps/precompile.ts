/**
 * Precompiling an app's modules at install time into the store's compile cache (store.ts
 * `cache/`, a loader/cwasm/cache.ts directory): the entry of a module is named by the module's
 * SHA-256 and the compatibility key this host compiles under — exactly the entry `kiln launch`
 * looks up (loader/cwasm/compile-cached.ts) — so installing the same module twice, in one app or
 * in two, compiles it once, and launching compiles nothing. Each module is compiled on `jobs`
 * threads (linker/parallel.ts; the bytes do not depend on `jobs`).
 *
 * A module the native compiler cannot take (SIMD, or a host CPU kiln has no code generator
 * for) is recorded to run on the interpreter, with the reason; that is not an install failure.
 */

import { nativeV128Use } from '../../targets/compile.js';
import { keyLines } from '../../formats/cwasm/key.js';
import { compileArtifactParallel } from '../../linker/cwasm.js';
import { hostIsa } from '../../targets/host.js';
import type { Isa } from '../../targets/compiled.js';
import { CompileCache } from '../cwasm/cache.js';
import { cacheKeyOf, hostArtifactOptions } from '../cwasm/compile-cached.js';
import { nativeEngineFor } from '../native/index.js';
import type { PackageModule } from './package.js';
import type { ModuleRecord } from './record.js';

/** the store's cache: unbounded (an installed app's code is not evicted; uninstall removes it) */
export function storeCache(dir: string): CompileCache {
  return new CompileCache(dir, Number.POSITIVE_INFINITY);
}

/** how this host compiles for the native engine, or null when it has no native code generator */
export function hostCompile(): { readonly isa: Isa; readonly options: ReturnType<typeof hostArtifactOptions> } | null {
  const isa = hostIsa();
  if (isa === null) return null;
  return { isa, options: hostArtifactOptions(isa, nativeEngineFor('auto').backend.bounds().mode) };
}

/** what would happen to a module at install time (also what `--dry-run` shows) */
export interface ModulePlan {
  readonly module: PackageModule;
  readonly engine: 'native' | 'interp';
  /** interp: why; native: null */
  readonly why: string | null;
  /** native: the cache entry's path */
  readonly entry: string | null;
  /** native: the entry is already there (compiled by an earlier install) */
  readonly cached: boolean;
}

export function planModules(cacheDir: string, modules: readonly PackageModule[]): { plans: ModulePlan[]; compiledFor: string[] | null } {
  const host = hostCompile();
  if (host === null) {
    const why = `kiln has no native code generator for this CPU (${process.arch})`;
    return { plans: modules.map((module) => ({ module, engine: 'interp', why, entry: null, cached: false })), compiledFor: null };
  }
  const cache = storeCache(cacheDir);
  const key = cacheKeyOf(host.options);
  const plans = modules.map((module): ModulePlan => {
    const v128 = nativeV128Use(module.module, host.isa);
    if (v128 !== null) {
      const why = `it uses SIMD (${v128.what}), which the native compiler cannot compile yet`;
      return { module, engine: 'interp', why, entry: null, cached: false };
    }
    const entry = cache.entryPath(module.bytes, key);
    return { module, engine: 'native', why: null, entry, cached: cache.read(entry) !== null };
  });
  return { plans, compiledFor: keyLines(key) };
}

export interface Precompiled {
  readonly records: ModuleRecord[];
  /** cache entries this call wrote (removed again if the install fails) */
  readonly written: string[];
  readonly compiled: number;
  readonly reused: number;
}

/** compile every planned native module that is not cached yet, writing its entry */
export async function precompile(cacheDir: string, plans: readonly ModulePlan[], jobs: number): Promise<Precompiled> {
  const host = hostCompile();
  const cache = storeCache(cacheDir);
  const written: string[] = [];
  let compiled = 0;
  for (const p of plans) {
    if (p.engine !== 'native' || p.cached || p.entry === null || host === null) continue;
    const { isa, bounds } = host.options;
    const bytes = await compileArtifactParallel(p.module.module, p.module.bytes, { isa, bounds }, jobs);
    cache.write(p.entry, bytes);
    written.push(p.entry);
    compiled++;
  }
  const records = plans.map((p): ModuleRecord => ({ path: p.module.path, sha256: p.module.sha256, engine: p.engine, why: p.why }));
  return { records, written, compiled, reused: plans.filter((p) => p.cached).length };
}
