/**
 * The kiln side of the benchmarks, in one file so that bench/decode.ts and bench/interp.ts can
 * load it with a dynamic import and still report the peers' figures (with the reason) while
 * kiln's decoder, validator or interpreter is missing or broken.
 *
 * Pipeline used: decodeAndValidate (single pass over function bodies, compiler/validate) →
 * compile and instantiate on a kiln engine named as `kiln run --engine` names it (the
 * registry in cli/engines.ts; default the interpreter) → callRaw. decodeModule and
 * validateModule are also timed separately.
 *
 * bench/native.ts also runs WASI commands on a kiln engine: compile once (`compileOn`), then
 * per timed run a fresh instance (`commandOn`, untimed) whose `_start` is timed.
 */

import { decodeModule } from '../formats/wasm/decode.js';
import type { Module } from '../formats/wasm/types.js';
import { decodeAndValidate, validateModule } from '../compiler/validate/index.js';
import { selectEngine } from '../cli/engines.js';
import type { Engine } from '../loader/api.js';
import type { CompiledModule, RawValue, WasmFunction } from '../loader/api.js';
import { instantiateModule } from '../loader/instance/engine.js';
import { createWasi } from '../loader/wasi/index.js';

/**
 * The bench-only engine `native-noint`: the native engine compiling without interruption
 * checks (`interrupts: false`), to measure what the checks cost. Not offered by `kiln run`.
 */
export const NO_INTERRUPTS = 'native-noint';
let noInterrupts: Engine | null = null;

async function loadNoInterrupts(): Promise<Engine> {
  if (noInterrupts !== null) return noInterrupts;
  const { nativeEngineWith } = await import('../loader/native/index.js');
  const { compileModule } = await import('../targets/compile.js');
  noInterrupts = nativeEngineWith((module, options) => compileModule(module, { bounds: options?.bounds ?? 'explicit', interrupts: false }));
  return noInterrupts;
}

/** the engines of cli/engines.ts, and `native-noint` once `prepareBenchEngine` has loaded it */
function benchEngine(name: string): Engine {
  if (name !== NO_INTERRUPTS) return selectEngine(name);
  if (noInterrupts === null) throw new Error(`${NO_INTERRUPTS} is not loaded (call prepareBenchEngine first)`);
  return noInterrupts;
}

/** loads an engine that needs it (native-noint); a no-op for the others */
export async function prepareBenchEngine(name: string): Promise<void> {
  if (name === NO_INTERRUPTS) await loadNoInterrupts();
}

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
  const instance = instantiateModule(benchEngine(engine), module, {});
  const f = instance.exports[name];
  if (f === undefined || f.kind !== 'func') throw new Error(`kiln: module has no exported function ${JSON.stringify(name)}`);
  return f;
}

export function callRaw(f: WasmFunction, args: readonly RawValue[]): RawValue[] {
  return f.callRaw(args);
}

/** why kiln engine `engine` cannot be used here (not registered, …), or null when it can */
export function engineProblem(engine: string): string | null {
  try {
    benchEngine(engine);
    return null;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  }
}

/** decodes, validates and compiles a module on kiln engine `engine` (no instantiation) */
export function compileOn(engine: string, bytes: Uint8Array): CompiledModule {
  return benchEngine(engine).compile(decodeAndValidate(bytes));
}

/** instantiates a compiled module without imports and returns one exported function */
export function exportOf(engine: string, compiled: CompiledModule, name: string): WasmFunction {
  const instance = benchEngine(engine).instantiate(compiled, {});
  const f = instance.exports[name];
  if (f === undefined || f.kind !== 'func') throw new Error(`kiln: module has no exported function ${JSON.stringify(name)}`);
  return f;
}

/**
 * Instantiates a compiled WASI command with `args` (args[0] is the program name) and its
 * stdout and stderr on host descriptor `outFd`; returns the call of its `_start`, which
 * gives the exit code. The instantiation happens here, so the caller can time the run alone.
 */
export function commandOn(engine: string, compiled: CompiledModule, args: readonly string[], outFd: number): () => number {
  const wasi = createWasi({ args: [...args], env: {}, preopens: [], stdout: outFd, stderr: outFd });
  const instance = benchEngine(engine).instantiate(compiled, wasi.imports, { beforeStart: (inst) => wasi.bindInstance(inst) });
  return () => wasi.start(instance);
}
