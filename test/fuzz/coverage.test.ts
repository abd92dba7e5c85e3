/**
 * The opcode counter of the differential runs (test/fuzz/gen/coverage.ts): counts come from
 * the decoded bodies (the two select rows apart), the default targets are exactly the non-SIMD
 * rows and SIMD_TARGETS exactly the 0xFD rows (counted by their LEB sub-opcode), and `below` /
 * `simdBelow` / `minimum` / `rarest` report what a run lacks.
 */

import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { OP, OPCODES, opByName } from '../../formats/wasm/opcodes.js';
import { parseWat } from '../../formats/wat/index.js';
import { COVERAGE_TARGETS, OpcodeCounter, opLabel, showCounts, SIMD_TARGETS } from './gen/coverage.js';

const WAT = `(module
  (func (param i32) (result i32)
    local.get 0
    local.get 0
    i32.const 1
    select
    local.get 0
    i32.const 2
    select (result i32)
    nop
    nop))`;

const id = (name: string): number => opByName(name)!.id;

describe('opcode coverage counting', () => {
  it('targets every row outside SIMD, the typed select included', () => {
    expect(COVERAGE_TARGETS.length).toBe(OPCODES.filter((o) => o.prefix !== 0xfd).length);
    expect(COVERAGE_TARGETS.some((o) => o.id === OP.select_t)).toBe(true);
    expect(COVERAGE_TARGETS.some((o) => o.prefix === 0xfd)).toBe(false);
    expect(opLabel(OPCODES[OP.select_t]!)).toBe('select_t');
    expect(opLabel(OPCODES[OP.select]!)).toBe('select');
  });

  it('counts the instructions of decoded bodies, each select row apart', () => {
    const c = new OpcodeCounter();
    const m = decodeModule(encodeModule(parseWat(WAT)));
    c.addModule(m);
    c.addModule(m);
    expect(c.modules).toBe(2);
    expect(c.counts[id('local.get')]).toBe(6);
    expect(c.counts[OP.select]).toBe(2);
    expect(c.counts[OP.select_t]).toBe(2);
    expect(c.counts[OP.nop]).toBe(4);
    expect(c.counts[OP.end]).toBe(2);
    expect(c.counts[id('i32.add')]).toBe(0);
  });

  it('reports the rare opcodes, rarest first, and merges counters', () => {
    const a = new OpcodeCounter();
    a.addModule(decodeModule(encodeModule(parseWat(WAT))));
    expect(a.minimum()).toBe(0);
    const below = a.below(2);
    expect(below.some((x) => x.op.id === OP.nop)).toBe(false); // nop occurred twice
    expect(below.some((x) => x.op.id === OP.select)).toBe(true); // once
    expect(below[0]!.count).toBe(0);
    expect(below[below.length - 1]!.count).toBe(1);
    const b = new OpcodeCounter();
    b.merge(a);
    b.merge(a);
    expect(b.counts[OP.nop]).toBe(4);
    expect(b.modules).toBe(2);
    expect(showCounts(b.rarest(COVERAGE_TARGETS.length).filter((x) => x.op.id === OP.select_t))).toBe('select_t ×2');
  });
});

/** SIMD rows with one- and two-byte sub-opcodes (i32x4.dot_i16x8_s is 186, f64x2.convert_low_i32x4_u 255) */
const SIMD_WAT = `(module
  (memory 1)
  (func (param v128) (result v128)
    local.get 0
    local.get 0
    i32x4.dot_i16x8_s
    f64x2.convert_low_i32x4_u
    local.get 0
    i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
    v128.const i32x4 1 2 3 4
    i32x4.dot_i16x8_s
    i32.const 0
    i32.const 0
    v128.load32_zero offset=4
    v128.store
    i32x4.all_true
    drop
    local.get 0))`;

describe('SIMD coverage counting', () => {
  it('targets exactly the 0xFD rows', () => {
    expect(SIMD_TARGETS.length).toBe(OPCODES.filter((o) => o.prefix === 0xfd).length);
    expect(SIMD_TARGETS.length).toBeGreaterThan(230);
    expect(SIMD_TARGETS.every((o) => o.prefix === 0xfd)).toBe(true);
  });

  it('counts SIMD rows by their LEB sub-opcode and tells modules with SIMD apart', () => {
    const c = new OpcodeCounter();
    c.addModule(decodeModule(encodeModule(parseWat(SIMD_WAT))));
    c.addModule(decodeModule(encodeModule(parseWat(WAT))));
    expect(c.counts[id('i32x4.dot_i16x8_s')]).toBe(2);
    expect(c.counts[id('f64x2.convert_low_i32x4_u')]).toBe(1);
    expect(c.counts[id('i8x16.shuffle')]).toBe(1);
    expect(c.counts[id('v128.const')]).toBe(1);
    expect(c.counts[id('v128.load32_zero')]).toBe(1);
    expect(c.counts[id('v128.store')]).toBe(1);
    expect(c.counts[id('i32x4.all_true')]).toBe(1);
    expect(c.modules).toBe(2);
    expect(c.simdModules).toBe(1);
  });

  it('reports the SIMD rows seen fewer than N times; the scalar queries ignore them', () => {
    const c = new OpcodeCounter();
    const m = decodeModule(encodeModule(parseWat(SIMD_WAT)));
    c.addModule(m);
    c.addModule(m);
    const below = c.simdBelow(4);
    expect(below.length).toBe(SIMD_TARGETS.length - 1); // only dot_i16x8_s occurred 4 times
    expect(below.some((x) => x.op.name === 'i32x4.dot_i16x8_s')).toBe(false);
    expect(below.find((x) => x.op.name === 'i8x16.shuffle')!.count).toBe(2);
    expect(c.simdBelow(1).some((x) => x.op.name === 'i8x16.shuffle')).toBe(false);
    expect(c.minimum(SIMD_TARGETS)).toBe(0);
    expect(showCounts(c.rarest(SIMD_TARGETS.length, SIMD_TARGETS).slice(-1))).toBe('i32x4.dot_i16x8_s ×4');
    expect(c.below(1).some((x) => x.op.prefix === 0xfd)).toBe(false);
    const merged = new OpcodeCounter();
    merged.merge(c);
    expect(merged.simdModules).toBe(2);
  });
});
