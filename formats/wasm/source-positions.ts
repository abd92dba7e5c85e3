/**
 * Where the instructions of a function body built from text came from (line:column), so
 * that validation errors in `.wat` files point into the file. Positions are attached to the
 * Code as a non-enumerable property: they describe a module's origin, not its value, so a
 * Code from text still compares equal to the same Code decoded from binary. Binary bodies
 * have byte offsets in Instr.offset instead.
 */

import type { Code, Instr } from './types.js';

export interface SourcePosition {
  line: number;
  column: number;
}

interface Positions {
  lines: readonly number[];
  columns: readonly number[];
}

const POSITIONS = Symbol('kiln.sourcePositions');
type WithPositions = Code & { [POSITIONS]?: Positions };

/** record that body[i] came from lines[i]:columns[i] */
export function setSourcePositions(code: Code, lines: readonly number[], columns: readonly number[]): void {
  Object.defineProperty(code, POSITIONS, { value: { lines, columns }, enumerable: false, configurable: true });
}

/** the position of `ins` in `code`'s text, or null (binary body, or an instruction added later) */
export function sourcePositionOf(code: Code, ins: Instr): SourcePosition | null {
  const p = (code as WithPositions)[POSITIONS];
  if (p === undefined) return null;
  const i = code.body.indexOf(ins);
  const line = p.lines[i];
  const column = p.columns[i];
  return i < 0 || line === undefined || column === undefined ? null : { line, column };
}
