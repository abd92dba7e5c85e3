/**
 * Conditions of `brif`, `select`, `trapnz` and `trapz`. When the tested value is an `icmp`,
 * `eqz` or `fcmp` whose only user is this instruction (lower.ts decides and marks it fused),
 * the comparison is emitted right before the branch or `csel` instead of producing a 0/1
 * value ("compare and branch fusion"); otherwise the value itself is tested.
 *
 * A64 specifics (Arm ARM C1.2.4 "Condition code"): every wasm float comparison is one
 * condition after `fcmp` — an unordered result sets NZCV = 0011, which `eq`, `mi` (lt), `ls`
 * (le), `gt` and `ge` read as false and `ne` as true, exactly wasm's NaN rules. A test against
 * zero for equality branches with `cbz`/`cbnz` and needs no flags.
 *
 * The condition's operands are appended to the user's operand list at position `start`;
 * its kind, condition code and folded immediate go into the payload words aux1, aux0, aux2.
 */

import { FloatCC, IntCC } from '../../../compiler/ir/conds.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { cmp, cmnImm, cmpImm } from '../alias.js';
import { addImm } from '../imm.js';
import { invertCond, type Cond, type Label } from '../operands.js';
import type { W } from '../regs.js';
import type { EmitCtx, LowerCtx } from './rule.js';

export const CondKind = { Value: 0, Icmp: 1, IcmpImm: 2, Eqz: 3, Fcmp: 4 } as const;

/** A64 condition per IntCC (eq ne slt sle sgt sge ult ule ugt uge) after `cmp a, b` */
export const INT_COND: readonly Cond[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'cc', 'ls', 'hi', 'cs'];

/** A64 condition per FloatCC (eq ne lt le gt ge) after `fcmp a, b`: false when unordered, except ne */
export const FLOAT_COND: readonly Cond[] = ['eq', 'ne', 'mi', 'ls', 'gt', 'ge'];

/** aux layout: aux0 = cc | width bit (0x100 = 64-bit / f64), aux1 = kind, aux2 = immediate */
const WIDE = 0x100;

function isWide(t: number): boolean {
  return t === Type.I64 || t === Type.PTR || t === Type.F64;
}

/** append the condition operands of IR value v to the instruction being lowered (machine inst mi) */
export function lowerCond(c: LowerCtx, mi: number, v: number): void {
  const def = c.fusedDef(v);
  const x = c.x;
  if (def < 0) {
    c.use(v);
    x.aux1[mi] = CondKind.Value;
    x.aux0[mi] = isWide(c.f.valueType[v] as number) ? WIDE : 0;
    return;
  }
  const row = OPCODES[c.f.instOp[def] as number]!;
  const a = c.f.operand(def, 0);
  const wide = isWide(row.type === null ? -1 : row.type) ? WIDE : 0;
  if (row.base === 'eqz') {
    c.use(a);
    x.aux1[mi] = CondKind.Eqz;
    x.aux0[mi] = wide;
    return;
  }
  const b = c.f.operand(def, 1);
  x.aux0[mi] = (c.f.instImm0[def] as number) | wide;
  if (row.base === 'fcmp') {
    c.use(a);
    c.use(b);
    x.aux1[mi] = CondKind.Fcmp;
    return;
  }
  const k = c.addImmOf(b);
  c.use(a);
  if (k !== null) {
    x.aux1[mi] = CondKind.IcmpImm;
    x.aux2[mi] = k;
  } else {
    c.use(b);
    x.aux1[mi] = CondKind.Icmp;
  }
}

const widthOf = (e: EmitCtx, mi: number): W => ((e.x.aux0[mi] as number) & WIDE ? 64 : 32);

/** `cmp a, #k` for a signed add/sub immediate k (a negative k compares with `cmn a, #-k`) */
export function cmpConst(e: EmitCtx, w: W, a: ReturnType<EmitCtx['gpr']>, k: number): void {
  e.asm.emit(k >= 0 ? cmpImm(w, a, addImm(k)) : cmnImm(w, a, addImm(-k)));
}

/** emit the flags-setting part of a condition; returns the A64 condition that means "true" */
export function emitCondFlags(e: EmitCtx, mi: number, start: number): Cond {
  const x = e.x;
  const kind = x.aux1[mi] as number;
  const cc = (x.aux0[mi] as number) & 0xff;
  const w = widthOf(e, mi);
  switch (kind) {
    case CondKind.Value:
      cmpConst(e, w, e.gpr(mi, start), 0);
      return 'ne';
    case CondKind.Eqz:
      cmpConst(e, w, e.gpr(mi, start), 0);
      return 'eq';
    case CondKind.IcmpImm:
      cmpConst(e, w, e.gpr(mi, start), x.aux2[mi] as number);
      return INT_COND[cc]!;
    case CondKind.Fcmp:
      e.asm.emit({ kind: 'fcmp', op: 'fcmp', fw: w, rn: e.vreg(mi, start), rm: e.vreg(mi, start + 1) });
      return FLOAT_COND[cc]!;
    default:
      e.asm.emit(cmp(w, e.gpr(mi, start), e.gpr(mi, start + 1)));
      return INT_COND[cc]!;
  }
}

/** jump to `target` when the condition holds (or, with `negate`, when it does not); else fall through */
export function emitCondJump(e: EmitCtx, mi: number, start: number, target: Label, negate: boolean): void {
  const x = e.x;
  const kind = x.aux1[mi] as number;
  const cc = (x.aux0[mi] as number) & 0xff;
  // a test against zero for (in)equality: cbz / cbnz
  let zeroIf = -1; // 1: branch when zero, 0: when not zero
  if (kind === CondKind.Value) zeroIf = 0;
  else if (kind === CondKind.Eqz) zeroIf = 1;
  else if (kind === CondKind.IcmpImm && (x.aux2[mi] as number) === 0 && (cc === IntCC.eq || cc === IntCC.ne)) zeroIf = cc === IntCC.eq ? 1 : 0;
  if (zeroIf >= 0) {
    const onZero = (zeroIf === 1) !== negate;
    e.asm.emit({ kind: 'cbz', op: onZero ? 'cbz' : 'cbnz', w: widthOf(e, mi), rt: e.gpr(mi, start), target });
    return;
  }
  const t = emitCondFlags(e, mi, start);
  e.asm.emit({ kind: 'b_cond', cond: negate ? invertCond(t) : t, target });
}

export { FloatCC, IntCC };
