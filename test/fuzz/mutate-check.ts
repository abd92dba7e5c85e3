/**
 * The robustness rule checked on mutated binaries: decoding then validating either returns
 * normally or throws a KilnError — never another exception (RangeError, TypeError, …) and
 * never a hang. Hangs are caught by a step guard rather than by timing: the decoder reads
 * its input through a counting view, and reading more than `readBudget(length)` bytes
 * (a decoder that stops advancing keeps re-reading) aborts the call with a GuardExceeded.
 */

import { isKilnError, type ErrorKind } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';

/** Thrown by the counting view when the read budget is exhausted. */
export class GuardExceeded extends Error {
  constructor(readonly reads: number) {
    super(`step guard: more than ${reads} byte reads`);
    this.name = 'GuardExceeded';
  }
}

/** Reads allowed for decoding an input of `length` bytes: generous, but linear. */
export const readBudget = (length: number): number => 64 * length + 4096;

const isIndex = (p: string | symbol): p is string => {
  if (typeof p !== 'string' || p.length === 0) return false;
  const c = p.charCodeAt(0);
  return c >= 48 && c <= 57;
};

/**
 * A Uint8Array look-alike over `bytes` that counts indexed reads and throws GuardExceeded
 * past `budget`. Methods run on the real array (so subarray/slice/DataView keep working).
 */
export function countingBytes(bytes: Uint8Array, budget: number): Uint8Array {
  let reads = 0;
  return new Proxy(bytes, {
    get(target, prop) {
      if (isIndex(prop)) {
        if (++reads > budget) throw new GuardExceeded(budget);
        return target[prop as unknown as number];
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export type Outcome =
  | { result: 'valid' }
  | { result: 'rejected'; stage: 'decode' | 'validate'; kind: ErrorKind }
  | { result: 'violation'; stage: 'decode' | 'validate'; error: string };

const describe = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}${e.stack ? '\n' + e.stack.split('\n').slice(1, 6).join('\n') : ''}` : String(e);

/** Decodes then validates `bytes` (through the step guard) and classifies what happened. */
export function checkBinary(
  bytes: Uint8Array,
  decode: (b: Uint8Array) => Module,
  validate: (m: Module) => void,
): Outcome {
  let m: Module;
  try {
    m = decode(countingBytes(bytes, readBudget(bytes.length)));
  } catch (e) {
    if (isKilnError(e)) return { result: 'rejected', stage: 'decode', kind: e.kind };
    return { result: 'violation', stage: 'decode', error: describe(e) };
  }
  try {
    validate(m);
  } catch (e) {
    if (isKilnError(e)) return { result: 'rejected', stage: 'validate', kind: e.kind };
    return { result: 'violation', stage: 'validate', error: describe(e) };
  }
  return { result: 'valid' };
}
