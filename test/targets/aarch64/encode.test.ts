/**
 * The AArch64 encoder table: each form encodes to the Arm ARM word and prints as objdump does.
 */

import { describe, expect, it } from 'vitest';
import { BITS, CONDITIONAL, CONTROL, FLOAT, INTEGER, MEMORY, type Row } from './encoder-table.js';
import { SIMD_IMM_MEMORY, SIMD_MISC, SIMD_PERMUTE, SIMD_THREE, SIMD_WIDEN } from './encoder-table-simd.js';
import { assembleOne, wordHex } from './support.js';

function checkRows(rows: readonly Row[]): void {
  for (const [inst, word, text] of rows) {
    const line = assembleOne(inst);
    expect({ word: wordHex(line.bytes), text: line.text }, JSON.stringify(inst)).toEqual({ word, text });
  }
}

describe('AArch64 encoder table: each form encodes to the Arm ARM word and prints as objdump does', () => {
  it(`integer arithmetic, logic, moves, multiply/divide and one-source ops (${INTEGER.length} rows)`, () => {
    expect(INTEGER.length).toBe(74);
    checkRows(INTEGER);
  });
  it(`shifts, extensions and bitfield aliases (${BITS.length} rows)`, () => {
    expect(BITS.length).toBe(22);
    checkRows(BITS);
  });
  it(`conditional select and compare with their aliases and condition comments (${CONDITIONAL.length} rows)`, () => {
    expect(CONDITIONAL.length).toBe(14);
    checkRows(CONDITIONAL);
  });
  it(`loads, stores, pairs and literals in every addressing mode (${MEMORY.length} rows)`, () => {
    expect(MEMORY.length).toBe(55);
    checkRows(MEMORY);
  });
  it(`branches, adr/adrp, exceptions, barriers and system registers (${CONTROL.length} rows)`, () => {
    expect(CONTROL.length).toBe(40);
    checkRows(CONTROL);
  });
  it(`scalar floating point, conversions and the popcnt SIMD ops (${FLOAT.length} rows)`, () => {
    expect(FLOAT.length).toBe(49);
    checkRows(FLOAT);
  });
  it(`Advanced SIMD three same: integer, logical (mov) and floating point (${SIMD_THREE.length} rows)`, () => {
    expect(SIMD_THREE.length).toBe(62);
    checkRows(SIMD_THREE);
  });
  it(`Advanced SIMD two-register misc in every shape and across lanes (${SIMD_MISC.length} rows)`, () => {
    expect(SIMD_MISC.length).toBe(68);
    checkRows(SIMD_MISC);
  });
  it(`Advanced SIMD three different and shifts by immediate, sxtl/uxtl (${SIMD_WIDEN.length} rows)`, () => {
    expect(SIMD_WIDEN.length).toBe(37);
    checkRows(SIMD_WIDEN);
  });
  it(`Advanced SIMD permutes, ext, tbl/tbx, dup, ins, umov/smov, fmov of the top half (${SIMD_PERMUTE.length} rows)`, () => {
    expect(SIMD_PERMUTE.length).toBe(50);
    checkRows(SIMD_PERMUTE);
  });
  it(`Advanced SIMD modified immediates and structure loads/stores (${SIMD_IMM_MEMORY.length} rows)`, () => {
    expect(SIMD_IMM_MEMORY.length).toBe(46);
    checkRows(SIMD_IMM_MEMORY);
  });
});
