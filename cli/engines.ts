/**
 * The registry of execution engines, by the names `kiln run --engine` accepts
 * (engine-names.ts), and the `auto` policy. Adding an engine: its name in ENGINE_NAMES and its
 * line below (the compiler rejects one without the other).
 */

import type { Isa } from '../targets/compiled.js';
import { hostIsa } from '../targets/host.js';
import { nativeV128Use } from '../targets/compile.js';
import { KilnError } from '../formats/errors.js';
import type { Module } from '../formats/wasm/types.js';
import type { Engine } from '../loader/api.js';
import { interpEngine } from '../loader/interp/index.js';
import { nativeEngine, nativeEngineFor } from '../loader/native/index.js';
import { AUTO, checkEngineName, ENGINE_NAMES, type EngineName } from './engine-names.js';

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  interp: interpEngine,
  native: nativeEngine,
};

/** the engine called `name`; KilnError('usage') naming the available ones for any other name */
export function selectEngine(name: string): Engine {
  const n = checkEngineName(name);
  if (n === AUTO) throw new KilnError('usage', '"auto" chooses an engine per module; name an engine here (interp, native)');
  return ENGINES[n];
}

/** every registered engine, in ENGINE_NAMES order */
export function allEngines(): Engine[] {
  return ENGINE_NAMES.map((n) => ENGINES[n]);
}

export interface EngineChoice {
  readonly engine: Engine;
  /** why, for `--verbose` */
  readonly reason: string;
}

/** how `--verbose` names the native engine's ISA */
const ISA_TEXT: Readonly<Record<Isa, string>> = { x86_64: 'x86-64', aarch64: 'AArch64' };

/**
 * `--engine NAME` for module m: a named engine as asked; `auto` picks native on a host kiln has
 * a code generator for (x86-64, AArch64) unless the module uses v128 (SIMD), and the
 * interpreter otherwise.
 */
export function chooseEngine(name: string, m: Module, arch: string = process.arch): EngineChoice {
  const n = checkEngineName(name);
  if (n !== AUTO) return { engine: ENGINES[n], reason: `--engine ${n}` };
  const isa = hostIsa(arch);
  if (isa === null) return { engine: interpEngine, reason: `auto: interp (no native code generator for ${arch} yet)` };
  const v128 = nativeV128Use(m, isa);
  if (v128 !== null) {
    const at = v128.offset >= 0 ? ` at 0x${v128.offset.toString(16)}` : '';
    return { engine: interpEngine, reason: `auto: interp (the module uses v128: ${v128.what}${at}; the native compiler cannot compile it yet)` };
  }
  return { engine: nativeEngine, reason: `auto: native (${ISA_TEXT[isa]})` };
}

/**
 * `--bounds` applied to a choice: the native engine compiling with guard pages (where this
 * thread can have them, explicit checks otherwise) or with explicit checks; `bounds` says
 * which it uses and why (null for other engines)
 */
export function withBounds(choice: EngineChoice, bounds: 'guard' | 'explicit'): EngineChoice & { bounds: string | null } {
  if (choice.engine !== nativeEngine) return { ...choice, bounds: null };
  const engine = nativeEngineFor(bounds === 'explicit' ? 'explicit' : 'auto');
  return { engine, reason: choice.reason, bounds: engine.backend.bounds().reason };
}
