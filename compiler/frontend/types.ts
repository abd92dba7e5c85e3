/**
 * Wasm value types as IR types: the four number types map to themselves, funcref and
 * externref become `ptr` (0 is null, docs/ir.md "References"); v128 is `v128`.
 */

import { Type } from '../ir/types.js';

const IR_OF = new Int8Array(256).fill(-1);
IR_OF[0x7f] = Type.I32;
IR_OF[0x7e] = Type.I64;
IR_OF[0x7d] = Type.F32;
IR_OF[0x7c] = Type.F64;
IR_OF[0x7b] = Type.V128;
IR_OF[0x70] = Type.PTR;
IR_OF[0x6f] = Type.PTR;

/** the IR type of wasm value type `t`, or -1 (unknown) */
export function irTypeOf(t: number): Type | -1 {
  return (IR_OF[t & 0xff] ?? -1) as Type | -1;
}
