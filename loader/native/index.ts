/**
 * kiln's native engine: modules compiled to x86-64 machine code that runs inside the Node
 * process (docs/native.md). Implements loader/api.ts `Engine` through the engine-neutral
 * instantiation of loader/instance (`defineEngine`) over the native backend (backend.ts).
 *
 * `nativeEngineWith(compile, { bounds })` builds an engine over any ModuleCompiler (tests use
 * hand-assembled CompiledCode, or turn on the allocation checker). `nativeEngine` uses
 * targets/compile.ts `compileModule` with guard-page bounds where this thread can have them
 * (docs/native.md, "Guard pages"); `nativeEngineFor('explicit')` keeps explicit checks.
 */

import { compileModule } from '../../targets/compile.js';
import type { Engine } from '../api.js';
import type { Module } from '../../formats/wasm/types.js';
import type { PlaceableCode } from '../../linker/link.js';
import { defineEngine } from '../instance/engine.js';
import { createNativeBackend, type BoundsRequest, type ModuleCompiler, type NativeBackend, type NativeCompiled, type NativeEngineOptions } from './backend.js';

export interface NativeEngine extends Engine {
  readonly backend: NativeBackend;
  /** a module with code compiled and linked elsewhere (a `.cwasm` artifact's), ready to instantiate */
  adopt(module: Module, code: PlaceableCode): NativeCompiled;
}

export function nativeEngineWith(compile: ModuleCompiler, options: NativeEngineOptions = {}): NativeEngine {
  const backend = createNativeBackend(compile, options);
  const engine = defineEngine(backend);
  return { ...engine, backend, adopt: (module, code) => engine.own(backend.adopt(module, code)) as NativeCompiled };
}

/** the native engine with kiln's compiler (targets/compile.ts): guard pages where available */
export const nativeEngine: NativeEngine = nativeEngineWith((module, options) => compileModule(module, { bounds: options?.bounds ?? 'explicit' }));

const byBounds = new Map<BoundsRequest, NativeEngine>([['auto', nativeEngine]]);

/** the native engine with kiln's compiler in bounds mode `bounds` (one engine per mode) */
export function nativeEngineFor(bounds: BoundsRequest): NativeEngine {
  let e = byBounds.get(bounds);
  if (e === undefined) {
    e = nativeEngineWith((module, options) => compileModule(module, { bounds: options?.bounds ?? 'explicit' }), { bounds });
    byBounds.set(bounds, e);
  }
  return e;
}

export type { BoundsChoice, BoundsRequest, ModuleCompiler, NativeBackend, NativeCompiled, NativeCompileOptions, NativeEngineOptions } from './backend.js';
export { NativeFunc } from './func.js';
export { NativeGlobal } from './global.js';
export { NativeMemory } from './memory.js';
export { NativeTable } from './table.js';
export { codeRanges } from './code-region.js';
export { interruptFlagAddress, requestInterrupt } from './interrupt.js';
export { enablePerfMap } from './perfmap.js';
