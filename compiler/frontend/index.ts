/**
 * The wasm → IR frontend (docs/frontend.md): translate one defined function of a validated
 * module into a verified SSA IR function; the VM context layout it assumes is compiler/vmctx.ts.
 */

export { Frontend, translateFunction, unsupportedOpcodes, type TranslateOptions } from './frontend.js';
export type { FrontendOptions } from './translator.js';
export { SIMD_REASON, isSimdRefusal } from './refuse.js';
export { simdIrRows } from './simd.js';
