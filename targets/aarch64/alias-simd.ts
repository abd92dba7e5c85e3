/**
 * Builders for the Advanced SIMD aliases and idioms a code generator writes (Arm ARM DDI 0487,
 * each alias's page): each returns the architectural instruction, which print-simd.ts shows
 * under the alias name as objdump does. `vecConst` picks a single instruction that makes a
 * 128-bit constant whose two 64-bit halves are equal (movi, mvni or fmov), or null.
 *
 * `vec3`, `vecMisc`, `vecAcross`, `vec3Diff` and `vecShift` build the table-driven kinds from an
 * op and an arrangement held in variables (a lowering table's row): with literal arguments the
 * types refuse an arrangement the op lacks, as the object literal would, and with variables
 * the arrangement is checked when the instruction is built, not first when it is encoded.
 */

import { checkArr, type ArrClass, type ArrOf, type VArr, type VElem } from './arrangement.js';
import { tryFpImm } from './imm.js';
import { vecImmValue, vecMask64 } from './imm-simd.js';
import type { InstOf } from './inst.js';
import type { Vec3DiffOp, Vec3Op, VecAcrossOp, VecMiscOp, VecShiftOp } from './inst-simd.js';
import type { Vreg } from './regs.js';
import { VEC3, VEC3_DIFF, VEC_ACROSS, VEC_MISC, VEC_SHIFT } from './tables-simd.js';

/** The arrangements a table's op accepts, as a type. */
type ArrFor<T, O extends keyof T> = T[O] extends { readonly arrs: infer C extends ArrClass } ? ArrOf<C> : never;

/** Three same: vd.arr = vn.arr op vm.arr. */
export function vec3<O extends Vec3Op>(op: O, arr: ArrFor<typeof VEC3, O>, rd: Vreg, rn: Vreg, rm: Vreg): InstOf<'vec3'> {
  checkArr(op, VEC3[op].arrs, arr as VArr);
  return { kind: 'vec3', op, arr, rd, rn, rm } as InstOf<'vec3'>;
}

/** Two-register miscellaneous (`arr` as arrangement.ts says for narrow, widen and long shapes). */
export function vecMisc<O extends VecMiscOp>(op: O, arr: ArrFor<typeof VEC_MISC, O>, rd: Vreg, rn: Vreg): InstOf<'vec_misc'> {
  checkArr(op, VEC_MISC[op].arrs, arr as VArr);
  return { kind: 'vec_misc', op, arr, rd, rn } as InstOf<'vec_misc'>;
}

/** Across lanes into a scalar register. */
export function vecAcross<O extends VecAcrossOp>(op: O, arr: ArrFor<typeof VEC_ACROSS, O>, rd: Vreg, rn: Vreg): InstOf<'vec_across'> {
  checkArr(op, VEC_ACROSS[op].arrs, arr as VArr);
  return { kind: 'vec_across', op, arr, rd, rn } as InstOf<'vec_across'>;
}

/** Three different, `arr` the narrow operands' arrangement (Q = 1: the `2` form). */
export function vec3Diff<O extends Vec3DiffOp>(op: O, arr: ArrFor<typeof VEC3_DIFF, O>, rd: Vreg, rn: Vreg, rm: Vreg): InstOf<'vec3_diff'> {
  checkArr(op, VEC3_DIFF[op].arrs, arr as VArr);
  return { kind: 'vec3_diff', op, arr, rd, rn, rm } as InstOf<'vec3_diff'>;
}

/** Shift by immediate (the amount is checked when encoded: it depends on the shape and element). */
export function vecShift<O extends VecShiftOp>(op: O, arr: ArrFor<typeof VEC_SHIFT, O>, rd: Vreg, rn: Vreg, shift: number): InstOf<'vec_shift'> {
  checkArr(op, VEC_SHIFT[op].arrs, arr as VArr);
  return { kind: 'vec_shift', op, arr, rd, rn, shift } as InstOf<'vec_shift'>;
}

/** MOV (vector): orr vd.16b, vn.16b, vn.16b (or .8b: the low half, the high half zeroed). */
export function vmov(rd: Vreg, rn: Vreg, arr: '8b' | '16b' = '16b'): InstOf<'vec3'> {
  return { kind: 'vec3', op: 'orr', arr, rd, rn, rm: rn };
}

/** MVN (vector): not vd.16b, vn.16b. */
export function vmvn(rd: Vreg, rn: Vreg, arr: '8b' | '16b' = '16b'): InstOf<'vec_misc'> {
  return { kind: 'vec_misc', op: 'not', arr, rd, rn };
}

/** SXTL/SXTL2 and UXTL/UXTL2: sshll/ushll #0, `arr` the narrow source (8b/16b .. 2s/4s). */
export function vextend(signed: boolean, rd: Vreg, rn: Vreg, arr: ArrOf<'bhs'>): InstOf<'vec_shift'> {
  return { kind: 'vec_shift', op: signed ? 'sshll' : 'ushll', arr, rd, rn, shift: 0 };
}

/** movi vd.2d, #0: the whole register zeroed. */
export function vzero(rd: Vreg): InstOf<'vec_movi'> {
  return { kind: 'vec_movi', op: 'movi', arr: '2d', rd, imm8: 0 };
}

type ShiftedForm = readonly [op: 'movi' | 'mvni', elem: 'h' | 's', shift: 'lsl' | 'msl', amount: number];

/** The shifted modified-immediate forms, cheapest to read first. */
const SHIFTED: readonly ShiftedForm[] = [
  ['movi', 'h', 'lsl', 0], ['movi', 'h', 'lsl', 8], ['mvni', 'h', 'lsl', 0], ['mvni', 'h', 'lsl', 8],
  ['movi', 's', 'lsl', 0], ['movi', 's', 'lsl', 8], ['movi', 's', 'lsl', 16], ['movi', 's', 'lsl', 24],
  ['mvni', 's', 'lsl', 0], ['mvni', 's', 'lsl', 8], ['mvni', 's', 'lsl', 16], ['mvni', 's', 'lsl', 24],
  ['movi', 's', 'msl', 8], ['movi', 's', 'msl', 16], ['mvni', 's', 'msl', 8], ['mvni', 's', 'msl', 16],
];

const LANE_MASK: Readonly<Record<'h' | 's', bigint>> = { h: 0xffffn, s: 0xffffffffn };

/**
 * One instruction that sets vd to the 128-bit value whose two 64-bit halves are `half`: movi .2d
 * (every byte 00 or ff, zero and all ones included), movi .16b (one byte repeated), movi/mvni .8h
 * or .4s (one byte of a repeated halfword or word, lsl or msl), fmov .4s/.2d (a repeated float
 * that is an fmov immediate); null when none does.
 */
export function vecConst(rd: Vreg, half: bigint): InstOf<'vec_movi'> | InstOf<'vec_fmov_imm'> | null {
  const v = BigInt.asUintN(64, half);
  const mask = vecMask64(v);
  if (mask !== null) return { kind: 'vec_movi', op: 'movi', arr: '2d', rd, imm8: mask };
  const byte = Number(v & 0xffn);
  if (vecImmValue('movi', 'b', byte) === v) return { kind: 'vec_movi', op: 'movi', arr: '16b', rd, imm8: byte };
  for (const [op, elem, shift, amount] of SHIFTED) {
    const lane = (op === 'mvni' ? ~v : v) & LANE_MASK[elem];
    const imm8 = Number(lane >> BigInt(amount));
    if (imm8 > 0xff || vecImmValue(op, elem, imm8, shift, amount) !== v) continue;
    const arr = elem === 'h' ? '8h' : '4s';
    return { kind: 'vec_movi', op, arr, rd, imm8, shift, amount };
  }
  return fmovConst(rd, v);
}

/** fmov .4s or .2d when `v` repeats a float that is an fmov immediate. */
function fmovConst(rd: Vreg, v: bigint): InstOf<'vec_fmov_imm'> | null {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, v, true);
  const lo = view.getUint32(0, true);
  if (lo === view.getUint32(4, true)) {
    const imm = tryFpImm(view.getFloat32(0, true));
    if (imm !== null) return { kind: 'vec_fmov_imm', arr: '4s', rd, imm };
  }
  const imm = tryFpImm(view.getFloat64(0, true));
  return imm === null ? null : { kind: 'vec_fmov_imm', arr: '2d', rd, imm };
}

/** The element a lane-wise general-register move uses for a lane of `bits` bits. */
export function elemOf(bits: 8 | 16 | 32 | 64): VElem {
  return bits === 8 ? 'b' : bits === 16 ? 'h' : bits === 32 ? 's' : 'd';
}
