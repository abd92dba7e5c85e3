/**
 * Cross-check of the x86-64 encoder and printer against GNU objdump, on the table rows and on a
 * large generated set; objdump must be installed (a missing objdump fails the test).
 */

import { describe, expect, it } from 'vitest';
import { Assembler, type ListingLine } from '../../../targets/x86_64/asm.js';
import { ENCODED_KINDS } from '../../../targets/x86_64/encode.js';
import type { Inst } from '../../../targets/x86_64/inst.js';
import { ALU, BIT, CVT_F2I, CVT_I2F, ROUND, SHIFT_EXT, SSE, SSE_STORE } from '../../../targets/x86_64/tables.js';
import { MOVMSK, PEXTR, PINSR, SSE_BLENDV, SSE_CMP, SSE_CMP_PREDS, SSE_IMM, SSE_REG, SSE_SHIFT_IMM } from '../../../targets/x86_64/tables-simd.js';
import { ALL_ROWS } from './encoder-table.js';
import { generateAll } from './generate.js';
import { objdump } from './objdump.js';
import { ALL_FEATURES, hexBytes } from './support.js';

/** `kind.op` for every member of every opcode table, sorted. */
function everyTableOp(): string[] {
  const families: [string, object][] = [
    ['alu', ALU], ['alu_imm', ALU], ['shift', SHIFT_EXT], ['unary', { not: 0, neg: 0 }], ['div', { div: 0, idiv: 0 }],
    ['bit', BIT], ['sse', SSE], ['sse_store', SSE_STORE], ['round', ROUND], ['cvt_i2f', CVT_I2F], ['cvt_f2i', CVT_F2I],
    ['sse_reg', SSE_REG], ['sse_imm', SSE_IMM], ['sse_cmp', SSE_CMP], ['sse_blendv', SSE_BLENDV], ['sse_shift_imm', SSE_SHIFT_IMM],
    ['pinsr', PINSR], ['pextr', PEXTR], ['movmsk', MOVMSK],
  ];
  return families.flatMap(([kind, table]) => Object.keys(table).map((op) => `${kind}.${op}`)).sort();
}

/** Every mismatch between our listing and objdump's, as readable lines (empty when equal). */
function mismatches(ours: readonly ListingLine[], code: Uint8Array): string[] {
  const theirs = objdump(code);
  const out: string[] = [];
  const n = Math.max(ours.length, theirs.length);
  for (let k = 0; k < n && out.length < 20; k++) {
    const a = ours[k];
    const b = theirs[k];
    const mine = a === undefined ? '(none)' : `${a.offset.toString(16)}: ${hexBytes(a.bytes)} | ${a.text}`;
    const ref = b === undefined ? '(none)' : `${b.offset.toString(16)}: ${b.hex} | ${b.text}`;
    if (mine !== ref) out.push(`kiln    ${mine}\nobjdump ${ref}`);
  }
  return out;
}

describe('x86-64 encoder and printer against GNU objdump', () => {
  it('every encoder table row, assembled in one buffer, disassembles to our bytes and text', () => {
    const asm = new Assembler({ features: ALL_FEATURES, listing: true });
    for (const [inst] of ALL_ROWS) {
      // rows branch to L0 at their own start: give each branch its own label bound there
      const here = asm.newLabel();
      asm.bind(here);
      asm.emit(inst.kind === 'jcc' || inst.kind === 'jmp' ? { ...inst, target: here } : inst);
    }
    const { code } = asm.finish();
    const lines = asm.listing();
    expect(lines.length).toBe(ALL_ROWS.length);
    expect(mismatches(lines, code)).toEqual([]);
  });

  it('a generated set of every form, register, addressing mode, condition and immediate edge agrees line by line', () => {
    const asm = new Assembler({ features: ALL_FEATURES, listing: true });
    const kinds = new Set<string>();
    const ops = new Set<string>();
    const preds = new Set<string>();
    const emit = asm.emit.bind(asm);
    asm.emit = (inst: Inst): void => {
      kinds.add(inst.kind);
      if ('op' in inst) ops.add(`${inst.kind}.${inst.op}`);
      if (inst.kind === 'sse_cmp') preds.add(`${inst.op}.${inst.pred}`);
      emit(inst);
    };
    generateAll(asm);
    const { code, relocs } = asm.finish();
    const lines = asm.listing();
    expect([...kinds].sort()).toEqual([...ENCODED_KINDS].sort());
    expect([...ops].sort()).toEqual(everyTableOp());
    expect([...preds].sort()).toEqual(Object.keys(SSE_CMP).flatMap((op) => SSE_CMP_PREDS.map((p) => `${op}.${p}`)).sort());
    expect(lines.length).toBe(9293);
    expect(relocs.filter((r) => r.kind === 'plt32').length).toBe(3);
    expect(mismatches(lines, code)).toEqual([]);
  });

  it('fails, not skips, with an install hint when objdump is not on PATH', () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent-kiln-test-dir';
    try {
      expect(() => objdump(new Uint8Array([0xc3]))).toThrow(new Error('objdump not found: apt-get install -y binutils'));
    } finally {
      process.env['PATH'] = saved;
    }
  });
});
