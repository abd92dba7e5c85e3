/**
 * Child-process entry of chain.test.ts (bundled with esbuild at test time): optionally runs a
 * guard-mode module on the native engine and makes it trap out of bounds (so kiln's fault
 * handler is installed and has claimed a fault in this process), prints what it did, then
 * reads address 8 through koffi — a fault in no kiln code, which must end the process with
 * SIGSEGV exactly as it does without kiln's handler.
 *
 * argv[2]: 'kiln' (install the handler first) or 'plain' (do not); or 'unregistered': run a
 * guard-mode module whose first function's fault sites were left out of the table (its
 * second function's keep the code region there), so that an out-of-bounds load faults in kiln
 * code at no fault site — which the handler must not claim either.
 */

import { createRequire } from 'node:module';
import { parseWat } from '../../../formats/wat/index.js';
import type { WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { nativeEngine, nativeEngineWith } from '../../../loader/native/index.js';
import { compileModule } from '../../../targets/compile.js';
import { KilnTrap } from '../../../loader/trap.js';

const out = (line: string): void => {
  process.stdout.write(line + '\n');
};

if (process.argv[2] === 'kiln') {
  const m = parseWat('(module (memory 1) (func (export "get") (param i32) (result i32) local.get 0 i32.load))');
  const get = instantiateModule(nativeEngine, m, {}).exports['get'] as WasmFunction;
  try {
    get.callRaw([65536]);
    out('no trap');
  } catch (e) {
    out(e instanceof KilnTrap ? `trap: ${e.trapKind}` : `error: ${String(e)}`);
  }
  const g = nativeEngine.backend.runtime().guard();
  out(typeof g === 'string' ? `no guard: ${g}` : `claimed ${g.claimed}`);
}
if (process.argv[2] === 'unregistered') {
  const engine = nativeEngineWith((module, options) => {
    const code = compileModule(module, { bounds: options?.bounds ?? 'explicit' });
    // the first function's sites are dropped; the second's keep the region in the table
    return { ...code, funcs: code.funcs.map((f, k) => (k === 0 ? { ...f, faultSites: new Int32Array(0) } : f)) };
  });
  const m = parseWat(`(module (memory 1)
    (func (export "get") (param i32) (result i32) local.get 0 i32.load)
    (func (export "other") (param i32) (result i32) local.get 0 i32.load))`);
  const get = instantiateModule(engine, m, {}).exports['get'] as WasmFunction;
  out(`bounds ${engine.backend.bounds().mode}`);
  out(`in bounds ${String(get.callRaw([8])[0])}`);
  const g = nativeEngine.backend.runtime().guard();
  out(typeof g === 'string' ? `no guard: ${g}` : `table ${g.table.entries} ${g.table.siteCount}`);
  out('loading out of bounds');
  get.callRaw([65536]);
  out('no fault');
}
const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
out('reading address 8');
out(`read ${String(koffi.decode(8, 'int'))}`);
