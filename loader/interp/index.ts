/**
 * kiln's reference engine: a Wasm 2.0 interpreter that translates each function once into
 * JavaScript (see codegen.ts) and runs it on V8. Implements loader/api.ts `Engine`.
 */

import type { Module } from '../../formats/wasm/types.js';
import type { Engine, EngineOptions, Imports, Instance } from '../api.js';
import { instantiate } from './instantiate.js';

export const interpEngine: Engine = {
  name: 'interp',
  instantiate(module: Module, imports: Imports, options?: EngineOptions): Instance {
    return instantiate(module, imports, options);
  },
};

export { spectestImports } from './spectest.js';
export { DEFAULT_MAX_CALL_DEPTH } from './instantiate.js';
export { Func } from '../instance/func.js';
export { Memory } from '../instance/memory.js';
export { Table } from '../instance/table.js';
export { Global } from '../instance/global.js';
