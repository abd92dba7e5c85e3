/**
 * Opcode tables of the packed (128-bit SIMD) SSE, SSE2, SSSE3, SSE4.1 and SSE4.2 forms, one row
 * per member of a family, read by the encoder (encode.ts, encode-simd.ts), the printer
 * (print.ts) and the CPU-feature query (features.ts). The `op` types of these families are the
 * keys of their tables, so adding a member is one row here.
 *
 * Opcodes are from Intel SDM vol. 2 (2A-2D), on the page named in each comment; `ext` is the
 * /digit that goes in ModRM.reg (vol. 2D, Table A-6 "Opcode Extensions for One- and Two-byte
 * Opcodes by Group Number", groups 12-14). The feature is what CPUID reports the instruction
 * under (SSE and SSE2 are part of x86-64 itself: null).
 */

import type { CpuFeature } from './features.js';
import { NO_PREFIX, P66, PF2, PF3, type OpRow } from './opcode-row.js';

const row = (prefix: number, opcode: number, memBits: OpRow['memBits'], feature: CpuFeature | null): OpRow => ({ prefix, opcode, memBits, feature });
/** SSE `0F xx` on packed singles */
const ps = (op: number): OpRow => row(NO_PREFIX, 0x0f00 | op, 128, null);
/** SSE2 `66 0F xx` on packed doubles or packed integers */
const pd = (op: number): OpRow => row(P66, 0x0f00 | op, 128, null);
/** SSSE3 `66 0F 38 xx` */
const ssse3 = (op: number): OpRow => row(P66, 0x0f3800 | op, 128, 'ssse3');
/** SSE4.1 `66 0F 38 xx` (memory operand of `bits`) */
const sse41 = (op: number, bits: OpRow['memBits'] = 128): OpRow => row(P66, 0x0f3800 | op, bits, 'sse4.1');
/** SSE4.1 `66 0F 3A xx ib` */
const sse41i = (op: number, bits: OpRow['memBits'] = 128): OpRow => row(P66, 0x0f3a00 | op, bits, 'sse4.1');

/** Packed `op xmm, xmm/m` forms; they join the scalar rows of the `sse` kind (tables.ts SSE). */
const PACKED_ROWS = {
  // MOVUPS, MOVDQU (MOVDQU,VMOVDQU8/16/32/64), MOVDQA (MOVDQA,VMOVDQA32/64): loads and copies
  movups: ps(0x10),
  movdqu: row(PF3, 0x0f6f, 128, null),
  movdqa: pd(0x6f),
  // MOVQ—Move Quadword: F3 0F 7E /r, xmm1, xmm2/m64 (the upper quadword is zeroed)
  movq: row(PF3, 0x0f7e, 64, null),
  // PADDB/PADDW/PADDD/PADDQ—Add Packed Integers
  paddb: pd(0xfc),
  paddw: pd(0xfd),
  paddd: pd(0xfe),
  paddq: pd(0xd4),
  // PSUBB/PSUBW/PSUBD—Subtract Packed Integers; PSUBQ—Subtract Packed Quadword Integers
  psubb: pd(0xf8),
  psubw: pd(0xf9),
  psubd: pd(0xfa),
  psubq: pd(0xfb),
  // PADDSB/PADDSW, PADDUSB/PADDUSW, PSUBSB/PSUBSW, PSUBUSB/PSUBUSW (saturating)
  paddsb: pd(0xec),
  paddsw: pd(0xed),
  paddusb: pd(0xdc),
  paddusw: pd(0xdd),
  psubsb: pd(0xe8),
  psubsw: pd(0xe9),
  psubusb: pd(0xd8),
  psubusw: pd(0xd9),
  // PMULLW; PMULLD/PMULLQ; PMULUDQ; PMULDQ; PMULHW; PMULHUW; PMULHRSW; PMADDWD; PMADDUBSW
  pmullw: pd(0xd5),
  pmulld: sse41(0x40),
  pmuludq: pd(0xf4),
  pmuldq: sse41(0x28),
  pmulhw: pd(0xe5),
  pmulhuw: pd(0xe4),
  pmulhrsw: ssse3(0x0b),
  pmaddwd: pd(0xf5),
  pmaddubsw: ssse3(0x04),
  // PAVGB/PAVGW—Average Packed Integers
  pavgb: pd(0xe0),
  pavgw: pd(0xe3),
  // PMINSB/PMINSW, PMINSD/PMINSQ, PMINUB/PMINUW, PMINUD/PMINUQ—Minimum of Packed ... Integers
  pminsb: sse41(0x38),
  pminsw: pd(0xea),
  pminsd: sse41(0x39),
  pminub: pd(0xda),
  pminuw: sse41(0x3a),
  pminud: sse41(0x3b),
  // PMAXSB/PMAXSW/PMAXSD/PMAXSQ, PMAXUB/PMAXUW, PMAXUD/PMAXUQ—Maximum of Packed ... Integers
  pmaxsb: sse41(0x3c),
  pmaxsw: pd(0xee),
  pmaxsd: sse41(0x3d),
  pmaxub: pd(0xde),
  pmaxuw: sse41(0x3e),
  pmaxud: sse41(0x3f),
  // PABSB/PABSW/PABSD/PABSQ—Packed Absolute Value
  pabsb: ssse3(0x1c),
  pabsw: ssse3(0x1d),
  pabsd: ssse3(0x1e),
  // PCMPEQB/PCMPEQW/PCMPEQD; PCMPEQQ—Compare Packed Qword Data for Equal
  pcmpeqb: pd(0x74),
  pcmpeqw: pd(0x75),
  pcmpeqd: pd(0x76),
  pcmpeqq: sse41(0x29),
  // PCMPGTB/PCMPGTW/PCMPGTD; PCMPGTQ—Compare Packed Data for Greater Than (SSE4.2)
  pcmpgtb: pd(0x64),
  pcmpgtw: pd(0x65),
  pcmpgtd: pd(0x66),
  pcmpgtq: row(P66, 0x0f3837, 128, 'sse4.2'),
  // PAND, PANDN, POR, PXOR
  pand: pd(0xdb),
  pandn: pd(0xdf),
  por: pd(0xeb),
  pxor: pd(0xef),
  // PACKSSWB/PACKSSDW, PACKUSWB, PACKUSDW—Pack With Signed/Unsigned Saturation
  packsswb: pd(0x63),
  packssdw: pd(0x6b),
  packuswb: pd(0x67),
  packusdw: sse41(0x2b),
  // PUNPCKLBW/PUNPCKLWD/PUNPCKLDQ/PUNPCKLQDQ—Unpack Low Data; PUNPCKH*—Unpack High Data
  punpcklbw: pd(0x60),
  punpcklwd: pd(0x61),
  punpckldq: pd(0x62),
  punpcklqdq: pd(0x6c),
  punpckhbw: pd(0x68),
  punpckhwd: pd(0x69),
  punpckhdq: pd(0x6a),
  punpckhqdq: pd(0x6d),
  // PSHUFB—Packed Shuffle Bytes
  pshufb: ssse3(0x00),
  // PMOVSX—Packed Move With Sign Extend; PMOVZX—Packed Move With Zero Extend (source m64)
  pmovsxbw: sse41(0x20, 64),
  pmovsxwd: sse41(0x23, 64),
  pmovsxdq: sse41(0x25, 64),
  pmovzxbw: sse41(0x30, 64),
  pmovzxwd: sse41(0x33, 64),
  pmovzxdq: sse41(0x35, 64),
  // PTEST—Logical Compare
  ptest: sse41(0x17),
  // PSADBW—Compute Sum of Absolute Differences
  psadbw: pd(0xf6),
  // PSLLW/PSLLD/PSLLQ, PSRLW/PSRLD/PSRLQ, PSRAW/PSRAD/PSRAQ by the count in xmm/m128
  psllw: pd(0xf1),
  pslld: pd(0xf2),
  psllq: pd(0xf3),
  psrlw: pd(0xd1),
  psrld: pd(0xd2),
  psrlq: pd(0xd3),
  psraw: pd(0xe1),
  psrad: pd(0xe2),
  // ADDPS, ADDPD, SUBPS, SUBPD, MULPS, MULPD, DIVPS, DIVPD, MINPS, MINPD, MAXPS, MAXPD, SQRTPS, SQRTPD
  addps: ps(0x58),
  addpd: pd(0x58),
  subps: ps(0x5c),
  subpd: pd(0x5c),
  mulps: ps(0x59),
  mulpd: pd(0x59),
  divps: ps(0x5e),
  divpd: pd(0x5e),
  minps: ps(0x5d),
  minpd: pd(0x5d),
  maxps: ps(0x5f),
  maxpd: pd(0x5f),
  sqrtps: ps(0x51),
  sqrtpd: pd(0x51),
  // UNPCKLPS, UNPCKLPD, UNPCKHPS, UNPCKHPD
  unpcklps: ps(0x14),
  unpcklpd: pd(0x14),
  unpckhps: ps(0x15),
  unpckhpd: pd(0x15),
  // CVTDQ2PS, CVTTPS2DQ, CVTDQ2PD (m64), CVTPS2PD (m64), CVTPD2PS, CVTTPD2DQ
  cvtdq2ps: ps(0x5b),
  cvttps2dq: row(PF3, 0x0f5b, 128, null),
  cvtdq2pd: row(PF3, 0x0fe6, 64, null),
  cvtps2pd: row(NO_PREFIX, 0x0f5a, 64, null),
  cvtpd2ps: pd(0x5a),
  cvttpd2dq: pd(0xe6),
} satisfies Readonly<Record<string, OpRow>>;

export type SsePackedOp = keyof typeof PACKED_ROWS;
export const SSE_PACKED: Readonly<Record<SsePackedOp, OpRow>> = PACKED_ROWS;

/** Packed stores `op m, xmm`; they join the `sse_store` kind (tables.ts SSE_STORE). */
const PACKED_STORE_ROWS = {
  // MOVUPS m128, xmm: 0F 11 /r; MOVAPS m128, xmm: 0F 29 /r
  movups: ps(0x11),
  movaps: ps(0x29),
  // MOVDQU m128, xmm: F3 0F 7F /r; MOVDQA m128, xmm: 66 0F 7F /r
  movdqu: row(PF3, 0x0f7f, 128, null),
  movdqa: pd(0x7f),
  // MOVQ—Move Quadword: 66 0F D6 /r, xmm2/m64, xmm1 (the low quadword)
  movq: row(P66, 0x0fd6, 64, null),
} satisfies Readonly<Record<string, OpRow>>;

export type SsePackedStoreOp = keyof typeof PACKED_STORE_ROWS;
export const SSE_PACKED_STORE: Readonly<Record<SsePackedStoreOp, OpRow>> = PACKED_STORE_ROWS;

/** ROUNDPS/ROUNDPD xmm, xmm/m128, imm8 (SSE4.1); they join the `round` kind (tables.ts ROUND). */
const PACKED_ROUND_ROWS = {
  roundps: sse41i(0x08),
  roundpd: sse41i(0x09),
} satisfies Readonly<Record<string, OpRow>>;

export type PackedRoundOp = keyof typeof PACKED_ROUND_ROWS;
export const PACKED_ROUND: Readonly<Record<PackedRoundOp, OpRow>> = PACKED_ROUND_ROWS;

/**
 * Register-only `op xmm, xmm` (kind `sse_reg`): with a memory operand the same opcode is
 * another instruction (MOVLPS, MOVHPS).
 */
const REG_ROWS = {
  // MOVHLPS—Move Packed Single-Precision Floating-Point Values High to Low: 0F 12 /r
  movhlps: ps(0x12),
  // MOVLHPS—Move Packed Single-Precision Floating-Point Values Low to High: 0F 16 /r
  movlhps: ps(0x16),
} satisfies Readonly<Record<string, OpRow>>;

export type SseRegOp = keyof typeof REG_ROWS;
export const SSE_REG: Readonly<Record<SseRegOp, OpRow>> = REG_ROWS;

/** `op xmm, xmm/m, imm8` (kind `sse_imm`): shuffles, blends, byte alignment, insertps. */
const IMM_ROWS = {
  // PSHUFD: 66 0F 70 /r ib; PSHUFHW: F3 0F 70 /r ib; PSHUFLW: F2 0F 70 /r ib
  pshufd: pd(0x70),
  pshufhw: row(PF3, 0x0f70, 128, null),
  pshuflw: row(PF2, 0x0f70, 128, null),
  // PALIGNR—Packed Align Right: 66 0F 3A 0F /r ib (SSSE3)
  palignr: row(P66, 0x0f3a0f, 128, 'ssse3'),
  // SHUFPS: 0F C6 /r ib; SHUFPD: 66 0F C6 /r ib
  shufps: ps(0xc6),
  shufpd: pd(0xc6),
  // PBLENDW—Blend Packed Words; BLENDPS; BLENDPD (SSE4.1)
  pblendw: sse41i(0x0e),
  blendps: sse41i(0x0c),
  blendpd: sse41i(0x0d),
  // INSERTPS—Insert Scalar Single-Precision Floating-Point Value: 66 0F 3A 21 /r ib (m32)
  insertps: sse41i(0x21, 32),
} satisfies Readonly<Record<string, OpRow>>;

export type SseImmOp = keyof typeof IMM_ROWS;
export const SSE_IMM: Readonly<Record<SseImmOp, OpRow>> = IMM_ROWS;

/** CMPPS: 0F C2 /r ib; CMPPD: 66 0F C2 /r ib (kind `sse_cmp`). */
const CMP_ROWS = {
  cmpps: ps(0xc2),
  cmppd: pd(0xc2),
} satisfies Readonly<Record<string, OpRow>>;

export type SseCmpOp = keyof typeof CMP_ROWS;
export const SSE_CMP: Readonly<Record<SseCmpOp, OpRow>> = CMP_ROWS;

/**
 * The comparison predicates of CMPPS/CMPPD in imm8 order 0-7 (CMPPS, Table 3-1 "Comparison
 * Predicate for CMPPD and CMPPS Instructions"), named as the pseudo-ops `cmp<pred>ps` that
 * objdump prints: eq (ordered, quiet), lt and le (ordered, signalling), unord, neq (unordered),
 * nlt and nle (unordered, signalling), ord.
 */
export const SSE_CMP_PREDS = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'] as const;
export type SseCmpPred = (typeof SSE_CMP_PREDS)[number];

/** The imm8 of a predicate. */
export function cmpPredImm(pred: SseCmpPred): number {
  return SSE_CMP_PREDS.indexOf(pred);
}

/**
 * Variable blends `op xmm1, xmm2/m128, <XMM0>` (kind `sse_blendv`, SSE4.1): the mask is xmm0,
 * implicit in the encoding. PBLENDVB: 66 0F 38 10 /r; BLENDVPS: 66 0F 38 14 /r; BLENDVPD:
 * 66 0F 38 15 /r.
 */
const BLENDV_ROWS = {
  pblendvb: sse41(0x10),
  blendvps: sse41(0x14),
  blendvpd: sse41(0x15),
} satisfies Readonly<Record<string, OpRow>>;

export type SseBlendvOp = keyof typeof BLENDV_ROWS;
export const SSE_BLENDV: Readonly<Record<SseBlendvOp, OpRow>> = BLENDV_ROWS;

export interface ShiftImmRow {
  /** 66 0F 71/72/73 */
  readonly opcode: number;
  /** the /digit of the group */
  readonly ext: number;
}

/**
 * Shifts by an immediate `op xmm, imm8` (kind `sse_shift_imm`), all SSE2 with a 66 prefix:
 * group 12 (66 0F 71 /digit ib: words), 13 (66 0F 72: doublewords), 14 (66 0F 73: quadwords
 * and the byte shifts of the whole register). Pages: PSLLW/PSLLD/PSLLQ, PSRLW/PSRLD/PSRLQ,
 * PSRAW/PSRAD/PSRAQ, PSLLDQ, PSRLDQ.
 */
const SHIFT_IMM_ROWS = {
  psrlw: { opcode: 0x0f71, ext: 2 },
  psraw: { opcode: 0x0f71, ext: 4 },
  psllw: { opcode: 0x0f71, ext: 6 },
  psrld: { opcode: 0x0f72, ext: 2 },
  psrad: { opcode: 0x0f72, ext: 4 },
  pslld: { opcode: 0x0f72, ext: 6 },
  psrlq: { opcode: 0x0f73, ext: 2 },
  psrldq: { opcode: 0x0f73, ext: 3 },
  psllq: { opcode: 0x0f73, ext: 6 },
  pslldq: { opcode: 0x0f73, ext: 7 },
} satisfies Readonly<Record<string, ShiftImmRow>>;

export type SseShiftImmOp = keyof typeof SHIFT_IMM_ROWS;
export const SSE_SHIFT_IMM: Readonly<Record<SseShiftImmOp, ShiftImmRow>> = SHIFT_IMM_ROWS;

/** A lane insert or extract with a general register or memory. */
export interface LaneRow extends OpRow {
  /** REX.W: the general register is r64 (pinsrq, pextrq); otherwise it is named as r32. */
  readonly w64: boolean;
  /**
   * PEXTRW's SSE2 form `66 0F C5 /r ib` (r32, xmm): the general register in ModRM.reg and no
   * memory form; used for a register destination instead of the SSE4.1 row.
   */
  readonly gprOpcode?: number;
}

const lane = (opcode: number, memBits: OpRow['memBits'], feature: CpuFeature | null, w64 = false): LaneRow => ({ prefix: P66, opcode, memBits, feature, w64 });

/**
 * `op xmm, r32/r64/m, imm8` (kind `pinsr`): PINSRB/PINSRD/PINSRQ—Insert Byte/Dword/Qword
 * (66 [REX.W] 0F 3A 20/22 /r ib, SSE4.1) and PINSRW—Insert Word (66 0F C4 /r ib, SSE2).
 */
const PINSR_ROWS = {
  pinsrb: lane(0x0f3a20, 8, 'sse4.1'),
  pinsrw: lane(0x0fc4, 16, null),
  pinsrd: lane(0x0f3a22, 32, 'sse4.1'),
  pinsrq: lane(0x0f3a22, 64, 'sse4.1', true),
} satisfies Readonly<Record<string, LaneRow>>;

export type PinsrOp = keyof typeof PINSR_ROWS;
export const PINSR: Readonly<Record<PinsrOp, LaneRow>> = PINSR_ROWS;

/**
 * `op r32/r64/m, xmm, imm8` (kind `pextr`, the xmm in ModRM.reg): PEXTRB/PEXTRD/PEXTRQ—Extract
 * Byte/Dword/Qword (66 [REX.W] 0F 3A 14/16 /r ib), PEXTRW—Extract Word (66 0F 3A 15 /r ib to
 * memory, SSE4.1; 66 0F C5 /r ib to a register, SSE2) and EXTRACTPS (66 0F 3A 17 /r ib).
 */
const PEXTR_ROWS = {
  pextrb: lane(0x0f3a14, 8, 'sse4.1'),
  pextrw: { ...lane(0x0f3a15, 16, 'sse4.1'), gprOpcode: 0x0fc5 },
  pextrd: lane(0x0f3a16, 32, 'sse4.1'),
  pextrq: lane(0x0f3a16, 64, 'sse4.1', true),
  extractps: lane(0x0f3a17, 32, 'sse4.1'),
} satisfies Readonly<Record<string, LaneRow>>;

export type PextrOp = keyof typeof PEXTR_ROWS;
export const PEXTR: Readonly<Record<PextrOp, LaneRow>> = PEXTR_ROWS;

/**
 * `op r32, xmm` (kind `movmsk`, the general register in ModRM.reg): PMOVMSKB—Move Byte Mask
 * (66 0F D7 /r), MOVMSKPS (0F 50 /r), MOVMSKPD (66 0F 50 /r). memBits is unused (no memory form).
 */
const MOVMSK_ROWS = {
  pmovmskb: pd(0xd7),
  movmskps: ps(0x50),
  movmskpd: pd(0x50),
} satisfies Readonly<Record<string, OpRow>>;

export type MovmskOp = keyof typeof MOVMSK_ROWS;
export const MOVMSK: Readonly<Record<MovmskOp, OpRow>> = MOVMSK_ROWS;
