/**
 * Typed A64 machine instructions: one discriminated union over `kind`, with named fields.
 *
 * Each kind is one encoding shape of the Arm ARM (DDI 0487) encoding index (C4.1); its
 * members are named by `op`, a key of the family's table in tables.ts. Operands are registers
 * (branded numbers, regs.ts), addressing modes and conditions (operands.ts) and checked
 * immediates (imm.ts). `w` is the width of the general-purpose operands (32: w registers, the
 * upper half of the destination is zeroed; 64: x registers), `fw` that of scalar
 * floating-point operands (32: s registers, 64: d registers).
 *
 * Register 31 is typed per field: `GprSp` where the encoding means SP, `GprZr` where it means
 * the zero register. Instructions are the architectural ones; the preferred disassembly
 * aliases (mov, cmp, tst, lsl, mul, cset, sxtw, ...) are how print.ts shows them, and
 * alias.ts builds them. The Advanced SIMD vector kinds are in inst-simd.ts (tables-simd.ts,
 * encode-simd.ts, print-simd.ts, alias-simd.ts).
 */

import type {
  AddImm, BitIndex, ExtendAmount, FpImm8, Imm16, LogicalImm32, LogicalImm64, Nzcv, ShiftAmount, Uimm5,
} from './imm.js';
import type { AddShiftType, Addr, BarrierOption, Cond, Extend, Label, PairAddr, ShiftType, Sym, SysReg, WritableSysReg } from './operands.js';
import type { SimdInst } from './inst-simd.js';
import type { Fw, Gpr, GprSp, GprZr, Vreg, W } from './regs.js';

/** ADD/SUB and their flag-setting forms. */
export type AddSubOp = 'add' | 'sub' | 'adds' | 'subs';
/** Logical (immediate). */
export type LogicImmOp = 'and' | 'orr' | 'eor' | 'ands';
/** Logical (shifted register): N = 1 members invert the second operand. */
export type LogicOp = 'and' | 'bic' | 'orr' | 'orn' | 'eor' | 'eon' | 'ands' | 'bics';
export type MovWideOp = 'movn' | 'movz' | 'movk';
export type BitfieldOp = 'sbfm' | 'bfm' | 'ubfm';
/** Data-processing (3 source) at the operation width. */
export type MulOp = 'madd' | 'msub';
/** Data-processing (3 source), 64-bit high halves. */
export type MulHighOp = 'smulh' | 'umulh';
/** Data-processing (2 source). */
export type Dp2Op = 'udiv' | 'sdiv' | 'lslv' | 'lsrv' | 'asrv' | 'rorv';
/** Data-processing (1 source); rev32 only at 64 bits. */
export type Dp1Op = 'rbit' | 'rev16' | 'rev32' | 'rev' | 'clz' | 'cls';
export type CselOp = 'csel' | 'csinc' | 'csinv' | 'csneg';
export type CcmpOp = 'ccmn' | 'ccmp';
/** Loads and stores of general-purpose registers; a 32-bit register for b/h. */
export type LdStNarrowOp = 'strb' | 'strh' | 'ldrb' | 'ldrh';
export type LdStOp = LdStNarrowOp | 'str' | 'ldr' | 'ldrsb' | 'ldrsh' | 'ldrsw';
export type PairOp = 'stp' | 'ldp';
export type FpLdStOp = 'str' | 'ldr';
/** Floating-point data-processing (2 source). */
export type Fp2Op = 'fmul' | 'fdiv' | 'fadd' | 'fsub' | 'fmax' | 'fmin' | 'fmaxnm' | 'fminnm' | 'fnmul';
/** Floating-point data-processing (1 source) that keep the precision. */
export type Fp1Op = 'fmov' | 'fabs' | 'fneg' | 'fsqrt' | 'frintn' | 'frintp' | 'frintm' | 'frintz' | 'frinta' | 'frintx' | 'frinti';
export type FcmpOp = 'fcmp' | 'fcmpe';
export type FccmpOp = 'fccmp' | 'fccmpe';
/** Integer to floating point (scvtf/ucvtf, scalar, integer). */
export type CvtI2FOp = 'scvtf' | 'ucvtf';
/** Floating point to integer, by rounding mode: n (nearest even), p (+inf), m (-inf), z (zero), a (away). */
export type CvtF2IOp =
  | 'fcvtns' | 'fcvtnu' | 'fcvtps' | 'fcvtpu' | 'fcvtms' | 'fcvtmu' | 'fcvtzs' | 'fcvtzu' | 'fcvtas' | 'fcvtau';
export type BranchRegOp = 'br' | 'blr' | 'ret';
export type BarrierOp = 'dmb' | 'dsb';
/** Cache maintenance by virtual address to the point of unification (SYS aliases dc/ic). */
export type CacheOp = 'dc_cvau' | 'ic_ivau';
/** Advanced SIMD across lanes over v.8b: addv gives a byte, uaddlv a halfword. */
export type ReduceOp = 'addv' | 'uaddlv';

export type Inst =
  // --- integer arithmetic and logic ---
  /** ADD/SUB (immediate): rd and rn may be SP; the S forms write the zero register instead (cmp, cmn). */
  | { readonly kind: 'add_imm'; readonly op: 'add' | 'sub'; readonly w: W; readonly rd: GprSp; readonly rn: GprSp; readonly imm: AddImm }
  | { readonly kind: 'add_imm'; readonly op: 'adds' | 'subs'; readonly w: W; readonly rd: GprZr; readonly rn: GprSp; readonly imm: AddImm }
  /** ADD/SUB (shifted register): rm shifted by lsl/lsr/asr `amount` (default lsl #0). */
  | {
      readonly kind: 'add_reg'; readonly op: AddSubOp; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr;
      readonly shift?: AddShiftType; readonly amount?: ShiftAmount;
    }
  /** ADD/SUB (extended register): rm (a w register unless uxtx/sxtx) extended, then shifted left 0-4. */
  | {
      readonly kind: 'add_ext'; readonly op: 'add' | 'sub'; readonly w: W; readonly rd: GprSp; readonly rn: GprSp; readonly rm: GprZr;
      readonly extend: Extend; readonly amount?: ExtendAmount;
    }
  | {
      readonly kind: 'add_ext'; readonly op: 'adds' | 'subs'; readonly w: W; readonly rd: GprZr; readonly rn: GprSp; readonly rm: GprZr;
      readonly extend: Extend; readonly amount?: ExtendAmount;
    }
  /** Logical (immediate): a bitmask immediate of the operation width; and/orr/eor may write SP. */
  | { readonly kind: 'logic_imm'; readonly op: 'and' | 'orr' | 'eor'; readonly w: 32; readonly rd: GprSp; readonly rn: GprZr; readonly imm: LogicalImm32 }
  | { readonly kind: 'logic_imm'; readonly op: 'and' | 'orr' | 'eor'; readonly w: 64; readonly rd: GprSp; readonly rn: GprZr; readonly imm: LogicalImm64 }
  | { readonly kind: 'logic_imm'; readonly op: 'ands'; readonly w: 32; readonly rd: GprZr; readonly rn: GprZr; readonly imm: LogicalImm32 }
  | { readonly kind: 'logic_imm'; readonly op: 'ands'; readonly w: 64; readonly rd: GprZr; readonly rn: GprZr; readonly imm: LogicalImm64 }
  /** Logical (shifted register): rm shifted by lsl/lsr/asr/ror `amount` (default lsl #0). */
  | {
      readonly kind: 'logic_reg'; readonly op: LogicOp; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr;
      readonly shift?: ShiftType; readonly amount?: ShiftAmount;
    }
  /** Move wide (immediate): rd = imm16 << shift (movz), its complement (movn), or that chunk replaced (movk). */
  | { readonly kind: 'mov_wide'; readonly op: MovWideOp; readonly w: 32; readonly rd: GprZr; readonly imm: Imm16; readonly shift: 0 | 16 }
  | { readonly kind: 'mov_wide'; readonly op: MovWideOp; readonly w: 64; readonly rd: GprZr; readonly imm: Imm16; readonly shift: 0 | 16 | 32 | 48 }
  /** Bitfield: sbfm/ubfm/bfm with immr and imms (the lsl/lsr/asr #n, sxt*, uxt*, *bfx, *bfiz aliases). */
  | { readonly kind: 'bitfield'; readonly op: BitfieldOp; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly immr: ShiftAmount; readonly imms: ShiftAmount }
  /** EXTR: bits lsb.. of rn:rm (ror #n when rn = rm). */
  | { readonly kind: 'extr'; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr; readonly lsb: ShiftAmount }
  /** MADD/MSUB: rd = ra ± rn * rm (mul, mneg when ra is the zero register). */
  | { readonly kind: 'mul'; readonly op: MulOp; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr; readonly ra: GprZr }
  /** SMULH/UMULH: the high 64 bits of the 128-bit product. */
  | { readonly kind: 'mulh'; readonly op: MulHighOp; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr }
  /** Divisions and shifts by register (lsl/lsr/asr/ror aliases). */
  | { readonly kind: 'dp2'; readonly op: Dp2Op; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr }
  /** Bit reversal, byte reversal, leading zeros/sign bits. */
  | { readonly kind: 'dp1'; readonly op: Dp1Op; readonly w: W; readonly rd: GprZr; readonly rn: GprZr }
  /** Conditional select: rd = cond ? rn : f(rm) (cset, csetm, cinc, cinv, cneg aliases). */
  | { readonly kind: 'csel'; readonly op: CselOp; readonly w: W; readonly rd: GprZr; readonly rn: GprZr; readonly rm: GprZr; readonly cond: Cond }
  /** Conditional compare (register): flags = cond ? compare(rn, rm) : nzcv. */
  | { readonly kind: 'ccmp'; readonly op: CcmpOp; readonly w: W; readonly rn: GprZr; readonly rm: GprZr; readonly nzcv: Nzcv; readonly cond: Cond }
  /** Conditional compare (immediate). */
  | { readonly kind: 'ccmp_imm'; readonly op: CcmpOp; readonly w: W; readonly rn: GprZr; readonly imm: Uimm5; readonly nzcv: Nzcv; readonly cond: Cond }
  // --- loads and stores ---
  /** Byte and halfword loads and stores of a w register. */
  | { readonly kind: 'ldst'; readonly op: LdStNarrowOp; readonly w: 32; readonly rt: GprZr; readonly addr: Addr }
  /** ldr/str of a w or x register; ldrsb/ldrsh sign-extend to w or x. */
  | { readonly kind: 'ldst'; readonly op: 'ldr' | 'str' | 'ldrsb' | 'ldrsh'; readonly w: W; readonly rt: GprZr; readonly addr: Addr }
  /** ldrsw: 32 bits sign-extended to an x register. */
  | { readonly kind: 'ldst'; readonly op: 'ldrsw'; readonly w: 64; readonly rt: GprZr; readonly addr: Addr }
  /** Loads and stores of s, d (and q) registers. */
  | { readonly kind: 'fldst'; readonly op: FpLdStOp; readonly fw: Fw | 128; readonly rt: Vreg; readonly addr: Addr }
  /** LDP/STP of two w or x registers. */
  | { readonly kind: 'ldst_pair'; readonly op: PairOp; readonly w: W; readonly rt: GprZr; readonly rt2: GprZr; readonly addr: PairAddr }
  /** LDP/STP of two s, d (or q) registers. */
  | { readonly kind: 'fldst_pair'; readonly op: PairOp; readonly fw: Fw | 128; readonly rt: Vreg; readonly rt2: Vreg; readonly addr: PairAddr }
  /** LDR (literal): a w or x register (ldrsw: sign-extended word) loaded pc-relative from a label (imm19). */
  | { readonly kind: 'ldr_lit'; readonly op: 'ldr'; readonly w: W; readonly rt: GprZr; readonly target: Label }
  | { readonly kind: 'ldr_lit'; readonly op: 'ldrsw'; readonly w: 64; readonly rt: GprZr; readonly target: Label }
  /** LDR (literal, SIMD&FP): an s, d or q register from a label (imm19). */
  | { readonly kind: 'fldr_lit'; readonly fw: Fw | 128; readonly rt: Vreg; readonly target: Label }
  // --- control ---
  /** B to a label (imm26) or to a symbol (a jump26 relocation: tail calls). */
  | { readonly kind: 'b'; readonly target: Label | Sym }
  /** BL to a label (imm26) or to a symbol (a call26 relocation). */
  | { readonly kind: 'bl'; readonly target: Label | Sym }
  /** B.cond to a label (imm19). */
  | { readonly kind: 'b_cond'; readonly cond: Cond; readonly target: Label }
  /** CBZ/CBNZ: branch when rt is (not) zero (imm19). */
  | { readonly kind: 'cbz'; readonly op: 'cbz' | 'cbnz'; readonly w: W; readonly rt: GprZr; readonly target: Label }
  /** TBZ/TBNZ: branch when bit `bit` of rt is (not) zero (imm14); a bit above 31 needs the x view. */
  | { readonly kind: 'tbz'; readonly op: 'tbz' | 'tbnz'; readonly rt: GprZr; readonly bit: BitIndex; readonly target: Label }
  /** BR/BLR/RET through a register (ret normally x30). */
  | { readonly kind: 'br'; readonly op: BranchRegOp; readonly rn: Gpr }
  /** ADR: rd = address of a label (±1 MiB). */
  | { readonly kind: 'adr'; readonly rd: Gpr; readonly target: Label }
  /** ADRP: rd = the 4 KiB page of a symbol (an adr_prel_pg_hi21 relocation). */
  | { readonly kind: 'adrp'; readonly rd: Gpr; readonly symbol: Sym }
  /** ADD (immediate) of a symbol's low 12 bits (an add_abs_lo12_nc relocation), after adrp. */
  | { readonly kind: 'add_lo12'; readonly rd: GprSp; readonly rn: GprSp; readonly symbol: Sym }
  // --- system ---
  | { readonly kind: 'nop' }
  /** BRK #imm16: a breakpoint (debuggers, kiln's fill between functions). */
  | { readonly kind: 'brk'; readonly imm: Imm16 }
  /** UDF #imm16: permanently undefined (a trap). */
  | { readonly kind: 'udf'; readonly imm: Imm16 }
  /** SVC #imm16: a supervisor call (Linux: the system call number in x8, arguments in x0-x5, #0). */
  | { readonly kind: 'svc'; readonly imm: Imm16 }
  /** DMB/DSB with a domain option. */
  | { readonly kind: 'barrier'; readonly op: BarrierOp; readonly option: BarrierOption }
  | { readonly kind: 'isb' }
  /** MRS rt, fpcr|fpsr|ctr_el0. */
  | { readonly kind: 'mrs'; readonly rt: GprZr; readonly reg: SysReg }
  /** MSR fpcr|fpsr, rt (ctr_el0 is read-only). */
  | { readonly kind: 'msr'; readonly reg: WritableSysReg; readonly rt: GprZr }
  /** DC CVAU / IC IVAU, xt: clean the data cache line / invalidate the instruction cache line holding address xt. */
  | { readonly kind: 'cache'; readonly op: CacheOp; readonly rt: Gpr }
  // --- scalar floating point ---
  /** FMOV (scalar, immediate). */
  | { readonly kind: 'fmov_imm'; readonly fw: Fw; readonly rd: Vreg; readonly imm: FpImm8 }
  /** fmov (register) and the one-source operations that keep the precision. */
  | { readonly kind: 'fp1'; readonly op: Fp1Op; readonly fw: Fw; readonly rd: Vreg; readonly rn: Vreg }
  | { readonly kind: 'fp2'; readonly op: Fp2Op; readonly fw: Fw; readonly rd: Vreg; readonly rn: Vreg; readonly rm: Vreg }
  /** FCMP/FCMPE against a register or against #0.0. */
  | { readonly kind: 'fcmp'; readonly op: FcmpOp; readonly fw: Fw; readonly rn: Vreg; readonly rm: Vreg | 'zero' }
  | { readonly kind: 'fccmp'; readonly op: FccmpOp; readonly fw: Fw; readonly rn: Vreg; readonly rm: Vreg; readonly nzcv: Nzcv; readonly cond: Cond }
  | { readonly kind: 'fcsel'; readonly fw: Fw; readonly rd: Vreg; readonly rn: Vreg; readonly rm: Vreg; readonly cond: Cond }
  /** FCVT between precisions: `fw` is the destination's (the source is the other one). */
  | { readonly kind: 'fcvt'; readonly fw: Fw; readonly rd: Vreg; readonly rn: Vreg }
  /** scvtf/ucvtf: a w or x register to an s or d register. */
  | { readonly kind: 'cvt_i2f'; readonly op: CvtI2FOp; readonly w: W; readonly fw: Fw; readonly rd: Vreg; readonly rn: GprZr }
  /** fcvt[npmza][su]: an s or d register to a w or x register. */
  | { readonly kind: 'cvt_f2i'; readonly op: CvtF2IOp; readonly w: W; readonly fw: Fw; readonly rd: GprZr; readonly rn: Vreg }
  /** FMOV (general): w → s or x → d, bits unchanged. */
  | { readonly kind: 'fmov_to_fp'; readonly w: W; readonly rd: Vreg; readonly rn: GprZr }
  /** FMOV (general): s → w or d → x, bits unchanged. */
  | { readonly kind: 'fmov_from_fp'; readonly w: W; readonly rd: GprZr; readonly rn: Vreg }
  // --- Advanced SIMD (popcnt) ---
  /** CNT vd.8b, vn.8b: the population count of each byte. */
  | { readonly kind: 'cnt'; readonly rd: Vreg; readonly rn: Vreg }
  /** ADDV bd, vn.8b / UADDLV hd, vn.8b: the sum of the eight bytes. */
  | { readonly kind: 'reduce'; readonly op: ReduceOp; readonly rd: Vreg; readonly rn: Vreg }
  // --- Advanced SIMD (v128): inst-simd.ts ---
  | SimdInst;

export type InstKind = Inst['kind'];

/** Narrow an instruction union by kind (a kind may have several members, told apart by op or w). */
export type InstOf<K extends InstKind> = Extract<Inst, { kind: K }>;

/** For exhaustive switches: a kind no case handled is a type error here. */
export function unreachable(x: never): never {
  throw new Error(`unhandled instruction ${JSON.stringify(x)}`);
}
