/**
 * Operands of x86-64 instructions other than registers and immediates: memory addresses,
 * condition codes and labels.
 *
 * Addressing modes are those of Intel SDM vol. 2A, 2.1.5 "Addressing-Mode Encoding of ModR/M
 * and SIB Bytes" restricted to what a compiler emits: base + optional index*scale + disp32,
 * and RIP-relative disp32 (2.2.1.6 "RIP-Relative Addressing") whose target may be a raw
 * displacement, a label of the same assembler, or an external symbol (then a relocation).
 */

import { disp32 } from './imm.js';
import { RSP, type Gpr } from './regs.js';

export type Scale = 1 | 2 | 4 | 8;

declare const labelBrand: unique symbol;
/** A position in an assembler's output, made by `Assembler.newLabel()`. */
export type Label = number & { readonly [labelBrand]: true };

/** [base + index*scale + disp]. */
export interface BaseMem {
  readonly kind: 'mem';
  readonly base: Gpr;
  readonly index: Gpr | null;
  readonly scale: Scale;
  readonly disp: number;
}

/** [rip + disp]: disp relative to the next instruction, or to a label or symbol plus disp. */
export interface RipMem {
  readonly kind: 'rip';
  readonly disp: number;
  readonly label: Label | null;
  readonly symbol: string | null;
}

export type Mem = BaseMem | RipMem;

/** [base + disp]. */
export function mem(base: Gpr, disp = 0): BaseMem {
  return { kind: 'mem', base, index: null, scale: 1, disp: disp32(disp) };
}

/** [base + index*scale + disp]; rsp cannot be an index (SDM vol. 2A, Table 2-3). */
export function memIndex(base: Gpr, index: Gpr, scale: Scale, disp = 0): BaseMem {
  if (index === RSP) throw new RangeError('rsp cannot be an index register');
  if (scale !== 1 && scale !== 2 && scale !== 4 && scale !== 8) {
    throw new RangeError(`scale must be 1, 2, 4 or 8, not ${String(scale)}`);
  }
  return { kind: 'mem', base, index, scale, disp: disp32(disp) };
}

/** [rip + disp] with a literal displacement from the end of the instruction. */
export function rip(disp: number): RipMem {
  return { kind: 'rip', disp: disp32(disp), label: null, symbol: null };
}

/** [rip + (label - end of instruction) + disp], resolved when the assembler finishes. */
export function ripLabel(label: Label, disp = 0): RipMem {
  return { kind: 'rip', disp: disp32(disp), label, symbol: null };
}

/** [rip + symbol + disp], left as a pc-relative relocation for the linker. */
export function ripSymbol(symbol: string, disp = 0): RipMem {
  return { kind: 'rip', disp: disp32(disp), label: null, symbol };
}

/**
 * Condition codes in their encoding order (the low nibble of Jcc/SETcc/CMOVcc opcodes, SDM
 * vol. 2A, B.1.4.7 "Condition Test (tttn) Field"), named as objdump prints them.
 */
export const CONDS = [
  'o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g',
] as const;

export type Cond = (typeof CONDS)[number];

const COND_NUMBER: ReadonlyMap<Cond, number> = new Map(CONDS.map((c, i) => [c, i]));

/** The 4-bit tttn code of a condition. */
export function condCode(cc: Cond): number {
  return COND_NUMBER.get(cc)!;
}

/** The condition that holds exactly when cc does not (flip the low bit of tttn). */
export function invertCond(cc: Cond): Cond {
  return CONDS[condCode(cc) ^ 1]!;
}
