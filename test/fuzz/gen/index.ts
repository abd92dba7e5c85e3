/**
 * Seeded generator of random valid wasm modules, for robustness tests of the interpreter and
 * differential tests (interpreter vs V8 today, compiler vs interpreter later).
 *
 *   const g = generateModule(seed, { features: { memory: false } });
 *   for (const e of g.exports) instance.exports[e.name].callRaw(argsFor(seed, e.params));
 *
 * run.ts drives engines over a call plan and compares outcomes; wat.ts prints reproducers.
 */

export { generateModule, MEMORY_EXPORT, type Generated, type GeneratedExport } from './module.js';
export { resolveOptions, DEFAULT_OPTIONS, DEFAULT_FEATURES, ALL_NUMERIC } from './options.js';
export type { GenOptions, GenOptionsInput, GenFeatures } from './options.js';
export { argsFor, rawToJs, jsToRaw } from './values.js';
export { Rng, subSeed } from './rng.js';
export {
  callPlan,
  runOnKiln,
  runOnV8,
  compareOutcomes,
  compareMemory,
  sameRaw,
  v8TrapKinds,
  type CallOutcome,
  type CallRecord,
  type PlannedCall,
  type RunResult,
} from './run.js';
export { toWat } from './wat.js';
