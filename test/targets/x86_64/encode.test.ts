/**
 * The x86-64 encoder table: every form encodes to its expected bytes and prints as objdump does.
 */

import { describe, expect, it } from 'vitest';
import { CONTROL, FLOAT, INTEGER, MOVES, type Row } from './encoder-table.js';
import { SIMD_LANES, SIMD_MOVES, SIMD_PACKED, SIMD_SHUFFLE } from './encoder-table-simd.js';
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
  it('packed SSE op xmm, xmm/m: integer and float arithmetic, compares, packs, unpacks, extensions, conversions (222 rows)', () => {
    expect(SIMD_PACKED.length).toBe(222);
    checkRows(SIMD_PACKED);
  });
  it('packed stores, roundps/roundpd, movhlps/movlhps (18 rows)', () => {
    expect(SIMD_MOVES.length).toBe(18);
    checkRows(SIMD_MOVES);
  });
  it('imm8 shuffles and blends, cmpps/cmppd predicates, variable blends, shifts by an immediate (62 rows)', () => {
    expect(SIMD_SHUFFLE.length).toBe(62);
    checkRows(SIMD_SHUFFLE);
  });
  it('lane inserts and extracts with general registers and memory, mask moves (33 rows)', () => {
    expect(SIMD_LANES.length).toBe(33);
    checkRows(SIMD_LANES);
  });
});
