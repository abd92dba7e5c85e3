/**
 * Typed Advanced SIMD (NEON) machine instructions: the vector members of the `Inst` union
 * (inst.ts), one `kind` per encoding shape of the Arm ARM (DDI 0487) encoding index C4.1, with
 * `op` naming a row of that family's table in tables-simd.ts.
 *
 * `arr` is a vector arrangement (arrangement.ts); its type follows the op's arrangement class,
 * so `{ kind: 'vec3', op: 'mul', arr: '2d' }` does not compile (and the encoder refuses it at
 * run time, for values built through casts). Forms that change the element size take the
 * arrangement of their narrow-element operand; Q = 1 there selects the `2` form (xtn2, smull2,
 * sshll2, fcvtl2, ...).
 *
 * Shift amounts, lane indices and ext positions are plain numbers: their range depends on the
 * arrangement, and the encoder throws a RangeError naming the instruction when one is outside it.
 */

import type { ArrClass, ArrOf, VElem } from './arrangement.js';
import type { FpImm8 } from './imm.js';
import type { VecAddr } from './operands.js';
import type { GprZr, Vreg } from './regs.js';
import type { VEC3, VEC3_DIFF, VEC_ACROSS, VEC_IMM, VEC_LDST, VEC_MISC, VEC_PERM, VEC_SHIFT, VEC_TBL } from './tables-simd.js';

export type Vec3Op = keyof typeof VEC3;
export type VecMiscOp = keyof typeof VEC_MISC;
export type VecAcrossOp = keyof typeof VEC_ACROSS;
export type Vec3DiffOp = keyof typeof VEC3_DIFF;
export type VecShiftOp = keyof typeof VEC_SHIFT;
export type VecPermOp = keyof typeof VEC_PERM;
export type VecTblOp = keyof typeof VEC_TBL;
export type VecImmOp = keyof typeof VEC_IMM;
export type VecLdStOp = keyof typeof VEC_LDST;

/** The ops of table T whose row accepts arrangement class C. */
type OpsIn<T, C extends ArrClass> = { [K in keyof T]: T[K] extends { readonly arrs: C } ? K : never }[keyof T];

/** One union member per arrangement class of table T: its ops with exactly that class's arrangements. */
type Classed<T, F> = {
  [C in ArrClass]: [OpsIn<T, C>] extends [never] ? never : F & { readonly op: OpsIn<T, C>; readonly arr: ArrOf<C> };
}[ArrClass];

/** A register count of a register list (tbl, ld1, st1): consecutive registers, wrapping after v31. */
export type RegCount = 1 | 2 | 3 | 4;

export type SimdInst =
  /** Three same: vd.T = vn.T op vm.T (integer, logical and floating-point forms; mov is orr vd, vn, vn). */
  | Classed<typeof VEC3, { readonly kind: 'vec3'; readonly rd: Vreg; readonly rn: Vreg; readonly rm: Vreg }>
  /** Two-register miscellaneous: one source, in the row's shape (same, compare with zero, narrow, widen, pairwise long, shll). */
  | Classed<typeof VEC_MISC, { readonly kind: 'vec_misc'; readonly rd: Vreg; readonly rn: Vreg }>
  /** Across lanes: a scalar b/h/s (d for the long forms) result in rd. */
  | Classed<typeof VEC_ACROSS, { readonly kind: 'vec_across'; readonly rd: Vreg; readonly rn: Vreg }>
  /** Three different: long, wide and narrow-high forms, `arr` the narrow operands' arrangement. */
  | Classed<typeof VEC3_DIFF, { readonly kind: 'vec3_diff'; readonly rd: Vreg; readonly rn: Vreg; readonly rm: Vreg }>
  /** Shift by immediate (right 1..esize, left 0..esize-1; long and narrow forms by the narrow element). */
  | Classed<typeof VEC_SHIFT, { readonly kind: 'vec_shift'; readonly rd: Vreg; readonly rn: Vreg; readonly shift: number }>
  /** zip1/zip2/uzp1/uzp2/trn1/trn2. */
  | { readonly kind: 'vec_perm'; readonly op: VecPermOp; readonly arr: ArrOf<'bhsd'>; readonly rd: Vreg; readonly rn: Vreg; readonly rm: Vreg }
  /** EXT: bytes index.. of vn:vm (index 0..7 for 8b, 0..15 for 16b). */
  | { readonly kind: 'vec_ext'; readonly arr: ArrOf<'b'>; readonly rd: Vreg; readonly rn: Vreg; readonly rm: Vreg; readonly index: number }
  /** TBL/TBX: bytes of the table {rn .. rn+count-1}.16b selected by vm's bytes. */
  | { readonly kind: 'vec_tbl'; readonly op: VecTblOp; readonly arr: ArrOf<'b'>; readonly rd: Vreg; readonly rn: Vreg; readonly count: RegCount; readonly rm: Vreg }
  /** DUP (element): every lane of vd.T = vn.<elem of T>[index]. */
  | { readonly kind: 'vec_dup_elem'; readonly arr: ArrOf<'bhsd'>; readonly rd: Vreg; readonly rn: Vreg; readonly index: number }
  /** DUP (general): every lane of vd.T = wn (xn for 2d). */
  | { readonly kind: 'vec_dup_gpr'; readonly arr: ArrOf<'bhsd'>; readonly rd: Vreg; readonly rn: GprZr }
  /** INS (element), shown as mov: vd.<elem>[index] = vn.<elem>[srcIndex]; other lanes kept. */
  | { readonly kind: 'vec_ins_elem'; readonly elem: VElem; readonly rd: Vreg; readonly index: number; readonly rn: Vreg; readonly srcIndex: number }
  /** INS (general), shown as mov: vd.<elem>[index] = wn (xn for d); other lanes kept. */
  | { readonly kind: 'vec_ins_gpr'; readonly elem: VElem; readonly rd: Vreg; readonly index: number; readonly rn: GprZr }
  /** UMOV: wd = vn.<b|h|s>[index] zero-extended, xd = vn.d[index] (s and d shown as mov). */
  | { readonly kind: 'vec_umov'; readonly elem: VElem; readonly rd: GprZr; readonly rn: Vreg; readonly index: number }
  /** SMOV: wd or xd = vn.<elem>[index] sign-extended (b, h into w; b, h, s into x). */
  | { readonly kind: 'vec_smov'; readonly w: 32; readonly elem: 'b' | 'h'; readonly rd: GprZr; readonly rn: Vreg; readonly index: number }
  | { readonly kind: 'vec_smov'; readonly w: 64; readonly elem: 'b' | 'h' | 's'; readonly rd: GprZr; readonly rn: Vreg; readonly index: number }
  /**
   * MOVI/MVNI/ORR/BIC (vector, immediate): imm8 shifted left by `amount` (lsl 0/8 for h, 0/8/16/24
   * for s; msl 8/16 shifts in ones, movi/mvni .2s/.4s only). movi .1d/.2d: each bit of imm8 is a
   * byte of ones (imm-simd.ts: vecMask64); movi .8b/.16b: no shift.
   */
  | Classed<
      typeof VEC_IMM,
      { readonly kind: 'vec_movi'; readonly rd: Vreg; readonly imm8: number; readonly shift?: 'lsl' | 'msl'; readonly amount?: number }
    >
  /** FMOV (vector, immediate): every lane = an fmov immediate. */
  | { readonly kind: 'vec_fmov_imm'; readonly arr: ArrOf<'f'>; readonly rd: Vreg; readonly imm: FpImm8 }
  /** LD1/ST1 (multiple structures): count consecutive registers, whole, from/to memory. */
  | { readonly kind: 'vec_ldst_multi'; readonly op: VecLdStOp; readonly arr: ArrOf<'all'>; readonly rt: Vreg; readonly count: RegCount; readonly addr: VecAddr }
  /** LD1/ST1 (single structure): one lane; a load keeps the other lanes. */
  | { readonly kind: 'vec_ldst_lane'; readonly op: VecLdStOp; readonly elem: VElem; readonly rt: Vreg; readonly index: number; readonly addr: VecAddr }
  /** LD1R: one element loaded into every lane. */
  | { readonly kind: 'vec_ld1r'; readonly arr: ArrOf<'all'>; readonly rt: Vreg; readonly addr: VecAddr }
  /** FMOV vd.d[1], xn: the top 64 bits of vd from xn (the low half kept). */
  | { readonly kind: 'fmov_to_top'; readonly rd: Vreg; readonly rn: GprZr }
  /** FMOV xd, vn.d[1]: the top 64 bits of vn. */
  | { readonly kind: 'fmov_from_top'; readonly rd: GprZr; readonly rn: Vreg };

export type SimdKind = SimdInst['kind'];
