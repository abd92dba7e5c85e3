/**
 * kiln's Node API, the package's public entry (`import { compile, load } from 'kiln'`):
 *
 *   const bytes = await compile(wasmBytes, { bounds: 'guard' });  // a .cwasm artifact
 *   const mod = load(bytes);                                       // checked, mapped W^X
 *   if (mod.fallback) console.warn(mod.fallback.reason);           // ran the embedded wasm instead
 *   const inst = mod.instantiate({ env: { log: (x) => console.log(x) } });
 *   inst.exports.main.call();
 *
 * `compile` uses worker threads (`jobs`, default one per two cores) and gives the same bytes as
 * `compileSync` (one thread). Inputs are `.wasm` bytes or `.wat` text (a string, or UTF-8
 * bytes). Every failure is a KilnError (kind, reason, offset); a trap is a KilnTrap.
 * docs/cwasm.md describes artifacts, docs/api.md this API.
 */

import { decodeAndValidate, validateModule } from '../compiler/validate/index.js';
import type { OptLevel } from '../compiler/passes/pipeline.js';
import { CwasmError, type MismatchKind } from '../formats/cwasm/errors.js';
import { KilnError } from '../formats/errors.js';
import { decodeModule } from '../formats/wasm/decode.js';
import { encodeModule } from '../formats/wasm/encode.js';
import type { Module } from '../formats/wasm/types.js';
import { parseWat } from '../formats/wat/index.js';
import { compileArtifact, compileArtifactParallel, type ArtifactOptions } from '../linker/cwasm.js';
import type { EngineOptions, Imports, Instance } from '../loader/api.js';
import { loadArtifact, type Fallback } from '../loader/cwasm/load.js';
import { defaultJobs } from '../linker/parallel.js';
import { resolveCpuFeatures } from '../targets/compile.js';
import type { Isa } from '../targets/compiled.js';
import { hostIsa } from '../targets/host.js';
import { targetByName } from '../targets/list.js';

export interface CompileOptions {
  /** `x86_64-linux` or `aarch64-linux` (default: this host's) */
  readonly target?: string;
  /** `baseline` (default), `native`, or a list such as `+lzcnt,+bmi1` */
  readonly cpuFeatures?: string;
  /** 0, 1 or 2 (default 2) */
  readonly optLevel?: OptLevel;
  /** `guard` (default) or `explicit` */
  readonly bounds?: 'guard' | 'explicit';
  /** interrupt checks in loops and function entries (default true) */
  readonly interrupts?: boolean;
  /** threads for `compile` (default: one per two cores, linker/parallel.ts defaultJobs; 1 starts no worker) */
  readonly jobs?: number;
}

export interface LoadOptions {
  /** when the artifact does not fit this host: 'interpreter' (default), 'recompile' or 'none' (throw) */
  readonly fallback?: Fallback;
}

/** a loaded artifact: instantiate it any number of times */
export interface LoadedModule {
  /** 'native' when the artifact's code runs; 'interp' after a fallback to the interpreter */
  readonly engine: string;
  /** why the artifact's code is not used, or null */
  readonly fallback: { readonly kind: MismatchKind; readonly reason: string } | null;
  /** the module's imports and exports (names and kinds) */
  readonly imports: readonly { module: string; name: string; kind: string }[];
  readonly exports: readonly { name: string; kind: string }[];
  /** a new instance; imports as for the WebAssembly JS API (functions, memories, tables, globals) */
  instantiate(imports?: Imports, options?: EngineOptions): Instance;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** the module and its binary, from wasm bytes or wat text, validated */
function moduleOf(input: Uint8Array | string): { module: Module; wasm: Uint8Array } {
  if (typeof input !== 'string' && WASM_MAGIC.every((b, i) => input[i] === b)) {
    const wasm = input.slice();
    return { module: decodeAndValidate(wasm, { borrow: true }), wasm };
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8.decode(input);
  } catch {
    throw new KilnError('malformed', 'the input is neither a wasm binary nor UTF-8 text');
  }
  const parsed = parseWat(text);
  validateModule(parsed);
  const wasm = encodeModule(parsed);
  return { module: decodeModule(wasm, { borrow: true }), wasm };
}

function isaOf(target: string | undefined): Isa {
  if (target === undefined) return hostIsa() ?? 'x86_64';
  const t = targetByName(target);
  if (t === undefined) throw new KilnError('usage', `unknown target "${target}" (x86_64-linux or aarch64-linux)`);
  return t.isa;
}

function artifactOptions(o: CompileOptions): ArtifactOptions {
  const isa = isaOf(o.target);
  return {
    isa,
    cpuFeatures: resolveCpuFeatures(isa, o.cpuFeatures),
    ...(o.optLevel === undefined ? {} : { optLevel: o.optLevel }),
    ...(o.bounds === undefined ? {} : { bounds: o.bounds }),
    ...(o.interrupts === undefined ? {} : { interrupts: o.interrupts }),
  };
}

/** a `.cwasm` artifact of `input`, compiled on this thread */
export function compileSync(input: Uint8Array | string, options: CompileOptions = {}): Uint8Array {
  const { module, wasm } = moduleOf(input);
  return compileArtifact(module, wasm, artifactOptions(options));
}

/** a `.cwasm` artifact of `input`, compiled on `options.jobs` threads (the same bytes as compileSync) */
export async function compile(input: Uint8Array | string, options: CompileOptions = {}): Promise<Uint8Array> {
  const { module, wasm } = moduleOf(input);
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new KilnError('usage', `jobs must be a positive whole number, not ${jobs}`);
  return compileArtifactParallel(module, wasm, artifactOptions(options), jobs);
}

/** check and map an artifact (docs/cwasm.md "Loading"); a corrupt one throws CwasmError */
export function load(artifact: Uint8Array, options: LoadOptions = {}): LoadedModule {
  const l = loadArtifact(artifact, { fallback: options.fallback ?? 'interpreter' });
  const m = l.module;
  return {
    engine: l.engine.name,
    fallback: l.fallback === null ? null : { kind: l.fallback.mismatch, reason: l.fallback.reason },
    imports: m.imports.map((i) => ({ module: i.module, name: i.name, kind: i.desc.kind })),
    exports: m.exports.map((e) => ({ name: e.name, kind: e.kind })),
    instantiate: (imports = {}, opts = {}) => l.engine.instantiate(l.compiled, imports, opts),
  };
}

export { CwasmError, KilnError };
export { KilnTrap } from '../loader/trap.js';
export type { MismatchKind, Fallback };
export type { EngineOptions, ExternRef, ExternValue, HostFunction, Imports, ImportValue, Instance, JsValue, RawValue, WasmFunction, WasmGlobal, WasmMemory, WasmTable } from '../loader/api.js';
