/**
 * The AArch64 assembler: label fixups at the limits of every pc-relative field (imm14, imm19,
 * imm26, adr's 21 bits) forward and backward, out-of-range errors, relocations, alignment,
 * listing preconditions.
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { bitIndex, imm16 } from '../../../targets/aarch64/imm.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import type { Label } from '../../../targets/aarch64/operands.js';
import { SP, vreg, X0, X1, X16, X3, X30, type Gpr, type GprZr } from '../../../targets/aarch64/regs.js';
import { RELOC_ELF_TYPE } from '../../../targets/aarch64/reloc.js';
import { wordHex } from './support.js';

function wordAt(code: Uint8Array, at: number): number {
  return (code[at]! | (code[at + 1]! << 8) | (code[at + 2]! << 16) | (code[at + 3]! << 24)) >>> 0;
}

/** The byte offset a branch word encodes, read back independently of the encoder. */
function decodedOffset(word: number, field: 'imm26' | 'imm19' | 'imm14' | 'adr21'): number {
  const signed = (v: number, bits: number): number => (v >= 2 ** (bits - 1) ? v - 2 ** bits : v);
  switch (field) {
    case 'imm26':
      return signed(word & 0x3ffffff, 26) * 4;
    case 'imm19':
      return signed((word >>> 5) & 0x7ffff, 19) * 4;
    case 'imm14':
      return signed((word >>> 5) & 0x3fff, 14) * 4;
    case 'adr21':
      return signed((((word >>> 5) & 0x7ffff) << 2) | ((word >>> 29) & 3), 21);
  }
}

const nop: Inst = { kind: 'nop' };

function pad(asm: Assembler, bytes: number): void {
  for (let k = 0; k < bytes; k += 4) asm.emit(nop);
}

/**
 * An assembler with the branch made by `branch` at offset 0 and its label `distance` bytes
 * ahead (distance > 0), or the label at 0 and the branch `-distance` bytes after it.
 */
function branchOver(distance: number, branch: (l: Label) => Inst): { asm: Assembler; at: number } {
  const asm = new Assembler();
  const l = asm.newLabel();
  if (distance > 0) {
    asm.emit(branch(l));
    pad(asm, distance - 4);
    asm.bind(l);
    asm.emit(nop);
    return { asm, at: 0 };
  }
  asm.bind(l);
  pad(asm, -distance);
  asm.emit(branch(l));
  return { asm, at: -distance };
}

const FIELDS = {
  imm14: { max: 32764, min: -32768, branch: (l: Label): Inst => ({ kind: 'tbz', op: 'tbnz', rt: X3, bit: bitIndex(40), target: l }) },
  imm19: { max: 1048572, min: -1048576, branch: (l: Label): Inst => ({ kind: 'b_cond', cond: 'ne', target: l }) },
  adr21: { max: 1048572, min: -1048576, branch: (l: Label): Inst => ({ kind: 'adr', rd: X1, target: l }) },
} as const;

describe('AArch64 assembler: labels and branch fixups', () => {
  it('resolves forward and backward labels in every pc-relative field', () => {
    const asm = new Assembler({ listing: true });
    const top = asm.newLabel();
    const end = asm.newLabel();
    asm.bind(top);
    asm.emit({ kind: 'b', target: end });
    asm.emit({ kind: 'bl', target: top });
    asm.emit({ kind: 'b_cond', cond: 'eq', target: end });
    asm.emit({ kind: 'cbz', op: 'cbnz', w: 64, rt: X0, target: top });
    asm.emit({ kind: 'tbz', op: 'tbz', rt: X1, bit: bitIndex(5), target: end });
    asm.emit({ kind: 'adr', rd: X16, target: end });
    asm.emit({ kind: 'ldr_lit', op: 'ldr', w: 64, rt: X0, target: end });
    asm.bind(end);
    asm.emit({ kind: 'br', op: 'ret', rn: X30 });
    const { code } = asm.finish();
    expect(Array.from({ length: 8 }, (_, k) => wordHex(code, 4 * k))).toEqual([
      '14000007', '97ffffff', '540000a0', 'b5ffffa0', '36280061', '10000050', '58000020', 'd65f03c0',
    ]);
    expect(asm.listing().map((l) => `${l.offset}: ${l.text}`)).toEqual([
      '0: b\t0x1c', '4: bl\t0x0', '8: b.eq\t0x1c  // b.none', '12: cbnz\tx0, 0x0', '16: tbz\tw1, #5, 0x1c', '20: adr\tx16, 0x1c',
      '24: ldr\tx0, 0x1c', '28: ret',
    ]);
  });

  for (const [field, { max, min, branch }] of Object.entries(FIELDS)) {
    it(`${field}: reaches ${max} bytes ahead and ${-min} back, and not one word further`, () => {
      for (const distance of [max, min]) {
        const { asm, at } = branchOver(distance, branch);
        const { code } = asm.finish();
        expect(decodedOffset(wordAt(code, at), field as keyof typeof FIELDS)).toBe(distance);
      }
      const ahead = branchOver(max + 4, branch).asm;
      expect(() => ahead.finish()).toThrow(new RangeError(`${field} branch at 0 cannot reach label 0 (${max + 4} bytes; reach ${min}..${field === 'adr21' ? max + 3 : max})`));
      const behind = branchOver(min - 4, branch).asm;
      expect(() => behind.finish()).toThrow(RangeError);
    });
  }

  it('imm19 of cbz and ldr (literal) at the limits too', () => {
    const cbz = (l: Label): Inst => ({ kind: 'cbz', op: 'cbz', w: 32, rt: X0, target: l });
    const lit = (l: Label): Inst => ({ kind: 'fldr_lit', fw: 64, rt: vreg(7), target: l });
    for (const make of [cbz, lit]) {
      const fwd = branchOver(1048572, make);
      expect(decodedOffset(wordAt(fwd.asm.finish().code, 0), 'imm19')).toBe(1048572);
      const back = branchOver(-1048576, make);
      expect(decodedOffset(wordAt(back.asm.finish().code, back.at), 'imm19')).toBe(-1048576);
      expect(() => branchOver(1048576, make).asm.finish()).toThrow(RangeError);
    }
  });

  it('imm26 (b, bl): 128 MiB - 4 ahead and 128 MiB back in one function; one word further ahead fails', () => {
    const LIMIT = 2 ** 27;
    const asm = new Assembler();
    const start = asm.newLabel();
    const far = asm.newLabel();
    asm.bind(start);
    asm.emit({ kind: 'b', target: far }); // at 0, far at 2^27 - 4
    pad(asm, LIMIT - 8);
    asm.bind(far);
    asm.emit(nop);
    asm.emit({ kind: 'bl', target: start }); // at 2^27: -2^27
    const { code } = asm.finish();
    expect(decodedOffset(wordAt(code, 0), 'imm26')).toBe(LIMIT - 4);
    expect(decodedOffset(wordAt(code, LIMIT), 'imm26')).toBe(-LIMIT);
    expect(wordHex(code, 0)).toBe('15ffffff');
    expect(wordHex(code, LIMIT)).toBe('96000000');
    // (one word further back is the same range check, tested above for the smaller fields:
    // a third 128 MiB function would double this test's time)
    const ahead = branchOver(LIMIT, (l) => ({ kind: 'bl', target: l })).asm;
    expect(() => ahead.finish()).toThrow(new RangeError(`imm26 branch at 0 cannot reach label 0 (${LIMIT} bytes; reach ${-LIMIT}..${LIMIT - 4})`));
  });

  it('an instruction that throws leaves no fixup, relocation or listing line behind', () => {
    const asm = new Assembler({ listing: true });
    const l = asm.newLabel();
    expect(() => asm.emit({ kind: 'cbz', op: 'cbz', w: 64, rt: SP as unknown as GprZr, target: l })).toThrow(RangeError);
    expect(() => asm.emit({ kind: 'adrp', rd: SP as unknown as Gpr, symbol: 'data' })).toThrow(RangeError);
    asm.bind(l);
    asm.emit(nop);
    const { code, relocs } = asm.finish();
    expect([code.length, relocs.length, asm.listing().length]).toEqual([4, 0, 1]);
  });

  it('refuses unbound, foreign and twice-bound labels', () => {
    const asm = new Assembler();
    const l = asm.newLabel();
    asm.emit({ kind: 'b', target: l });
    expect(() => asm.bind(7 as Label)).toThrow(new RangeError('label 7 does not belong to this assembler'));
    expect(() => asm.finish()).toThrow(new RangeError('label 0 is not bound'));
    const twice = new Assembler();
    const m = twice.newLabel();
    twice.bind(m);
    expect(() => twice.bind(m)).toThrow(new RangeError('label 0 is already bound'));
  });
});

describe('AArch64 assembler: relocations, alignment, listing', () => {
  it('records call26/jump26 for branches to symbols and adrp/add for symbol addresses, fields left zero', () => {
    const asm = new Assembler();
    asm.emit(nop);
    asm.emit({ kind: 'bl', target: 'f3' });
    asm.emit({ kind: 'b', target: 'kiln_trap' });
    asm.emit({ kind: 'adrp', rd: X0, symbol: 'globals' });
    asm.emit({ kind: 'add_lo12', rd: X0, rn: X0, symbol: 'globals' });
    expect(asm.lastCallEnd).toBe(8);
    const { code, relocs } = asm.finish();
    expect(Array.from({ length: 5 }, (_, k) => wordHex(code, 4 * k))).toEqual(['d503201f', '94000000', '14000000', '90000000', '91000000']);
    expect(relocs).toEqual([
      { offset: 4, kind: 'call26', symbol: 'f3', addend: 0 },
      { offset: 8, kind: 'jump26', symbol: 'kiln_trap', addend: 0 },
      { offset: 12, kind: 'adr_prel_pg_hi21', symbol: 'globals', addend: 0 },
      { offset: 16, kind: 'add_abs_lo12_nc', symbol: 'globals', addend: 0 },
    ]);
    expect(RELOC_ELF_TYPE).toEqual({ call26: 283, jump26: 282, adr_prel_pg_hi21: 275, add_abs_lo12_nc: 277 });
  });

  it('knows the return address of the last call (bl or blr)', () => {
    const asm = new Assembler();
    expect(asm.lastCallEnd).toBe(-1);
    asm.emit(nop);
    asm.emit({ kind: 'br', op: 'blr', rn: X16 });
    expect(asm.lastCallEnd).toBe(8);
    asm.emit({ kind: 'br', op: 'br', rn: X16 });
    expect(asm.lastCallEnd).toBe(8);
  });

  it('aligns with nops, udf #0 or brk #0, and refuses a boundary that is not a power of two', () => {
    const asm = new Assembler({ listing: true });
    asm.emit(nop);
    asm.align(16);
    asm.emit(nop);
    asm.align(16, 'udf');
    asm.align(8, 'brk'); // already aligned: nothing
    asm.emit(nop);
    asm.align(16, 'brk');
    asm.align(2);
    const { code } = asm.finish();
    expect(code.length).toBe(48);
    expect(asm.listing().map((l) => l.text)).toEqual([
      'nop', 'nop', 'nop', 'nop', 'nop', 'udf\t#0', 'udf\t#0', 'udf\t#0', 'nop', 'brk\t#0x0', 'brk\t#0x0', 'brk\t#0x0',
    ]);
    expect(() => asm.align(24)).toThrow(new RangeError('alignment must be a power of two from 1 to 4096, not 24'));
    expect(() => new Assembler().align(8192)).toThrow(RangeError);
  });

  it('listing needs { listing: true } and finish(); emit after finish is refused', () => {
    const plain = new Assembler();
    plain.emit({ kind: 'brk', imm: imm16(1) });
    plain.finish();
    expect(() => plain.listing()).toThrow('assembler was not created with { listing: true }');
    expect(() => plain.emit(nop)).toThrow('assembler already finished');
    const early = new Assembler({ listing: true });
    early.emit(nop);
    expect(() => early.listing()).toThrow('listing() needs finish() first (labels are unresolved)');
  });
});
