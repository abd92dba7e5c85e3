/**
 * Constant expressions (spec §3.3.10 validation, §4.4.10 evaluation): a global's initialiser,
 * a segment's offset, an element item. Which instructions may appear, and how each one's value
 * is read from its immediate, come from the opcode table (`constExpr`, `imm`); validation has
 * checked the rest, so an expression here is one such instruction and its `end`.
 */

import { KilnError } from '../../formats/errors.js';
import { f64FromBits } from '../../formats/float-bits.js';
import { OPCODES } from '../../formats/wasm/opcodes.js';
import type { Expr } from '../../formats/wasm/types.js';
import type { RawValue, WasmFunction, WasmGlobal } from '../api.js';
import type { FuncList } from './func-list.js';

/**
 * The value of `expr` in the raw convention. `globals` and `funcs` are the instance's index
 * spaces as far as they exist (global.get reads an imported global; ref.func gives the
 * function object, callable or not yet).
 */
export function evalConst(expr: Expr, globals: readonly WasmGlobal[], funcs: FuncList<WasmFunction>): RawValue {
  const ins = expr[0];
  const info = ins === undefined ? undefined : OPCODES[ins.op];
  if (ins === undefined || info === undefined || !info.constExpr) {
    throw new KilnError('invalid', `constant expression required (${info?.name ?? 'empty'})`);
  }
  switch (info.imm) {
    case 'i32':
    case 'f32':
      return ins.a | 0;
    case 'i64':
      return BigInt.asIntN(64, ins.x as bigint);
    case 'f64':
      return f64FromBits(ins.x as bigint);
    case 'v128':
      return new Uint8Array(ins.x as Uint8Array);
    case 'func':
      return at(funcs, ins.a, 'function');
    case 'global':
      return at(globals, ins.a, 'global').getRaw();
    default:
      return null; // ref.null
  }
}

/** an index-space entry the expression names (validation guarantees it exists) */
function at<T>(space: FuncList<T>, index: number, what: string): T {
  const v = space.at(index);
  if (v === undefined) throw new KilnError('invalid', `constant expression: unknown ${what} ${index}`);
  return v;
}
