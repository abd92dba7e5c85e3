/** Test helpers: WAT text → validated Module → instance on an engine (default the interpreter). */

import { parseWat } from '../../../formats/wat/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import type { Engine, EngineOptions, Imports, Instance, JsValue, WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';

export function instantiateWat(text: string, imports: Imports = {}, options?: EngineOptions, engine: Engine = interpEngine): Instance {
  const m = parseWat(text);
  validateModule(m);
  return instantiateModule(engine, m, imports, options);
}

export function fn(inst: Instance, name: string): WasmFunction {
  const f = inst.exports[name];
  if (f === undefined || f.kind !== 'func') throw new Error(`no exported function ${name}`);
  return f;
}

export function call(inst: Instance, name: string, ...args: JsValue[]): unknown {
  return fn(inst, name).call(...args);
}

/** runs f and returns what it threw (fails the test if it does not throw) */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}
