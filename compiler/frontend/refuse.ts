/**
 * The frontend's one error: a construct it cannot translate (yet). Never a silent wrong
 * translation: the message names the instruction, the function and the byte offset (or, for a
 * module built from text, the instruction's index in the body). v128 instructions and types
 * are refused by design (SIMD is a later issue); docs/frontend.md lists every refusal.
 */

import { KilnError } from '../../formats/errors.js';

/** the reason text for SIMD constructs, shared so tests and the corpus counter can recognise it */
export const SIMD_REASON = 'SIMD (v128) is not supported by the native compiler yet';

export interface RefusalSite {
  /** absolute function index (imports first) */
  funcIndex: number;
  /** byte offset in the module binary, or -1 */
  offset: number;
  /** index of the instruction in the body when the offset is unknown */
  instrIndex: number;
}

/** `unsupported` KilnError: "cannot compile `what` in function N at 0x..: why" */
export function refuse(what: string, why: string, site: RefusalSite): KilnError {
  const where = site.offset >= 0 ? `at 0x${site.offset.toString(16)}` : `at instruction ${site.instrIndex}`;
  return new KilnError('unsupported', `cannot compile ${what} in function ${site.funcIndex} ${where}: ${why}`, site.offset >= 0 ? { offset: site.offset } : {});
}

/** true when `e` is a refusal because of SIMD */
export function isSimdRefusal(e: unknown): boolean {
  return e instanceof KilnError && e.reason.startsWith('cannot compile ') && e.reason.endsWith(SIMD_REASON);
}
