/**
 * Algebraic simplification for the fold pass: integer identities that hold for every value
 * under wrapping arithmetic, each rewriting the instruction into a constant or a `copy` of an
 * operand (copy propagation then removes the copy):
 *   x + 0, x - 0, x | 0, x ^ 0, x << 0 (count taken modulo the width), x >> 0, rotations by 0,
 *   x * 1, x & -1, x / 1 (signed and unsigned; a divisor of 1 cannot trap)  →  x
 *   x * 0, x & 0, x % 1  →  0;   x | -1  →  -1;   x - x, x ^ x  →  0;   x & x, x | x  →  x
 *   icmp cc x, x  →  1 or 0;   select c, x, x  →  x;   fneg (fneg x)  →  x (a bit flip, exact)
 * Float identities such as x * 1 or x + 0 are not applied: with a signalling NaN or -0 they
 * change the bits of the result.
 */

import { Func } from '../ir/func.js';
import type { OpRow } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { defOf, intConst, throughCopies, toCopy, toIconst } from './fold-values.js';
import { icmpSame } from './fold-int.js';

type Rule = (f: Func, i: number, t: Type, x: number, y: number) => boolean;

const widthMask = (t: Type): bigint => (t === Type.I64 ? 63n : 31n);

/** `op x, c`: x when c is `unit` (for shifts: c modulo the width is 0) */
function rightUnit(unit: bigint, shift = false): Rule {
  return (f, i, t, x, y) => {
    const c = intConst(f, y);
    if (c === null || (shift ? c & widthMask(t) : c) !== unit) return false;
    toCopy(f, i, t, x);
    return true;
  };
}
/** `op x, c` or `op c, x`: x when c is `unit` (commutative operations) */
function eitherUnit(unit: bigint): Rule {
  return (f, i, t, x, y) => {
    const cy = intConst(f, y);
    const cx = intConst(f, x);
    if (cy === unit) toCopy(f, i, t, x);
    else if (cx === unit) toCopy(f, i, t, y);
    else return false;
    return true;
  };
}
/** `op x, c` or `op c, x` is the constant `result` when c is `zero` */
function eitherAbsorbs(zero: bigint, result: bigint): Rule {
  return (f, i, t, x, y) => {
    if (intConst(f, y) !== zero && intConst(f, x) !== zero) return false;
    toIconst(f, i, t, result);
    return true;
  };
}
/** `op x, x`: x (idempotent) or a constant */
function same(result: bigint | 'x'): Rule {
  return (f, i, t, x, y) => {
    if (throughCopies(f, x) !== throughCopies(f, y)) return false;
    if (result === 'x') toCopy(f, i, t, x);
    else toIconst(f, i, t, result);
    return true;
  };
}
const any =
  (...rules: Rule[]): Rule =>
  (f, i, t, x, y) =>
    rules.some((r) => r(f, i, t, x, y));

const RULES = new Map<string, Rule>([
  ['iadd', eitherUnit(0n)],
  ['isub', any(rightUnit(0n), same(0n))],
  ['imul', any(eitherUnit(1n), eitherAbsorbs(0n, 0n))],
  ['band', any(eitherUnit(-1n), eitherAbsorbs(0n, 0n), same('x'))],
  ['bor', any(eitherUnit(0n), eitherAbsorbs(-1n, -1n), same('x'))],
  ['bxor', any(eitherUnit(0n), same(0n))],
  ['ishl', rightUnit(0n, true)],
  ['sshr', rightUnit(0n, true)],
  ['ushr', rightUnit(0n, true)],
  ['rotl', rightUnit(0n, true)],
  ['rotr', rightUnit(0n, true)],
  ['sdiv', rightUnit(1n)],
  ['udiv', rightUnit(1n)],
]);

function remByOne(f: Func, i: number, t: Type, y: number): boolean {
  if (intConst(f, y) !== 1n) return false;
  toIconst(f, i, t, 0n);
  return true;
}

/** apply one identity to inst i; true when it was rewritten */
export function simplify(f: Func, i: number, row: OpRow): boolean {
  const t = row.type;
  if (t === Type.I32 || t === Type.I64) {
    const rule = RULES.get(row.base);
    if (rule !== undefined) return rule(f, i, t, f.operand(i, 0), f.operand(i, 1));
    if (row.base === 'srem' || row.base === 'urem') return remByOne(f, i, t, f.operand(i, 1));
  }
  if (row.base === 'icmp' && t !== Type.PTR && throughCopies(f, f.operand(i, 0)) === throughCopies(f, f.operand(i, 1))) {
    toIconst(f, i, Type.I32, icmpSame(f.instImm0[i] as number));
    return true;
  }
  if (row.base === 'select' && throughCopies(f, f.operand(i, 1)) === throughCopies(f, f.operand(i, 2))) {
    toCopy(f, i, t as Type, f.operand(i, 1));
    return true;
  }
  if (row.base === 'fneg') {
    const d = defOf(f, f.operand(i, 0));
    if (d >= 0 && f.instOp[d] === f.instOp[i]) {
      toCopy(f, i, t as Type, f.operand(d, 0));
      return true;
    }
  }
  return false;
}
