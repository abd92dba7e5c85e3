/**
 * kiln's native engine: modules compiled to x86-64 machine code that runs inside the Node
 * process (docs/native.md). Implements loader/api.ts `Engine` through the engine-neutral
 * instantiation of loader/instance (`defineEngine`) over the native backend (backend.ts).
 *
 * `nativeEngineWith(compile)` builds an engine over any ModuleCompiler (tests use
 * hand-assembled CompiledCode, or turn on the allocation checker). `nativeEngine` uses
 * targets/compile.ts `compileModule`.
 */

import { compileModule } from '../../targets/compile.js';
import type { Engine } from '../api.js';
import { defineEngine } from '../instance/engine.js';
import { createNativeBackend, type ModuleCompiler, type NativeBackend } from './backend.js';

export interface NativeEngine extends Engine {
  readonly backend: NativeBackend;
}

export function nativeEngineWith(compile: ModuleCompiler): NativeEngine {
  const backend = createNativeBackend(compile);
  return { ...defineEngine(backend), backend };
}

/** the native engine with kiln's compiler (targets/compile.ts) */
export const nativeEngine: NativeEngine = nativeEngineWith((module) => compileModule(module));

export type { ModuleCompiler, NativeBackend, NativeCompiled } from './backend.js';
export { NativeFunc } from './func.js';
export { NativeGlobal } from './global.js';
export { NativeMemory } from './memory.js';
export { NativeTable } from './table.js';
export { codeRanges } from './code-region.js';
