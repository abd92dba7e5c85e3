/**
 * The opcode counter of the differential runs (test/fuzz/gen/coverage.ts): counts come from
 * the decoded bodies (the two select rows apart), the targets are exactly the non-SIMD rows,
 * and `below` / `minimum` / `rarest` report what a run lacks.
 */

import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { OP, OPCODES, opByName } from '../../formats/wasm/opcodes.js';
import { parseWat } from '../../formats/wat/index.js';
import { COVERAGE_TARGETS, OpcodeCounter, opLabel, showCounts } from './gen/coverage.js';

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
