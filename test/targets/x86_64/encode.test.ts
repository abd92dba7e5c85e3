/**
 * The x86-64 encoder table: every form encodes to its expected bytes and prints as objdump does.
 */

import { describe, expect, it } from 'vitest';
import { CONTROL, FLOAT, INTEGER, MOVES, type Row } from './encoder-table.js';
import { assembleOne, hexBytes } from './support.js';

function checkRows(rows: readonly Row[]): void {
  for (const [inst, hex, text] of rows) {
    const { line } = assembleOne(inst);
    expect({ hex: hexBytes(line.bytes), text: line.text }, JSON.stringify(inst, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toEqual({ hex, text });
  }
}

describe('x86-64 encoder table: each form encodes to the SDM bytes and prints as objdump does', () => {
  it('moves, loads, stores, extensions and lea (40 rows)', () => {
    expect(MOVES.length).toBe(40);
    checkRows(MOVES);
  });
  it('integer arithmetic, shifts, bit counts, setcc and cmov (50 rows)', () => {
    expect(INTEGER.length).toBe(50);
    checkRows(INTEGER);
  });
  it('branches, calls, push/pop and operand-less instructions and multi-byte nops (27 rows)', () => {
    expect(CONTROL.length).toBe(27);
    checkRows(CONTROL);
  });
  it('SSE scalar, bitwise, rounding, movd/movq and conversions (49 rows)', () => {
    expect(FLOAT.length).toBe(49);
    checkRows(FLOAT);
  });
});
