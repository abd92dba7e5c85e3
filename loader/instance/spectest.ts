/**
 * The `spectest` host module the official testsuite imports (WebAssembly/spec
 * interpreter/host/spectest.ml): globals 666 / 666.6, a funcref table (10, max 20), a
 * memory (1, max 2) and print functions. The memory, table and globals are created by the
 * engine the testsuite runs on (`engine.host`); prints go to an optional sink.
 */

import { f32ToBits } from '../../formats/float-bits.js';
import { ValType, type FuncType } from '../../formats/wasm/types.js';
import type { Engine, HostFunction, ImportValue, Imports, RawValue } from '../api.js';

/** `{ spectest: { … } }` for `engine`, ready to merge into an imports object */
export function spectestImports(engine: Engine, sink?: (name: string, args: RawValue[]) => void): Imports {
  const print = (name: string, params: ValType[]): HostFunction => {
    const type: FuncType = { params, results: [] };
    return {
      kind: 'host',
      type,
      name,
      fn: (args) => {
        sink?.(name, args);
        return [];
      },
    };
  };
  const host = engine.host;
  const spectest: Record<string, ImportValue> = {
    global_i32: host.global({ type: ValType.I32, mutable: false }, 666),
    global_i64: host.global({ type: ValType.I64, mutable: false }, 666n),
    global_f32: host.global({ type: ValType.F32, mutable: false }, f32ToBits(666.6)),
    global_f64: host.global({ type: ValType.F64, mutable: false }, 666.6),
    table: host.table({ elem: ValType.FuncRef, limits: { min: 10, max: 20 } }),
    memory: host.memory({ limits: { min: 1, max: 2 } }),
    print: print('print', []),
    print_i32: print('print_i32', [ValType.I32]),
    print_i64: print('print_i64', [ValType.I64]),
    print_f32: print('print_f32', [ValType.F32]),
    print_f64: print('print_f64', [ValType.F64]),
    print_i32_f32: print('print_i32_f32', [ValType.I32, ValType.F32]),
    print_f64_f64: print('print_f64_f64', [ValType.F64, ValType.F64]),
  };
  return { spectest };
}
