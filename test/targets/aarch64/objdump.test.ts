/**
 * Cross-check of the AArch64 encoder and printer against GNU objdump, on the encoder table and
 * on a large generated set; the disassembler must be installed (a missing one fails the test).
 */

import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { ARR_CLASSES, ELEM_BITS, type ArrClass, type VElem } from '../../../targets/aarch64/arrangement.js';
import { ENCODED_KINDS } from '../../../targets/aarch64/encode.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import {
  ADD_SUB, BITFIELD, CACHE_OPS, CCMP, CSEL, CVT, DP1, DP2, FCCMP, FCMP, FP1, FP2, LDST, LOGIC, LOGIC_IMM, MOV_WIDE, REDUCE,
} from '../../../targets/aarch64/tables.js';
import { VEC3, VEC3_DIFF, VEC_ACROSS, VEC_IMM, VEC_LDST, VEC_MISC, VEC_PERM, VEC_SHIFT, VEC_TBL } from '../../../targets/aarch64/tables-simd.js';
import { ALL_ROWS } from './encoder-table.js';
import { generateAll } from './generate.js';
import { MISSING, objdump } from './objdump.js';
import { mismatches } from './support.js';

/** How many instructions generate.ts emits (a change in the generator shows up here). */
const GENERATED_COUNT = 13929;

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
    ['vec3', Object.keys(VEC3)], ['vec_misc', Object.keys(VEC_MISC)], ['vec_across', Object.keys(VEC_ACROSS)],
    ['vec3_diff', Object.keys(VEC3_DIFF)], ['vec_shift', Object.keys(VEC_SHIFT)], ['vec_perm', Object.keys(VEC_PERM)],
    ['vec_tbl', Object.keys(VEC_TBL)], ['vec_movi', Object.keys(VEC_IMM)], ['vec_ldst_multi', Object.keys(VEC_LDST)],
    ['vec_ldst_lane', Object.keys(VEC_LDST)],
  ];
  return families.flatMap(([kind, ops]) => ops.map((op) => `${kind}.${op}`)).sort();
}

/** `kind.op.arr` for every arrangement of every SIMD form (from each row's class), and `kind.op.elem[index]` for every lane. */
function everySimdForm(): string[] {
  const out: string[] = [];
  const rows = (kind: string, table: Readonly<Record<string, { readonly arrs: ArrClass }>>): void => {
    for (const [op, row] of Object.entries(table)) for (const arr of ARR_CLASSES[row.arrs]) out.push(`${kind}.${op}.${arr}`);
  };
  const fixed = (kind: string, ops: readonly string[], cls: ArrClass): void => {
    for (const op of ops) for (const arr of ARR_CLASSES[cls]) out.push(`${kind}.${op}.${arr}`);
  };
  rows('vec3', VEC3);
  rows('vec_misc', VEC_MISC);
  rows('vec_across', VEC_ACROSS);
  rows('vec3_diff', VEC3_DIFF);
  rows('vec_shift', VEC_SHIFT);
  rows('vec_movi', VEC_IMM);
  fixed('vec_perm', Object.keys(VEC_PERM), 'bhsd');
  fixed('vec_tbl', Object.keys(VEC_TBL), 'b');
  fixed('vec_ldst_multi', Object.keys(VEC_LDST), 'all');
  fixed('vec_ext', ['-'], 'b');
  fixed('vec_dup_elem', ['-'], 'bhsd');
  fixed('vec_dup_gpr', ['-'], 'bhsd');
  fixed('vec_fmov_imm', ['-'], 'f');
  fixed('vec_ld1r', ['-'], 'all');
  const lanes = (kind: string, ops: readonly string[], elems: readonly VElem[]): void => {
    for (const op of ops) for (const elem of elems) for (let k = 0; k < 128 / ELEM_BITS[elem]; k++) out.push(`${kind}.${op}.${elem}[${k}]`);
  };
  lanes('vec_ldst_lane', Object.keys(VEC_LDST), ['b', 'h', 's', 'd']);
  lanes('vec_ins_elem', ['-'], ['b', 'h', 's', 'd']);
  lanes('vec_ins_gpr', ['-'], ['b', 'h', 's', 'd']);
  lanes('vec_umov', ['-'], ['b', 'h', 's', 'd']);
  lanes('vec_smov', ['32'], ['b', 'h']);
  lanes('vec_smov', ['64'], ['b', 'h', 's']);
  return out.sort();
}

/** The SIMD form an instruction exercises, in everySimdForm's naming, or null. */
function simdForm(inst: Inst): string | null {
  const op = 'op' in inst ? inst.op : 'w' in inst ? String(inst.w) : '-';
  if ('arr' in inst) return `${inst.kind}.${op}.${inst.arr}`;
  if ('elem' in inst && 'index' in inst) return `${inst.kind}.${op}.${inst.elem}[${inst.index}]`;
  return null;
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

  it('a generated set of every form, width, arrangement, lane, register, addressing mode, condition and immediate edge agrees line by line', () => {
    const asm = new Assembler({ listing: true });
    const kinds = new Set<string>();
    const ops = new Set<string>();
    const widths = new Map<string, Set<number>>();
    const simd = new Set<string>();
    const emit = asm.emit.bind(asm);
    asm.emit = (inst: Inst): void => {
      kinds.add(inst.kind);
      const form = simdForm(inst);
      if (form !== null) simd.add(form);
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
    // every arrangement of every SIMD op, every lane of every element-indexed form
    expect([...simd].sort()).toEqual(everySimdForm());
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
