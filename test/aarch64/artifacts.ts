/**
 * Spec-module artifacts cross-compiled on the x86-64 host for the AArch64 suites: one
 * `.cwasm` per (module, bounds mode) in a directory, named by the SHA-256 of the module's
 * binary encoding and the mode, so the runner under qemu finds the artifact of each module the
 * spec runner hands to the engine without compiling anything itself.
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Module } from '../../formats/wasm/types.js';
import type { BoundsMode } from '../../targets/compiled.js';

/** scripts whose commands run in the explicit bounds mode too (issue 11: memory and address; issue 13: every v128 load and store) */
export const EXPLICIT_FILES: readonly string[] = [
  'address.wast', 'memory.wast', 'memory_grow.wast', 'memory_size.wast', 'memory_fill.wast', 'memory_copy.wast', 'memory_init.wast', 'memory_trap.wast', 'memory_redundancy.wast',
  'simd_address.wast', 'simd_align.wast', 'simd_load.wast', 'simd_load_extend.wast', 'simd_load_splat.wast', 'simd_load_zero.wast',
  'simd_load8_lane.wast', 'simd_load16_lane.wast', 'simd_load32_lane.wast', 'simd_load64_lane.wast',
  'simd_store.wast', 'simd_store8_lane.wast', 'simd_store16_lane.wast', 'simd_store32_lane.wast', 'simd_store64_lane.wast',
];

/** programs compiled besides the spec modules: [name, .wasm file relative to the repository] */
export const PROGRAMS: ReadonlyArray<readonly [string, string]> = [
  ['hello', 'examples/hello.wasm'],
  ['files', 'examples/files.wasm'],
  ['clock', 'examples/clock.wasm'],
  ['corpus', 'bench/corpus/corpus.wasm'],
];

/** the subdirectory of the same modules compiled for x86_64 (the cross suite's reverse direction) */
export const HOST_SUBDIR = 'x86_64';

/** the environment variable naming the artifact directory */
export const ARTIFACT_DIR_ENV = 'KILN_AARCH64_ARTIFACTS';

/** the file of `module`'s artifact in `dir` for bounds mode `bounds` */
export function artifactPath(dir: string, module: Module, bounds: BoundsMode): string {
  const digest = createHash('sha256').update(encodeModule(module)).digest('hex');
  return join(dir, `${digest}.${bounds}.cwasm`);
}
