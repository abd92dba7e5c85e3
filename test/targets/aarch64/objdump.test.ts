/**
 * Cross-check of the AArch64 encoder and printer against GNU objdump, on the encoder table and
 * on a large generated set; the disassembler must be installed (a missing one fails the test).
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { ENCODED_KINDS } from '../../../targets/aarch64/encode.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import {
  ADD_SUB, BITFIELD, CACHE_OPS, CCMP, CSEL, CVT, DP1, DP2, FCCMP, FCMP, FP1, FP2, LDST, LOGIC, LOGIC_IMM, MOV_WIDE, REDUCE,
} from '../../../targets/aarch64/tables.js';
import { ALL_ROWS } from './encoder-table.js';
import { generateAll } from './generate.js';
import { MISSING, objdump } from './objdump.js';
import { mismatches } from './support.js';

/** How many instructions generate.ts emits (a change in the generator shows up here). */
const GENERATED_COUNT = 8593;

/** The members that exist at one width only (every other `kind.op` with a width has both). */
const ONE_WIDTH = [
  'ldst.ldrb', 'ldst.ldrh', 'ldst.strb', 'ldst.strh', 'ldst.ldrsw', 'ldr_lit.ldrsw', 'dp1.rev32',
];

/** `kind.op` for every member of every family with an `op`, sorted. */
function everyTableOp(): string[] {
  const cvt = Object.keys(CVT);
  const families: [string, readonly string[]][] = [
    ['add_imm', Object.keys(ADD_SUB)], ['add_reg', Object.keys(ADD_SUB)], ['add_ext', Object.keys(ADD_SUB)],
    ['logic_imm', Object.keys(LOGIC_IMM)], ['logic_reg', Object.keys(LOGIC)], ['mov_wide', Object.keys(MOV_WIDE)],
    ['bitfield', Object.keys(BITFIELD)], ['mul', ['madd', 'msub']], ['mulh', ['smulh', 'umulh']], ['dp2', Object.keys(DP2)],
    ['dp1', Object.keys(DP1)], ['csel', Object.keys(CSEL)], ['ccmp', Object.keys(CCMP)], ['ccmp_imm', Object.keys(CCMP)],
    ['ldst', Object.keys(LDST)], ['fldst', ['ldr', 'str']], ['ldst_pair', ['ldp', 'stp']], ['fldst_pair', ['ldp', 'stp']],
    ['ldr_lit', ['ldr', 'ldrsw']], ['cbz', ['cbz', 'cbnz']], ['tbz', ['tbz', 'tbnz']], ['br', ['br', 'blr', 'ret']],
    ['barrier', ['dmb', 'dsb']], ['fp1', Object.keys(FP1)], ['fp2', Object.keys(FP2)], ['fcmp', Object.keys(FCMP)],
    ['fccmp', Object.keys(FCCMP)], ['cvt_i2f', cvt.filter((op) => op.endsWith('cvtf'))], ['cvt_f2i', cvt.filter((op) => !op.endsWith('cvtf'))],
    ['reduce', Object.keys(REDUCE)], ['cache', Object.keys(CACHE_OPS)],
  ];
  return families.flatMap(([kind, ops]) => ops.map((op) => `${kind}.${op}`)).sort();
}

describe('AArch64 encoder and printer against aarch64-linux-gnu-objdump', () => {
  it('every encoder table row, assembled in one buffer, disassembles to our word and text', () => {
    const asm = new Assembler({ listing: true });
    for (const [inst] of ALL_ROWS) {
      // rows branch to L0 at their own start: give each branch its own label bound there
      const here = asm.newLabel();
      asm.bind(here);
      asm.emit('target' in inst && typeof inst.target === 'number' ? ({ ...inst, target: here } as Inst) : inst);
    }
    const { code } = asm.finish();
    const lines = asm.listing();
    expect(lines.length).toBe(ALL_ROWS.length);
    expect(mismatches(lines, code)).toEqual([]);
  });

  it('a generated set of every form, width, register, addressing mode, condition and immediate edge agrees line by line', () => {
    const asm = new Assembler({ listing: true });
    const kinds = new Set<string>();
    const ops = new Set<string>();
    const widths = new Map<string, Set<number>>();
    const emit = asm.emit.bind(asm);
    asm.emit = (inst: Inst): void => {
      kinds.add(inst.kind);
      const name = 'op' in inst ? `${inst.kind}.${inst.op}` : inst.kind;
      if ('op' in inst) ops.add(name);
      const w = 'w' in inst ? inst.w : 'fw' in inst ? inst.fw : null;
      if (w !== null) widths.set(name, (widths.get(name) ?? new Set()).add(w));
      emit(inst);
    };
    generateAll(asm);
    const { code } = asm.finish();
    const lines = asm.listing();
    expect([...kinds].sort()).toEqual([...ENCODED_KINDS].sort());
    expect([...ops].sort()).toEqual(everyTableOp());
    // both widths of every member that has both (and s, d, q for the SIMD&FP loads and stores)
    const narrow = [...widths].filter(([name, ws]) => !ONE_WIDTH.includes(name) && !(ws.has(32) && ws.has(64))).map(([name]) => name);
    expect(narrow).toEqual([]);
    expect([...widths.get('fldst.ldr')!].sort()).toEqual([128, 32, 64]);
    expect(lines.length).toBe(GENERATED_COUNT);
    expect(mismatches(lines, code)).toEqual([]);
  });

  it('fails, not skips, with an install hint when the disassembler is not on PATH', () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent-kiln-test-dir';
    try {
      expect(() => objdump(new Uint8Array([0x1f, 0x20, 0x03, 0xd5]))).toThrow(new Error(MISSING));
    } finally {
      process.env['PATH'] = saved;
    }
  });
});
