/**
 * The kiln side of the benchmarks, in one file so that bench/decode.ts and bench/interp.ts can
 * load it with a dynamic import and still report the peers' figures (with the reason) while
 * kiln's decoder, validator or interpreter is missing or broken.
 *
 * Pipeline used: decodeAndValidate (single pass over function bodies, compiler/validate) →
 * compile and instantiate on a kiln engine named as `kiln run --engine` names it (the
 * registry in cli/engines.ts; default the interpreter) → callRaw. decodeModule and
 * validateModule are also timed separately.
 */

import { decodeModule } from '../formats/wasm/decode.js';
import type { Module } from '../formats/wasm/types.js';
import { decodeAndValidate, validateModule } from '../compiler/validate/index.js';
import { selectEngine } from '../cli/engines.js';
import type { RawValue, WasmFunction } from '../loader/api.js';
import { instantiateModule } from '../loader/instance/engine.js';

export function decode(bytes: Uint8Array): Module {
  return decodeModule(bytes);
}

export function validate(module: Module): void {
  validateModule(module);
}

/** what loading a binary module costs: one pass over the bodies (what kiln's CLI runs) */
export function decodeValidated(bytes: Uint8Array): Module {
  return decodeAndValidate(bytes);
}

/**
 * Decodes, validates and instantiates a module without imports on kiln engine `engine`;
 * returns one exported function.
 */
export function loadExport(bytes: Uint8Array, name: string, engine = 'interp'): WasmFunction {
  const module = decodeAndValidate(bytes);
  const instance = instantiateModule(selectEngine(engine), module, {});
  const f = instance.exports[name];
  if (f === undefined || f.kind !== 'func') throw new Error(`kiln: module has no exported function ${JSON.stringify(name)}`);
  return f;
}

export function callRaw(f: WasmFunction, args: readonly RawValue[]): RawValue[] {
  return f.callRaw(args);
}
