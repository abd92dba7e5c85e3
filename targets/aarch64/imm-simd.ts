/**
 * Immediates of the Advanced SIMD modified-immediate instructions (movi, mvni, orr, bic; Arm ARM
 * DDI 0487, shared pseudocode AdvSIMDExpandImm): an 8-bit value placed in each element, shifted
 * left by whole bytes (lsl) or with ones shifted in (msl), or, for the 64-bit form of movi,
 * each of its bits standing for a byte of ones.
 */

import { ELEM_BITS, type VElem } from './arrangement.js';
import type { VecImmOp } from './inst-simd.js';

const M64 = (1n << 64n) - 1n;

/** The imm8 of `movi vd.2d, #value`: each byte of value must be 0x00 or 0xff (bit k of imm8 is byte k); else null. */
export function vecMask64(value: bigint): number | null {
  const v = BigInt.asUintN(64, value);
  let imm8 = 0;
  for (let k = 0; k < 8; k++) {
    const byte = Number((v >> BigInt(8 * k)) & 0xffn);
    if (byte === 0xff) imm8 |= 1 << k;
    else if (byte !== 0) return null;
  }
  return imm8;
}

/** The 64-bit value a byte mask imm8 stands for (the inverse of vecMask64). */
export function expandMask64(imm8: number): bigint {
  let v = 0n;
  for (let k = 0; k < 8; k++) if (((imm8 >> k) & 1) === 1) v |= 0xffn << BigInt(8 * k);
  return v;
}

/**
 * The 64-bit pattern (each half of the vector) a modified immediate stands for: the element
 * value replicated, inverted for mvni. For orr and bic it is the operand that is or-ed in or
 * cleared. `amount` is the lsl or msl shift (msl shifts in ones).
 */
export function vecImmValue(op: VecImmOp, elem: VElem, imm8: number, shift: 'lsl' | 'msl' = 'lsl', amount = 0): bigint {
  if (elem === 'd') return expandMask64(imm8);
  const bits = ELEM_BITS[elem];
  let lane = BigInt(imm8) << BigInt(amount);
  if (shift === 'msl') lane |= (1n << BigInt(amount)) - 1n;
  let v = 0n;
  for (let at = 0; at < 64; at += bits) v |= lane << BigInt(at);
  return op === 'mvni' ? ~v & M64 : v;
}
