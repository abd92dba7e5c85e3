/**
 * Loading a `.cwasm` artifact (docs/cwasm.md "Loading"): verify (checksum, structure) →
 * check compatibility → read the code and metadata, validating the metadata and matching it
 * against the code's digest → map the text RW, then RX (loader/native/load.ts; the format has
 * no load-time relocations yet) → a compiled module of the native engine, ready to
 * instantiate any number of times.
 *
 * A corrupt artifact is always an error (its embedded wasm cannot be trusted either). On any
 * other mismatch the `fallback` decides: 'interpreter' (default) runs the embedded wasm on the
 * interpreter, 'recompile' compiles it natively, 'none' throws the mismatch.
 */

import { validateModule, validateModuleFields } from '../../compiler/validate/index.js';
import { headerDigest } from '../../formats/cwasm/digest.js';
import { CwasmError } from '../../formats/cwasm/errors.js';
import type { CompatKey } from '../../formats/cwasm/key.js';
import { embeddedWasm, openCwasm, readContents, readHeader, type CwasmEnvelope } from '../../formats/cwasm/read.js';
import { isKilnError } from '../../formats/errors.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import type { Module } from '../../formats/wasm/types.js';
import type { CompiledModule, Engine } from '../api.js';
import { interpEngine } from '../interp/index.js';
import { nativeEngine, type NativeEngine } from '../native/index.js';
import { checkCompatibility, type HostProfile, type KeyRequirements } from './compat.js';
import { hostProfile } from './host.js';

export type Fallback = 'interpreter' | 'recompile' | 'none';

export interface ArtifactLoadOptions {
  /** what to do when the artifact does not fit (default 'interpreter') */
  readonly fallback?: Fallback;
  /** options the caller insists on */
  readonly require?: KeyRequirements;
  /** this host (tests simulate other hosts); default hostProfile() */
  readonly host?: HostProfile;
  /** the native engine to load into (default nativeEngine) */
  readonly engine?: NativeEngine;
}

export interface LoadedArtifact {
  /** the engine that instantiates `compiled` */
  readonly engine: Engine;
  readonly compiled: CompiledModule;
  readonly module: Module;
  /** the artifact's key (null when its format version is not this kiln's) */
  readonly key: CompatKey | null;
  /** why the artifact's code is not used (a fallback happened), or null */
  readonly fallback: CwasmError | null;
}

function corrupt(reason: string, offset?: number): CwasmError {
  return new CwasmError('corrupt', reason, offset);
}

export function loadArtifact(bytes: Uint8Array, options: ArtifactLoadOptions = {}): LoadedArtifact {
  const env = openCwasm(bytes);
  let header;
  try {
    header = readHeader(env);
  } catch (e) {
    if (e instanceof CwasmError && e.mismatch === 'format-version') return fallBack(env, e, null, options);
    throw e;
  }
  const mismatch = checkCompatibility(header.key, options.host ?? hostProfile(), options.require);
  if (mismatch !== null) return fallBack(env, mismatch, header.key, options);
  const code = readContents(env, header);
  const module = code.module;
  try {
    validateModuleFields(module, { codeless: true });
  } catch (e) {
    if (isKilnError(e)) throw corrupt(`module metadata is invalid: ${e.reason}`);
    throw e;
  }
  const digest = headerDigest(code.digested);
  if (!digest.every((b, i) => header.digest[i] === b)) throw corrupt('the module metadata or the tables do not describe the compiled code (code digest differs)');
  const engine = options.engine ?? nativeEngine;
  const compiled = engine.adopt(module, { isa: header.isa, bounds: header.key.bounds, text: code.text, layout: code.funcs, trampolines: code.trampolines });
  return { engine, compiled, module, key: header.key, fallback: null };
}

/** the artifact's embedded wasm, decoded and validated (`corrupt` when it does not validate) */
export function embeddedModule(env: CwasmEnvelope): Module {
  try {
    const module = decodeModule(embeddedWasm(env));
    validateModule(module);
    return module;
  } catch (e) {
    if (isKilnError(e)) throw corrupt(`the embedded module does not validate: ${e.format()}`);
    throw e;
  }
}

/** the embedded module, decoded and validated, on the fallback engine — or the mismatch */
function fallBack(env: CwasmEnvelope, why: CwasmError, key: CompatKey | null, options: ArtifactLoadOptions): LoadedArtifact {
  const fallback = options.fallback ?? 'interpreter';
  if (fallback === 'none') throw why;
  const module = embeddedModule(env);
  const engine: Engine = fallback === 'recompile' ? (options.engine ?? nativeEngine) : interpEngine;
  const compiled = engine.compile(module);
  return { engine, compiled, module, key, fallback: why };
}
