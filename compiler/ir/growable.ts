/**
 * Capacity doubling for the store's typed arrays. Arrays only ever grow; a store that is
 * reset keeps its arrays, so compiling the next function of similar size allocates nothing.
 */

export type IntArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** `a` if it holds `need` elements, else a copy with at least double the capacity */
export function grow<T extends IntArray>(a: T, need: number): T {
  if (need <= a.length) return a;
  let cap = Math.max(a.length, 8);
  while (cap < need) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

