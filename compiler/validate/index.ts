/**
 * The validator's public entry points (spec §3 "Validation"): validateModule, and the
 * index-space helpers the interpreter and compiler share with it.
 */

export { validateModule, validateModuleFields, declaredFuncRefs, MAX_PAGES, MAX_TABLE } from './validate.js';
export { decodeAndValidate } from './single-pass.js';
export {
  importCounts,
  buildModuleInfo,
  funcTypeIdxOf,
  funcTypeOf,
  globalTypeOf,
  tableTypeOf,
  memTypeOf,
  blockTypeOf,
  type ImportCounts,
  type ModuleInfo,
  type BlockType,
} from './module-info.js';
