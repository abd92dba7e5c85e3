/**
 * An `Engine` (loader/api.ts) from an EngineBackend: compile is the backend's, instantiate is
 * the neutral instantiation (instantiate.ts) over the backend's hooks, and the host factories
 * create the backend's own objects. A new engine is a backend plus one line
 * (`defineEngine(backend)`); see docs/architecture.md, "Engines".
 */

import { KilnError } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';
import type { CompiledModule, Engine, EngineOptions, Imports, Instance } from '../api.js';
import type { BackendTypes, EngineBackend } from './backend.js';
import { instantiateWith } from './instantiate.js';

/** an engine that can also take modules its backend made some other way (from an artifact) */
export interface DefinedEngine<K extends BackendTypes> extends Engine {
  /** makes `compiled` (made by this engine's backend) instantiable by this engine */
  own(compiled: K['compiled']): CompiledModule;
}

export function defineEngine<K extends BackendTypes>(backend: EngineBackend<K>): DefinedEngine<K> {
  /** the modules this engine compiled, mapped to themselves at their concrete type */
  const own = new WeakMap<CompiledModule, K['compiled']>();
  return {
    own(compiled) {
      own.set(compiled, compiled);
      return compiled;
    },
    name: backend.name,
    host: {
      memory: (type) => backend.createMemory(type, undefined),
      table: (type, init = null) => backend.createTable(type, init),
      global: (type, value) => backend.createGlobal(type, value),
    },
    compile(module, options = {}) {
      const compiled = backend.compile(module, options);
      own.set(compiled, compiled);
      return compiled;
    },
    instantiate(compiled, imports, options = {}) {
      const mine = own.get(compiled);
      if (mine === undefined) {
        throw new KilnError(
          'usage',
          `the ${backend.name} engine cannot instantiate a module compiled by ${compiled.engine === backend.name ? 'another instance of it' : `the ${compiled.engine} engine`}`,
        );
      }
      return instantiateWith(backend, mine, imports, options);
    },
  };
}

/** compile and instantiate in one step (the compile options are taken from `options`) */
export function instantiateModule(engine: Engine, module: Module, imports: Imports, options: EngineOptions = {}): Instance {
  return engine.instantiate(engine.compile(module, options), imports, options);
}
