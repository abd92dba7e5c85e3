/**
 * Memory operand constructors and their checks; condition code numbering and inversion.
 */

import { describe, expect, it } from 'vitest';
import { condCode, CONDS, invertCond, mem, memIndex, rip, ripLabel, ripSymbol, type Label, type Scale } from '../../../targets/x86_64/operands.js';
import { R12, RAX, RCX, RSP } from '../../../targets/x86_64/regs.js';

describe('memory operands', () => {
  it('build base, base+index*scale and RIP-relative forms', () => {
    expect(mem(RAX, -8)).toEqual({ kind: 'mem', base: RAX, index: null, scale: 1, disp: -8 });
    expect(memIndex(RSP, R12, 8, 16)).toEqual({ kind: 'mem', base: RSP, index: R12, scale: 8, disp: 16 });
    expect(rip(4)).toEqual({ kind: 'rip', disp: 4, label: null, symbol: null });
    expect(ripLabel(3 as Label, 8)).toEqual({ kind: 'rip', disp: 8, label: 3, symbol: null });
    expect(ripSymbol('consts', 16)).toEqual({ kind: 'rip', disp: 16, label: null, symbol: 'consts' });
  });
  it('refuse rsp as an index, a bad scale and a displacement beyond 32 bits', () => {
    expect(() => memIndex(RAX, RSP, 1)).toThrow(new RangeError('rsp cannot be an index register'));
    expect(() => memIndex(RAX, RCX, 3 as Scale)).toThrow(new RangeError('scale must be 1, 2, 4 or 8, not 3'));
    expect(() => mem(RAX, 2 ** 31)).toThrow(RangeError);
    expect(() => rip(-(2 ** 31) - 1)).toThrow(RangeError);
  });
});

describe('condition codes', () => {
  it('are numbered as the tttn field and invert by the low bit', () => {
    expect(CONDS.length).toBe(16);
    expect(condCode('o')).toBe(0);
    expect(condCode('e')).toBe(4);
    expect(condCode('g')).toBe(15);
    expect(invertCond('e')).toBe('ne');
    expect(invertCond('l')).toBe('ge');
    expect(invertCond('a')).toBe('be');
    expect(invertCond('np')).toBe('p');
  });
});
