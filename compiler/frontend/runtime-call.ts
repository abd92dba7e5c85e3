/**
 * `call_runtime` with the runtime's argument order (compiler/ir/runtime.ts): the vmctx, then up
 * to two index immediates (memory, table, data or element segment) as i32 constants, then
 * operands taken from the wasm stack. Allocates nothing: the instruction is built in the store.
 */

import { op } from '../ir/opcodes.js';
import { RUNTIME, type RuntimeRow } from '../ir/runtime.js';
import { Type } from '../ir/types.js';
import type { Translator } from './translator.js';

const CALL_RUNTIME = op('call_runtime');

/**
 * Call runtime function `id` with (vmctx, imm0?, imm1?, n stack values); an immediate of -1 is
 * left out. Pops the n values; returns the result value (or -1 when the function has none).
 */
export function callRuntime(t: Translator, id: number, imm0: number, imm1: number, n: number): number {
  const row = RUNTIME[id] as RuntimeRow;
  const b = t.b;
  const f = t.f;
  const c0 = imm0 >= 0 ? b.iconst(Type.I32, imm0) : -1;
  const c1 = imm1 >= 0 ? b.iconst(Type.I32, imm1) : -1;
  const nImm = (c0 >= 0 ? 1 : 0) + (c1 >= 0 ? 1 : 0);
  const i = f.newInst(CALL_RUNTIME, row.results.length, 1 + nImm + n, id);
  f.setOperand(i, 0, t.vmctx);
  let k = 1;
  if (c0 >= 0) f.setOperand(i, k++, c0);
  if (c1 >= 0) f.setOperand(i, k++, c1);
  for (let s = 0; s < n; s++) f.setOperand(i, k++, t.stack[t.sp - n + s] as number);
  t.sp -= n;
  for (let r = 0; r < row.results.length; r++) f.makeResult(i, r, row.results[r] as Type);
  f.appendInst(b.block, i);
  return row.results.length > 0 ? f.result(i, 0) : -1;
}
