/**
 * The `spectest` host module the official testsuite imports (WebAssembly/spec
 * interpreter/host/spectest.ml): globals 666 / 666.6, a funcref table (10, max 20), a
 * memory (1, max 2) and print functions. Prints go to an optional sink.
 */

import type { FuncType, ValType } from '../../formats/wasm/types.js';
import type { HostFunction, Imports, RawValue } from '../api.js';
import { f32ToBits } from '../instance/func.js';
import { Global } from '../instance/global.js';
import { Memory } from '../instance/memory.js';
import { Table } from '../instance/table.js';

const I32 = 0x7f as ValType;
const I64 = 0x7e as ValType;
const F32 = 0x7d as ValType;
const F64 = 0x7c as ValType;

/** `{ spectest: { … } }`, ready to merge into an imports object */
export function spectestImports(sink?: (name: string, args: RawValue[]) => void): Imports {
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
  const spectest = {
    global_i32: new Global({ type: I32, mutable: false }, 666),
    global_i64: new Global({ type: I64, mutable: false }, 666n),
    global_f32: new Global({ type: F32, mutable: false }, f32ToBits(666.6)),
    global_f64: new Global({ type: F64, mutable: false }, 666.6),
    table: new Table({ elem: 0x70, limits: { min: 10, max: 20 } }),
    memory: new Memory({ limits: { min: 1, max: 2 } }),
    print: print('print', []),
    print_i32: print('print_i32', [I32]),
    print_i64: print('print_i64', [I64]),
    print_f32: print('print_f32', [F32]),
    print_f64: print('print_f64', [F64]),
    print_i32_f32: print('print_i32_f32', [I32, F32]),
    print_f64_f64: print('print_f64_f64', [F64, F64]),
  };
  return { spectest };
}
