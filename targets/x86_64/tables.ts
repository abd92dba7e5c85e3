/**
 * Opcode tables for the x86-64 instruction families that share an encoding shape: one row per
 * member, read by the encoder (encode.ts), the printer (print.ts) and the CPU-feature query
 * (features.ts). Adding a member of a family is one row here plus its name in inst.ts.
 *
 * Opcodes are from Intel SDM vol. 2 (2A-2D), the instruction's own page; `ext` is the /digit
 * that goes in ModRM.reg for group opcodes (SDM vol. 2D, Appendix A.4 "Opcode Extensions").
 */

import type { AluOp, BitOp, CvtFloatToIntOp, CvtIntToFloatOp, DivOp, RoundOp, ShiftOp, SseOp, SseStoreOp, UnaryOp } from './inst.js';
import { NO_PREFIX, P66, PF2, PF3, type OpRow } from './opcode-row.js';
import { PACKED_ROUND, SSE_PACKED, SSE_PACKED_STORE } from './tables-simd.js';

export { NO_PREFIX, P66, PF2, PF3, type OpRow } from './opcode-row.js';

export interface AluRow {
  /** op r/m, r */
  readonly mr: number;
  /** op r, r/m */
  readonly rm: number;
  /** /digit for the 81/83 immediate group (test: F7 /0). */
  readonly ext: number;
  /** test has no sign-extended imm8 form and uses F7 instead of 81. */
  readonly imm32Op: number;
  readonly hasImm8: boolean;
}

/** ADD/OR/AND/SUB/XOR/CMP (SDM vol. 2A/2B, each instruction's page) and TEST (vol. 2B). */
export const ALU: Readonly<Record<AluOp, AluRow>> = {
  add: { mr: 0x01, rm: 0x03, ext: 0, imm32Op: 0x81, hasImm8: true },
  or: { mr: 0x09, rm: 0x0b, ext: 1, imm32Op: 0x81, hasImm8: true },
  and: { mr: 0x21, rm: 0x23, ext: 4, imm32Op: 0x81, hasImm8: true },
  sub: { mr: 0x29, rm: 0x2b, ext: 5, imm32Op: 0x81, hasImm8: true },
  xor: { mr: 0x31, rm: 0x33, ext: 6, imm32Op: 0x81, hasImm8: true },
  cmp: { mr: 0x39, rm: 0x3b, ext: 7, imm32Op: 0x81, hasImm8: true },
  test: { mr: 0x85, rm: 0x85, ext: 0, imm32Op: 0xf7, hasImm8: false },
};

/** Group 2 (C1 /digit ib, D3 /digit): SAL/SAR/SHL/SHR and RCL/RCR/ROL/ROR pages. */
export const SHIFT_EXT: Readonly<Record<ShiftOp, number>> = { rol: 0, ror: 1, shl: 4, shr: 5, sar: 7 };

/** Group 3 (F7 /digit): NOT, NEG, DIV, IDIV pages. */
export const GROUP3_EXT: Readonly<Record<UnaryOp | DivOp, number>> = { not: 2, neg: 3, div: 6, idiv: 7 };

/** POPCNT, LZCNT, TZCNT, BSR, BSF (memBits unused: the width is the instruction's w). */
export const BIT: Readonly<Record<BitOp, OpRow>> = {
  popcnt: { prefix: PF3, opcode: 0x0fb8, memBits: 32, feature: 'popcnt' },
  lzcnt: { prefix: PF3, opcode: 0x0fbd, memBits: 32, feature: 'lzcnt' },
  tzcnt: { prefix: PF3, opcode: 0x0fbc, memBits: 32, feature: 'bmi1' },
  bsr: { prefix: NO_PREFIX, opcode: 0x0fbd, memBits: 32, feature: null },
  bsf: { prefix: NO_PREFIX, opcode: 0x0fbc, memBits: 32, feature: null },
};

const ss = (op: number): OpRow => ({ prefix: PF3, opcode: 0x0f00 | op, memBits: 32, feature: null });
const sd = (op: number): OpRow => ({ prefix: PF2, opcode: 0x0f00 | op, memBits: 64, feature: null });
const ps = (op: number): OpRow => ({ prefix: NO_PREFIX, opcode: 0x0f00 | op, memBits: 128, feature: null });
const pd = (op: number): OpRow => ({ prefix: P66, opcode: 0x0f00 | op, memBits: 128, feature: null });

/**
 * SSE/SSE2 `op xmm, xmm/m` forms (SDM vol. 2, each mnemonic's page): the scalar and bitwise
 * rows here, then every packed (SIMD) row of tables-simd.ts.
 */
export const SSE: Readonly<Record<SseOp, OpRow>> = {
  movss: ss(0x10),
  movsd: sd(0x10),
  movaps: ps(0x28),
  movapd: pd(0x28),
  addss: ss(0x58),
  addsd: sd(0x58),
  mulss: ss(0x59),
  mulsd: sd(0x59),
  subss: ss(0x5c),
  subsd: sd(0x5c),
  minss: ss(0x5d),
  minsd: sd(0x5d),
  divss: ss(0x5e),
  divsd: sd(0x5e),
  maxss: ss(0x5f),
  maxsd: sd(0x5f),
  sqrtss: ss(0x51),
  sqrtsd: sd(0x51),
  cvtss2sd: ss(0x5a),
  cvtsd2ss: sd(0x5a),
  ucomiss: { prefix: NO_PREFIX, opcode: 0x0f2e, memBits: 32, feature: null },
  ucomisd: { prefix: P66, opcode: 0x0f2e, memBits: 64, feature: null },
  andps: ps(0x54),
  andpd: pd(0x54),
  andnps: ps(0x55),
  andnpd: pd(0x55),
  orps: ps(0x56),
  orpd: pd(0x56),
  xorps: ps(0x57),
  xorpd: pd(0x57),
  ...SSE_PACKED,
};

/** MOVSS/MOVSD m, xmm, and the packed stores of tables-simd.ts. */
export const SSE_STORE: Readonly<Record<SseStoreOp, OpRow>> = { movss: ss(0x11), movsd: sd(0x11), ...SSE_PACKED_STORE };

/** ROUNDSS/ROUNDSD xmm, xmm/m, imm8 (SSE4.1), and ROUNDPS/ROUNDPD of tables-simd.ts. */
export const ROUND: Readonly<Record<RoundOp, OpRow>> = {
  roundss: { prefix: P66, opcode: 0x0f3a0a, memBits: 32, feature: 'sse4.1' },
  roundsd: { prefix: P66, opcode: 0x0f3a0b, memBits: 64, feature: 'sse4.1' },
  ...PACKED_ROUND,
};

/** CVTSI2SS/CVTSI2SD xmm, r/m32|64 (REX.W selects the integer width). */
export const CVT_I2F: Readonly<Record<CvtIntToFloatOp, OpRow>> = {
  cvtsi2ss: { prefix: PF3, opcode: 0x0f2a, memBits: 32, feature: null },
  cvtsi2sd: { prefix: PF2, opcode: 0x0f2a, memBits: 32, feature: null },
};

/** CVTTSS2SI/CVTTSD2SI r32|64, xmm/m (memBits is the float's size). */
export const CVT_F2I: Readonly<Record<CvtFloatToIntOp, OpRow>> = {
  cvttss2si: { prefix: PF3, opcode: 0x0f2c, memBits: 32, feature: null },
  cvttsd2si: { prefix: PF2, opcode: 0x0f2c, memBits: 64, feature: null },
};
