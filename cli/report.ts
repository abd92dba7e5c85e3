/**
 * Turning any failure into stderr text and an exit code. KilnErrors print their own
 * `file:where: kind: reason` form (prefixed `kiln: ` when they have no file), traps their
 * backtrace; anything else is an internal error (a kiln bug), printed without a stack trace
 * unless KILN_DEBUG=1. Messages may quote a module's names, so their control characters
 * are escaped (escape.ts): one failure is always the lines kiln meant to print.
 */

import { isKilnError } from '../formats/errors.js';
import { isKilnTrap, KilnTrap, TRAP_EXIT_CODE } from '../loader/trap.js';
import { escapeControls } from './escape.js';

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
/** the chosen engine cannot take this module (`--engine native` and a module that uses SIMD) */
export const EXIT_UNSUPPORTED = 3;
export const EXIT_INTERNAL = 70;
/** `kiln run --timeout` stopped the program: 124, as timeout(1) does, so scripts can tell it from a trap */
export const EXIT_TIMEOUT = 124;

export interface Failure {
  /** what to write to stderr, ending with a newline */
  text: string;
  code: number;
}

export function describeFailure(e: unknown): Failure {
  let message: string;
  let code: number;
  if (isKilnTrap(e)) {
    // function names come from the module (name section, exports): escape each frame's
    const frames = e.frames.map((f) => ({ ...f, name: escapeControls(f.name) }));
    message = new KilnTrap(e.trapKind, frames).backtrace();
    code = TRAP_EXIT_CODE;
  } else if (isKilnError(e)) {
    message = escapeControls(e.loc.file === undefined ? `kiln: ${e.format()}` : e.format());
    code = e.kind === 'usage' ? EXIT_USAGE : e.kind === 'unsupported' ? EXIT_UNSUPPORTED : EXIT_ERROR;
  } else {
    message = `kiln: internal error: ${escapeControls(e instanceof Error ? e.message : String(e))}`;
    code = EXIT_INTERNAL;
  }
  const debug = process.env['KILN_DEBUG'] === '1' && e instanceof Error && e.stack !== undefined;
  return { text: `${message}\n${debug ? `${(e as Error).stack}\n` : ''}`, code };
}

export function reportAndExit(e: unknown): never {
  const { text, code } = describeFailure(e);
  process.stderr.write(text);
  process.exit(code);
}
