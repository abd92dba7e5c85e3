import { describe, expect, it } from 'vitest';
import { OPCODES, opByCode, opByName, OP } from '../../formats/wasm/opcodes.js';

describe('opcode table', () => {
  it('has every Wasm 2.0 instruction once: 201 core/0xFC rows and 236 SIMD rows', () => {
    expect(OPCODES.filter((o) => o.prefix !== 0xfd).length).toBe(201);
    expect(OPCODES.filter((o) => o.prefix === 0xfd).length).toBe(236);
  });
  it('maps names and codes both ways', () => {
    for (const op of OPCODES) expect(opByCode(op.prefix, op.code)).toBe(op);
    expect(opByName('i32.add')?.code).toBe(0x6a);
    expect(opByName('f64x2.convert_low_i32x4_u')?.code).toBe(255);
    expect(OPCODES[OP.select_t]?.code).toBe(0x1c);
  });
  it('derives signatures, alignment and lanes', () => {
    expect(opByName('i64.store32')?.params).toEqual([0x7f, 0x7e]);
    expect(opByName('v128.load64_lane')?.align).toBe(3);
    expect(opByName('v128.load64_lane')?.lanes).toBe(2);
    expect(opByName('i8x16.shl')?.sig).toBe('vi:v');
    expect(opByName('i16x8.narrow_i32x4_s')?.sig).toBe('vv:v');
  });
});
