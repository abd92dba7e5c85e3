/**
 * Turning any failure into one line on stderr and an exit code. KilnErrors print their
 * own `file:where: kind: reason` form; anything else is an internal error (a kiln bug),
 * printed without a stack trace unless KILN_DEBUG=1.
 */

import { isKilnError } from '../formats/errors.js';
import { isKilnTrap, TRAP_EXIT_CODE } from '../loader/trap.js';

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export function describeFailure(e: unknown): { message: string; code: number } {
  if (isKilnTrap(e)) return { message: e.backtrace(), code: TRAP_EXIT_CODE };
  if (isKilnError(e)) return { message: e.format(), code: e.kind === 'usage' ? EXIT_USAGE : EXIT_ERROR };
  const text = e instanceof Error ? e.message : String(e);
  return { message: `internal error: ${text}`, code: EXIT_INTERNAL };
}

export function reportAndExit(e: unknown): never {
  const { message, code } = describeFailure(e);
  // KilnErrors with a location lead with it (`file:offset: kind: reason`); others get `kiln: `
  const located = isKilnError(e) && !isKilnTrap(e) && e.loc.file !== undefined;
  process.stderr.write(located || isKilnTrap(e) ? `${message}\n` : `kiln: ${message}\n`);
  if (process.env['KILN_DEBUG'] === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exit(code);
}
