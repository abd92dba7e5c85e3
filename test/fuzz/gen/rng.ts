/**
 * The generator's own deterministic PRNG (SplitMix32: a Weyl sequence through the MurmurHash3
 * finaliser). Every random module and every argument list is a pure function of a seed, so a
 * failure is reproduced from the one number a test prints. Never uses Math.random.
 */

const TWO_32 = 0x1_0000_0000;

export class Rng {
  private state: number;

  constructor(seed: number) {
    // mix the seed once so that nearby seeds start far apart
    this.state = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
  }

  /** uniform uint32 */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** uniform integer in [0, n) for n ≥ 1 */
  int(n: number): number {
    return Math.floor((this.next() / TWO_32) * n);
  }

  /** uniform integer in [lo, hi] */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** true with probability p */
  chance(p: number): boolean {
    return this.next() < p * TWO_32;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('Rng.pick: empty list');
    return xs[this.int(xs.length)]!;
  }

  /** signed 32-bit integer with uniformly random bits */
  i32(): number {
    return this.next() | 0;
  }

  /** unsigned 64-bit integer with uniformly random bits */
  u64(): bigint {
    return (BigInt(this.next()) << 32n) | BigInt(this.next());
  }

  /** index chosen with the given non-negative weights (at least one positive) */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = (this.next() / TWO_32) * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0 && weights[i]! > 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    throw new Error('Rng.weighted: no positive weight');
  }
}

/** A well-spread seed for item `index` of a run seeded with `seed`. */
export function subSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
