/**
 * Builders for the A64 aliases a code generator writes (Arm ARM DDI 0487, each alias's page:
 * "This instruction is an alias of ..."): each returns the architectural instruction that the
 * alias stands for, so the encoder and the printer need no alias kinds of their own (print.ts
 * shows them back under the alias name, as objdump does).
 */

import { addImm, shiftAmount, type AddImm, type ShiftAmount } from './imm.js';
import type { Inst, InstOf } from './inst.js';
import type { AddShiftType, Cond } from './operands.js';
import { invertCond } from './operands.js';
import { LR, SP, XZR, type Gpr, type GprSp, type GprZr, type W } from './regs.js';

/** MOV (register) or MOV (to/from SP): orr rd, zr, rm; add rd, rn, #0 when SP is involved. */
export function mov(w: W, rd: GprSp | GprZr, rm: GprSp | GprZr): Inst {
  if (rd === SP || rm === SP) return { kind: 'add_imm', op: 'add', w, rd: rd as GprSp, rn: rm as GprSp, imm: addImm(0) };
  return { kind: 'logic_reg', op: 'orr', w, rd: rd as GprZr, rn: XZR, rm: rm as GprZr };
}

/** CMP (immediate): subs zr, rn, #imm. */
export function cmpImm(w: W, rn: GprSp, imm: AddImm): Inst {
  return { kind: 'add_imm', op: 'subs', w, rd: XZR, rn, imm };
}

/** CMN (immediate): adds zr, rn, #imm. */
export function cmnImm(w: W, rn: GprSp, imm: AddImm): Inst {
  return { kind: 'add_imm', op: 'adds', w, rd: XZR, rn, imm };
}

/** CMP (shifted register): subs zr, rn, rm. */
export function cmp(w: W, rn: GprZr, rm: GprZr, shift?: AddShiftType, amount?: ShiftAmount): Inst {
  return { kind: 'add_reg', op: 'subs', w, rd: XZR, rn, rm, ...(shift === undefined ? {} : { shift, amount: amount ?? shiftAmount(0, w) }) };
}

/** TST (shifted register): ands zr, rn, rm. */
export function tst(w: W, rn: GprZr, rm: GprZr): Inst {
  return { kind: 'logic_reg', op: 'ands', w, rd: XZR, rn, rm };
}

/** NEG: sub rd, zr, rm. */
export function neg(w: W, rd: GprZr, rm: GprZr): Inst {
  return { kind: 'add_reg', op: 'sub', w, rd, rn: XZR, rm };
}

/** MVN: orn rd, zr, rm. */
export function mvn(w: W, rd: GprZr, rm: GprZr): Inst {
  return { kind: 'logic_reg', op: 'orn', w, rd, rn: XZR, rm };
}

/** MUL: madd rd, rn, rm, zr. */
export function mul(w: W, rd: GprZr, rn: GprZr, rm: GprZr): Inst {
  return { kind: 'mul', op: 'madd', w, rd, rn, rm, ra: XZR };
}

/** LSL (immediate): ubfm rd, rn, #(-n mod w), #(w-1-n). */
export function lslImm(w: W, rd: GprZr, rn: GprZr, n: number): InstOf<'bitfield'> {
  shiftAmount(n, w);
  return { kind: 'bitfield', op: 'ubfm', w, rd, rn, immr: shiftAmount((w - n) % w, w), imms: shiftAmount(w - 1 - n, w) };
}

/** LSR (immediate): ubfm rd, rn, #n, #(w-1). */
export function lsrImm(w: W, rd: GprZr, rn: GprZr, n: number): InstOf<'bitfield'> {
  return { kind: 'bitfield', op: 'ubfm', w, rd, rn, immr: shiftAmount(n, w), imms: shiftAmount(w - 1, w) };
}

/** ASR (immediate): sbfm rd, rn, #n, #(w-1). */
export function asrImm(w: W, rd: GprZr, rn: GprZr, n: number): InstOf<'bitfield'> {
  return { kind: 'bitfield', op: 'sbfm', w, rd, rn, immr: shiftAmount(n, w), imms: shiftAmount(w - 1, w) };
}

/** ROR (immediate): extr rd, rn, rn, #n. */
export function rorImm(w: W, rd: GprZr, rn: GprZr, n: number): InstOf<'extr'> {
  return { kind: 'extr', w, rd, rn, rm: rn, lsb: shiftAmount(n, w) };
}

/** Sign or zero extension of the low `from` bits: sbfm/ubfm rd, rn, #0, #(from-1) (sxtb, sxth, sxtw, uxtb, uxth). */
export function extend(signed: boolean, w: W, rd: GprZr, rn: GprZr, from: 8 | 16 | 32): InstOf<'bitfield'> {
  if (from >= w) throw new RangeError(`cannot extend ${from} bits into ${w}`);
  return { kind: 'bitfield', op: signed ? 'sbfm' : 'ubfm', w, rd, rn, immr: shiftAmount(0, w), imms: shiftAmount(from - 1, w) };
}

/** CSET: csinc rd, zr, zr, invert(cond): 1 when cond holds, else 0. */
export function cset(w: W, rd: GprZr, cond: Cond): Inst {
  return { kind: 'csel', op: 'csinc', w, rd, rn: XZR, rm: XZR, cond: invertCond(checkInvertible(cond)) };
}

/** CSETM: csinv rd, zr, zr, invert(cond): all ones when cond holds, else 0. */
export function csetm(w: W, rd: GprZr, cond: Cond): Inst {
  return { kind: 'csel', op: 'csinv', w, rd, rn: XZR, rm: XZR, cond: invertCond(checkInvertible(cond)) };
}

/** CINC: csinc rd, rn, rn, invert(cond): rn + 1 when cond holds. */
export function cinc(w: W, rd: GprZr, rn: GprZr, cond: Cond): Inst {
  return { kind: 'csel', op: 'csinc', w, rd, rn, rm: rn, cond: invertCond(checkInvertible(cond)) };
}

/** CNEG: csneg rd, rn, rn, invert(cond): -rn when cond holds. */
export function cneg(w: W, rd: GprZr, rn: GprZr, cond: Cond): Inst {
  return { kind: 'csel', op: 'csneg', w, rd, rn, rm: rn, cond: invertCond(checkInvertible(cond)) };
}

/** RET (through x30). */
export function ret(rn: Gpr = LR): Inst {
  return { kind: 'br', op: 'ret', rn };
}

function checkInvertible(c: Cond): Cond {
  if (c === 'al' || c === 'nv') throw new RangeError(`condition ${c} cannot be inverted by a conditional-select alias`);
  return c;
}
