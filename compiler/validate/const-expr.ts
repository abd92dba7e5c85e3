/**
 * Constant expressions (spec §3.3.10 "Expressions", Wasm 2.0): global initialisers, element
 * and data segment offsets, element initialisers. Only t.const, ref.null, ref.func and
 * global.get of an immutable global are constant (the table's constExpr column); the expression must produce exactly one
 * value of the expected type. As in the spec interpreter, constness is checked before types.
 * An expression may end with its `end` instruction or omit it.
 */

import { KilnError, type Location } from '../../formats/errors.js';
import { OP, OPCODES } from '../../formats/wasm/opcodes.js';
import { valTypeName, ValType, type Expr } from '../../formats/wasm/types.js';
import type { ModuleInfo } from './module-info.js';

/** located at the instruction when it has a byte offset, else at `entry` (the segment or global) */
function fail(what: string, msg: string, offset: number, entry: Location): never {
  throw new KilnError('invalid', `${what}: ${msg}`, offset >= 0 ? { offset } : entry);
}

/**
 * Check that `expr` is a constant expression of type `type`.
 * `what` names the expression for messages ("global 3", "elem 0 offset").
 * `visibleGlobals` is how many globals global.get may use (in Wasm 2.0: the imported ones).
 * `entry` locates the expression's global or segment, for instructions without an offset.
 */
export function checkConstExpr(
  info: ModuleInfo,
  expr: Expr,
  type: ValType,
  what: string,
  visibleGlobals: number,
  entry: Location = {},
): void {
  let n = expr.length;
  if (n > 0 && expr[n - 1]!.op === OP.end) n--;
  // constness (and the indices it depends on)
  for (let i = 0; i < n; i++) {
    const ins = expr[i]!;
    const op = ins.op;
    if (op === OP.global_get) {
      if (ins.a >= visibleGlobals) fail(what, `unknown global ${ins.a}`, ins.offset, entry);
      if (info.globals[ins.a]!.mutable) {
        fail(what, `constant expression required (global ${ins.a} is mutable)`, ins.offset, entry);
      }
    } else if (op === OP.ref_func) {
      if (ins.a >= info.funcTypeIdx.length) fail(what, `unknown function ${ins.a}`, ins.offset, entry);
    } else if (OPCODES[op]?.constExpr !== true) {
      fail(what, `constant expression required (${OPCODES[op]?.name ?? '?'} is not constant)`, ins.offset, entry);
    }
  }
  // typing: exactly one value of `type`
  const off = n > 0 ? expr[n - 1]!.offset : -1;
  if (n !== 1) fail(what, `type mismatch: a constant expression of type ${valTypeName(type)} has ${n} values`, off, entry);
  const ins = expr[0]!;
  let t: number;
  if (ins.op === OP.global_get) t = info.globals[ins.a]!.type;
  else if (ins.op === OP.ref_func) t = ValType.FuncRef;
  else if (ins.op === OP.ref_null) t = ins.a;
  else t = OPCODES[ins.op]!.results![0]!;
  if (t !== type) fail(what, `type mismatch: expected ${valTypeName(type)}, got ${valTypeName(t)}`, ins.offset, entry);
}
