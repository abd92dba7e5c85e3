/**
 * Lane patterns for `i8x16.shuffle` (spec §4.4.3.7): 16 byte indices into the concatenation of
 * the two operands, each in [0, 32) — an index of 32 or more is invalid, so none is made.
 * Besides random indices, the structured patterns that compilers emit and that backends match
 * to special instructions (punpck*, pshufd, palignr, zip/uzp/ext/dup on NEON): identity of
 * either operand, broadcast of one lane, interleave of the low or high halves, even/odd
 * deinterleave, reverse, byte rotation across the pair — each at lane sizes 1, 2, 4 and 8.
 */

import type { Rng } from './rng.js';

/** bytes of the lane sizes the patterns work at */
const SIZES = [1, 2, 4, 8] as const;

/** 16 byte indices built from lane indices (of `size` bytes) in [0, 32 / size) */
function fromLanes(size: number, laneOf: (j: number) => number): number[] {
  const out: number[] = [];
  for (let j = 0; j < 16 / size; j++) for (let b = 0; b < size; b++) out.push(laneOf(j) * size + b);
  return out;
}

/** a pattern maker: given the rng and a lane size, 16 indices */
type Pattern = (rng: Rng, size: number) => number[];

const PATTERNS: ReadonlyArray<[weight: number, make: Pattern]> = [
  // random bytes from either operand
  [4, (r) => Array.from({ length: 16 }, () => r.int(32))],
  // random lanes of one size
  [2, (r, s) => fromLanes(s, () => r.int(32 / s))],
  // identity of the first or the second operand
  [1, (r) => {
    const src = r.chance(0.5) ? 0 : 16;
    return Array.from({ length: 16 }, (_, i) => src + i);
  }],
  // broadcast one lane
  [1, (r, s) => {
    const k = r.int(32 / s);
    return fromLanes(s, () => k);
  }],
  // interleave the low (or high) halves of the two operands: a0 b0 a1 b1 …
  [1.5, (r, s) => {
    const base = r.chance(0.5) ? 0 : 8 / s;
    return fromLanes(s, (j) => (j % 2 === 0 ? 0 : 16 / s) + base + (j >> 1));
  }],
  // even or odd lanes of a then of b (deinterleave)
  [1, (r, s) => {
    const odd = r.chance(0.5) ? 1 : 0;
    return fromLanes(s, (j) => 2 * j + odd);
  }],
  // reverse the lanes of one operand
  [1, (r, s) => {
    const src = r.chance(0.5) ? 0 : 16 / s;
    return fromLanes(s, (j) => src + 16 / s - 1 - j);
  }],
  // a window of the pair: bytes k … k+15 (palignr / ext)
  [1, (r) => {
    const k = r.range(1, 15);
    return Array.from({ length: 16 }, (_, i) => k + i);
  }],
  // swap the two halves of one operand
  [0.5, (r) => {
    const src = r.chance(0.5) ? 0 : 16;
    return Array.from({ length: 16 }, (_, i) => src + ((i + 8) % 16));
  }],
];
const WEIGHTS = PATTERNS.map(([w]) => w);

/** the 16 lane indices of a shuffle: a random or a structured pattern, all in [0, 32) */
export function shuffleLanes(rng: Rng): Uint8Array {
  const size = rng.pick(SIZES);
  return Uint8Array.from(PATTERNS[rng.weighted(WEIGHTS)]![1](rng, size));
}
