/**
 * Operands of A64 instructions other than registers and immediates: addressing modes,
 * condition codes, shift and extend operators, labels and symbols.
 *
 * Load/store addressing modes are those of the Arm ARM (DDI 0487) load/store register pages:
 * - `offset`: [xn|sp, #imm], an unsigned offset scaled by the access size (LDR/STR
 *   (immediate), unsigned offset: imm12);
 * - `unscaled`: [xn|sp, #simm], any byte offset -256..255 (LDUR/STUR: imm9);
 * - `pre`: [xn|sp, #simm]! and `post`: [xn|sp], #simm, which write the address back
 *   (LDR/STR (immediate), pre-index and post-index: imm9);
 * - `reg`: [xn|sp, xm{, lsl #s}] or [xn|sp, wm, uxtw|sxtw {#s}] or [xn|sp, xm, sxtx {#s}]
 *   (LDR/STR (register): option and S, where S scales the index by the access size).
 * Load/store pair instructions (LDP/STP) take `offset`, `pre` and `post` with a signed offset
 * scaled by the register size (imm7).
 */

import type { AccessSize, PairOffset, SImm9, UOffset } from './imm.js';
import { pairOffset, simm9, uoffset } from './imm.js';
import type { Gpr, GprSp, GprZr } from './regs.js';

declare const labelBrand: unique symbol;
/** A position in an assembler's output, made by `Assembler.newLabel()`. */
export type Label = number & { readonly [labelBrand]: true };

/** An external symbol (another function, a runtime routine), resolved through a relocation. */
export type Sym = string;

/** [base, #offset] scaled unsigned. */
export interface OffsetAddr {
  readonly mode: 'offset';
  readonly base: GprSp;
  readonly offset: UOffset;
}

/** [base, #offset] unscaled (ldur/stur), [base, #offset]! (pre-index), [base], #offset (post-index). */
export interface Imm9Addr {
  readonly mode: 'unscaled' | 'pre' | 'post';
  readonly base: GprSp;
  readonly offset: SImm9;
}

/** How a register index is extended: lsl (a 64-bit index), uxtw/sxtw (a 32-bit one), sxtx. */
export type IndexExtend = 'lsl' | 'uxtw' | 'sxtw' | 'sxtx';

/** [base, index{, extend {#log2(size)}}]: `scaled` multiplies the index by the access size (S = 1). */
export interface RegAddr {
  readonly mode: 'reg';
  readonly base: GprSp;
  readonly index: GprZr;
  readonly extend: IndexExtend;
  readonly scaled: boolean;
}

export type Addr = OffsetAddr | Imm9Addr | RegAddr;

/** ldp/stp addressing: signed offset, pre-index or post-index, scaled by the register size. */
export interface PairAddr {
  readonly mode: 'offset' | 'pre' | 'post';
  readonly base: GprSp;
  readonly offset: PairOffset;
}

/** [base, #bytes] for an access of `size` bytes (bytes a multiple of size, 0..4095*size). */
export function memOffset(base: GprSp, bytes = 0, size: AccessSize = 8): OffsetAddr {
  return { mode: 'offset', base, offset: uoffset(bytes, size) };
}

/** [base, #bytes] with any byte offset -256..255 (ldur/stur). */
export function memUnscaled(base: GprSp, bytes: number): Imm9Addr {
  return { mode: 'unscaled', base, offset: simm9(bytes) };
}

/** [base, #bytes]!: base += bytes, then access. */
export function memPre(base: GprSp, bytes: number): Imm9Addr {
  return { mode: 'pre', base, offset: simm9(bytes) };
}

/** [base], #bytes: access, then base += bytes. */
export function memPost(base: GprSp, bytes: number): Imm9Addr {
  return { mode: 'post', base, offset: simm9(bytes) };
}

/** [base, index{, extend}]: the index optionally scaled by the access size. */
export function memIndex(base: GprSp, index: GprZr, extend: IndexExtend = 'lsl', scaled = false): RegAddr {
  return { mode: 'reg', base, index, extend, scaled };
}

/**
 * Addressing of the Advanced SIMD structure loads and stores (ld1, st1, ld1r): [base], or
 * post-indexed [base], #bytes (the bytes transferred, implied by the instruction) or
 * [base], xm (Rm = 31 means the immediate form, so the index is x0-x30).
 */
export type VecAddr =
  | { readonly mode: 'base'; readonly base: GprSp }
  | { readonly mode: 'post_imm'; readonly base: GprSp }
  | { readonly mode: 'post_reg'; readonly base: GprSp; readonly index: Gpr };

/** [base] for ld1/st1/ld1r. */
export function vmem(base: GprSp): VecAddr {
  return { mode: 'base', base };
}

/** [base], #bytes: base += the bytes transferred after the access. */
export function vmemPost(base: GprSp): VecAddr {
  return { mode: 'post_imm', base };
}

/** [base], xm: base += xm after the access. */
export function vmemPostReg(base: GprSp, index: Gpr): VecAddr {
  return { mode: 'post_reg', base, index };
}

/** ldp/stp [base, #bytes], [base, #bytes]! or [base], #bytes for registers of `size` bytes. */
export function pairAddr(mode: PairAddr['mode'], base: GprSp, bytes: number, size: 4 | 8 | 16): PairAddr {
  return { mode, base, offset: pairOffset(bytes, size) };
}

/** The `option` field of a register offset (LDR/STR (register)): 010 uxtw, 011 lsl, 110 sxtw, 111 sxtx. */
export const INDEX_OPTION: Readonly<Record<IndexExtend, number>> = { uxtw: 0b010, lsl: 0b011, sxtw: 0b110, sxtx: 0b111 };

/** Shifts of a shifted-register operand (`shift` field: 00 lsl, 01 lsr, 10 asr, 11 ror). */
export const SHIFTS = ['lsl', 'lsr', 'asr', 'ror'] as const;
export type ShiftType = (typeof SHIFTS)[number];
/** add/sub (shifted register) has no ror. */
export type AddShiftType = Exclude<ShiftType, 'ror'>;

/** Extend operators of add/sub (extended register), in `option` order 000..111. */
export const EXTENDS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'] as const;
export type Extend = (typeof EXTENDS)[number];

/**
 * Condition codes in their encoding order (Arm ARM DDI 0487, C1.2 "Structure of the A64
 * assembler language", condition codes table), named as objdump prints them: cs for hs, cc
 * for lo.
 */
export const CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'] as const;
export type Cond = (typeof CONDS)[number];

const COND_NUMBER: ReadonlyMap<Cond, number> = new Map(CONDS.map((c, i) => [c, i]));

/** The 4-bit encoding of a condition. */
export function condCode(c: Cond): number {
  return COND_NUMBER.get(c)!;
}

/** The condition that holds exactly when c does not (flip the low bit; al and nv both mean always). */
export function invertCond(c: Cond): Cond {
  return CONDS[condCode(c) ^ 1]!;
}

/** Barrier domains of dmb/dsb (CRm): ishld, ishst, ish, sy. */
export const BARRIER_OPTIONS = { ishld: 0b1001, ishst: 0b1010, ish: 0b1011, sy: 0b1111 } as const;
export type BarrierOption = keyof typeof BARRIER_OPTIONS;

/** System registers kiln reads with mrs (and, but for ctr_el0, writes with msr): o0:op1:CRn:CRm:op2 (op0 = 3). */
export const SYS_REGS = {
  /** FPCR: op0=3 op1=3 CRn=4 CRm=4 op2=0 */
  fpcr: 0b1_011_0100_0100_000,
  /** FPSR: op0=3 op1=3 CRn=4 CRm=4 op2=1 */
  fpsr: 0b1_011_0100_0100_001,
  /** CTR_EL0 (cache type, read-only; readable at EL0 on Linux): op0=3 op1=3 CRn=0 CRm=0 op2=1 */
  ctr_el0: 0b1_011_0000_0000_001,
} as const;
export type SysReg = keyof typeof SYS_REGS;
/** The system registers msr may write. */
export type WritableSysReg = Exclude<SysReg, 'ctr_el0'>;
