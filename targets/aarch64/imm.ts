/**
 * Checked immediates for A64 instructions.
 *
 * An instruction field typed with one of these brands can only be filled through its
 * constructor, which throws a RangeError on a value the encoding cannot hold (a bad immediate
 * is a compiler bug, never user input, so it is an exception and not a KilnError). Where a
 * value may or may not be encodable and the caller wants to choose another sequence, a
 * predicate (`isAddImm`, `isLogicalImm`, `isFpImm`) or a `try` form answers without throwing.
 *
 * Encodings are those of the Arm Architecture Reference Manual (DDI 0487), A64 base and
 * SIMD&FP instruction pages; each constructor names the field it fills.
 */

import type { W } from './regs.js';

declare const immBrand: unique symbol;
type Brand<T, K extends string> = T & { readonly [immBrand]: K };

/** add/sub/cmp/cmn immediate: imm12, optionally shifted left by 12 (the value is kept). */
export type AddImm = Brand<number, 'add'>;
/** and/orr/eor/ands/tst bitmask immediate of a 32-bit instruction: its 13-bit N:immr:imms encoding (N = 0). */
export type LogicalImm32 = Brand<number, 'logical32'>;
/** The same for a 64-bit instruction (N:immr:imms; N = 1 for 64-bit elements). */
export type LogicalImm64 = Brand<number, 'logical64'>;
/** movz/movn/movk chunk, brk and udf payload: 0..65535. */
export type Imm16 = Brand<number, 'imm16'>;
/** The left shift of a move-wide chunk (`hw` * 16); 32-bit forms allow 0 and 16. */
export type MovShift = 0 | 16 | 32 | 48;
/** Unsigned scaled load/store offset in bytes: a multiple of the access size, at most 4095 of them. */
export type UOffset = Brand<number, 'uoffset'>;
/** Unscaled, pre-index and post-index load/store offset in bytes: -256..255 (imm9). */
export type SImm9 = Brand<number, 'simm9'>;
/** ldp/stp offset in bytes: a multiple of the access size, -64..63 of them (imm7). */
export type PairOffset = Brand<number, 'pair'>;
/** Shift amount, bit position or bitfield immr/imms: 0..w-1 (imm6; 5 bits in 32-bit forms). */
export type ShiftAmount = Brand<number, 'shift'>;
/** Left shift after extension in extended-register operands: 0..4 (imm3). */
export type ExtendAmount = Brand<number, 'extend'>;
/** ccmp/ccmn immediate: 0..31 (imm5). */
export type Uimm5 = Brand<number, 'uimm5'>;
/** The NZCV flags a conditional compare sets when its condition fails: 0..15. */
export type Nzcv = Brand<number, 'nzcv'>;
/** tbz/tbnz bit number: 0..63 (b5:b40). */
export type BitIndex = Brand<number, 'bit'>;
/** fmov (scalar, immediate) imm8: one of the 256 values of VFPExpandImm. */
export type FpImm8 = Brand<number, 'fpimm'>;
/** A pc-relative offset in bytes that fits one of the branch fields. */
export type BranchOffset = Brand<number, 'branch'>;

/** Sizes of a memory access in bytes. */
export type AccessSize = 1 | 2 | 4 | 8 | 16;

function checkInt(v: number, lo: number, hi: number, what: string): void {
  if (!Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`${what} out of range: ${v} (allowed ${lo}..${hi})`);
  }
}

function checkMultiple(v: number, size: number, what: string): void {
  if (v % size !== 0) throw new RangeError(`${what} ${v} is not a multiple of ${size}`);
}

// --- add/sub immediate (ADD/SUB/ADDS/SUBS (immediate): sh:imm12) ---

/** Whether v is 0..4095, or 4096..16773120 with the low 12 bits clear (imm12, LSL #12). */
export function isAddImm(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && (v <= 0xfff || (v <= 0xfff000 && (v & 0xfff) === 0));
}

/** An add/sub immediate: 0..4095, or a multiple of 4096 up to 4095 << 12 (then `lsl #12`). */
export function addImm(v: number): AddImm {
  if (!isAddImm(v)) throw new RangeError(`add/sub immediate out of range: ${v} (allowed 0..4095, or a multiple of 4096 up to 0xfff000)`);
  return v as AddImm;
}

/** The encoded fields of an add/sub immediate: imm12 and sh (1 = LSL #12). */
export function addImmFields(v: AddImm): { readonly imm12: number; readonly sh: 0 | 1 } {
  return v > 0xfff ? { imm12: v >>> 12, sh: 1 } : { imm12: v, sh: 0 };
}

// --- logical (bitmask) immediates (AND/ORR/EOR/ANDS (immediate): N:immr:imms) ---
//
// A bitmask immediate is an element of e = 2, 4, 8, 16, 32 or 64 bits, replicated to the
// register width, where the element is a run of k ones (1 <= k < e) rotated right by r
// (0 <= r < e). imms encodes e and k - 1 (for e < 64 the leading ones of NOT(imms) mark the
// element size), immr holds r, N is 1 only for e = 64 (Arm ARM, shared pseudocode
// DecodeBitMasks). 0 and all-ones have no encoding.

const M32 = 0xffffffff;
const M64 = (1n << 64n) - 1n;

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Trailing zeros of a non-zero 32-bit value. */
function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

function ror32(x: number, s: number): number {
  return ((x >>> s) | (x << (32 - s))) >>> 0;
}

/** imms for element size e and k ones: the size marker (NOT of e - 1, shifted) and k - 1. */
function immsFor(e: number, k: number): number {
  return ((-e << 1) & 0x3f) | (k - 1);
}

/** Element sizes below 32, smallest first. */
const PERIODS: readonly number[] = [2, 4, 8, 16];

/** immr:imms (N = 0) of a 32-bit pattern, or -1. */
function encode32(v: number): number {
  if (v === 0 || v === M32) return -1;
  let e = 32;
  for (const size of PERIODS) {
    if (ror32(v, size) === v) {
      e = size;
      break;
    }
  }
  const mask = e === 32 ? M32 : (1 << e) - 1;
  const elem = (v & mask) >>> 0;
  const k = popcount32(elem);
  let start: number; // the lowest bit of the run of ones, counting around the element
  if ((elem & 1) === 0) {
    start = ctz32(elem);
    if (elem !== ((((1 << k) - 1) << start) >>> 0)) return -1;
  } else {
    const zeros = (~elem & mask) >>> 0;
    const z0 = ctz32(zeros);
    if (zeros !== ((((1 << (e - k)) - 1) << z0) >>> 0)) return -1;
    start = (z0 + e - k) % e;
  }
  // elem = ROR(Ones(k), r) puts the run's lowest bit at (e - r) mod e
  const immr = (e - start) % e;
  return (immr << 6) | immsFor(e, k);
}

/** The two 32-bit halves (high, low) of a run of `len` ones from bit `start` (start + len <= 64). */
function runHalves(start: number, len: number): [number, number] {
  const end = start + len;
  const range = (a: number, b: number): number => (b <= a ? 0 : b - a === 32 ? M32 : ((((1 << (b - a)) - 1) << a) >>> 0));
  return [range(Math.max(start, 32) - 32, Math.max(end, 32) - 32), range(Math.min(start, 32), Math.min(end, 32))];
}

/** Trailing zeros of a non-zero 64-bit value given as halves. */
function ctz64(hi: number, lo: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

/**
 * N:immr:imms of the 64-bit pattern hi:lo (each an unsigned 32-bit number), or -1. Numbers
 * only, no bigint: the constant materialiser calls it many times per constant.
 */
export function encodeLogicalHalves(hi: number, lo: number): number {
  if (hi === lo) return encode32(lo); // element of 32 bits or fewer: the 32-bit encoding, N = 0
  const k = popcount32(lo) + popcount32(hi);
  let start: number;
  if ((lo & 1) === 0) {
    start = ctz64(hi, lo);
    if (start + k > 64) return -1;
    const [h, l] = runHalves(start, k);
    if (h !== hi || l !== lo) return -1;
  } else {
    const zhi = ~hi >>> 0;
    const zlo = ~lo >>> 0;
    const z0 = ctz64(zhi, zlo);
    if (z0 + 64 - k > 64) return -1;
    const [h, l] = runHalves(z0, 64 - k);
    if (h !== zhi || l !== zlo) return -1;
    start = (z0 + 64 - k) % 64;
  }
  return (1 << 12) | (((64 - start) % 64) << 6) | (k - 1);
}

/** N:immr:imms of a 64-bit pattern, or -1. */
function encode64(v: bigint): number {
  return encodeLogicalHalves(Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn));
}

/** The N:immr:imms encoding of `value` as a `w`-bit bitmask immediate, or null when it has none. */
export function encodeLogicalImm(value: bigint, w: W): number | null {
  if (w === 32) {
    if (value < 0n || value > 0xffffffffn) return null;
    const enc = encode32(Number(value));
    return enc < 0 ? null : enc;
  }
  if (value < 0n || value > M64) return null;
  const enc = encode64(value);
  return enc < 0 ? null : enc;
}

/** Whether `value` (unsigned, `w` bits; a negative value is taken as its two's complement) is a bitmask immediate. */
export function isLogicalImm(value: bigint, w: W): boolean {
  return encodeLogicalImm(BigInt.asUintN(w, value), w) !== null;
}

/** A 32-bit bitmask immediate (the value as unsigned or signed 32-bit); throws when it has no encoding. */
export function logicalImm32(value: number): LogicalImm32 {
  const enc = Number.isInteger(value) && value >= -0x80000000 && value <= M32 ? encode32(value >>> 0) : -1;
  if (enc < 0) throw new RangeError(`not a 32-bit logical immediate: ${value}`);
  return enc as LogicalImm32;
}

/** A 64-bit bitmask immediate (the value as unsigned or signed 64-bit); throws when it has no encoding. */
export function logicalImm64(value: bigint): LogicalImm64 {
  const enc = value >= -(1n << 63n) && value <= M64 ? encode64(BigInt.asUintN(64, value)) : -1;
  if (enc < 0) throw new RangeError(`not a 64-bit logical immediate: 0x${BigInt.asUintN(64, value).toString(16)}`);
  return enc as LogicalImm64;
}

/**
 * The value (unsigned, `w` bits) of an N:immr:imms encoding, after DecodeBitMasks (Arm ARM
 * shared pseudocode): throws on a reserved encoding.
 */
export function decodeLogicalImm(enc: number, w: W): bigint {
  const n = (enc >> 12) & 1;
  const immr = (enc >> 6) & 0x3f;
  const imms = enc & 0x3f;
  const len = 31 - Math.clz32((n << 6) | (~imms & 0x3f));
  if (len < 1 || (w === 32 && n === 1)) throw new RangeError(`reserved logical immediate encoding 0x${enc.toString(16)}`);
  const e = 1 << len;
  const levels = e - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) throw new RangeError(`reserved logical immediate encoding 0x${enc.toString(16)}`);
  const be = BigInt(e);
  const run = (1n << BigInt(s + 1)) - 1n;
  const mask = (1n << be) - 1n;
  const elem = r === 0 ? run : ((run >> BigInt(r)) | (run << (be - BigInt(r)))) & mask;
  let out = 0n;
  for (let at = 0; at < w; at += e) out |= elem << BigInt(at);
  return out;
}

// --- move wide, exception payloads ---

/** A 16-bit chunk for movz/movn/movk, or the payload of brk/udf: 0..65535. */
export function imm16(v: number): Imm16 {
  checkInt(v, 0, 0xffff, 'imm16');
  return v as Imm16;
}

/** A move-wide shift valid at width w: 0 or 16 for 32-bit forms, also 32 and 48 for 64-bit ones. */
export function movShift(v: number, w: W): MovShift {
  if (v !== 0 && v !== 16 && v !== 32 && v !== 48) throw new RangeError(`move-wide shift must be 0, 16, 32 or 48, not ${v}`);
  if (v >= w) throw new RangeError(`move-wide shift ${v} does not fit a ${w}-bit register`);
  return v;
}

// --- load/store offsets ---

/** An unsigned offset for `ldr/str [xn, #bytes]`: a multiple of `size`, at most 4095 * size (imm12, scaled). */
export function uoffset(bytes: number, size: AccessSize): UOffset {
  checkInt(bytes, 0, 4095 * size, `unsigned offset for a ${size}-byte access`);
  checkMultiple(bytes, size, `unsigned offset for a ${size}-byte access`);
  return bytes as UOffset;
}

/** An offset for ldur/stur and pre/post-index addressing: -256..255 (imm9, unscaled). */
export function simm9(bytes: number): SImm9 {
  checkInt(bytes, -256, 255, 'imm9 offset');
  return bytes as SImm9;
}

/** An ldp/stp offset: a multiple of `size`, from -64 * size to 63 * size (imm7, scaled). */
export function pairOffset(bytes: number, size: 4 | 8 | 16): PairOffset {
  checkInt(bytes, -64 * size, 63 * size, `pair offset for ${size}-byte registers`);
  checkMultiple(bytes, size, `pair offset for ${size}-byte registers`);
  return bytes as PairOffset;
}

// --- shifts, bit positions, small fields ---

/** A shift amount or bit position for a `w`-bit operation: 0..w-1. */
export function shiftAmount(v: number, w: W): ShiftAmount {
  checkInt(v, 0, w - 1, `shift amount for ${w} bits`);
  return v as ShiftAmount;
}

/** The left shift applied after extending the register operand of add/sub (extended register): 0..4. */
export function extendAmount(v: number): ExtendAmount {
  checkInt(v, 0, 4, 'extend shift');
  return v as ExtendAmount;
}

/** The immediate of ccmp/ccmn (immediate): 0..31. */
export function uimm5(v: number): Uimm5 {
  checkInt(v, 0, 31, 'uimm5');
  return v as Uimm5;
}

/** The flags a failed conditional compare sets: N=8, Z=4, C=2, V=1. */
export function nzcv(v: number): Nzcv {
  checkInt(v, 0, 15, 'nzcv');
  return v as Nzcv;
}

/** The bit tested by tbz/tbnz: 0..63 (bits 32-63 only with an x register). */
export function bitIndex(v: number): BitIndex {
  checkInt(v, 0, 63, 'test bit');
  return v as BitIndex;
}

// --- branch offsets ---

/** The pc-relative fields: bits of the field and the unit of its value in bytes. */
export const BRANCH_FIELDS = {
  /** b, bl: ±128 MiB */
  imm26: { bits: 26, scale: 4 },
  /** b.cond, cbz/cbnz, ldr (literal): ±1 MiB */
  imm19: { bits: 19, scale: 4 },
  /** tbz/tbnz: ±32 KiB */
  imm14: { bits: 14, scale: 4 },
  /** adr: ±1 MiB, any byte */
  adr21: { bits: 21, scale: 1 },
} as const;

export type BranchField = keyof typeof BRANCH_FIELDS;

/** The reach of a branch field in bytes: the lowest and the highest offset it encodes. */
export function branchRange(f: BranchField): { readonly min: number; readonly max: number } {
  const { bits, scale } = BRANCH_FIELDS[f];
  return { min: -(2 ** (bits - 1)) * scale, max: (2 ** (bits - 1) - 1) * scale };
}

/** A pc-relative offset in bytes that `f` can encode (a multiple of 4 except for adr). */
export function branchOffset(bytes: number, f: BranchField): BranchOffset {
  const { min, max } = branchRange(f);
  checkInt(bytes, min, max, `${f} offset`);
  checkMultiple(bytes, BRANCH_FIELDS[f].scale, `${f} offset`);
  return bytes as BranchOffset;
}

// --- floating-point immediates (FMOV (scalar, immediate): imm8, VFPExpandImm) ---
//
// imm8 = a:b:cd:efgh is ±(16 + efgh) / 16 * 2^E with a the sign and E = cd - 3 when b = 1
// (exponents -3..0), E = cd + 1 when b = 0 (exponents 1..4): the values ±0.125 .. ±31 with 4
// fraction bits. Every such value is exact in both single and double precision. Zero is not
// among them (use `fmov s0, wzr` or `movi`).

/** The value of an fmov imm8 (Arm ARM shared pseudocode VFPExpandImm). */
export function expandFpImm(imm8: number): number {
  const sign = (imm8 >> 7) & 1;
  const b = (imm8 >> 6) & 1;
  const cd = (imm8 >> 4) & 3;
  const frac = imm8 & 15;
  const exp = b === 1 ? cd - 3 : cd + 1;
  const v = (1 + frac / 16) * 2 ** exp;
  return sign === 1 ? -v : v;
}

/** The imm8 whose expansion is exactly `value`, or null. */
export function tryFpImm(value: number): FpImm8 | null {
  if (!Number.isFinite(value) || value === 0) return null;
  const a = Math.abs(value);
  const exp = Math.floor(Math.log2(a));
  if (exp < -3 || exp > 4) return null;
  const frac = (a / 2 ** exp - 1) * 16;
  if (!Number.isInteger(frac) || frac < 0 || frac > 15) return null;
  const bcd = exp <= 0 ? 0b100 | (exp + 3) : exp - 1;
  const imm8 = ((value < 0 ? 1 : 0) << 7) | (bcd << 4) | frac;
  return expandFpImm(imm8) === value ? (imm8 as FpImm8) : null;
}

export function isFpImm(value: number): boolean {
  return tryFpImm(value) !== null;
}

/** An fmov immediate: ±(1 + n/16) * 2^e for n in 0..15 and e in -3..4; throws otherwise. */
export function fpImm(value: number): FpImm8 {
  const imm = tryFpImm(value);
  if (imm === null) throw new RangeError(`not an fmov immediate: ${value} (±(1 + n/16) * 2^e, n 0..15, e -3..4)`);
  return imm;
}
