/**
 * The Advanced SIMD (NEON) encoders: one small function per encoding shape of the Arm ARM
 * (DDI 0487) encoding index C4.1 (class names in each comment, with the word's fields from bit
 * 31 down), reading the opcode tables of tables-simd.ts. encode.ts dispatches the vector kinds
 * here through `SIMD_ENCODERS`, whose type makes it cover every kind of inst-simd.ts.
 *
 * Every encoder checks what the types cannot: the arrangement against the row's class (for
 * instructions built through casts), shift amounts, lane indices, ext positions and immediate
 * forms against the arrangement; a violation is a RangeError naming the instruction.
 */

import { ARRS, checkArr, checkLane, ELEM_BITS, ELEM_SIZE, type ArrClass, type VArr, type VElem } from './arrangement.js';
import { field, rs, rv, rz } from './bits.js';
import type { EncodeSink } from './encode.js';
import type { InstOf } from './inst.js';
import type { SimdKind } from './inst-simd.js';
import type { VecAddr } from './operands.js';
import {
  FMOV_TOP, LD1R_OPCODE, LDST_LANE, LDST_MULTI_OPCODE, VEC3, VEC3_DIFF, VEC_ACROSS, VEC_COPY, VEC_IMM, VEC_LDST, VEC_MISC, VEC_PERM,
  VEC_SHIFT, VEC_TBL, type SizeSpec, type Vec3DiffRow, type Vec3Row, type VecAcrossRow, type VecMiscRow, type VecShiftRow,
} from './tables-simd.js';

type SimdEncoders = { readonly [K in SimdKind]: (s: EncodeSink, i: InstOf<K>) => void };

/** The size field (bits 23-22) of a row at arrangement `arr`; `sz` is the precision bit of floating-point rows. */
function sizeBits(spec: SizeSpec, arr: VArr, sz: number): number {
  if (spec === 'elem') return ELEM_SIZE[ARRS[arr].elem];
  if ('fixed' in spec) return spec.fixed;
  return (spec.fp << 1) | sz;
}

/** The arrangement checked against the row's class; its Q field. */
function q(what: string, cls: ArrClass, arr: VArr): number {
  checkArr(what, cls, arr);
  return ARRS[arr].q;
}

/** The fields common to the data-processing classes: 0 Q U 01110 size ... Rn Rd. */
function dpWord(qBit: number, u: number, size: number, rn: number, rd: number): number {
  return (qBit << 30) | (u << 29) | (0b01110 << 24) | (size << 22) | (rn << 5) | rd;
}

/** Three same: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd. */
function encVec3(s: EncodeSink, i: InstOf<'vec3'>): void {
  const row: Vec3Row = VEC3[i.op];
  const size = sizeBits(row.size, i.arr, ARRS[i.arr].elem === 'd' ? 1 : 0);
  s.buf.u32(dpWord(q(i.op, row.arrs, i.arr), row.u, size, rv(i.rn), rv(i.rd)) | (1 << 21) | (rv(i.rm) << 16) | (row.opcode << 11) | (1 << 10));
}

/** Two-register miscellaneous: 0 Q U 01110 size 10000 opcode 10 Rn Rd. */
function encVecMisc(s: EncodeSink, i: InstOf<'vec_misc'>): void {
  const row: VecMiscRow = VEC_MISC[i.op];
  const elem = ARRS[i.arr].elem;
  // floating point: sz marks double precision, which is the wide side of fcvtn/fcvtl (arr .2s/.4s)
  const sz = row.shape === 'narrow' || row.shape === 'widen' ? (elem === 's' ? 1 : 0) : elem === 'd' ? 1 : 0;
  const size = sizeBits(row.size, i.arr, sz);
  s.buf.u32(dpWord(q(i.op, row.arrs, i.arr), row.u, size, rv(i.rn), rv(i.rd)) | (0b10000 << 17) | (row.opcode << 12) | (0b10 << 10));
}

/** Across lanes: 0 Q U 01110 size 11000 opcode 10 Rn Rd. */
function encVecAcross(s: EncodeSink, i: InstOf<'vec_across'>): void {
  const row: VecAcrossRow = VEC_ACROSS[i.op];
  const size = sizeBits(row.size, i.arr, 0);
  s.buf.u32(dpWord(q(i.op, row.arrs, i.arr), row.u, size, rv(i.rn), rv(i.rd)) | (0b11000 << 17) | (row.opcode << 12) | (0b10 << 10));
}

/** Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd (size of the narrow elements). */
function encVec3Diff(s: EncodeSink, i: InstOf<'vec3_diff'>): void {
  const row: Vec3DiffRow = VEC3_DIFF[i.op];
  const size = ELEM_SIZE[ARRS[i.arr].elem];
  s.buf.u32(dpWord(q(i.op, row.arrs, i.arr), row.u, size, rv(i.rn), rv(i.rd)) | (1 << 21) | (rv(i.rm) << 16) | (row.opcode << 12));
}

/** immh:immb of a shift: right shifts 1..esize as 2*esize - n, left shifts 0..esize-1 as esize + n. */
function shiftField(what: string, right: boolean, esize: number, n: number): number {
  const [lo, hi] = right ? [1, esize] : [0, esize - 1];
  if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`${what}: shift ${n} out of range for ${esize}-bit elements (${lo}..${hi})`);
  return right ? 2 * esize - n : esize + n;
}

/** Shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd. */
function encVecShift(s: EncodeSink, i: InstOf<'vec_shift'>): void {
  const row: VecShiftRow = VEC_SHIFT[i.op];
  const qBit = q(i.op, row.arrs, i.arr);
  const right = row.shape === 'right' || row.shape === 'narrow';
  const immhb = shiftField(i.op, right, ELEM_BITS[ARRS[i.arr].elem], i.shift);
  s.buf.u32((qBit << 30) | (row.u << 29) | (0b011110 << 23) | (immhb << 16) | (row.opcode << 11) | (1 << 10) | (rv(i.rn) << 5) | rv(i.rd));
}

/** Permute: 0 Q 001110 size 0 Rm 0 opcode 10 Rn Rd. */
function encVecPerm(s: EncodeSink, i: InstOf<'vec_perm'>): void {
  const qBit = q(i.op, 'bhsd', i.arr);
  const size = ELEM_SIZE[ARRS[i.arr].elem];
  s.buf.u32((qBit << 30) | (0b001110 << 24) | (size << 22) | (rv(i.rm) << 16) | (VEC_PERM[i.op] << 12) | (0b10 << 10) | (rv(i.rn) << 5) | rv(i.rd));
}

/** Extract: 0 Q 101110 00 0 Rm 0 imm4 0 Rn Rd (imm4 < 8 for 8b). */
function encVecExt(s: EncodeSink, i: InstOf<'vec_ext'>): void {
  const qBit = q('ext', 'b', i.arr);
  const lanes = ARRS[i.arr].lanes;
  if (!Number.isInteger(i.index) || i.index < 0 || i.index >= lanes) throw new RangeError(`ext: index ${i.index} out of range for .${i.arr} (0..${lanes - 1})`);
  s.buf.u32((qBit << 30) | (0b101110 << 24) | (rv(i.rm) << 16) | (i.index << 11) | (rv(i.rn) << 5) | rv(i.rd));
}

/** A register-list length: 1 to 4. */
function regCount(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new RangeError(`${what}: a list of ${n} registers (1..4)`);
  return n;
}

/** Table lookup: 0 Q 001110 00 0 Rm 0 len op 00 Rn Rd. */
function encVecTbl(s: EncodeSink, i: InstOf<'vec_tbl'>): void {
  const qBit = q(i.op, 'b', i.arr);
  const len = regCount(i.op, i.count) - 1;
  s.buf.u32((qBit << 30) | (0b001110 << 24) | (rv(i.rm) << 16) | (len << 13) | (VEC_TBL[i.op] << 12) | (rv(i.rn) << 5) | rv(i.rd));
}

/** imm5 of the copy class: index:1:0..0, the lowest set bit at the element size. */
function imm5(what: string, elem: VElem, index: number): number {
  checkLane(what, elem, index);
  const size = ELEM_SIZE[elem];
  return ((index << 1) | 1) << size;
}

/** Copy: 0 Q op 01110000 imm5 0 imm4 1 Rn Rd. */
function copyWord(qBit: number, row: { readonly op: number; readonly imm4: number }, imm5Bits: number, rn: number, rd: number, imm4 = row.imm4): number {
  return (qBit << 30) | (row.op << 29) | (0b01110000 << 21) | (imm5Bits << 16) | (imm4 << 11) | (1 << 10) | (rn << 5) | rd;
}

/** DUP (element): imm4 0000. */
function encDupElem(s: EncodeSink, i: InstOf<'vec_dup_elem'>): void {
  const qBit = q('dup', 'bhsd', i.arr);
  s.buf.u32(copyWord(qBit, VEC_COPY.dup_elem, imm5('dup', ARRS[i.arr].elem, i.index), rv(i.rn), rv(i.rd)));
}

/** DUP (general): imm4 0001; the index bits of imm5 are zero. */
function encDupGpr(s: EncodeSink, i: InstOf<'vec_dup_gpr'>): void {
  const qBit = q('dup', 'bhsd', i.arr);
  s.buf.u32(copyWord(qBit, VEC_COPY.dup_gpr, imm5('dup', ARRS[i.arr].elem, 0), rz(i.rn), rv(i.rd)));
}

/** INS (element): Q = 1, op 1, imm5 the destination lane, imm4 the source lane shifted by the element size. */
function encInsElem(s: EncodeSink, i: InstOf<'vec_ins_elem'>): void {
  const dst = imm5('ins', i.elem, i.index);
  checkLane('ins', i.elem, i.srcIndex);
  s.buf.u32(copyWord(1, VEC_COPY.ins_elem, dst, rv(i.rn), rv(i.rd), i.srcIndex << ELEM_SIZE[i.elem]));
}

/** INS (general): Q = 1, imm4 0011. */
function encInsGpr(s: EncodeSink, i: InstOf<'vec_ins_gpr'>): void {
  s.buf.u32(copyWord(1, VEC_COPY.ins_gpr, imm5('ins', i.elem, i.index), rz(i.rn), rv(i.rd)));
}

/** UMOV: imm4 0111, Q = 1 only for a d element (an x destination). */
function encUmov(s: EncodeSink, i: InstOf<'vec_umov'>): void {
  s.buf.u32(copyWord(i.elem === 'd' ? 1 : 0, VEC_COPY.umov, imm5('umov', i.elem, i.index), rv(i.rn), rz(i.rd)));
}

/** SMOV: imm4 0101, Q = 1 for an x destination. */
function encSmov(s: EncodeSink, i: InstOf<'vec_smov'>): void {
  const allowed: readonly VElem[] = i.w === 64 ? ['b', 'h', 's'] : ['b', 'h'];
  if (!allowed.includes(i.elem)) throw new RangeError(`smov: no .${i.elem} element into a ${i.w}-bit register (allowed: ${allowed.join(', ')})`);
  s.buf.u32(copyWord(i.w === 64 ? 1 : 0, VEC_COPY.smov, imm5('smov', i.elem, i.index), rv(i.rn), rz(i.rd)));
}

/** The op bit and cmode of a modified immediate (tables-simd.ts VEC_IMM), checked against the element size. */
function immForm(i: InstOf<'vec_movi'>): { readonly op: number; readonly cmode: number } {
  const row = VEC_IMM[i.op];
  checkArr(i.op, row.arrs, i.arr);
  const elem = ARRS[i.arr].elem;
  const shift = i.shift ?? 'lsl';
  const amount = i.amount ?? 0;
  const bad = (): never => {
    throw new RangeError(`${i.op} .${i.arr}: no ${shift} #${amount} form`);
  };
  switch (elem) {
    case 'b':
    case 'd':
      if (shift !== 'lsl' || amount !== 0) bad();
      // bytes: op 0 cmode 1110; the 64-bit byte mask: op 1 cmode 1110 (movi only)
      return { op: elem === 'd' ? 1 : 0, cmode: 0b1110 };
    case 'h':
      if (shift !== 'lsl' || (amount !== 0 && amount !== 8)) bad();
      return { op: row.op, cmode: 0b1000 | ((amount / 8) << 1) | row.x };
    case 's':
      if (shift === 'msl') {
        if (row.x !== 0 || (amount !== 8 && amount !== 16)) bad();
        return { op: row.op, cmode: 0b1100 | (amount === 16 ? 1 : 0) };
      }
      if (amount !== 0 && amount !== 8 && amount !== 16 && amount !== 24) bad();
      return { op: row.op, cmode: ((amount / 8) << 1) | row.x };
  }
}

/** Modified immediate word: 0 Q op 0111100000 abc cmode 0 1 defgh Rd. */
function immWord(qBit: number, op: number, cmode: number, imm8: number, rd: number): number {
  const v = field(imm8, 8, 0);
  return (qBit << 30) | (op << 29) | (0b0111100000 << 19) | ((v >> 5) << 16) | (cmode << 12) | (1 << 10) | ((v & 31) << 5) | rd;
}

/** MOVI/MVNI/ORR/BIC (vector, immediate). */
function encVecMovi(s: EncodeSink, i: InstOf<'vec_movi'>): void {
  const { op, cmode } = immForm(i);
  s.buf.u32(immWord(ARRS[i.arr].q, op, cmode, i.imm8, rv(i.rd)));
}

/** FMOV (vector, immediate): cmode 1111, op 0 for single precision, op 1 (Q = 1) for double. */
function encVecFmovImm(s: EncodeSink, i: InstOf<'vec_fmov_imm'>): void {
  const qBit = q('fmov', 'f', i.arr);
  s.buf.u32(immWord(qBit, i.arr === '2d' ? 1 : 0, 0b1111, i.imm, rv(i.rd)));
}

/**
 * Load/store structure addressing: bit 23 (post-index) and Rm (bits 20-16; 31 for the
 * immediate form, whose offset is the transfer size).
 */
function structAddr(a: VecAddr): number {
  switch (a.mode) {
    case 'base':
      return rs(a.base) << 5;
    case 'post_imm':
      return (1 << 23) | (31 << 16) | (rs(a.base) << 5);
    case 'post_reg':
      if ((a.index as number) > 30) throw new RangeError('a post-index register must be x0-x30 (31 means the immediate form)');
      return (1 << 23) | (rz(a.index) << 16) | (rs(a.base) << 5);
  }
}

/** LD1/ST1 (multiple structures): 0 Q 0011000 L 000000 opcode size Rn Rt (post-index: 0011001 L 0 Rm). */
function encLdStMulti(s: EncodeSink, i: InstOf<'vec_ldst_multi'>): void {
  const qBit = q(i.op, 'all', i.arr);
  const opcode = LDST_MULTI_OPCODE[regCount(i.op, i.count) as 1 | 2 | 3 | 4];
  const size = ELEM_SIZE[ARRS[i.arr].elem];
  s.buf.u32((qBit << 30) | (0b0011000 << 23) | (VEC_LDST[i.op] << 22) | (opcode << 12) | (size << 10) | structAddr(i.addr) | rv(i.rt));
}

/** LD1/ST1 (single structure): 0 Q 0011010 L 0 00000 opcode S size Rn Rt, the lane in Q:S:size. */
function encLdStLane(s: EncodeSink, i: InstOf<'vec_ldst_lane'>): void {
  checkLane(i.op, i.elem, i.index);
  const row = LDST_LANE[i.elem];
  // the index bits, highest first: Q, S, size<1>, size<0> as far as the element leaves them free
  const bits = i.index << ELEM_SIZE[i.elem];
  const qBit = (bits >> 3) & 1;
  const sBit = (bits >> 2) & 1;
  const size = (bits & 3) | row.size;
  s.buf.u32(
    (qBit << 30) | (0b0011010 << 23) | (VEC_LDST[i.op] << 22) | (row.opcode << 13) | (sBit << 12) | (size << 10) | structAddr(i.addr) | rv(i.rt),
  );
}

/** LD1R: 0 Q 0011010 1 0 00000 110 0 size Rn Rt. */
function encLd1r(s: EncodeSink, i: InstOf<'vec_ld1r'>): void {
  const qBit = q('ld1r', 'all', i.arr);
  const size = ELEM_SIZE[ARRS[i.arr].elem];
  s.buf.u32((qBit << 30) | (0b0011010 << 23) | (1 << 22) | (LD1R_OPCODE << 13) | (size << 10) | structAddr(i.addr) | rv(i.rt));
}

/** FMOV (general), top half: 1 00 11110 10 1 01 opcode 000000 Rn Rd. */
function fmovTopWord(opcode: number, rn: number, rd: number): number {
  return (1 << 31) | (0b11110 << 24) | (0b10 << 22) | (1 << 21) | (0b01 << 19) | (opcode << 16) | (rn << 5) | rd;
}

export const SIMD_ENCODERS: SimdEncoders = {
  vec3: encVec3,
  vec_misc: encVecMisc,
  vec_across: encVecAcross,
  vec3_diff: encVec3Diff,
  vec_shift: encVecShift,
  vec_perm: encVecPerm,
  vec_ext: encVecExt,
  vec_tbl: encVecTbl,
  vec_dup_elem: encDupElem,
  vec_dup_gpr: encDupGpr,
  vec_ins_elem: encInsElem,
  vec_ins_gpr: encInsGpr,
  vec_umov: encUmov,
  vec_smov: encSmov,
  vec_movi: encVecMovi,
  vec_fmov_imm: encVecFmovImm,
  vec_ldst_multi: encLdStMulti,
  vec_ldst_lane: encLdStLane,
  vec_ld1r: encLd1r,
  fmov_to_top: (s, i) => s.buf.u32(fmovTopWord(FMOV_TOP.toVec, rz(i.rn), rv(i.rd))),
  fmov_from_top: (s, i) => s.buf.u32(fmovTopWord(FMOV_TOP.fromVec, rv(i.rn), rz(i.rd))),
};
