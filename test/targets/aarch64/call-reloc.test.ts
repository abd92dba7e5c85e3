/**
 * The linker's call relocation per ISA (targets/call-reloc.ts): on AArch64 the imm26 of a
 * `bl` becomes (target - bl) / 4, keeping the opcode bits, within ±128 MiB (R_AARCH64_CALL26).
 */

import { describe, expect, it } from 'vitest';
import { APPLY_CALL_RELOC } from '../../../targets/call-reloc.js';

const BL = 0x94000000;

function patched(field: number, target: number): number {
  const dv = new DataView(new ArrayBuffer(Math.max(field, target) + 8));
  dv.setUint32(field, BL, true);
  APPLY_CALL_RELOC.aarch64(dv, field, target);
  return dv.getUint32(field, true);
}

describe('AArch64 call26 relocations', () => {
  it('write the word distance into imm26 and keep the opcode', () => {
    expect(patched(0, 0)).toBe(BL);
    expect(patched(0, 16)).toBe((BL | 4) >>> 0);
    expect(patched(16, 0)).toBe((BL | 0x3fffffc) >>> 0); // -4 words
    expect(patched(4, 4 + 4 * 0x1ffffff)).toBe((BL | 0x1ffffff) >>> 0); // the farthest forward
  });

  it('refuse a callee beyond ±128 MiB', () => {
    const dv = new DataView(new ArrayBuffer(16));
    expect(() => APPLY_CALL_RELOC.aarch64(dv, 0, 1 << 27)).toThrow(/cannot reach/);
    expect(() => APPLY_CALL_RELOC.aarch64(dv, 1 << 27, -4)).toThrow(/cannot reach/);
  });

  it('x86-64 keeps its rel32 from the end of the field', () => {
    const dv = new DataView(new ArrayBuffer(16));
    APPLY_CALL_RELOC.x86_64(dv, 4, 0);
    expect(dv.getInt32(4, true)).toBe(-8);
  });
});
