/**
 * The robustness rule checked on mutated binaries: decoding then validating either returns
 * normally or throws a KilnError — never another exception (RangeError, TypeError, …) and
 * never a hang. Hangs are caught by a step guard rather than by timing: the decoder reads
 * its input, and the validator the decoded function bodies, through counting views; reading
 * more than `readBudget(length)` elements (a loop that stops advancing keeps re-reading)
 * aborts the call with a GuardExceeded, which counts as a violation.
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
 * A look-alike of an indexed collection (Uint8Array, Instr[]) that counts indexed reads and
 * throws GuardExceeded past `budget`. Methods run on the real object (so subarray, slice,
 * DataView and iteration keep working).
 */
export function counting<T extends object>(target: T, budget: number): T {
  let reads = 0;
  return new Proxy(target, {
    get(t, prop) {
      if (isIndex(prop)) {
        if (++reads > budget) throw new GuardExceeded(budget);
      }
      const v: unknown = Reflect.get(t, prop, t);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

/** The input bytes of the decoder, behind the step guard. */
export const countingBytes = (bytes: Uint8Array, budget: number): Uint8Array => counting(bytes, budget);

/**
 * The decoded module with every function body behind the step guard, for the validator
 * (its main loop walks the bodies by index; a walk that stops advancing keeps re-reading).
 */
export function guardedModule(m: Module): Module {
  return { ...m, codes: m.codes.map((c) => ({ ...c, body: counting(c.body, readBudget(c.body.length)) })) };
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
    validate(guardedModule(m));
  } catch (e) {
    if (isKilnError(e)) return { result: 'rejected', stage: 'validate', kind: e.kind };
    return { result: 'violation', stage: 'validate', error: describe(e) };
  }
  return { result: 'valid' };
}
