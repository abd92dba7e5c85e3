/**
 * Typed x86-64 machine instructions: one discriminated union over `kind`, with named fields.
 *
 * Each kind is one instruction family whose members share an encoding shape; the member is
 * named by `op` (a key of the family's table in tables.ts). Operands are registers
 * (branded numbers), memory operands (operands.ts) and checked immediates (imm.ts).
 * `w` is the operand width in bits; 32-bit forms zero the upper half of the destination.
 *
 * Where a field is `Gpr | Mem` (or `Xmm | Mem`) the same instruction has a register and a
 * memory form, told apart by `typeof operand === 'number'`.
 */

import type { Imm16, Imm32, Imm64, Imm8 } from './imm.js';
import type { Cond, Label, Mem } from './operands.js';
import type { Gpr, W, Width, Xmm } from './regs.js';
import type {
  MovmskOp, PackedRoundOp, PextrOp, PinsrOp, SseBlendvOp, SseCmpOp, SseCmpPred, SseImmOp, SsePackedOp, SsePackedStoreOp,
  SseRegOp, SseShiftImmOp,
} from './tables-simd.js';

export type {
  MovmskOp, PackedRoundOp, PextrOp, PinsrOp, SseBlendvOp, SseCmpOp, SseCmpPred, SseImmOp, SsePackedOp, SsePackedStoreOp,
  SseRegOp, SseShiftImmOp,
} from './tables-simd.js';

export type GprOrMem = Gpr | Mem;
export type XmmOrMem = Xmm | Mem;

/** Two-operand integer ALU group (op r/m, r; op r, r/m; op r/m, imm). */
export type AluOp = 'add' | 'or' | 'and' | 'sub' | 'xor' | 'cmp' | 'test';
/** Group 2 shifts and rotates. */
export type ShiftOp = 'rol' | 'ror' | 'shl' | 'shr' | 'sar';
/** Group 3 one-operand forms. */
export type UnaryOp = 'not' | 'neg';
export type DivOp = 'div' | 'idiv';
/** Bit counting and scanning: `op r, r/m`. popcnt, lzcnt, tzcnt need CPU features. */
export type BitOp = 'popcnt' | 'lzcnt' | 'tzcnt' | 'bsr' | 'bsf';
/**
 * SSE forms `op xmm, xmm/m`: the scalar and bitwise ones named here, and the packed (SIMD)
 * ones, named by the keys of tables-simd.ts's SSE_PACKED.
 */
export type SseOp =
  | SsePackedOp
  | 'movss' | 'movsd' | 'movaps' | 'movapd'
  | 'addss' | 'addsd' | 'subss' | 'subsd' | 'mulss' | 'mulsd' | 'divss' | 'divsd'
  | 'minss' | 'minsd' | 'maxss' | 'maxsd' | 'sqrtss' | 'sqrtsd'
  | 'cvtss2sd' | 'cvtsd2ss' | 'ucomiss' | 'ucomisd'
  | 'andps' | 'andpd' | 'andnps' | 'andnpd' | 'orps' | 'orpd' | 'xorps' | 'xorpd';
/** Stores `op m, xmm`: movss, movsd, and the packed ones of tables-simd.ts (movups, movdqu, movq, ...). */
export type SseStoreOp = 'movss' | 'movsd' | SsePackedStoreOp;
export type RoundOp = 'roundss' | 'roundsd' | PackedRoundOp;
export type CvtIntToFloatOp = 'cvtsi2ss' | 'cvtsi2sd';
export type CvtFloatToIntOp = 'cvttss2si' | 'cvttsd2si';

export type Inst =
  // --- moves ---
  /** mov r, r/m (register copy or load). */
  | { readonly kind: 'mov'; readonly w: W; readonly dst: Gpr; readonly src: GprOrMem }
  /** mov r, imm32 (w=32: zero-extended; w=64: sign-extended). */
  | { readonly kind: 'mov_imm'; readonly w: W; readonly dst: Gpr; readonly imm: Imm32 }
  /** movabs r64, imm64. */
  | { readonly kind: 'movabs'; readonly dst: Gpr; readonly imm: Imm64 }
  /** mov m, r at any width. */
  | { readonly kind: 'store'; readonly w: Width; readonly dst: Mem; readonly src: Gpr }
  /** mov m, imm (the immediate is as wide as the store, at most 32 bits, sign-extended). */
  | { readonly kind: 'store_imm'; readonly w: 8; readonly dst: Mem; readonly imm: Imm8 }
  | { readonly kind: 'store_imm'; readonly w: 16; readonly dst: Mem; readonly imm: Imm16 }
  | { readonly kind: 'store_imm'; readonly w: W; readonly dst: Mem; readonly imm: Imm32 }
  /** movzx/movsx r, r/m8 or r/m16. */
  | { readonly kind: 'movzx'; readonly w: W; readonly from: 8 | 16; readonly dst: Gpr; readonly src: GprOrMem }
  | { readonly kind: 'movsx'; readonly w: W; readonly from: 8 | 16; readonly dst: Gpr; readonly src: GprOrMem }
  /** movsxd r64, r/m32. */
  | { readonly kind: 'movsxd'; readonly dst: Gpr; readonly src: GprOrMem }
  | { readonly kind: 'lea'; readonly w: W; readonly dst: Gpr; readonly src: Mem }
  // --- integer arithmetic ---
  /** op r, r/m (for test with memory, objdump shows the memory first). */
  | { readonly kind: 'alu'; readonly op: AluOp; readonly w: W; readonly dst: Gpr; readonly src: GprOrMem }
  /** op r/m, imm (imm8 form chosen when the value fits, except for test). */
  | { readonly kind: 'alu_imm'; readonly op: AluOp; readonly w: W; readonly dst: GprOrMem; readonly imm: Imm32 }
  | { readonly kind: 'imul'; readonly w: W; readonly dst: Gpr; readonly src: GprOrMem }
  /** imul r, r/m, imm (imm8 form when it fits). */
  | { readonly kind: 'imul_imm'; readonly w: W; readonly dst: Gpr; readonly src: GprOrMem; readonly imm: Imm32 }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly w: W; readonly dst: GprOrMem }
  /** div/idiv r/m: rdx:rax / src; needs cdq/cqo (idiv) or xor edx,edx (div) before. */
  | { readonly kind: 'div'; readonly op: DivOp; readonly w: W; readonly src: GprOrMem }
  /** cdq (w=32) or cqo (w=64): sign-extend eax/rax into edx/rdx. */
  | { readonly kind: 'cdq'; readonly w: W }
  /** shift/rotate r/m by cl or by an immediate count. */
  | { readonly kind: 'shift'; readonly op: ShiftOp; readonly w: W; readonly dst: GprOrMem; readonly count: 'cl' | Imm8 }
  | { readonly kind: 'bit'; readonly op: BitOp; readonly w: W; readonly dst: Gpr; readonly src: GprOrMem }
  | { readonly kind: 'setcc'; readonly cc: Cond; readonly dst: Gpr }
  | { readonly kind: 'cmov'; readonly cc: Cond; readonly w: W; readonly dst: Gpr; readonly src: GprOrMem }
  // --- control ---
  /** jcc/jmp to a label: rel32, or rel8 when `short` (the assembler throws if it does not reach). */
  | { readonly kind: 'jcc'; readonly cc: Cond; readonly target: Label; readonly short: boolean }
  | { readonly kind: 'jmp'; readonly target: Label; readonly short: boolean }
  /** jmp r/m64. */
  | { readonly kind: 'jmp_ind'; readonly target: GprOrMem }
  /** call rel32 to a symbol, left as a relocation. */
  | { readonly kind: 'call'; readonly symbol: string }
  /** call r/m64. */
  | { readonly kind: 'call_ind'; readonly target: GprOrMem }
  | { readonly kind: 'push'; readonly reg: Gpr }
  | { readonly kind: 'pop'; readonly reg: Gpr }
  | { readonly kind: 'ret' }
  | { readonly kind: 'ud2' }
  | { readonly kind: 'int3' }
  /** nop, or one multi-byte nop of `size` bytes (1-9) for padding. */
  | { readonly kind: 'nop'; readonly size?: NopSize }
  // --- SSE ---
  | { readonly kind: 'sse'; readonly op: SseOp; readonly dst: Xmm; readonly src: XmmOrMem }
  | { readonly kind: 'sse_store'; readonly op: SseStoreOp; readonly dst: Mem; readonly src: Xmm }
  /** roundss/roundsd/roundps/roundpd xmm, xmm/m, mode (SSE4.1; mode bits per SDM ROUNDSS, Table 4-18). */
  | { readonly kind: 'round'; readonly op: RoundOp; readonly dst: Xmm; readonly src: XmmOrMem; readonly mode: Imm8 }
  /** movd/movq xmm, r32/r64. */
  | { readonly kind: 'movd_to_xmm'; readonly w: W; readonly dst: Xmm; readonly src: Gpr }
  /** movd/movq r32/r64, xmm. */
  | { readonly kind: 'movd_from_xmm'; readonly w: W; readonly dst: Gpr; readonly src: Xmm }
  /** cvtsi2ss/sd xmm, r/m32 or r/m64 (`w` is the integer width). */
  | { readonly kind: 'cvt_i2f'; readonly op: CvtIntToFloatOp; readonly w: W; readonly dst: Xmm; readonly src: GprOrMem }
  /** cvttss2si/cvttsd2si r32 or r64, xmm/m (`w` is the integer width). */
  | { readonly kind: 'cvt_f2i'; readonly op: CvtFloatToIntOp; readonly w: W; readonly dst: Gpr; readonly src: XmmOrMem }
  // --- packed SSE (128-bit SIMD; the tables are tables-simd.ts, the encoders encode-simd.ts) ---
  /** movhlps/movlhps xmm, xmm: register only (with memory the opcodes are movlps/movhps). */
  | { readonly kind: 'sse_reg'; readonly op: SseRegOp; readonly dst: Xmm; readonly src: Xmm }
  /** op xmm, xmm/m, imm8: pshufd/pshuflw/pshufhw, palignr, shufps/shufpd, pblendw/blendps/blendpd, insertps. */
  | { readonly kind: 'sse_imm'; readonly op: SseImmOp; readonly dst: Xmm; readonly src: XmmOrMem; readonly imm: Imm8 }
  /** cmpps/cmppd xmm, xmm/m with a predicate (its imm8 0-7), printed as objdump's `cmp<pred>ps`. */
  | { readonly kind: 'sse_cmp'; readonly op: SseCmpOp; readonly pred: SseCmpPred; readonly dst: Xmm; readonly src: XmmOrMem }
  /** pblendvb/blendvps/blendvpd xmm, xmm/m: the mask is xmm0, implicit (the allocator must place it there). */
  | { readonly kind: 'sse_blendv'; readonly op: SseBlendvOp; readonly dst: Xmm; readonly src: XmmOrMem }
  /** psllw/pslld/psllq, psrlw/psrld/psrlq, psraw/psrad, pslldq/psrldq xmm, imm8 (bit count; byte count for *dq). */
  | { readonly kind: 'sse_shift_imm'; readonly op: SseShiftImmOp; readonly dst: Xmm; readonly count: Imm8 }
  /** pinsrb/pinsrw/pinsrd xmm, r32/m, lane; pinsrq xmm, r64/m64, lane. */
  | { readonly kind: 'pinsr'; readonly op: PinsrOp; readonly dst: Xmm; readonly src: GprOrMem; readonly lane: Imm8 }
  /** pextrb/pextrw/pextrd/extractps r32/m, xmm, lane; pextrq r64/m64, xmm, lane. */
  | { readonly kind: 'pextr'; readonly op: PextrOp; readonly dst: GprOrMem; readonly src: Xmm; readonly lane: Imm8 }
  /** pmovmskb/movmskps/movmskpd r32, xmm. */
  | { readonly kind: 'movmsk'; readonly op: MovmskOp; readonly dst: Gpr; readonly src: Xmm };

/** Lengths of the recommended multi-byte nops (SDM vol. 2B, NOP, Table 4-12). */
export type NopSize = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export type InstKind = Inst['kind'];

/** Narrow an instruction union by kind (each union member has exactly one kind). */
export type InstOf<K extends InstKind> = Extract<Inst, { kind: K }>;

/** For exhaustive switches: a kind no case handled is a type error here. */
export function unreachable(x: never): never {
  throw new Error(`unhandled instruction ${JSON.stringify(x)}`);
}
