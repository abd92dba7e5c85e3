/**
 * Exported functions called with JS values (`call`): multi-value results keep f64 NaN payloads,
 * which a double array (what `Array.prototype.map` may build) would quiet.
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/index.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { f64ToBits } from '../../../formats/float-bits.js';
import type { WasmFunction } from '../../../loader/api.js';

describe('WasmFunction.call', () => {
  it('returns both f64 results of a multi-value function with their signalling-NaN payloads', () => {
    const m = parseWat(`(module (func (export "two") (result f64 f64)
      f64.const nan:0x4000000000000
      f64.const -nan:0x1))`);
    const f = instantiateModule(interpEngine, m, {}).exports['two'] as WasmFunction;
    const out = f.call() as number[];
    expect([f64ToBits(out[0] as number), f64ToBits(out[1] as number)]).toEqual([
      0x7ff4000000000000n,
      BigInt.asIntN(64, 0xfff0000000000001n),
    ]);
  });
});
