/**
 * x86-64 registers and the System V AMD64 calling convention.
 *
 * Registers are small branded numbers (the hardware encoding, 0-15), so an instruction holding
 * one costs nothing and a GPR can never be passed where an XMM register is expected. The upper
 * bit (8-15) goes into REX.R/X/B when encoded (Intel SDM vol. 2A, 2.2.1 "REX Prefixes").
 *
 * ABI facts follow the System V Application Binary Interface, AMD64 Architecture Processor
 * Supplement (psABI 1.0):
 * - 3.2.1 "Registers" and Figure 3.4 "Register Usage": which registers are callee-saved;
 * - 3.2.2 "The Stack Frame": rsp+8 is 16-byte aligned on function entry (rsp is 16-aligned at
 *   the call instruction), and the 128 bytes below rsp are the red zone;
 * - 3.2.3 "Parameter Passing": INTEGER arguments in rdi, rsi, rdx, rcx, r8, r9, SSE arguments in
 *   xmm0-xmm7; INTEGER results in rax, rdx, SSE results in xmm0, xmm1; al carries the number of
 *   vector registers used by a variadic call.
 */

declare const gprBrand: unique symbol;
declare const xmmBrand: unique symbol;

/** A general-purpose register by hardware number (0-15). */
export type Gpr = number & { readonly [gprBrand]: true };
/** An SSE register by hardware number (0-15). */
export type Xmm = number & { readonly [xmmBrand]: true };

/** Register classes as the (target-neutral) register allocator sees them. */
export type RegClass = 'gpr' | 'xmm';

/** Operand widths in bits. */
export type Width = 8 | 16 | 32 | 64;
/** The widths of general arithmetic (32-bit forms zero the upper half). */
export type W = 32 | 64;

export const RAX = 0 as Gpr;
export const RCX = 1 as Gpr;
export const RDX = 2 as Gpr;
export const RBX = 3 as Gpr;
export const RSP = 4 as Gpr;
export const RBP = 5 as Gpr;
export const RSI = 6 as Gpr;
export const RDI = 7 as Gpr;
export const R8 = 8 as Gpr;
export const R9 = 9 as Gpr;
export const R10 = 10 as Gpr;
export const R11 = 11 as Gpr;
export const R12 = 12 as Gpr;
export const R13 = 13 as Gpr;
export const R14 = 14 as Gpr;
export const R15 = 15 as Gpr;

/** Every GPR in encoding order. */
export const GPRS: readonly Gpr[] = Array.from({ length: 16 }, (_, i) => i as Gpr);
/** Every XMM register in encoding order. */
export const XMMS: readonly Xmm[] = Array.from({ length: 16 }, (_, i) => i as Xmm);

/** `xmm(3)` is xmm3; throws on a number outside 0-15. */
export function xmm(n: number): Xmm {
  if (!Number.isInteger(n) || n < 0 || n > 15) throw new RangeError(`no register xmm${n}`);
  return n as Xmm;
}

/** `gpr(12)` is r12; throws on a number outside 0-15. */
export function gpr(n: number): Gpr {
  if (!Number.isInteger(n) || n < 0 || n > 15) throw new RangeError(`no general register ${n}`);
  return n as Gpr;
}

const LEGACY = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const BYTE_LOW = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];

/** The name objdump gives a GPR at a width: rax/eax/ax/al, r8/r8d/r8w/r8b. */
export function gprName(r: Gpr, w: Width): string {
  if (r >= 8) {
    const suffix = w === 64 ? '' : w === 32 ? 'd' : w === 16 ? 'w' : 'b';
    return `r${r}${suffix}`;
  }
  switch (w) {
    case 64:
      return 'r' + LEGACY[r];
    case 32:
      return 'e' + LEGACY[r];
    case 16:
      return LEGACY[r]!;
    case 8:
      return BYTE_LOW[r]!;
  }
}

export function xmmName(r: Xmm): string {
  return `xmm${r}`;
}

/**
 * True when naming r as a byte register needs a REX prefix: spl, bpl, sil and dil (4-7) are
 * only reachable with REX present; without it those numbers mean ah, ch, dh, bh
 * (Intel SDM vol. 2A, 2.2.1.2 "More on REX Prefix Fields" and Table 3-1 in 3.1.1.1).
 */
export function byteRegNeedsRex(r: number): boolean {
  return r >= 4 && r <= 7;
}

/** System V AMD64 psABI facts (sections cited in the file header). */
export const SYSV = {
  /** 3.2.3: INTEGER class arguments, in order. */
  intArgs: [RDI, RSI, RDX, RCX, R8, R9] as readonly Gpr[],
  /** 3.2.3: SSE class arguments, in order. */
  floatArgs: XMMS.slice(0, 8),
  /** 3.2.3: INTEGER class results. */
  intResults: [RAX, RDX] as readonly Gpr[],
  /** 3.2.3: SSE class results. */
  floatResults: XMMS.slice(0, 2),
  /** Figure 3.4: preserved across calls (plus rsp itself). */
  calleeSavedGprs: [RBX, RBP, R12, R13, R14, R15] as readonly Gpr[],
  /** Figure 3.4: clobbered by a call. */
  callerSavedGprs: [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11] as readonly Gpr[],
  /** Figure 3.4: no XMM register is preserved across calls. */
  calleeSavedXmms: [] as readonly Xmm[],
  callerSavedXmms: XMMS,
  /** Figure 3.4: r10 passes a static chain pointer; r11 is a pure scratch register. */
  staticChain: R10,
  scratch: R11,
  /** 3.2.3: al = upper bound on vector registers used, for variadic calls. */
  varargVectorCount: RAX,
  stackPointer: RSP,
  framePointer: RBP,
  /** 3.2.2: rsp is a multiple of this at every call instruction. */
  stackAlignment: 16,
  /** 3.2.2: bytes below rsp that signal handlers leave alone. */
  redZoneBytes: 128,
} as const;
