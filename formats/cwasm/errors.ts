/**
 * Why an artifact cannot be used on this host. Each reason has a named kind so that callers
 * can decide what to do (kiln run: refuse a corrupt artifact, fall back to the interpreter on
 * the others; docs/cwasm.md "Compatibility"):
 * - corrupt: the bytes are damaged or inconsistent (checksum, structure, metadata)
 * - format-version: written in another version of the `.cwasm` format
 * - kiln-version: written by another kiln version or build (the code generator differs)
 * - target: compiled for another ISA / OS
 * - cpu-features: the code uses a CPU feature this host lacks
 * - options: compiled with options this host cannot run or the caller does not accept
 */

import { KilnError } from '../errors.js';

export const MISMATCH_KINDS = ['corrupt', 'format-version', 'kiln-version', 'target', 'cpu-features', 'options'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

/** a KilnError of kind 'corrupt' or 'incompatible' naming the mismatch */
export class CwasmError extends KilnError {
  readonly mismatch: MismatchKind;

  constructor(mismatch: MismatchKind, reason: string, offset?: number) {
    super(mismatch === 'corrupt' ? 'corrupt' : 'incompatible', reason, offset === undefined ? {} : { offset });
    this.mismatch = mismatch;
  }
}
