/**
 * kiln's reference engine: a Wasm 2.0 interpreter that translates each function once into
 * JavaScript (see codegen.ts) and runs it on V8. Implements loader/api.ts `Engine` as the
 * interpreter's backend (instantiate.ts) under the engine-neutral instantiation of
 * loader/instance.
 */

import type { Engine } from '../api.js';
import { defineEngine } from '../instance/engine.js';
import { interpBackend } from './instantiate.js';

export const interpEngine: Engine = defineEngine(interpBackend);

export { DEFAULT_MAX_CALL_DEPTH, type InterpCompiled } from './instantiate.js';
export { Func } from '../instance/func.js';
export { Memory } from '../instance/memory.js';
export { Table } from '../instance/table.js';
export { Global } from '../instance/global.js';
