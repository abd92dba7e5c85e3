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

describe('SIMD_OPS results', () => {
  it('are fresh arrays: never an operand, never shared between calls', () => {
    const sample = (t: number): unknown =>
      t === 0x7b ? Uint8Array.from({ length: 16 }, (_, i) => i * 17) : t === 0x7e ? 3n : t === 0x7c ? 1.5 : 3;
    for (const o of OPCODES) {
      if (o.prefix !== 0xfd || o.name === 'v128.const' || o.results?.[0] !== 0x7b) continue;
      const f = SIMD_OPS.get(o.name) as (...a: unknown[]) => unknown;
      const isMem = o.imm === 'memarg' || o.imm === 'memarg_lane';
      const operands = (o.params ?? []).slice(isMem ? 1 : 0).map(sample);
      const imm = o.imm === 'lane' || o.imm === 'memarg_lane' ? [1] : o.imm === 'shuffle' ? [Uint8Array.from({ length: 16 }, (_, i) => i)] : [];
      const args = isMem ? [new Uint8Array(32), 8, ...operands, ...imm] : [...operands, ...imm];
      const r1 = f(...args) as Uint8Array;
      const r2 = f(...args) as Uint8Array;
      expect([o.name, r1 instanceof Uint8Array, r1.length, r1.byteOffset, r1.buffer.byteLength]).toEqual([o.name, true, 16, 0, 16]);
      expect([o.name, args.includes(r1), r1 === r2, r1.buffer === r2.buffer]).toEqual([o.name, false, false, false]);
      expect([o.name, Array.from(r1)]).toEqual([o.name, Array.from(r2)]);
    }
  });
});
