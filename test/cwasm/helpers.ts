/** Shared by the `.cwasm` tests: modules from text (through the binary, so offsets exist). */

import { validateModule } from '../../compiler/validate/index.js';
import { checksumBytes, CHECKSUM_FILE_OFFSET } from '../../formats/cwasm/checksum.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Module } from '../../formats/wasm/types.js';
import { parseWat } from '../../formats/wat/index.js';

export interface Source {
  readonly module: Module;
  readonly wasm: Uint8Array;
}

export function fromWat(text: string): Source {
  const wasm = encodeModule(parseWat(text));
  const module = decodeModule(wasm);
  validateModule(module);
  return { module, wasm };
}

/** a copy of `bytes` with its checksum made right again */
export function resealed(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out.set(checksumBytes(out), CHECKSUM_FILE_OFFSET);
  return out;
}

export const PROGRAM = `(module
  (type $bin (func (param i32 i32) (result i32)))
  (memory (export "mem") 1 4)
  (table 2 funcref)
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 16) "kiln")
  (elem (i32.const 0) $add $mul)
  (func $add (type $bin) local.get 0 local.get 1 i32.add)
  (func $mul (type $bin) local.get 0 local.get 1 i32.mul)
  (func (export "apply") (param i32 i32 i32) (result i32)
    global.get $count i32.const 1 i32.add global.set $count
    local.get 1 local.get 2 local.get 0 call_indirect (type $bin))
  (func (export "count") (result i32) global.get $count)
  (func $fib (export "fib") (param i64) (result i64)
    local.get 0 i64.const 2 i64.lt_u
    if (result i64) local.get 0
    else local.get 0 i64.const 1 i64.sub call $fib local.get 0 i64.const 2 i64.sub call $fib i64.add end)
  (func (export "sum") (param i32) (result i32) (local i32)
    block loop local.get 0 i32.eqz br_if 1
      local.get 1 local.get 0 i32.add local.set 1
      local.get 0 i32.const 1 i32.sub local.set 0 br 0 end end local.get 1)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
  (func $deep (param i32) (result i32) local.get 0 i32.const 7 i32.div_u)
  (func (export "div") (param i32) (result i32) local.get 0 call $deep)
  (func (export "pop") (param i32) (result i32) local.get 0 i32.popcnt)
  (func (export "boom") unreachable))`;
