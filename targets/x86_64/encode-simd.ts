/**
 * Encoders of the packed-SSE (128-bit SIMD) instruction kinds whose shape the scalar families do
 * not share: register-only moves, imm8 forms, compares with a predicate, variable blends, shifts
 * by an immediate, lane inserts and extracts, and mask moves. The packed `op xmm, xmm/m`
 * forms and the packed stores are rows of the `sse`/`sse_store` kinds (encode.ts). Opcodes are
 * the rows of tables-simd.ts; each function names the Intel SDM vol. 2 page(s) it follows, and
 * modrm.ts writes prefix, REX, ModRM, SIB and displacement (a RIP-relative displacement skips
 * the trailing imm8).
 */

import { emitRm, type EncodeSink } from './modrm.js';
import type { InstOf } from './inst.js';
import { P66 } from './opcode-row.js';
import { cmpPredImm, MOVMSK, PEXTR, PINSR, SSE_BLENDV, SSE_CMP, SSE_IMM, SSE_REG, SSE_SHIFT_IMM } from './tables-simd.js';

export type SimdKind = 'sse_reg' | 'sse_imm' | 'sse_cmp' | 'sse_blendv' | 'sse_shift_imm' | 'pinsr' | 'pextr' | 'movmsk';

/** MOVHLPS, MOVLHPS: 0F 12/16 /r with two registers. */
function encSseReg(s: EncodeSink, i: InstOf<'sse_reg'>): void {
  const row = SSE_REG[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 0);
}

/** PSHUFD/PSHUFHW/PSHUFLW, PALIGNR, SHUFPS/SHUFPD, PBLENDW, BLENDPS/BLENDPD, INSERTPS: `/r ib`. */
function encSseImm(s: EncodeSink, i: InstOf<'sse_imm'>): void {
  const row = SSE_IMM[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 1);
  s.buf.u8(i.imm);
}

/** CMPPS/CMPPD: [66] 0F C2 /r ib, the predicate in the imm8 (CMPPS, Table 3-1). */
function encSseCmp(s: EncodeSink, i: InstOf<'sse_cmp'>): void {
  const row = SSE_CMP[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 1);
  s.buf.u8(cmpPredImm(i.pred));
}

/** PBLENDVB, BLENDVPS, BLENDVPD: 66 0F 38 10/14/15 /r, the mask implicitly xmm0. */
function encSseBlendv(s: EncodeSink, i: InstOf<'sse_blendv'>): void {
  const row = SSE_BLENDV[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 0);
}

/** PSLLW/D/Q, PSRLW/D/Q, PSRAW/D, PSLLDQ, PSRLDQ by imm8: 66 0F 71/72/73 /digit ib (register only). */
function encSseShiftImm(s: EncodeSink, i: InstOf<'sse_shift_imm'>): void {
  const row = SSE_SHIFT_IMM[i.op];
  emitRm(s, P66, false, row.opcode, row.ext, i.dst, 0, 1);
  s.buf.u8(i.count);
}

/** PINSRB/PINSRD/PINSRQ: 66 [REX.W] 0F 3A 20/22 /r ib; PINSRW: 66 0F C4 /r ib (xmm in ModRM.reg). */
function encPinsr(s: EncodeSink, i: InstOf<'pinsr'>): void {
  const row = PINSR[i.op];
  emitRm(s, row.prefix, row.w64, row.opcode, i.dst, i.src, 0, 1);
  s.buf.u8(i.lane);
}

/**
 * PEXTRB/PEXTRD/PEXTRQ, PEXTRW (memory), EXTRACTPS: 66 [REX.W] 0F 3A 14/15/16/17 /r ib with the
 * xmm in ModRM.reg; PEXTRW to a register: 66 0F C5 /r ib with the general register in ModRM.reg.
 */
function encPextr(s: EncodeSink, i: InstOf<'pextr'>): void {
  const row = PEXTR[i.op];
  if (typeof i.dst === 'number' && row.gprOpcode !== undefined) emitRm(s, row.prefix, false, row.gprOpcode, i.dst, i.src, 0, 1);
  else emitRm(s, row.prefix, row.w64, row.opcode, i.src, i.dst, 0, 1);
  s.buf.u8(i.lane);
}

/** PMOVMSKB: 66 0F D7 /r; MOVMSKPS: 0F 50 /r; MOVMSKPD: 66 0F 50 /r (r32 in ModRM.reg). */
function encMovmsk(s: EncodeSink, i: InstOf<'movmsk'>): void {
  const row = MOVMSK[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 0);
}

/** The encoder of each packed-SSE kind, spread into encode.ts's table. */
export const SIMD_ENCODERS: { readonly [K in SimdKind]: (s: EncodeSink, i: InstOf<K>) => void } = {
  sse_reg: encSseReg,
  sse_imm: encSseImm,
  sse_cmp: encSseCmp,
  sse_blendv: encSseBlendv,
  sse_shift_imm: encSseShiftImm,
  pinsr: encPinsr,
  pextr: encPextr,
  movmsk: encMovmsk,
};
