/**
 * Writing a module's `.cwasm` artifact (formats/cwasm, docs/cwasm.md): compile every function
 * (targets/compile.ts; on several threads with compileArtifactParallel, parallel.ts), link them
 * (link.ts), and store the text with its tables, the module's metadata, the original wasm and
 * the compatibility key.
 */

import type { CompatKey } from '../formats/cwasm/key.js';
import { writeCwasm } from '../formats/cwasm/write.js';
import { encodeModule } from '../formats/wasm/encode.js';
import { functionNames } from '../formats/wasm/func-names.js';
import type { Module } from '../formats/wasm/types.js';
import type { BoundsMode, Isa } from '../targets/compiled.js';
import { compileModule, resolveCpuFeatures, type CompileOptions } from '../targets/compile.js';
import { hostIsa } from '../targets/host.js';
import { DEFAULT_OPT_LEVEL, type OptLevel } from '../compiler/passes/pipeline.js';
import { BUILD_ID, BUILD_VERSION } from './build-id.js';
import { linkCode, type LinkedCode } from './link.js';
import { compileParallel, type ParallelOptions } from './parallel.js';

/** the options that change code, and so are part of the compatibility key */
export interface ArtifactOptions {
  /** default: the host's ISA (x86_64 on a host kiln has no target for) */
  readonly isa?: Isa;
  /** default 'guard' (the native engine's default; a host that cannot have guard pages falls back) */
  readonly bounds?: BoundsMode;
  /** interrupt checks at loop headers and function entries (default true) */
  readonly interrupts?: boolean;
  /** default 2 (docs/passes.md "Optimisation levels") */
  readonly optLevel?: OptLevel;
  /** the CPU features the code may use; default the ISA's baseline (targets/compile.ts resolveCpuFeatures) */
  readonly cpuFeatures?: readonly string[];
}

export interface ResolvedArtifactOptions {
  readonly isa: Isa;
  readonly bounds: BoundsMode;
  readonly interrupts: boolean;
  readonly optLevel: OptLevel;
  readonly cpuFeatures: readonly string[];
}

export function resolveArtifactOptions(o: ArtifactOptions): ResolvedArtifactOptions {
  const isa = o.isa ?? hostIsa() ?? 'x86_64';
  return {
    isa,
    bounds: o.bounds ?? 'guard',
    interrupts: o.interrupts ?? true,
    optLevel: o.optLevel ?? DEFAULT_OPT_LEVEL,
    cpuFeatures: o.cpuFeatures ?? resolveCpuFeatures(isa, undefined),
  };
}

/** the compiler's options for an artifact's code */
export function compileOptionsOf(o: ResolvedArtifactOptions): CompileOptions {
  return { isa: o.isa, bounds: o.bounds, interrupts: o.interrupts, optLevel: o.optLevel, cpuFeatures: o.cpuFeatures };
}

/**
 * the compatibility key of code compiled with `o` by this kiln, naming `features` (default: the
 * features `o` enables; an artifact names those its code uses)
 */
export function compatKeyOf(o: ResolvedArtifactOptions, features: readonly string[] = o.cpuFeatures): CompatKey {
  return {
    kilnVersion: BUILD_VERSION,
    buildId: BUILD_ID,
    target: `${o.isa}-linux`,
    cpuFeatures: [...features].sort(),
    bounds: o.bounds,
    interrupts: o.interrupts,
    optLevel: o.optLevel,
  };
}

/** the module without function bodies, its name section kept (docs/cwasm.md, `.kiln.meta`) */
export function moduleMetadata(m: Module): Uint8Array {
  const names = m.customs.filter((c) => c.name === 'name').map((c) => ({ ...c, after: 0 }));
  return encodeModule({ ...m, codes: [], customs: names });
}

/** the artifact of already linked code */
export function writeArtifact(m: Module, wasm: Uint8Array, linked: LinkedCode, o: ResolvedArtifactOptions): Uint8Array {
  const names = functionNames(m);
  return writeCwasm({
    isa: linked.isa,
    key: compatKeyOf({ ...o, isa: linked.isa, bounds: linked.bounds }, linked.features),
    text: linked.text,
    funcs: linked.funcs,
    trampolines: linked.trampolines,
    names: linked.funcs.map((f) => names[f.index] ?? `func[${f.index}]`),
    metadata: moduleMetadata(m),
    wasm,
  });
}

/** compile a validated module `m` (decoded from `wasm`) into `.cwasm` bytes, on this thread */
export function compileArtifact(m: Module, wasm: Uint8Array, options: ArtifactOptions = {}): Uint8Array {
  const o = resolveArtifactOptions(options);
  const code = compileModule(m, compileOptionsOf(o));
  const linked = linkCode(code, m);
  return writeArtifact(m, wasm, linked, o);
}

/** with how to compile in parallel: progress callback, main thread or not, worker entry */
export interface ParallelArtifactOptions extends ArtifactOptions, Omit<ParallelOptions, 'module'> {}

/**
 * `compileArtifact` on `jobs` threads (linker/parallel.ts): the same bytes whatever `jobs`
 * is; `jobs` 1 starts no worker.
 */
export async function compileArtifactParallel(m: Module, wasm: Uint8Array, options: ParallelArtifactOptions, jobs: number): Promise<Uint8Array> {
  const o = resolveArtifactOptions(options);
  const { onProgress, mainThread, workerEntry } = options;
  const code = await compileParallel(wasm, { ...compileOptionsOf(o), module: m, onProgress, mainThread, workerEntry }, jobs);
  const linked = linkCode(code, m);
  return writeArtifact(m, wasm, linked, o);
}
