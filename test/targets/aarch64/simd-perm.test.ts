/**
 * The AArch64 lowering of v128 permutations, reductions and widening/narrowing rows
 * (targets/aarch64/rules/simd-perm.ts), on the host: every row compiles for `isa: 'aarch64'`
 * (allocation checked) to the NEON instructions it is meant to (tbl, sqxtn2, sxtl2, smull2,
 * saddlp, sqrdmulh, addv, ...), each shuffle pattern gets its plan (copy, dup, zip/uzp/trn, ext,
 * tbl of one or two registers), and GNU objdump agrees with every emitted instruction. Execution
 * under qemu is the AArch64 spec suite on the SIMD scripts (docs/simd.md, "Status").
 */

import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Frontend } from '../../../compiler/frontend/index.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator, checkAllocation } from '../../../compiler/regalloc/index.js';
import { planShuffle, SIMD_PERM_ROWS } from '../../../targets/aarch64/rules/simd-perm.js';
import { lowering } from '../../../targets/aarch64/rules/rule.js';
import { aarch64Target } from '../../../targets/aarch64/target.js';
import { compileFunctionStages } from '../../../targets/compile.js';
import type { Module } from '../../../formats/wasm/types.js';
import { opModule, type OperandKind } from '../simd-harness.js';
import { objdump } from './objdump.js';

const HALVES = ['low', 'high'] as const;
const SIGNS = ['s', 'u'] as const;
const WIDER: readonly (readonly [string, string])[] = [['i16x8', 'i8x16'], ['i32x4', 'i16x8'], ['i64x2', 'i32x4']];

interface Row {
  readonly instr: string;
  readonly operands: readonly OperandKind[];
  readonly result: OperandKind;
  /** instructions (listing text fragments) the body must hold, in order */
  readonly expect: readonly string[];
}

const ROWS: Row[] = [
  { instr: 'i8x16.swizzle', operands: ['v', 'v'], result: 'v', expect: ['tbl\tv'] },
  { instr: 'v128.any_true', operands: ['v'], result: 'i', expect: ['umaxv\ts31', 'cset\tw'] },
  { instr: 'i8x16.all_true', operands: ['v'], result: 'i', expect: ['uminv\tb31', 'cset\tw'] },
  { instr: 'i16x8.all_true', operands: ['v'], result: 'i', expect: ['uminv\th31', 'cset\tw'] },
  { instr: 'i32x4.all_true', operands: ['v'], result: 'i', expect: ['uminv\ts31', 'cset\tw'] },
  { instr: 'i64x2.all_true', operands: ['v'], result: 'i', expect: ['cmeq\tv31.2d', 'umaxv\ts31', 'cset\tw'] },
  { instr: 'i8x16.bitmask', operands: ['v'], result: 'i', expect: ['ushr\tv31.16b', 'usra\tv31.8h, v31.8h, #7', 'usra\tv31.4s, v31.4s, #14', 'usra\tv31.2d, v31.2d, #28', 'mov\tv31.b[1], v31.b[8]', 'umov\tw'] },
  { instr: 'i16x8.bitmask', operands: ['v'], result: 'i', expect: ['ushr\tv31.8h', 'usra\tv31.4s, v31.4s, #15', 'xtn\tv31.4h, v31.4s', 'usra\tv31.4s, v31.4s, #14', 'usra\tv31.2d, v31.2d, #28', 'umov\tw'] },
  { instr: 'i32x4.bitmask', operands: ['v'], result: 'i', expect: ['ushr\tv31.4s', 'usra\tv31.2d, v31.2d, #31', 'xtn\tv31.2s, v31.2d', 'usra\tv31.2d, v31.2d, #30', 'mov\tw'] },
  { instr: 'i64x2.bitmask', operands: ['v'], result: 'i', expect: ['ushr\tv31.2d', 'mov\tx16, v31.d[0]', 'mov\tx17, v31.d[1]', 'add\tw'] },
  { instr: 'i8x16.narrow_i16x8_s', operands: ['v', 'v'], result: 'v', expect: ['sqxtn\tv', 'sqxtn2\tv'] },
  { instr: 'i8x16.narrow_i16x8_u', operands: ['v', 'v'], result: 'v', expect: ['sqxtun\tv', 'sqxtun2\tv'] },
  { instr: 'i16x8.narrow_i32x4_s', operands: ['v', 'v'], result: 'v', expect: ['.4h, v', 'sqxtn2\tv'] },
  { instr: 'i16x8.narrow_i32x4_u', operands: ['v', 'v'], result: 'v', expect: ['sqxtun\tv', 'sqxtun2\tv'] },
  { instr: 'i16x8.extadd_pairwise_i8x16_s', operands: ['v'], result: 'v', expect: ['saddlp\tv'] },
  { instr: 'i16x8.extadd_pairwise_i8x16_u', operands: ['v'], result: 'v', expect: ['uaddlp\tv'] },
  { instr: 'i32x4.extadd_pairwise_i16x8_s', operands: ['v'], result: 'v', expect: ['saddlp\tv'] },
  { instr: 'i32x4.extadd_pairwise_i16x8_u', operands: ['v'], result: 'v', expect: ['uaddlp\tv'] },
  { instr: 'i32x4.dot_i16x8_s', operands: ['v', 'v'], result: 'v', expect: ['smull\tv31.4s', 'smull2\tv', 'addp\tv'] },
  { instr: 'i16x8.q15mulr_sat_s', operands: ['v', 'v'], result: 'v', expect: ['sqrdmulh\tv'] },
];
for (const [w, n] of WIDER) {
  for (const h of HALVES) {
    for (const u of SIGNS) {
      const two = h === 'high' ? '2' : '';
      ROWS.push({ instr: `${w}.extend_${h}_${n}_${u}`, operands: ['v'], result: 'v', expect: [`${u}xtl${two}\tv`] });
      ROWS.push({ instr: `${w}.extmul_${h}_${n}_${u}`, operands: ['v', 'v'], result: 'v', expect: [`${u}mull${two}\tv`] });
    }
  }
}

const shuffle = (idx: readonly number[]): string => `i8x16.shuffle ${idx.join(' ')}`;
const range = (f: (k: number) => number): number[] => Array.from({ length: 16 }, (_, k) => f(k));

/** shuffle patterns, the plan each must get, and an instruction its listing must hold */
const SHUFFLES: readonly (readonly [string, number[], string, string | null])[] = [
  ['identity of a', range((k) => k), 'copy', null],
  ['identity of b', range((k) => 16 + k), 'copy', null],
  ['byte broadcast', range(() => 5), 'dup', 'dup\tv'],
  ['halfword broadcast of b', range((k) => 16 + 6 + (k % 2)), 'dup', '.h[3]'],
  ['word broadcast', range((k) => 8 + (k % 4)), 'dup', '.s[2]'],
  ['doubleword broadcast', range((k) => 8 + (k % 8)), 'dup', '.d[1]'],
  ['zip1 bytes', range((k) => (k & 1 ? 16 : 0) + (k >> 1)), 'perm', 'zip1\tv'],
  ['zip2 words of b, a', range((k) => (Math.floor(k / 4) & 1 ? 0 : 16) + 8 + 4 * (Math.floor(k / 4) >> 1) + (k % 4)), 'perm', 'zip2\tv'],
  ['uzp1 halfwords', range((k) => 4 * Math.floor(k / 2) + (k % 2)), 'perm', 'uzp1\tv'],
  ['uzp2 bytes', range((k) => 2 * k + 1), 'perm', 'uzp2\tv'],
  ['trn1 doublewords', range((k) => (k < 8 ? k : 16 + k - 8)), 'perm', 'zip1\tv'],
  ['trn2 bytes', range((k) => (k & 1 ? 16 + k : k + 1)), 'perm', 'trn2\tv'],
  ['ext a:b #3', range((k) => 3 + k), 'ext', 'ext\tv'],
  ['ext b:a #12', range((k) => (28 + k) & 31), 'ext', 'ext\tv'],
  ['rotate of one operand', range((k) => (k + 7) & 15), 'ext', 'ext\tv'],
  ['reverse of a', range((k) => 15 - k), 'tbl1', 'tbl\tv'],
  ['reverse of b', range((k) => 31 - k), 'tbl1', 'tbl\tv'],
  ['mixed', [0, 17, 2, 30, 4, 5, 31, 7, 8, 16, 10, 11, 3, 13, 29, 15], 'tbl2', 'tbl\tv'],
];

/** every instruction of the listing text, address stripped */
function body(m: Module): string[] {
  const asm = compileFunctionStages(m, 0, { isa: 'aarch64' }).asm;
  return asm.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/^ *[0-9a-f]+:  /, ''));
}

/** the instructions in order (each a fragment of a line after the previous one) */
function holdsInOrder(lines: readonly string[], want: readonly string[]): boolean {
  let at = 0;
  for (const w of want) {
    while (at < lines.length && !(lines[at] as string).includes(w)) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

/** compile function 0 of m with the listing and the code, in both bounds modes */
function listed(m: Module, guard: boolean): { code: Uint8Array; lines: string[] } {
  const f = new Frontend().translate(m, 0, { interrupts: !guard, bounds: guard ? 'none' : 'explicit', verify: true });
  optimize(f, new PassContext());
  const target = aarch64Target();
  const lowered = target.lower(f);
  const alloc = new Allocation();
  new Allocator().allocate(lowered.m, target.env, alloc);
  checkAllocation(lowered.m, target.env, alloc);
  const e = target.emit(f, lowered, alloc, 0, { listing: true, faultSites: guard });
  return { code: e.compiled.code, lines: [...(e.listing ?? [])] };
}

describe('AArch64 simd-perm rows', () => {
  it('lowers every row of this family, and each has an AArch64 lowering', () => {
    const names = new Set(OPCODES.map((r) => r.name));
    for (const row of SIMD_PERM_ROWS) {
      expect(names.has(row), row).toBe(true);
      const op = OPCODES.findIndex((r) => r.name === row);
      expect(lowering(op), row).toBeDefined();
    }
    const tested = new Set(['i8x16.shuffle', ...ROWS.map((r) => r.instr)]);
    expect([...SIMD_PERM_ROWS].sort()).toEqual([...tested].sort());
  });

  for (const row of ROWS) {
    it(`${row.instr} compiles to ${row.expect.join(', ').replace(/\t/g, ' ')}`, () => {
      const lines = body(opModule(row.instr, row.operands, row.result));
      expect(holdsInOrder(lines, row.expect), lines.join('\n')).toBe(true);
    });
  }

  for (const [name, idx, plan, inst] of SHUFFLES) {
    it(`shuffle: ${name} is a ${plan}`, () => {
      expect(planShuffle(idx, false).kind).toBe(plan);
      const lines = body(opModule(shuffle(idx), ['v', 'v'], 'v'));
      if (inst !== null) expect(lines.some((l) => l.includes(inst)), lines.join('\n')).toBe(true);
      if (plan === 'tbl2') expect(lines.some((l) => l.includes('tbl\tv') && l.includes('{v30.16b, v31.16b}')), lines.join('\n')).toBe(true);
      if (plan === 'copy') expect(lines.some((l) => /tbl|zip|uzp|trn|ext\t|dup\tv.*\]/.test(l)), lines.join('\n')).toBe(false);
    });
  }

  it('a shuffle of one value with itself uses one register (indices taken modulo 16)', () => {
    expect(planShuffle(range((k) => (k & 1 ? 16 + k : k)), true).kind).toBe('copy');
    expect(planShuffle(range((k) => 31 - k), true)).toEqual({ kind: 'tbl1', from: 0, mask: Uint8Array.from(range((k) => 15 - k)) });
    expect(planShuffle(range((k) => (k & 1 ? 16 : 0) + (k >> 1)), true)).toEqual({ kind: 'perm', first: 0, second: 0, op: 'zip1', arr: '16b' });
  });

  it('every shuffle plan picks instructions whose lanes are the indices', () => {
    // random index vectors: the plan is one of the kinds, and tbl2 only when both operands are read
    let s = 12345;
    for (let n = 0; n < 500; n++) {
      const idx = range(() => {
        s = (s * 1103515245 + 12345) >>> 0;
        return (s >>> 16) & 31;
      });
      const p = planShuffle(idx, false);
      const both = idx.some((x) => x < 16) && idx.some((x) => x >= 16);
      expect(p.kind === 'tbl2' || p.kind === 'perm' || p.kind === 'ext').toBe(both);
    }
  });

  it('objdump agrees with every instruction of every row and shuffle, in both bounds modes', () => {
    const modules: Module[] = [
      ...ROWS.map((r) => opModule(r.instr, r.operands, r.result)),
      ...SHUFFLES.map(([, idx]) => opModule(shuffle(idx), ['v', 'v'], 'v')),
    ];
    const problems: string[] = [];
    let count = 0;
    for (const m of modules) {
      for (const guard of [false, true]) {
        const { code, lines } = listed(m, guard);
        const theirs = new Map(objdump(code).map((d) => [d.offset, d.text.replace(/\t\/\/ .*$/, '').replace(/ +\/\/ b\..*$/, '').trimEnd()]));
        for (const line of lines) {
          const mm = /^ *([0-9a-f]+):  (.*)$/.exec(line);
          if (mm === null) throw new Error(`bad listing line ${line}`);
          const off = parseInt(mm[1]!, 16);
          const ours = mm[2]!.replace(/\t\/\/ .*$/, '').replace(/ +\/\/ b\..*$/, '').trimEnd();
          count++;
          const t = theirs.get(off);
          if (t !== ours && !sameBranch(ours, t)) problems.push(`@${off.toString(16)}: objdump "${t}", ours "${ours}"`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(count).toBeGreaterThan(500);
  });
});

/** branch targets: ours and objdump's are both offsets in the function (one function per run) */
function sameBranch(ours: string, theirs: string | undefined): boolean {
  return theirs !== undefined && ours.replace(/0x[0-9a-f]+$/, '') === theirs.replace(/0x[0-9a-f]+$/, '') && /0x[0-9a-f]+$/.test(ours);
}
