/**
 * Conditions of `brif`, `select`, `trapnz` and `trapz`. When the tested value is an `icmp`,
 * `eqz` or `fcmp` whose only user is this instruction (lower.ts decides and marks it fused),
 * the comparison is emitted right before the branch or `csel` instead of producing a 0/1
 * value ("compare and branch fusion"); otherwise the value itself is tested.
 *
 * A64 specifics (Arm ARM C1.2.4 "Condition code"): every wasm float comparison is one
 * condition after `fcmp` — an unordered result sets NZCV = 0011, which `eq`, `mi` (lt), `ls`
 * (le), `gt` and `ge` read as false and `ne` as true, exactly wasm's NaN rules. A test against
 * zero for equality branches with `cbz`/`cbnz` and needs no flags; an `and` tested for zero is
 * `tst` (ands into the zero register), with a bitmask immediate when one operand is one; a
 * branch on one bit (an `and` with a single-bit constant) or on the sign (`x < 0`, `x >= 0`)
 * is `tbnz`/`tbz` (±32 KiB: emit.ts relaxes the branches that do not reach).
 *
 * The condition's operands are appended to the user's operand list at position `start`;
 * its kind, condition code and folded immediate go into the payload words aux1, aux0, aux2.
 */

import { FloatCC, IntCC } from '../../../compiler/ir/conds.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { cmp, cmnImm, cmpImm, tst } from '../alias.js';
import { addImm, bitIndex, encodeLogicalHalves, type LogicalImm32, type LogicalImm64 } from '../imm.js';
import { invertCond, type Cond, type Label } from '../operands.js';
import { XZR, type W } from '../regs.js';
import type { EmitCtx, LowerCtx } from './rule.js';

export const CondKind = { Value: 0, Icmp: 1, IcmpImm: 2, Eqz: 3, Fcmp: 4, Test: 5, TestImm: 6, Bit: 7 } as const;

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
  if (row.base === 'band') {
    x.aux0[mi] = wide;
    const w = wide !== 0 ? 64 : 32;
    let enc = c.logicImmOf(b, w);
    let r = a;
    if (enc < 0) {
      enc = c.logicImmOf(a, w);
      r = b;
    }
    const bit = singleBit(c.constHalves(r === a ? b : a));
    if (enc >= 0 && bit >= 0) {
      c.use(r);
      x.aux1[mi] = CondKind.Bit;
      x.aux2[mi] = bit;
    } else if (enc >= 0) {
      c.use(r);
      x.aux1[mi] = CondKind.TestImm;
      x.aux2[mi] = enc;
    } else {
      c.use(a);
      c.use(b);
      x.aux1[mi] = CondKind.Test;
    }
    return;
  }
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

/** the index of the one set bit of a constant ([hi, lo] halves), or -1 */
function singleBit(h: readonly [number, number] | null): number {
  if (h === null) return -1;
  const [hi, lo] = h;
  if (hi === 0 && lo !== 0 && (lo & (lo - 1)) === 0) return 31 - Math.clz32(lo);
  if (lo === 0 && hi !== 0 && (hi & (hi - 1)) === 0) return 63 - Math.clz32(hi);
  return -1;
}

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
    case CondKind.Test:
      e.asm.emit(tst(w, e.gpr(mi, start), e.gpr(mi, start + 1)));
      return 'ne';
    case CondKind.Bit: {
      const bit = x.aux2[mi] as number;
      const rn = e.gpr(mi, start);
      const lo = bit < 32 ? 2 ** bit : 0;
      const enc = w === 32 ? encodeLogicalHalves(lo, lo) : encodeLogicalHalves(bit < 32 ? 0 : 2 ** (bit - 32), lo);
      if (w === 32) e.asm.emit({ kind: 'logic_imm', op: 'ands', w, rd: XZR, rn, imm: enc as LogicalImm32 });
      else e.asm.emit({ kind: 'logic_imm', op: 'ands', w, rd: XZR, rn, imm: enc as LogicalImm64 });
      return 'ne';
    }
    case CondKind.TestImm: {
      const enc = x.aux2[mi] as number;
      const rn = e.gpr(mi, start);
      if (w === 32) e.asm.emit({ kind: 'logic_imm', op: 'ands', w, rd: XZR, rn, imm: enc as LogicalImm32 });
      else e.asm.emit({ kind: 'logic_imm', op: 'ands', w, rd: XZR, rn, imm: enc as LogicalImm64 });
      return 'ne';
    }
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
  // a test of one bit: the sign (x < 0, x >= 0) or a single-bit mask
  let bit = -1;
  let onSet = true;
  if (kind === CondKind.Bit) bit = x.aux2[mi] as number;
  else if (kind === CondKind.IcmpImm && (x.aux2[mi] as number) === 0 && (cc === IntCC.slt || cc === IntCC.sge)) {
    bit = widthOf(e, mi) - 1;
    onSet = cc === IntCC.slt;
  }
  if (bit >= 0) {
    e.asm.emit({ kind: 'tbz', op: onSet !== negate ? 'tbnz' : 'tbz', rt: e.gpr(mi, start), bit: bitIndex(bit), target });
    return;
  }
  const t = emitCondFlags(e, mi, start);
  e.asm.emit({ kind: 'b_cond', cond: negate ? invertCond(t) : t, target });
}

export { FloatCC, IntCC };
