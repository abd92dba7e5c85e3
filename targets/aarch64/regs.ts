/**
 * AArch64 registers and the AAPCS64 calling convention.
 *
 * Registers are small branded numbers. General-purpose registers x0-x30 are their hardware
 * number (0-30). Register number 31 is two different registers depending on the operand (Arm
 * Architecture Reference Manual, DDI 0487, C1.2 "Structure of the A64 assembler language",
 * register names: each encoding says whether 31 is the stack pointer or the zero register): an operand
 * field is typed `GprSp` where 31 means SP and `GprZr` where it means XZR/WZR, and SP and ZR
 * are distinct branded values (SP = 63, XZR = 31), so the type checker refuses SP in a
 * zero-register field and XZR in a stack-pointer field, and the encoder's field helpers
 * (bits.ts) check it again at run time. Both encode as 31.
 *
 * The 32-bit view of a GPR (w0-w30, wzr, wsp) is not a separate register: an instruction's
 * width `w` (32 or 64) says which view its operands use. SIMD and floating-point registers
 * v0-v31 are `Vreg`; the scalar views b/h/s/d/q are likewise chosen by the instruction
 * (`fw` = 32 for s, 64 for d).
 *
 * ABI facts follow the Procedure Call Standard for the Arm 64-bit Architecture (AAPCS64,
 * ARM-software/abi-aa, 2024Q3 numbering), chapter 6 "The Base Procedure Call Standard":
 * - 6.1.1 "General-purpose Registers" (Table "General purpose registers and AAPCS64 usage"):
 *   r0-r7 parameter/result registers, r8 indirect result location, r9-r15 caller-saved,
 *   r16/r17 IP0/IP1 intra-procedure-call scratch (veneers and PLT code may clobber them at
 *   any call), r18 the platform register (software "should avoid using r18"), r19-r28
 *   callee-saved, r29 the frame pointer, r30 the link register;
 * - 6.1.2 "SIMD and Floating-Point registers": v0-v7 parameter/result registers, v8-v15
 *   callee-saved but only their bottom 64 bits (d8-d15), v16-v31 caller-saved;
 * - 6.4.5.1 "Universal stack constraints" and 6.4.5.2 "Stack constraints at a public
 *   interface": SP mod 16 = 0 (quad-word aligned) at every public interface, and any access
 *   through SP must use a 16-byte aligned SP (the hardware alignment check, SCTLR_EL1.SA0);
 * - 6.4.6 "The Frame Pointer": a frame record of two 64-bit values {previous x29, x30},
 *   pointed to by x29;
 * - 6.8 "Parameter passing" and 6.9 "Result return": results come back in the registers the
 *   first arguments use (x0-x7, v0-v7).
 */

declare const gprBrand: unique symbol;
declare const spBrand: unique symbol;
declare const zrBrand: unique symbol;
declare const vregBrand: unique symbol;

/** A general-purpose register x0-x30 by hardware number (0-30). */
export type Gpr = number & { readonly [gprBrand]: true };
/** The stack pointer: register number 31 in fields that name SP. */
export type Sp = number & { readonly [spBrand]: true };
/** The zero register: register number 31 in fields that name XZR/WZR. */
export type Zr = number & { readonly [zrBrand]: true };
/** A register field where 31 means SP (address bases, add/sub immediate, logical immediate destinations). */
export type GprSp = Gpr | Sp;
/** A register field where 31 means the zero register (most operands). */
export type GprZr = Gpr | Zr;
/** A SIMD and floating-point register v0-v31. */
export type Vreg = number & { readonly [vregBrand]: true };

/** Register classes as the (target-neutral) register allocator sees them. */
export type RegClass = 'gpr' | 'fpr';

/** Width of a general-purpose operation: w registers (32) or x registers (64). */
export type W = 32 | 64;
/** Width of a scalar floating-point operation: s registers (32) or d registers (64). */
export type Fw = 32 | 64;
/** Size in bits of a SIMD&FP register view: b, h, s, d, q. */
export type VBits = 8 | 16 | 32 | 64 | 128;

const g = (n: number): Gpr => n as Gpr;

export const X0 = g(0), X1 = g(1), X2 = g(2), X3 = g(3), X4 = g(4), X5 = g(5), X6 = g(6), X7 = g(7);
export const X8 = g(8), X9 = g(9), X10 = g(10), X11 = g(11), X12 = g(12), X13 = g(13), X14 = g(14), X15 = g(15);
export const X16 = g(16), X17 = g(17), X18 = g(18), X19 = g(19), X20 = g(20), X21 = g(21), X22 = g(22), X23 = g(23);
export const X24 = g(24), X25 = g(25), X26 = g(26), X27 = g(27), X28 = g(28), X29 = g(29), X30 = g(30);

/** The zero register (xzr/wzr). */
export const XZR = 31 as Zr;
/** The stack pointer (sp/wsp); 63 so that it never equals XZR, encoded as 31. */
export const SP = 63 as Sp;

/** AAPCS64 6.1.1 special names. */
export const IP0 = X16;
export const IP1 = X17;
export const PLATFORM_REG = X18;
export const FP = X29;
export const LR = X30;

/** x0-x30 in encoding order. */
export const GPRS: readonly Gpr[] = Array.from({ length: 31 }, (_, i) => i as Gpr);
/** v0-v31 in encoding order. */
export const VREGS: readonly Vreg[] = Array.from({ length: 32 }, (_, i) => i as Vreg);

/** `gpr(19)` is x19; throws outside 0-30 (31 is SP or XZR: use those constants). */
export function gpr(n: number): Gpr {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new RangeError(`no general register x${n}`);
  return n as Gpr;
}

/** `vreg(8)` is v8; throws outside 0-31. */
export function vreg(n: number): Vreg {
  if (!Number.isInteger(n) || n < 0 || n > 31) throw new RangeError(`no SIMD&FP register v${n}`);
  return n as Vreg;
}

/** The name objdump gives a GPR at a width: x3/w3, sp/wsp, xzr/wzr. */
export function gprName(r: GprSp | GprZr, w: W): string {
  if (r === SP) return w === 64 ? 'sp' : 'wsp';
  if (r === XZR) return w === 64 ? 'xzr' : 'wzr';
  return (w === 64 ? 'x' : 'w') + r;
}

const VIEW: Readonly<Record<VBits, string>> = { 8: 'b', 16: 'h', 32: 's', 64: 'd', 128: 'q' };

/** The scalar view of a SIMD&FP register: b0, h0, s0, d0, q0. */
export function vName(v: Vreg, bits: VBits): string {
  return VIEW[bits] + v;
}

/** AAPCS64 facts (sections cited in the file header). */
export const AAPCS64 = {
  /** 6.1.1, 6.8: integer and pointer arguments, in order. */
  intArgs: GPRS.slice(0, 8),
  /** 6.1.2, 6.8: floating-point arguments, in order. */
  floatArgs: VREGS.slice(0, 8),
  /** 6.9: integer results (the argument registers). */
  intResults: GPRS.slice(0, 8),
  /** 6.9: floating-point results. */
  floatResults: VREGS.slice(0, 8),
  /** 6.1.1: x8 carries the address of a returned composite that does not fit registers. */
  indirectResult: X8,
  /** 6.1.1: preserved across calls (x29 and sp too, by their roles). */
  calleeSavedGprs: GPRS.slice(19, 29),
  /** 6.1.1: clobbered by a call (x18 excluded: the platform register is not kiln's to use). */
  callerSavedGprs: [...GPRS.slice(0, 18)],
  /** 6.1.2: v8-v15 are preserved, but only their low 64 bits (d8-d15). */
  calleeSavedFprs: VREGS.slice(8, 16),
  calleeSavedFprBits: 64,
  callerSavedFprs: [...VREGS.slice(0, 8), ...VREGS.slice(16)],
  /** 6.1.1, 6.5.1: veneers and PLT stubs inserted by a linker may clobber these at any call. */
  intraProcedureScratch: [IP0, IP1] as readonly Gpr[],
  /** 6.1.1: platform register (thread pointer on some systems): never allocate it. */
  platformRegister: PLATFORM_REG,
  framePointer: FP,
  linkRegister: LR,
  stackPointer: SP,
  /** 6.4.5.1: SP mod 16 = 0 wherever SP is used to access memory and at public interfaces. */
  stackAlignment: 16,
  /** 6.4.6: the frame record {previous fp, lr} is 16 bytes, pointed to by x29. */
  frameRecordBytes: 16,
  /** No red zone: AAPCS64 lets nothing live below SP (6.4.5.1: the stack is [SP, base)). */
  redZoneBytes: 0,
} as const;
