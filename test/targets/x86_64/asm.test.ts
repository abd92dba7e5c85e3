/**
 * The x86-64 assembler: label binding, rel8/rel32 and RIP-relative fixups, relocation records,
 * listing preconditions.
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/x86_64/asm.js';
import { imm32, uimm8 } from '../../../targets/x86_64/imm.js';
import { ripLabel, ripSymbol, type Label } from '../../../targets/x86_64/operands.js';
import { RAX, RCX, xmm } from '../../../targets/x86_64/regs.js';
import { RELOC_ELF_TYPE } from '../../../targets/x86_64/reloc.js';
import { hexBytes } from './support.js';

describe('x86-64 assembler: labels, fixups and relocations', () => {
  it('resolves forward and backward rel32 and rel8 branches', () => {
    const asm = new Assembler({ listing: true });
    const top = asm.newLabel();
    const end = asm.newLabel();
    asm.bind(top);
    asm.emit({ kind: 'jcc', cc: 'e', target: end, short: false });
    asm.emit({ kind: 'jmp', target: end, short: true });
    asm.emit({ kind: 'jmp', target: top, short: true });
    asm.bind(end);
    asm.emit({ kind: 'ret' });
    expect(hexBytes(asm.finish().code)).toBe('0f 84 04 00 00 00 eb 02 eb f6 c3');
    expect(asm.listing().map((l) => `${l.offset}: ${l.text}`)).toEqual(['0: je     0xa', '6: jmp    0xa', '8: jmp    0x0', '10: ret']);
  });

  it('throws when a short branch cannot reach its label (128 bytes ahead)', () => {
    const asm = new Assembler();
    const far = asm.newLabel();
    asm.emit({ kind: 'jmp', target: far, short: true });
    for (let i = 0; i < 128; i++) asm.emit({ kind: 'nop' });
    asm.bind(far);
    expect(() => asm.finish()).toThrow(new RangeError('short branch at 0 cannot reach label 0 (128 bytes)'));
  });

  it('accepts a short branch exactly 127 bytes ahead and 128 back', () => {
    const asm = new Assembler();
    const back = asm.newLabel();
    const ahead = asm.newLabel();
    asm.bind(back);
    for (let i = 0; i < 126; i++) asm.emit({ kind: 'nop' });
    asm.emit({ kind: 'jmp', target: back, short: true }); // ends at 128: rel -128
    asm.emit({ kind: 'jmp', target: ahead, short: true });
    for (let i = 0; i < 127; i++) asm.emit({ kind: 'nop' });
    asm.bind(ahead);
    const code = asm.finish().code;
    expect(hexBytes(code.subarray(126, 130))).toBe('eb 80 eb 7f');
  });

  it('refuses unbound, foreign and twice-bound labels', () => {
    const asm = new Assembler();
    const l = asm.newLabel();
    asm.emit({ kind: 'jmp', target: l, short: false });
    expect(() => asm.bind(7 as Label)).toThrow(new RangeError('label 7 does not belong to this assembler'));
    expect(() => asm.finish()).toThrow(new RangeError('label 0 is not bound'));
    const twice = new Assembler();
    const m = twice.newLabel();
    twice.bind(m);
    expect(() => twice.bind(m)).toThrow(new RangeError('label 0 is already bound'));
  });

  it('a RIP-relative label operand counts from the end of the instruction, past its immediate', () => {
    const asm = new Assembler({ listing: true });
    const data = asm.newLabel();
    asm.emit({ kind: 'store_imm', w: 32, dst: ripLabel(data), imm: imm32(7) }); // 10 bytes
    asm.emit({ kind: 'round', op: 'roundsd', dst: xmm(0), src: ripLabel(data, 8), mode: uimm8(1) }); // 10 bytes
    asm.bind(data);
    const { code } = asm.finish();
    expect(hexBytes(code)).toBe('c7 05 0a 00 00 00 07 00 00 00 66 0f 3a 0b 05 08 00 00 00 01');
    expect(asm.listing().map((l) => l.text)).toEqual([
      'mov    DWORD PTR [rip+0xa],0x7        # 0x14',
      'roundsd xmm0,QWORD PTR [rip+0x8],0x1        # 0x1c',
    ]);
  });

  it('records relocations for calls and RIP-relative symbols with S + A - P addends', () => {
    const asm = new Assembler();
    asm.emit({ kind: 'push', reg: RAX });
    asm.emit({ kind: 'call', symbol: 'kiln_trap' });
    asm.emit({ kind: 'alu_imm', op: 'cmp', w: 32, dst: ripSymbol('globals', 4), imm: imm32(1) });
    const { code, relocs } = asm.finish();
    expect(hexBytes(code)).toBe('50 e8 00 00 00 00 83 3d 00 00 00 00 01');
    expect(relocs).toEqual([
      { offset: 2, kind: 'plt32', symbol: 'kiln_trap', addend: -4 },
      { offset: 8, kind: 'pc32', symbol: 'globals', addend: 4 - 4 - 1 },
    ]);
    expect(RELOC_ELF_TYPE).toEqual({ pc32: 2, plt32: 4 });
  });

  it('listing needs { listing: true } and finish(); emit after finish is refused', () => {
    const plain = new Assembler();
    plain.emit({ kind: 'ret' });
    plain.finish();
    expect(() => plain.listing()).toThrow('assembler was not created with { listing: true }');
    expect(() => plain.emit({ kind: 'ret' })).toThrow('assembler already finished');
    const early = new Assembler({ listing: true });
    early.emit({ kind: 'ret' });
    expect(() => early.listing()).toThrow('listing() needs finish() first (labels are unresolved)');
  });

  it('aligns with the fewest multi-byte nops, or with int3, and refuses a boundary that is not a power of two', () => {
    const asm = new Assembler({ listing: true });
    asm.emit({ kind: 'ret' });
    asm.align(32); // 31 bytes: 9 + 9 + 9 + 4
    asm.emit({ kind: 'ret' });
    asm.align(4, 'int3');
    asm.align(4); // already aligned: nothing
    const { code } = asm.finish();
    expect(code.length).toBe(36);
    expect(asm.listing().map((l) => l.bytes.length)).toEqual([1, 9, 9, 9, 4, 1, 1, 1, 1]);
    expect(hexBytes(code.subarray(32))).toBe('c3 cc cc cc');
    expect(() => asm.align(24)).toThrow(new RangeError('alignment must be a power of two from 1 to 4096, not 24'));
  });

  it('knows when ZF already describes a register: right after add/sub/and/or/xor into it, until anything else or a label', () => {
    const asm = new Assembler();
    asm.emit({ kind: 'alu_imm', op: 'add', w: 32, dst: RAX, imm: imm32(-1) });
    expect(asm.zeroFlagOf(RAX, 32)).toBe(true);
    expect(asm.zeroFlagOf(RAX, 64)).toBe(false);
    expect(asm.zeroFlagOf(RCX, 32)).toBe(false);
    asm.emit({ kind: 'mov', w: 64, dst: RCX, src: RAX });
    expect(asm.zeroFlagOf(RAX, 32)).toBe(false);
    asm.emit({ kind: 'alu', op: 'xor', w: 64, dst: RCX, src: RAX });
    expect(asm.zeroFlagOf(RCX, 64)).toBe(true);
    asm.bind(asm.newLabel());
    expect(asm.zeroFlagOf(RCX, 64)).toBe(false);
    asm.emit({ kind: 'alu', op: 'cmp', w: 64, dst: RCX, src: RAX });
    expect(asm.zeroFlagOf(RCX, 64)).toBe(false);
  });
});
