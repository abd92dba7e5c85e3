/**
 * Checked immediates for x86-64 instructions.
 *
 * An instruction field typed `Imm8`, `Imm16`, `Imm32` or `Imm64` can only be filled through
 * these constructors, which throw a RangeError on a value the encoding cannot hold. A bad
 * immediate is a compiler bug, never user input, so it is an exception and not a KilnError.
 *
 * Each stores the value as the signed integer the hardware sign-extends (Intel SDM vol. 2A,
 * 2.2.1.5 "Immediates": in 64-bit mode immediates are at most 32 bits and sign-extended to 64,
 * except `mov r64, imm64`).
 */

declare const immBrand: unique symbol;

export type Imm8 = number & { readonly [immBrand]: 8 };
export type Imm16 = number & { readonly [immBrand]: 16 };
export type Imm32 = number & { readonly [immBrand]: 32 };
export type Imm64 = bigint & { readonly [immBrand]: 64 };

function checkInt(v: number, lo: number, hi: number, what: string): void {
  if (!Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`${what} out of range: ${v} (allowed ${lo}..${hi})`);
  }
}

/** A signed byte, -128..127 (sign-extended where the instruction widens it). */
export function imm8(v: number): Imm8 {
  checkInt(v, -128, 127, 'imm8');
  return v as Imm8;
}

/** An unsigned byte, 0..255 (shift counts, rounding modes); kept as its signed byte value. */
export function uimm8(v: number): Imm8 {
  checkInt(v, 0, 255, 'uimm8');
  return ((v << 24) >> 24) as Imm8;
}

/** A 16-bit immediate, -32768..32767 (16-bit stores). */
export function imm16(v: number): Imm16 {
  checkInt(v, -32768, 32767, 'imm16');
  return v as Imm16;
}

/** A 32-bit immediate that 64-bit forms sign-extend: -2^31..2^31-1. */
export function imm32(v: number): Imm32 {
  checkInt(v, -0x8000_0000, 0x7fff_ffff, 'imm32');
  return v as Imm32;
}

/** A full 64-bit immediate for `movabs`: any value in -2^63..2^64-1, kept as signed. */
export function imm64(v: bigint): Imm64 {
  if (v < -(1n << 63n) || v >= 1n << 64n) {
    throw new RangeError(`imm64 out of range: ${v}`);
  }
  return BigInt.asIntN(64, v) as Imm64;
}

/** A memory displacement (disp32): -2^31..2^31-1. */
export function disp32(v: number): number {
  checkInt(v, -0x8000_0000, 0x7fff_ffff, 'disp32');
  return v;
}

/** Whether v fits a sign-extended byte, so a short form (disp8, imm8) can encode it. */
export function fitsInt8(v: number): boolean {
  return v >= -128 && v <= 127;
}
