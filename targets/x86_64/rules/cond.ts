/**
 * Conditions of `brif`, `select`, `trapnz` and `trapz`. When the tested value is an `icmp`,
 * `eqz` or `fcmp` whose only user is this instruction (lower.ts decides and marks it fused),
 * the comparison is emitted right before the jump or cmov instead of producing a 0/1 value
 * ("compare and branch fusion"); otherwise the value itself is tested.
 *
 * The condition's operands are appended to the user's operand list at position `start`;
 * its kind, condition code and folded immediate go into the payload words aux1, aux0, aux2.
 */

import { FloatCC, IntCC } from '../../../compiler/ir/conds.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { imm32 } from '../imm.js';
import { invertCond, type Cond, type Label } from '../operands.js';
import type { W } from '../regs.js';
import type { EmitCtx, LowerCtx } from './rule.js';

export const CondKind = { Value: 0, Icmp: 1, IcmpImm: 2, Eqz: 3, Fcmp: 4 } as const;

/** x86 condition per IntCC */
export const INT_COND: readonly Cond[] = ['e', 'ne', 'l', 'le', 'g', 'ge', 'b', 'be', 'a', 'ae'];

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
  const k = c.imm32Of(b);
  c.use(a);
  if (k !== null) {
    x.aux1[mi] = CondKind.IcmpImm;
    x.aux2[mi] = k;
  } else {
    c.use(b);
    x.aux1[mi] = CondKind.Icmp;
  }
}

const w = (e: EmitCtx, mi: number): W => ((e.x.aux0[mi] as number) & WIDE ? 64 : 32);

/** emit the flags-setting part of an integer condition; returns the x86 condition that means "true" */
function intFlags(e: EmitCtx, mi: number, start: number): Cond {
  const x = e.x;
  const kind = x.aux1[mi] as number;
  const cc = (x.aux0[mi] as number) & 0xff;
  const width = w(e, mi);
  const a = e.gpr(mi, start);
  switch (kind) {
    // `test a, a` unless the instruction just before computed a and left ZF for it
    case CondKind.Value:
      if (!e.asm.zeroFlagOf(a, width)) e.asm.emit({ kind: 'alu', op: 'test', w: width, dst: a, src: a });
      return 'ne';
    case CondKind.Eqz:
      if (!e.asm.zeroFlagOf(a, width)) e.asm.emit({ kind: 'alu', op: 'test', w: width, dst: a, src: a });
      return 'e';
    case CondKind.IcmpImm:
      e.asm.emit({ kind: 'alu_imm', op: 'cmp', w: width, dst: a, imm: imm32(x.aux2[mi] as number) });
      return INT_COND[cc]!;
    default:
      e.asm.emit({ kind: 'alu', op: 'cmp', w: width, dst: a, src: e.gpr(mi, start + 1) });
      return INT_COND[cc]!;
  }
}

/**
 * emit ucomis for a float condition other than eq/ne; returns the condition meaning "true".
 * a > b and a >= b are `a`/`ae` after ucomis a, b; a < b and a <= b swap the operands, so an
 * unordered result (CF=ZF=PF=1) is false for all four.
 */
function floatFlags(e: EmitCtx, mi: number, start: number, cc: number): Cond {
  const wide = ((e.x.aux0[mi] as number) & WIDE) !== 0;
  const a = e.xmm(mi, start);
  const b = e.xmm(mi, start + 1);
  const swap = cc === FloatCC.lt || cc === FloatCC.le;
  e.asm.emit({ kind: 'sse', op: wide ? 'ucomisd' : 'ucomiss', dst: swap ? b : a, src: swap ? a : b });
  return cc === FloatCC.gt || cc === FloatCC.lt ? 'a' : 'ae';
}

/** true when the condition can be expressed by one x86 condition code (select uses this) */
export function isSimpleCond(c: LowerCtx, v: number): boolean {
  const def = c.fusedDef(v);
  if (def < 0 || OPCODES[c.f.instOp[def] as number]!.base !== 'fcmp') return true;
  const cc = c.f.instImm0[def] as number;
  return cc !== FloatCC.eq && cc !== FloatCC.ne;
}

/** set flags for a condition that `isSimpleCond` accepted; returns the x86 condition of "true" */
export function emitCondFlags(e: EmitCtx, mi: number, start: number): Cond {
  if ((e.x.aux1[mi] as number) === CondKind.Fcmp) return floatFlags(e, mi, start, (e.x.aux0[mi] as number) & 0xff);
  return intFlags(e, mi, start);
}

/** jump to `target` when the condition holds (or, with `negate`, when it does not); else fall through */
export function emitCondJump(e: EmitCtx, mi: number, start: number, target: Label, negate: boolean): void {
  const asm = e.asm;
  if ((e.x.aux1[mi] as number) !== CondKind.Fcmp) {
    const cc = intFlags(e, mi, start);
    asm.emit({ kind: 'jcc', cc: negate ? invertCond(cc) : cc, target, short: false });
    return;
  }
  const cc = (e.x.aux0[mi] as number) & 0xff;
  if (cc !== FloatCC.eq && cc !== FloatCC.ne) {
    const t = floatFlags(e, mi, start, cc);
    asm.emit({ kind: 'jcc', cc: negate ? invertCond(t) : t, target, short: false });
    return;
  }
  const wide = ((e.x.aux0[mi] as number) & WIDE) !== 0;
  asm.emit({ kind: 'sse', op: wide ? 'ucomisd' : 'ucomiss', dst: e.xmm(mi, start), src: e.xmm(mi, start + 1) });
  // eq holds when ZF=1 and PF=0; ne when ZF=0 or PF=1
  if ((cc === FloatCC.eq) !== negate) {
    const skip = asm.newLabel();
    asm.emit({ kind: 'jcc', cc: 'p', target: skip, short: false });
    asm.emit({ kind: 'jcc', cc: 'e', target, short: false });
    asm.bind(skip);
  } else {
    asm.emit({ kind: 'jcc', cc: 'p', target, short: false });
    asm.emit({ kind: 'jcc', cc: 'ne', target, short: false });
  }
}

export { IntCC };
