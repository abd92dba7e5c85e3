/**
 * Constant folding and algebraic simplification.
 *
 * Requires: a verified function. Produces: instructions whose operands are all constants
 * rewritten into constants (fold-int.ts, fold-float.ts, fold-vector.ts say exactly when); algebraic identities
 * (simplify.ts) rewritten into a constant or a `copy` of an operand, left for copy propagation;
 * `brif` and `br_table` on a constant turned into `jump`, and `trapnz 0` / `trapz c≠0`
 * removed. Invalidates: the CFG (branches become jumps, so blocks may become unreachable and
 * block calls change), use counts.
 *
 * Algorithm: one sweep over the reachable blocks in reverse postorder, so an operand's
 * definition is seen, and already folded, before its uses (except around loop back edges,
 * which carry block params, never constants by themselves). Each instruction's family picks its
 * folder from a table; a folder that cannot prove its result exact leaves the instruction.
 */

import { Func, NO } from '../ir/func.js';
import { OPCODES, type OpRow } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import type { PassContext } from './context.js';
import { floatBits, intConst, toCopy, toFconst, toIconst } from './fold-values.js';
import { copysign, FLOAT_BINARY, FLOAT_BITS_UNARY, FLOAT_UNARY, fcmp, floatToInt, intToFloat, toBits, toNumber } from './fold-float.js';
import { icmp, INT_BINARY, INT_CONVERT, INT_UNARY } from './fold-int.js';
import { simplify } from './simplify.js';
import { VECTOR_FOLDERS } from './fold-vector.js';

/** a folder: true when it rewrote (or removed) the instruction */
type Folder = (f: Func, i: number, row: OpRow) => boolean;

const width = (t: Type | null): number => (t === Type.I64 ? 64 : 32);
const isNan = (x: number): boolean => x !== x;

function foldIntBinary(f: Func, i: number, row: OpRow): boolean {
  const a = intConst(f, f.operand(i, 0));
  const b = intConst(f, f.operand(i, 1));
  if (a === null || b === null) return false;
  const r = (INT_BINARY.get(row.base) as (a: bigint, b: bigint, w: number) => bigint | null)(a, b, width(row.type));
  if (r === null) return false;
  toIconst(f, i, row.type as Type, r);
  return true;
}

function foldIntUnary(f: Func, i: number, row: OpRow): boolean {
  const a = intConst(f, f.operand(i, 0));
  if (a === null) return false;
  const opw = width(f.valueType[f.operand(i, 0)] as Type);
  toIconst(f, i, row.results?.[0] as Type, (INT_UNARY.get(row.base) as (a: bigint, w: number) => bigint)(a, opw));
  return true;
}

function foldIntConvert(f: Func, i: number, row: OpRow): boolean {
  const a = intConst(f, f.operand(i, 0));
  if (a === null) return false;
  toIconst(f, i, row.type as Type, (INT_CONVERT.get(row.base) as (a: bigint) => bigint)(a));
  return true;
}

function foldIcmp(f: Func, i: number, row: OpRow): boolean {
  const a = intConst(f, f.operand(i, 0));
  const b = intConst(f, f.operand(i, 1));
  if (a === null || b === null) return false;
  toIconst(f, i, Type.I32, icmp(f.instImm0[i] as number, a, b, width(row.type)));
  return true;
}

function foldFloatBinary(f: Func, i: number, row: OpRow): boolean {
  const t = row.type as Type;
  const ab = floatBits(f, f.operand(i, 0));
  const bb = floatBits(f, f.operand(i, 1));
  if (ab === null || bb === null) return false;
  if (row.base === 'fcopysign') {
    toFconst(f, i, t, copysign(t, ab, bb));
    return true;
  }
  const a = toNumber(t, ab);
  const b = toNumber(t, bb);
  if (isNan(a) || isNan(b)) return false;
  const r = (FLOAT_BINARY.get(row.base) as (a: number, b: number) => number)(a, b);
  if (isNan(r)) return false;
  toFconst(f, i, t, toBits(t, r));
  return true;
}

function foldFloatUnary(f: Func, i: number, row: OpRow): boolean {
  const t = row.type as Type;
  const ab = floatBits(f, f.operand(i, 0));
  if (ab === null) return false;
  const bits = FLOAT_BITS_UNARY.get(row.base);
  if (bits !== undefined) {
    toFconst(f, i, t, bits(t, ab));
    return true;
  }
  const a = toNumber(t, ab);
  const r = (FLOAT_UNARY.get(row.base) as (a: number) => number)(a);
  if (isNan(a) || isNan(r)) return false;
  toFconst(f, i, t, toBits(t, r));
  return true;
}

function foldFcmp(f: Func, i: number, row: OpRow): boolean {
  const t = row.type as Type;
  const ab = floatBits(f, f.operand(i, 0));
  const bb = floatBits(f, f.operand(i, 1));
  if (ab === null || bb === null) return false;
  toIconst(f, i, Type.I32, fcmp(f.instImm0[i] as number, toNumber(t, ab), toNumber(t, bb)));
  return true;
}

/** fpromote, fdemote: exact for non-NaN operands */
function foldFloatConvert(f: Func, i: number, row: OpRow): boolean {
  const ab = floatBits(f, f.operand(i, 0));
  if (ab === null) return false;
  const a = toNumber(row.from as Type, ab);
  if (isNan(a)) return false;
  toFconst(f, i, row.type as Type, toBits(row.type as Type, a));
  return true;
}

function foldIntToFloat(f: Func, i: number, row: OpRow): boolean {
  const a = intConst(f, f.operand(i, 0));
  if (a === null) return false;
  const x = row.base === 'fcvt_from_uint' ? BigInt.asUintN(width(row.from), a) : a;
  const r = intToFloat(row.type as Type, x);
  if (r === null) return false;
  toFconst(f, i, row.type as Type, r);
  return true;
}

function foldFloatToInt(f: Func, i: number, row: OpRow): boolean {
  const ab = floatBits(f, f.operand(i, 0));
  if (ab === null) return false;
  const signed = row.base.startsWith('fcvt_to_sint');
  const r = floatToInt(toNumber(row.from as Type, ab), signed, width(row.type), row.base.endsWith('_sat'));
  if (r === null) return false;
  toIconst(f, i, row.type as Type, r);
  return true;
}

function foldBitcast(f: Func, i: number, row: OpRow): boolean {
  const to = row.type as Type;
  const from = row.from as Type;
  if (to === Type.PTR || from === Type.PTR) return false;
  if (from === Type.I32 || from === Type.I64) {
    const a = intConst(f, f.operand(i, 0));
    if (a === null) return false;
    toFconst(f, i, to, BigInt.asUintN(width(from), a));
    return true;
  }
  const b = floatBits(f, f.operand(i, 0));
  if (b === null) return false;
  toIconst(f, i, to, b);
  return true;
}

function foldSelect(f: Func, i: number): boolean {
  const c = intConst(f, f.operand(i, 0));
  if (c === null) return false;
  const v = f.operand(i, c !== 0n ? 1 : 2);
  toCopy(f, i, f.valueType[v] as Type, v);
  return true;
}

/** trapnz of 0, trapz of a non-zero constant: never trap, removed */
function foldTrapIf(f: Func, i: number, row: OpRow): boolean {
  const c = intConst(f, f.operand(i, 0));
  if (c === null || (row.base === 'trapnz') !== (c === 0n)) return false;
  f.removeInst(i);
  return true;
}

/** brif / br_table on a constant: a jump along the chosen block call */
function foldBranch(f: Func, i: number, row: OpRow): boolean {
  const c = intConst(f, f.operand(i, 0));
  if (c === null) return false;
  const first = f.instImm0[i] as number;
  const n = f.instImm1[i] as number;
  let pick: number;
  if (row.base === 'brif') pick = c !== 0n ? first : first + 1;
  else {
    const idx = BigInt.asUintN(32, c);
    pick = first + (idx < BigInt(n - 1) ? Number(idx) : n - 1);
  }
  f.instOp[i] = JUMP;
  f.instImm0[i] = pick;
  f.instImm1[i] = 1;
  f.instOperandCount[i] = 0;
  return true;
}

const JUMP = OPCODES.findIndex((r) => r.base === 'jump');

const FOLDERS = new Map<string, Folder>();
for (const b of INT_BINARY.keys()) FOLDERS.set(b, foldIntBinary);
for (const b of INT_UNARY.keys()) FOLDERS.set(b, foldIntUnary);
for (const b of INT_CONVERT.keys()) FOLDERS.set(b, foldIntConvert);
for (const b of FLOAT_BINARY.keys()) FOLDERS.set(b, foldFloatBinary);
for (const b of [...FLOAT_UNARY.keys(), ...FLOAT_BITS_UNARY.keys()]) FOLDERS.set(b, foldFloatUnary);
for (const b of ['fcvt_to_sint', 'fcvt_to_uint', 'fcvt_to_sint_sat', 'fcvt_to_uint_sat']) FOLDERS.set(b, foldFloatToInt);
for (const b of ['fcvt_from_sint', 'fcvt_from_uint']) FOLDERS.set(b, foldIntToFloat);
for (const b of ['fpromote', 'fdemote']) FOLDERS.set(b, foldFloatConvert);
FOLDERS.set('fcopysign', foldFloatBinary);
FOLDERS.set('icmp', foldIcmp);
FOLDERS.set('fcmp', foldFcmp);
FOLDERS.set('bitcast', foldBitcast);
FOLDERS.set('select', foldSelect);
FOLDERS.set('trapnz', foldTrapIf);
FOLDERS.set('trapz', foldTrapIf);
FOLDERS.set('brif', foldBranch);
FOLDERS.set('br_table', foldBranch);
for (const [name, folder] of VECTOR_FOLDERS) FOLDERS.set(name, folder);

/** per opcode: its folder, or null */
const FOLDER_OF: readonly (Folder | null)[] = OPCODES.map((r) => (r.type === Type.PTR ? null : (FOLDERS.get(r.base) ?? null)));
const ROWS: readonly OpRow[] = OPCODES;

/** fold and simplify; returns the number of instructions rewritten or removed */
export function fold(f: Func, ctx: PassContext): number {
  ctx.dom.compute(f);
  let changed = 0;
  for (let k = 0; k < ctx.dom.rpoCount; k++) {
    const b = ctx.dom.rpo[k] as number;
    for (let i = f.blockFirst[b] as number; i !== NO; ) {
      const next = f.instNext[i] as number;
      const op = f.instOp[i] as number;
      const folder = FOLDER_OF[op];
      if (folder != null && folder(f, i, ROWS[op] as OpRow)) changed++;
      else if (simplify(f, i, ROWS[op] as OpRow)) changed++;
      i = next;
    }
  }
  return changed;
}
