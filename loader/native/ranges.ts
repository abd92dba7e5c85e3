/**
 * Address ranges kept sorted by start and never overlapping (loaded texts, instances' funcref
 * records): the one holding an address, found by halving.
 */

export interface AddressRange {
  /** first address */
  readonly first: number;
  /** address after the last */
  readonly end: number;
}

/** the range of `ranges` (sorted by `first`, disjoint) that holds `addr`, or undefined */
export function rangeHolding<R extends AddressRange>(ranges: readonly R[], addr: number): R | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as R;
    if (addr < r.first) hi = mid - 1;
    else if (addr >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}
