/**
 * Opcode-field tables for the A64 instruction families that share an encoding shape: one row
 * per member, read by the encoder (encode.ts) and the printer (print.ts). Adding a member of a
 * family is one row here plus its name in inst.ts.
 *
 * Field values are from the Arm ARM (DDI 0487) encoding index C4.1 (the class tables of
 * "Data Processing -- Immediate", "Data Processing -- Register", "Loads and Stores",
 * "Branches, Exception Generating and System instructions", "Data Processing -- Scalar
 * Floating-Point and Advanced SIMD") and each instruction's own page.
 */

import type {
  AddSubOp, BitfieldOp, CacheOp, CcmpOp, CselOp, CvtF2IOp, CvtI2FOp, Dp1Op, Dp2Op, FccmpOp, FcmpOp, Fp1Op, Fp2Op, LdStOp, LogicImmOp,
  LogicOp, MovWideOp, MulHighOp, MulOp, ReduceOp,
} from './inst.js';

/** ADD/SUB (immediate, shifted register, extended register): op (bit 30) and S (bit 29). */
export const ADD_SUB: Readonly<Record<AddSubOp, { readonly op: number; readonly s: number }>> = {
  add: { op: 0, s: 0 },
  adds: { op: 0, s: 1 },
  sub: { op: 1, s: 0 },
  subs: { op: 1, s: 1 },
};

/** Logical (immediate): opc (bits 30-29). */
export const LOGIC_IMM: Readonly<Record<LogicImmOp, number>> = { and: 0b00, orr: 0b01, eor: 0b10, ands: 0b11 };

/** Logical (shifted register): opc (bits 30-29) and N (bit 21, invert rm). */
export const LOGIC: Readonly<Record<LogicOp, { readonly opc: number; readonly n: number }>> = {
  and: { opc: 0b00, n: 0 },
  bic: { opc: 0b00, n: 1 },
  orr: { opc: 0b01, n: 0 },
  orn: { opc: 0b01, n: 1 },
  eor: { opc: 0b10, n: 0 },
  eon: { opc: 0b10, n: 1 },
  ands: { opc: 0b11, n: 0 },
  bics: { opc: 0b11, n: 1 },
};

/** Move wide (immediate): opc (bits 30-29); 01 is unallocated. */
export const MOV_WIDE: Readonly<Record<MovWideOp, number>> = { movn: 0b00, movz: 0b10, movk: 0b11 };

/** Bitfield: opc (bits 30-29). */
export const BITFIELD: Readonly<Record<BitfieldOp, number>> = { sbfm: 0b00, bfm: 0b01, ubfm: 0b10 };

/** Data-processing (3 source): op31 (bits 23-21) and o0 (bit 15). */
export const MUL: Readonly<Record<MulOp | MulHighOp, { readonly op31: number; readonly o0: number }>> = {
  madd: { op31: 0b000, o0: 0 },
  msub: { op31: 0b000, o0: 1 },
  smulh: { op31: 0b010, o0: 0 },
  umulh: { op31: 0b110, o0: 0 },
};

/** Data-processing (2 source): opcode (bits 15-10) and the alias objdump prints. */
export const DP2: Readonly<Record<Dp2Op, { readonly opcode: number; readonly name: string }>> = {
  udiv: { opcode: 0b000010, name: 'udiv' },
  sdiv: { opcode: 0b000011, name: 'sdiv' },
  lslv: { opcode: 0b001000, name: 'lsl' },
  lsrv: { opcode: 0b001001, name: 'lsr' },
  asrv: { opcode: 0b001010, name: 'asr' },
  rorv: { opcode: 0b001011, name: 'ror' },
};

/**
 * Data-processing (1 source): opcode (bits 15-10) per width (null: no such form). rev is
 * 000010 at 32 bits and 000011 at 64 bits, where 000010 is rev32.
 */
export const DP1: Readonly<Record<Dp1Op, { readonly w32: number | null; readonly w64: number }>> = {
  rbit: { w32: 0b000000, w64: 0b000000 },
  rev16: { w32: 0b000001, w64: 0b000001 },
  rev32: { w32: null, w64: 0b000010 },
  rev: { w32: 0b000010, w64: 0b000011 },
  clz: { w32: 0b000100, w64: 0b000100 },
  cls: { w32: 0b000101, w64: 0b000101 },
};

/** Conditional select: op (bit 30) and op2 (bits 11-10). */
export const CSEL: Readonly<Record<CselOp, { readonly op: number; readonly op2: number }>> = {
  csel: { op: 0, op2: 0b00 },
  csinc: { op: 0, op2: 0b01 },
  csinv: { op: 1, op2: 0b00 },
  csneg: { op: 1, op2: 0b01 },
};

/** Conditional compare: op (bit 30). */
export const CCMP: Readonly<Record<CcmpOp, number>> = { ccmn: 0, ccmp: 1 };

export interface LdStRow {
  /** access size in bytes for each register width (the `size` field is log2 of it) */
  readonly bytes: { readonly 32: 1 | 2 | 4; readonly 64: 1 | 2 | 4 | 8 };
  /** opc (bits 23-22) for each register width */
  readonly opc: { readonly 32: number; readonly 64: number };
  /** the mnemonic of the unscaled form (LDUR/STUR family) */
  readonly unscaled: string;
}

/**
 * Loads and stores of general-purpose registers (LDR/STR (immediate), (register), LDUR/STUR):
 * size and opc. opc 00 stores, 01 loads zero-extended, 10 loads sign-extended to 64 bits,
 * 11 sign-extended to 32 bits. Rows that exist at one width only repeat it (inst.ts types
 * forbid the other).
 */
export const LDST: Readonly<Record<LdStOp, LdStRow>> = {
  strb: { bytes: { 32: 1, 64: 1 }, opc: { 32: 0b00, 64: 0b00 }, unscaled: 'sturb' },
  strh: { bytes: { 32: 2, 64: 2 }, opc: { 32: 0b00, 64: 0b00 }, unscaled: 'sturh' },
  str: { bytes: { 32: 4, 64: 8 }, opc: { 32: 0b00, 64: 0b00 }, unscaled: 'stur' },
  ldrb: { bytes: { 32: 1, 64: 1 }, opc: { 32: 0b01, 64: 0b01 }, unscaled: 'ldurb' },
  ldrh: { bytes: { 32: 2, 64: 2 }, opc: { 32: 0b01, 64: 0b01 }, unscaled: 'ldurh' },
  ldr: { bytes: { 32: 4, 64: 8 }, opc: { 32: 0b01, 64: 0b01 }, unscaled: 'ldur' },
  ldrsb: { bytes: { 32: 1, 64: 1 }, opc: { 32: 0b11, 64: 0b10 }, unscaled: 'ldursb' },
  ldrsh: { bytes: { 32: 2, 64: 2 }, opc: { 32: 0b11, 64: 0b10 }, unscaled: 'ldursh' },
  ldrsw: { bytes: { 32: 4, 64: 4 }, opc: { 32: 0b10, 64: 0b10 }, unscaled: 'ldursw' },
};

/**
 * Loads and stores of SIMD&FP registers (V = 1): size and opc per register size. A q
 * register is size 00 with opc 1x.
 */
export const FP_LDST: Readonly<Record<32 | 64 | 128, { readonly size: number; readonly str: number; readonly ldr: number }>> = {
  32: { size: 0b10, str: 0b00, ldr: 0b01 },
  64: { size: 0b11, str: 0b00, ldr: 0b01 },
  128: { size: 0b00, str: 0b10, ldr: 0b11 },
};

/** Load/store pair: opc (bits 31-30) for general registers by width and for SIMD&FP by size. */
export const PAIR_OPC = { gpr: { 32: 0b00, 64: 0b10 }, fpr: { 32: 0b00, 64: 0b01, 128: 0b10 } } as const;

/** Load/store pair addressing: bits 24-23 (01 post-index, 10 signed offset, 11 pre-index). */
export const PAIR_MODE = { post: 0b01, offset: 0b10, pre: 0b11 } as const;

/** Load/store register (immediate, 9-bit) addressing: bits 11-10 (00 unscaled, 01 post, 11 pre). */
export const IMM9_MODE = { unscaled: 0b00, post: 0b01, pre: 0b11 } as const;

/** Floating-point data-processing (2 source): opcode (bits 15-12). */
export const FP2: Readonly<Record<Fp2Op, number>> = {
  fmul: 0b0000,
  fdiv: 0b0001,
  fadd: 0b0010,
  fsub: 0b0011,
  fmax: 0b0100,
  fmin: 0b0101,
  fmaxnm: 0b0110,
  fminnm: 0b0111,
  fnmul: 0b1000,
};

/** Floating-point data-processing (1 source): opcode (bits 20-15). fcvt is 00010x (encode.ts). */
export const FP1: Readonly<Record<Fp1Op, number>> = {
  fmov: 0b000000,
  fabs: 0b000001,
  fneg: 0b000010,
  fsqrt: 0b000011,
  frintn: 0b001000,
  frintp: 0b001001,
  frintm: 0b001010,
  frintz: 0b001011,
  frinta: 0b001100,
  frintx: 0b001110,
  frinti: 0b001111,
};

/** Floating-point compare: opcode2 bit 4 (signalling: fcmpe). Bit 3 selects the #0.0 form. */
export const FCMP: Readonly<Record<FcmpOp, number>> = { fcmp: 0b00000, fcmpe: 0b10000 };

/** Floating-point conditional compare: op (bit 4). */
export const FCCMP: Readonly<Record<FccmpOp, number>> = { fccmp: 0, fccmpe: 1 };

/** Conversions between floating point and integer: rmode (bits 20-19) and opcode (bits 18-16). */
export const CVT: Readonly<Record<CvtI2FOp | CvtF2IOp, { readonly rmode: number; readonly opcode: number }>> = {
  fcvtns: { rmode: 0b00, opcode: 0b000 },
  fcvtnu: { rmode: 0b00, opcode: 0b001 },
  scvtf: { rmode: 0b00, opcode: 0b010 },
  ucvtf: { rmode: 0b00, opcode: 0b011 },
  fcvtas: { rmode: 0b00, opcode: 0b100 },
  fcvtau: { rmode: 0b00, opcode: 0b101 },
  fcvtps: { rmode: 0b01, opcode: 0b000 },
  fcvtpu: { rmode: 0b01, opcode: 0b001 },
  fcvtms: { rmode: 0b10, opcode: 0b000 },
  fcvtmu: { rmode: 0b10, opcode: 0b001 },
  fcvtzs: { rmode: 0b11, opcode: 0b000 },
  fcvtzu: { rmode: 0b11, opcode: 0b001 },
};

/** FMOV (general): rmode 00 with opcode 110 (to a general register) or 111 (from one). */
export const FMOV_GENERAL = { toGpr: 0b110, fromGpr: 0b111 } as const;

/** Advanced SIMD across lanes: U (bit 29) and opcode (bits 16-12). */
export const REDUCE: Readonly<Record<ReduceOp, { readonly u: number; readonly opcode: number; readonly bits: 8 | 16 }>> = {
  addv: { u: 0, opcode: 0b11011, bits: 8 },
  uaddlv: { u: 1, opcode: 0b00011, bits: 16 },
};

/**
 * Cache maintenance (SYS #op1, Cn, Cm, #op2, xt, shown by its dc/ic alias): op1, CRn, CRm, op2,
 * and the alias's mnemonic and operation name (Arm ARM C5.3, "DC CVAU" and "IC IVAU").
 */
export const CACHE_OPS: Readonly<
  Record<CacheOp, { readonly op1: number; readonly crn: number; readonly crm: number; readonly op2: number; readonly mnemonic: 'dc' | 'ic'; readonly name: string }>
> = {
  dc_cvau: { op1: 0b011, crn: 0b0111, crm: 0b1011, op2: 0b001, mnemonic: 'dc', name: 'cvau' },
  ic_ivau: { op1: 0b011, crn: 0b0111, crm: 0b0101, op2: 0b001, mnemonic: 'ic', name: 'ivau' },
};
