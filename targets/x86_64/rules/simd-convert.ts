/**
 * Vector conversions between i32x4 and f32x4 / f64x2 lanes on SSE2 / SSE4.1, with wasm's
 * semantics (WebAssembly 2.0 §4.3.3: trunc_sat_s/u — NaN → 0, out of range → the nearest bound;
 * convert_s/u, demote, promote — rounded to nearest, ties to even).
 *
 * CVTTPS2DQ / CVTTPD2DQ (SDM vol. 2A) return the "integer indefinite" 0x80000000 for NaN and
 * for every out-of-range value, so the saturating forms clear NaN lanes before converting and
 * repair or clamp the positive overflow; CVTDQ2PS converts signed lanes only, so the unsigned
 * form converts two exact halves and adds them once (one rounding). Rows that are one
 * instruction are the SINGLE table; the others are named helpers in SEQUENCES.
 *
 * Operand layouts:
 * - SINGLE rows: def, a.
 * - f64x2.convert_low_i32x4_u: def, a.
 * - the other SEQUENCES: def (reuses 1), a, plus `temps` scratch xmm.
 * xmm15 and r11 are the emitter's scratch registers (abi.ts).
 */

import { uimm8 } from '../imm.js';
import type { SseOp } from '../inst.js';
import type { Xmm } from '../regs.js';
import { SCRATCH_XMM } from '../abi.js';
import { byOpcode, lowerTwoAddress, opcodeAt, splatQword, sse } from './simd-float.js';
import { defineLowering, defineRule, lowerUnary, type EmitCtx, type LowerFn } from './rule.js';

/** the IEEE bits of an f64 */
function f64Bits(x: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x, true);
  return dv.getBigUint64(0, true);
}

const I32_MAX_F64 = f64Bits(2147483647);
const U32_MAX_F64 = f64Bits(4294967295);
/** 2^52: adding it to an integer below 2^32 leaves the integer in the low 32 bits of the f64 */
const TWO_52_F64 = f64Bits(2 ** 52);

const shiftImm = (e: EmitCtx, op: 'psrld' | 'pslld' | 'psrad', dst: Xmm, count: number): void =>
  e.asm.emit({ kind: 'sse_shift_imm', op, dst, count: uimm8(count) });

// ---- one instruction ----

const SINGLE: Readonly<Record<string, SseOp>> = {
  // CVTDQ2PS: signed i32 → f32, rounded by MXCSR (nearest-even)
  'f32x4.convert_i32x4_s': 'cvtdq2ps',
  // CVTDQ2PD: the two low i32 lanes → f64, exact
  'f64x2.convert_low_i32x4_s': 'cvtdq2pd',
  // CVTPD2PS: two f64 → two f32 in the low half, the high half zeroed
  'f32x4.demote_f64x2_zero': 'cvtpd2ps',
  // CVTPS2PD: the two low f32 lanes → f64, exact
  'f64x2.promote_low_f32x4': 'cvtps2pd',
};

const SINGLE_BY_OP = byOpcode(SINGLE);
const single = defineRule('vcvt', (e, mi) => sse(e, SINGLE_BY_OP[opcodeAt(e, mi)]!, e.xmm(mi, 0), e.xmm(mi, 1)), true);
defineLowering(Object.keys(SINGLE).join(' '), lowerUnary(single));

// ---- sequences ----

/**
 * f32 → i32, saturating: NaN lanes are zeroed (and with the ordered mask), then cvttps2dq; its
 * 0x80000000 is right for negative overflow, and positive overflow is exactly the lanes whose
 * input had a clear sign bit and whose result has a set one: their mask flips 0x80000000 to
 * 0x7fffffff.
 */
function truncSatF32S(e: EmitCtx, mi: number): void {
  const dst = e.xmm(mi, 0);
  const m = SCRATCH_XMM;
  sse(e, 'movaps', m, dst);
  e.asm.emit({ kind: 'sse_cmp', op: 'cmpps', pred: 'ord', dst: m, src: m });
  sse(e, 'andps', dst, m); // NaN → +0
  sse(e, 'pxor', m, dst); // ~a where ordered, 0 where NaN
  sse(e, 'cvttps2dq', dst, dst);
  sse(e, 'pand', m, dst);
  shiftImm(e, 'psrad', m, 31); // all ones where a >= 2^31
  sse(e, 'pxor', dst, m);
}

/**
 * f32 → u32, saturating: max(a, 0) clears NaN (maxps returns its second operand) and negative
 * lanes; then lo = cvtt(a) (right below 2^31, 0x80000000 above) plus hi = cvtt(max(a - 2^31, 0))
 * (0 below 2^31, the rest above, 0x80000000 from 2^32 on, whose sign then saturates the lane).
 */
function truncSatF32U(e: EmitCtx, mi: number): void {
  const dst = e.xmm(mi, 0);
  const t = e.xmm(mi, 2);
  const x = SCRATCH_XMM;
  sse(e, 'xorps', x, x);
  sse(e, 'maxps', dst, x);
  sse(e, 'pcmpeqd', x, x);
  shiftImm(e, 'pslld', x, 31);
  sse(e, 'cvtdq2ps', x, x); // -2^31 in every lane
  sse(e, 'movaps', t, dst);
  sse(e, 'addps', t, x); // a - 2^31 (exact from 2^31 on)
  sse(e, 'xorps', x, x);
  sse(e, 'maxps', t, x);
  sse(e, 'cvttps2dq', dst, dst);
  sse(e, 'cvttps2dq', t, t);
  sse(e, 'paddd', dst, t);
  shiftImm(e, 'psrad', t, 31);
  sse(e, 'por', dst, t);
}

/**
 * u32 → f32: hi = a >> 16 and lo = a & 0xffff convert exactly; hi * 2^16 is made exact as
 * cvt(hi << 15) doubled; one addition rounds the sum, as a single conversion would.
 */
function convertU32(e: EmitCtx, mi: number): void {
  const dst = e.xmm(mi, 0);
  const x = SCRATCH_XMM;
  sse(e, 'movdqa', x, dst);
  shiftImm(e, 'psrld', x, 16); // hi
  e.asm.emit({ kind: 'sse_imm', op: 'pblendw', dst, src: x, imm: uimm8(0xaa) }); // lo: the high words from x, which are 0
  shiftImm(e, 'pslld', x, 15);
  sse(e, 'cvtdq2ps', x, x);
  sse(e, 'addps', x, x); // hi * 2^16
  sse(e, 'cvtdq2ps', dst, dst);
  sse(e, 'addps', dst, x);
}

/** f64 → i32 in lanes 0-1, saturating: NaN → 0, min(a, 2^31 - 1), cvttpd2dq (negative overflow gives 0x80000000) */
function truncSatF64S(e: EmitCtx, mi: number): void {
  const dst = e.xmm(mi, 0);
  const x = SCRATCH_XMM;
  sse(e, 'movapd', x, dst);
  e.asm.emit({ kind: 'sse_cmp', op: 'cmppd', pred: 'ord', dst: x, src: x });
  sse(e, 'andpd', dst, x);
  splatQword(e, x, I32_MAX_F64);
  sse(e, 'minpd', dst, x);
  sse(e, 'cvttpd2dq', dst, dst);
}

/**
 * f64 → u32 in lanes 0-1, saturating: clamp to [0, 2^32 - 1] (maxpd with 0 first clears NaN),
 * truncate, add 2^52 so the integer is the low dword of each f64, and gather those two dwords
 * over two zero lanes.
 */
function truncSatF64U(e: EmitCtx, mi: number): void {
  const dst = e.xmm(mi, 0);
  const x = SCRATCH_XMM;
  sse(e, 'xorpd', x, x);
  sse(e, 'maxpd', dst, x);
  splatQword(e, x, U32_MAX_F64);
  sse(e, 'minpd', dst, x);
  e.asm.emit({ kind: 'round', op: 'roundpd', dst, src: dst, mode: uimm8(11) });
  splatQword(e, x, TWO_52_F64);
  sse(e, 'addpd', dst, x);
  sse(e, 'xorps', x, x);
  e.asm.emit({ kind: 'sse_imm', op: 'shufps', dst, src: x, imm: uimm8(0x08) }); // dwords 0, 2 of dst; 0, 0 of x
}

/** u32 lanes 0-1 → f64: each u32 under the high dword 0x43300000 is the f64 2^52 + u; minus 2^52 is exact */
function convertLowU32(e: EmitCtx, mi: number): void {
  const dst = e.xmm(mi, 0);
  const x = SCRATCH_XMM;
  splatQword(e, x, TWO_52_F64);
  e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst, src: e.xmm(mi, 1), imm: uimm8(0x50) }); // a0 a0 a1 a1
  e.asm.emit({ kind: 'sse_imm', op: 'blendps', dst, src: x, imm: uimm8(0x0a) }); // a0 H a1 H
  sse(e, 'subpd', dst, x);
}

interface Sequence {
  readonly emit: (e: EmitCtx, mi: number) => void;
  readonly lower: (rule: number) => LowerFn;
}

const twoAddress = (temps: number) => (rule: number): LowerFn => lowerTwoAddress(rule, false, temps);

const SEQUENCES: Readonly<Record<string, Sequence>> = {
  'i32x4.trunc_sat_f32x4_s': { emit: truncSatF32S, lower: twoAddress(0) },
  'i32x4.trunc_sat_f32x4_u': { emit: truncSatF32U, lower: twoAddress(1) },
  'f32x4.convert_i32x4_u': { emit: convertU32, lower: twoAddress(0) },
  'i32x4.trunc_sat_f64x2_s_zero': { emit: truncSatF64S, lower: twoAddress(0) },
  'i32x4.trunc_sat_f64x2_u_zero': { emit: truncSatF64U, lower: twoAddress(0) },
  'f64x2.convert_low_i32x4_u': { emit: convertLowU32, lower: lowerUnary },
};

for (const [name, s] of Object.entries(SEQUENCES)) defineLowering(name, s.lower(defineRule(name, s.emit, true)));
