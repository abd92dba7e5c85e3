/**
 * Bit-field helpers for A64 encodings: every instruction is one little-endian 32-bit word
 * assembled from fixed opcode bits and operand fields (Arm ARM DDI 0487, C4.1 "A64 instruction
 * set encoding"). These helpers place one field and check that the value fits it, so an
 * encoder function reads as the field list of its manual page. Fields are joined with `|`
 * (the word may come out negative as an int32; CodeBuffer.u32 writes its low 32 bits). A
 * value that does not fit is a RangeError: it is a compiler bug (the checked constructors of
 * imm.ts should have refused it first), never user input.
 */

import { SP, XZR, type GprSp, type GprZr, type Vreg, type W } from './regs.js';

/** `value` (unsigned, `width` bits, width < 31) shifted to bit `lsb`; throws when it does not fit. */
export function field(value: number, width: number, lsb: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= 1 << width) {
    throw new RangeError(`field of ${width} bits at bit ${lsb} cannot hold ${value}`);
  }
  return value << lsb;
}

/** A signed value as a `width`-bit two's complement field at bit `lsb`; throws when it does not fit. */
export function sfield(value: number, width: number, lsb: number): number {
  const half = 1 << (width - 1);
  if (!Number.isInteger(value) || value < -half || value >= half) {
    throw new RangeError(`signed field of ${width} bits at bit ${lsb} cannot hold ${value}`);
  }
  return (value & ((1 << width) - 1)) << lsb;
}

/** The 5-bit field of a register operand where 31 is the zero register; SP is refused. */
export function rz(r: GprZr): number {
  if ((r as number) === SP) throw new RangeError('sp is not allowed in a zero-register operand');
  return r & 31;
}

/** The 5-bit field of a register operand where 31 is the stack pointer; XZR is refused. */
export function rs(r: GprSp): number {
  if ((r as number) === XZR) throw new RangeError('xzr is not allowed in a stack-pointer operand');
  return r & 31;
}

/** The 5-bit field of a SIMD&FP register. */
export function rv(v: Vreg): number {
  return v & 31;
}

/** The sf bit: 1 for 64-bit operations. */
export function sf(w: W): number {
  return w === 64 ? 1 : 0;
}

/** The `ftype` field of scalar floating point: 00 single, 01 double. */
export function ftype(fw: 32 | 64): number {
  return fw === 64 ? 1 : 0;
}

/** Bits [hi:lo] of a word, as an unsigned number. */
export function bitsOf(w: number, hi: number, lo: number): number {
  return Math.floor((w >>> 0) / 2 ** lo) % 2 ** (hi - lo + 1);
}
