/**
 * The optimisation passes over the SSA IR (docs/passes.md): the pipeline and each pass.
 */

export { optimize, emptyStats, PASS_NAMES, type PassName, type PassStats, type PipelineOptions } from './pipeline.js';
export { PassContext } from './context.js';
export { dce } from './dce.js';
export { copyProp } from './copy-prop.js';
export { fold } from './fold.js';
export { gvn } from './gvn.js';
export { licm } from './licm.js';
export { foldAddresses } from './addr.js';
