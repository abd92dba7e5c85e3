/**
 * A function index space (or the part of one an engine allocates) whose function objects may
 * be made on first use: a module of thousands of functions instantiates without making an
 * object for each, since only exports, element items, `ref.func` and the start function ever
 * need one. A plain array is a FuncList.
 */

export interface FuncList<F> {
  readonly length: number;
  /** entry `index`, or undefined outside [0, length) */
  at(index: number): F | undefined;
}

/** `first`'s entries, then `rest`'s (an instance's space: the imported functions, then its own) */
export function concatFuncs<F>(first: readonly F[], rest: FuncList<F>): FuncList<F> {
  const n = first.length;
  return {
    length: n + rest.length,
    at: (index) => (index < n ? first[index] : rest.at(index - n)),
  };
}

/** every entry, made now */
export function funcArray<F>(list: FuncList<F>): F[] {
  const out = new Array<F>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list.at(i) as F;
  return out;
}
