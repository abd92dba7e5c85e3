/**
 * Seeded generator of random valid wasm modules, for robustness tests of the interpreter and
 * differential tests (interpreter vs V8, native engine vs interpreter).
 *
 *   const g = generateModule(seed, { features: { memory: false } });
 *   for (const e of g.exports) instance.exports[e.name].callRaw(argsFor(seed, e.params));
 *
 * run.ts drives engines over a call plan, keeping the memory and the exported globals and
 * table (state.ts) after every call; compare.ts compares two runs; coverage.ts counts the
 * opcodes a run executed; wat.ts prints reproducers. With `features: { simd: true }` modules
 * hold v128 values and every 0xFD instruction (simd-*.ts), crossing the JS boundary as i64
 * pairs (v128-boundary.ts).
 */

export {
  generateModule,
  MEMORY_EXPORT,
  TABLE_EXPORT,
  type Generated,
  type GeneratedExport,
  type GeneratedGlobal,
} from './module.js';
export { resolveOptions, DEFAULT_OPTIONS, DEFAULT_FEATURES, ALL_NUMERIC } from './options.js';
export type { GenOptions, GenOptionsInput, GenFeatures } from './options.js';
export { argsFor, rawToJs, jsToRaw } from './values.js';
export { Rng, subSeed } from './rng.js';
export {
  callPlan,
  runOnKiln,
  runOnV8,
  kilnSide,
  v8Side,
  v8TrapKinds,
  type CallOutcome,
  type CallRecord,
  type PlannedCall,
  type RunOptions,
  type RunResult,
  type Side,
  type Snapshot,
} from './run.js';
export { compareMemory, compareOutcomes, compareSnapshots, compareState, firstMismatch, sameRaw } from './compare.js';
export type { StateSnapshot } from './state.js';
export { COVERAGE_TARGETS, OpcodeCounter, opLabel, showCounts, SIMD_TARGETS, type OpCount } from './coverage.js';
export { toWat } from './wat.js';
