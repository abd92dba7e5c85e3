/**
 * Vector arrangements and lanes of Advanced SIMD operands (Arm ARM DDI 0487, C1.2.5 "Register
 * names", the SIMD&FP vector and element names `Vn.<T>` and `Vn.<Ts>[index]`; the `Q` and
 * `size` fields of the Advanced SIMD encodings, C4.1 "Data Processing -- Scalar Floating-Point
 * and Advanced SIMD").
 *
 * An arrangement names the element size and the lane count: 8b/4h/2s/1d fill the low 64 bits of
 * the register (Q = 0, the high half of a destination is zeroed), 16b/8h/4s/2d all 128 (Q = 1).
 * Which arrangements an instruction accepts is an arrangement class (`ARR_CLASSES`): each row of
 * the SIMD tables (tables-simd.ts) names its class, inst-simd.ts turns the class into the type
 * of the instruction's `arr` field, and the encoders check it again at run time.
 *
 * Instructions that change the element size (long, wide, narrow and pairwise forms) take the
 * arrangement of their narrow-element operand: `xtn v0.8b, v1.8h` is `arr: '8b'`,
 * `smull2 v0.4s, v1.8h, v2.8h` is `arr: '8h'` (Q = 1 selects the `2` form, which reads or writes
 * the high half), `saddlp v0.4h, v1.8b` is `arr: '8b'`.
 */

import { vreg, type Vreg } from './regs.js';

export type VArr = '8b' | '16b' | '4h' | '8h' | '2s' | '4s' | '1d' | '2d';
/** An element size: byte, halfword, single word, double word. */
export type VElem = 'b' | 'h' | 's' | 'd';

export interface ArrInfo {
  /** the Q field: 0 for 64-bit vectors, 1 for 128-bit ones */
  readonly q: 0 | 1;
  readonly elem: VElem;
  readonly lanes: number;
}

export const ARRS: Readonly<Record<VArr, ArrInfo>> = {
  '8b': { q: 0, elem: 'b', lanes: 8 },
  '16b': { q: 1, elem: 'b', lanes: 16 },
  '4h': { q: 0, elem: 'h', lanes: 4 },
  '8h': { q: 1, elem: 'h', lanes: 8 },
  '2s': { q: 0, elem: 's', lanes: 2 },
  '4s': { q: 1, elem: 's', lanes: 4 },
  '1d': { q: 0, elem: 'd', lanes: 1 },
  '2d': { q: 1, elem: 'd', lanes: 2 },
};

/** The `size` field of an element: log2 of its bytes. */
export const ELEM_SIZE: Readonly<Record<VElem, 0 | 1 | 2 | 3>> = { b: 0, h: 1, s: 2, d: 3 };
export const ELEM_BITS: Readonly<Record<VElem, 8 | 16 | 32 | 64>> = { b: 8, h: 16, s: 32, d: 64 };

/** Which arrangements an instruction accepts. */
export const ARR_CLASSES = {
  /** bytes only (logical, tbl, ext, cnt) */
  b: ['8b', '16b'],
  bh: ['8b', '16b', '4h', '8h'],
  /** every integer arrangement but 2d (mul, min/max, long and narrow forms by their narrow side) */
  bhs: ['8b', '16b', '4h', '8h', '2s', '4s'],
  /** every arrangement but 1d */
  bhsd: ['8b', '16b', '4h', '8h', '2s', '4s', '2d'],
  /** every arrangement (ld1/st1, ld1r) */
  all: ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'],
  hs: ['4h', '8h', '2s', '4s'],
  s: ['2s', '4s'],
  /** single and double precision */
  f: ['2s', '4s', '2d'],
  /** across lanes: at least four lanes */
  across: ['8b', '16b', '4h', '8h', '4s'],
  s4: ['4s'],
} as const satisfies Record<string, readonly VArr[]>;

export type ArrClass = keyof typeof ARR_CLASSES;
/** The arrangements of a class, as a type. */
export type ArrOf<C extends ArrClass> = (typeof ARR_CLASSES)[C][number];

/** Throws a RangeError naming the instruction and the arrangements it has when `arr` is not in `cls`. */
export function checkArr(what: string, cls: ArrClass, arr: VArr): void {
  const allowed: readonly VArr[] = ARR_CLASSES[cls];
  if (!allowed.includes(arr)) throw new RangeError(`${what} has no .${arr} form (allowed: ${allowed.join(', ')})`);
}

const WIDE: Readonly<Record<VArr, VArr | null>> = {
  '8b': '8h', '16b': '8h', '4h': '4s', '8h': '4s', '2s': '2d', '4s': '2d', '1d': null, '2d': null,
};

/** The 128-bit arrangement of elements twice as wide (the other side of a long or narrow form): 8b and 16b give 8h. */
export function wideOf(arr: VArr): VArr {
  const w = WIDE[arr];
  if (w === null) throw new RangeError(`.${arr} has no wider arrangement`);
  return w;
}

const PAIR: Readonly<Record<VArr, VArr | null>> = {
  '8b': '4h', '16b': '8h', '4h': '2s', '8h': '4s', '2s': '1d', '4s': '2d', '1d': null, '2d': null,
};

/** The arrangement of a pairwise long result: elements twice as wide, half as many (8b gives 4h, 4s gives 2d). */
export function pairOf(arr: VArr): VArr {
  const p = PAIR[arr];
  if (p === null) throw new RangeError(`.${arr} has no pairwise long arrangement`);
  return p;
}

/** Throws unless `index` names a lane of a 128-bit register of `elem` elements (0..15 for b, 0..1 for d). */
export function checkLane(what: string, elem: VElem, index: number): void {
  const lanes = 128 / ELEM_BITS[elem];
  if (!Number.isInteger(index) || index < 0 || index >= lanes) {
    throw new RangeError(`${what}: lane ${index} out of range for .${elem} elements (0..${lanes - 1})`);
  }
}

/** The register `k` places after `first`, wrapping from v31 to v0 (register lists of tbl, ld1, st1). */
export function nextVreg(first: Vreg, k: number): Vreg {
  return vreg((first + k) % 32);
}
