import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../../formats/wasm/opcodes.js';
import { SIMD_OPS } from '../../../../loader/interp/simd/index.js';

describe('SIMD_OPS coverage', () => {
  const names = OPCODES.filter((o) => o.prefix === 0xfd).map((o) => o.name);

  it('has an implementation for every 0xFD opcode except v128.const', () => {
    const missing = names.filter((n) => n !== 'v128.const' && !SIMD_OPS.has(n));
    expect(missing).toEqual([]);
    expect(SIMD_OPS.has('v128.const')).toBe(false);
  });

  it('has no entries beyond the opcode table (235 = 236 rows - v128.const)', () => {
    expect([...SIMD_OPS.keys()].filter((n) => !names.includes(n))).toEqual([]);
    expect(SIMD_OPS.size).toBe(235);
  });

  it('declares arity matching each opcode signature (operands + memory/lane immediates)', () => {
    for (const o of OPCODES) {
      if (o.prefix !== 0xfd || o.name === 'v128.const') continue;
      const f = SIMD_OPS.get(o.name) as (...a: unknown[]) => unknown;
      const operands = o.params?.length ?? 0;
      const expected =
        o.imm === 'memarg' ? 2 + operands - 1 :
        o.imm === 'memarg_lane' ? 2 + operands - 1 + 1 :
        o.imm === 'lane' || o.imm === 'shuffle' ? operands + 1 :
        operands;
      expect([o.name, f.length]).toEqual([o.name, expected]);
    }
  });
});
