/**
 * Single-pass decode + validate: a consumer that sees every function body while the decoder
 * scans it, so that instructions are read once (streaming validators work this way).
 *
 * Error precedence follows the spec: a module is first decoded, then validated, so a
 * malformed module is reported as malformed even when one of its bodies is also invalid. The
 * decoder therefore catches the first exception a visitor throws, stops visiting, finishes
 * decoding (any malformed error wins) and only then rethrows the visitor's error.
 */

import type { Instr, LocalGroup, Module } from './types.js';

export interface BodyVisitor {
  /** the code section begins; `m` holds every section that precedes it */
  beginCode(m: Module): void;
  /** the body of defined function `index` (0-based among defined functions) begins */
  beginBody(index: number, locals: readonly LocalGroup[]): void;
  /**
   * One instruction of the current body, in order, the final `end` included. The Instr
   * object is reused for every instruction (copy what you keep), and i64/f64/v128
   * constants carry no value (`x === null`).
   */
  instr(ins: Instr): void;
}

/** What the section readers share while decoding one module with a visitor. */
export interface VisitState {
  /** null when there is no visitor, or once it has failed */
  visitor: BodyVisitor | null;
  /** the first exception the visitor threw, rethrown when decoding is done */
  failure: { error: unknown } | null;
}

/** Run one visitor call; on failure remember the error and stop visiting. */
export function visit(state: VisitState, call: (v: BodyVisitor) => void): void {
  const v = state.visitor;
  if (v === null) return;
  try {
    call(v);
  } catch (error) {
    state.failure = { error };
    state.visitor = null;
  }
}
