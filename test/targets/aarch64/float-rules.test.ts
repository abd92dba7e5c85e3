/**
 * The AArch64 float and conversion rules (targets/aarch64/rules/float.ts, convert.ts): the
 * operands each IR row lowers to, the exact instruction sequences emitted (operand k in
 * register k), the whole set cross-checked against aarch64-linux-gnu-objdump, and the float
 * conditions (cond.ts's FLOAT_COND, which fcmp uses) checked against a model of NZCV after fcmp.
 */

import { describe, expect, it } from 'vitest';
import { FloatCC, FLOATCC_NAMES } from '../../../compiler/ir/conds.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { RegClassId } from '../../../compiler/regalloc/mach.js';
import { Assembler, type ListingLine } from '../../../targets/aarch64/asm.js';
import { condCode } from '../../../targets/aarch64/operands.js';
import { FLOAT_COND } from '../../../targets/aarch64/rules/cond.js';
import { lowering } from '../../../targets/aarch64/rules/rule.js';
import { emitWith, IrScratch, lowerOne } from './rule-harness.js';
import { mismatches } from './support.js';

/** the listing of IR row `name` (with immediates) lowered and emitted with operand k in register k */
function emitted(name: string, imm0 = 0, imm1 = 0): ListingLine[] {
  const s = new IrScratch();
  const inst = s.inst(name, imm0, imm1);
  const low = lowerOne(s.f, inst);
  const asm = new Assembler({ listing: true });
  for (let k = 0; k < low.mis.length; k++) {
    emitWith(asm, s.f, low.x, low.mis[k]!, low.operands[k]!.map((_, j) => j));
  }
  asm.finish();
  return asm.listing();
}

const text = (name: string, imm0 = 0, imm1 = 0): string[] => emitted(name, imm0, imm1).map((l) => l.text);

/** [IR row, imm0, imm1, expected listing] */
type Golden = readonly [string, number, number, readonly string[]];

const GOLDENS: readonly Golden[] = [
  // constants: +0 from the zero register, fmov imm8, else through x16
  ['fconst.f32', 0, 0, ['fmov\ts0, wzr']],
  ['fconst.f64', 0, 0, ['fmov\td0, xzr']],
  ['fconst.f32', 0x3f800000, 0, ['fmov\ts0, #1.000000000000000000e+00']],
  ['fconst.f64', 0, 0xc0280000 | 0, ['fmov\td0, #-1.200000000000000000e+01']],
  ['fconst.f32', 0x80000000 | 0, 0, ['mov\tw16, #0x80000000            \t// #-2147483648', 'fmov\ts0, w16']],
  ['fconst.f64', 0, 0x80000000 | 0, ['mov\tx16, #0x8000000000000000    \t// #-9223372036854775808', 'fmov\td0, x16']],
  ['fconst.f32', 0x7fc00000, 0, ['mov\tw16, #0x7fc00000            \t// #2143289344', 'fmov\ts0, w16']],
  [
    'fconst.f64',
    0x54442d18,
    0x400921fb,
    ['mov\tx16, #0x2d18                \t// #11544', 'movk\tx16, #0x5444, lsl #16', 'movk\tx16, #0x21fb, lsl #32', 'movk\tx16, #0x4009, lsl #48', 'fmov\td0, x16'],
  ],
  // arithmetic: one instruction
  ['fadd.f32', 0, 0, ['fadd\ts0, s1, s2']],
  ['fsub.f64', 0, 0, ['fsub\td0, d1, d2']],
  ['fmul.f32', 0, 0, ['fmul\ts0, s1, s2']],
  ['fdiv.f64', 0, 0, ['fdiv\td0, d1, d2']],
  ['fmin.f32', 0, 0, ['fmin\ts0, s1, s2']],
  ['fmax.f64', 0, 0, ['fmax\td0, d1, d2']],
  ['fcopysign.f32', 0, 0, ['fmov\tw16, s1', 'fmov\tw17, s2', 'bfxil\tw17, w16, #0, #31', 'fmov\ts0, w17']],
  ['fcopysign.f64', 0, 0, ['fmov\tx16, d1', 'fmov\tx17, d2', 'bfxil\tx17, x16, #0, #63', 'fmov\td0, x17']],
  ['fabs.f32', 0, 0, ['fabs\ts0, s1']],
  ['fneg.f64', 0, 0, ['fneg\td0, d1']],
  ['sqrt.f32', 0, 0, ['fsqrt\ts0, s1']],
  ['ceil.f64', 0, 0, ['frintp\td0, d1']],
  ['floor.f32', 0, 0, ['frintm\ts0, s1']],
  ['trunc.f64', 0, 0, ['frintz\td0, d1']],
  ['nearest.f32', 0, 0, ['frintn\ts0, s1']],
  // comparisons: fcmp + cset (printed with the condition that holds)
  ['fcmp.f32', FloatCC.eq, 0, ['fcmp\ts1, s2', 'cset\tw0, eq\t// eq = none']],
  ['fcmp.f64', FloatCC.ne, 0, ['fcmp\td1, d2', 'cset\tw0, ne\t// ne = any']],
  ['fcmp.f32', FloatCC.lt, 0, ['fcmp\ts1, s2', 'cset\tw0, mi\t// mi = first']],
  ['fcmp.f64', FloatCC.le, 0, ['fcmp\td1, d2', 'cset\tw0, ls\t// ls = plast']],
  ['fcmp.f32', FloatCC.gt, 0, ['fcmp\ts1, s2', 'cset\tw0, gt']],
  ['fcmp.f64', FloatCC.ge, 0, ['fcmp\td1, d2', 'cset\tw0, ge\t// ge = tcont']],
  // conversions
  ['fcvt_from_sint.f32.i32', 0, 0, ['scvtf\ts0, w1']],
  ['fcvt_from_sint.f64.i64', 0, 0, ['scvtf\td0, x1']],
  ['fcvt_from_uint.f32.i64', 0, 0, ['ucvtf\ts0, x1']],
  ['fcvt_from_uint.f64.i32', 0, 0, ['ucvtf\td0, w1']],
  ['fcvt_to_sint.i32.f32', 0, 0, ['fcvtzs\tw0, s1']],
  ['fcvt_to_sint.i64.f64', 0, 0, ['fcvtzs\tx0, d1']],
  ['fcvt_to_uint.i32.f64', 0, 0, ['fcvtzu\tw0, d1']],
  ['fcvt_to_uint.i64.f32', 0, 0, ['fcvtzu\tx0, s1']],
  ['fcvt_to_sint_sat.i64.f32', 0, 0, ['fcvtzs\tx0, s1']],
  ['fcvt_to_uint_sat.i32.f64', 0, 0, ['fcvtzu\tw0, d1']],
  ['fpromote.f64.f32', 0, 0, ['fcvt\td0, s1']],
  ['fdemote.f32.f64', 0, 0, ['fcvt\ts0, d1']],
  ['bitcast.i32.f32', 0, 0, ['fmov\tw0, s1']],
  ['bitcast.f32.i32', 0, 0, ['fmov\ts0, w1']],
  ['bitcast.i64.f64', 0, 0, ['fmov\tx0, d1']],
  ['bitcast.f64.i64', 0, 0, ['fmov\td0, x1']],
  ['bitcast.ptr.i64', 0, 0, ['mov\tx0, x1']],
  ['bitcast.i64.ptr', 0, 0, ['mov\tx0, x1']],
];

const FAMILIES = (
  'fconst fadd fsub fmul fdiv fmin fmax fcopysign fabs fneg sqrt ceil floor trunc nearest fcmp ' +
  'fcvt_to_sint fcvt_to_uint fcvt_to_sint_sat fcvt_to_uint_sat fcvt_from_sint fcvt_from_uint fpromote fdemote bitcast'
).split(' ');

describe('AArch64 float and conversion rules', () => {
  it('lower every row of the float and conversion families', () => {
    const rows = OPCODES.filter((r) => FAMILIES.includes(r.base));
    expect(rows.length).toBe(2 + 7 * 2 + 7 * 2 + 2 + 4 * 4 + 4 * 2 + 2 + 6);
    expect(rows.filter((r) => lowering(r.id) === undefined).map((r) => r.name)).toEqual([]);
  });

  it('give every row one machine instruction: def first, then one use per IR operand, in their register classes', () => {
    const s = new IrScratch();
    for (const r of OPCODES.filter((row) => FAMILIES.includes(row.base))) {
      const low = lowerOne(s.f, s.inst(r.name));
      const cls = (t: number): RegClassId => (t === 2 || t === 3 ? RegClassId.Float : RegClassId.Int);
      expect(low.mis.length, r.name).toBe(1);
      expect(low.operands[0], r.name).toEqual([
        { kind: 'def', cls: cls(r.results![0]!) },
        ...r.operands.map((t) => ({ kind: 'use', cls: cls(t) })),
      ]);
    }
  });

  it('mark constants rematerialisable', () => {
    const s = new IrScratch();
    const low = lowerOne(s.f, s.inst('fconst.f64', 0, 0x3ff00000));
    expect(low.x.m.vregRemat[0]).toBe(low.mis[0]);
  });

  for (const [name, imm0, imm1, want] of GOLDENS) {
    it(`emit ${name}${imm0 !== 0 || imm1 !== 0 ? ` ${(imm1 >>> 0).toString(16)}:${(imm0 >>> 0).toString(16)}` : ''} as ${want.length} instruction(s)`, () => {
      expect(text(name, imm0, imm1)).toEqual(want);
    });
  }

  it('print every emitted sequence exactly as aarch64-linux-gnu-objdump disassembles it', () => {
    const lines: ListingLine[] = [];
    const bytes: number[] = [];
    for (const [name, imm0, imm1] of GOLDENS) {
      for (const l of emitted(name, imm0, imm1)) {
        lines.push({ ...l, offset: bytes.length });
        bytes.push(...l.bytes);
      }
    }
    expect(mismatches(lines, new Uint8Array(bytes))).toEqual([]);
  });

  it('skip the move of a ptr/i64 bitcast allocated to one register', () => {
    const s = new IrScratch();
    const low = lowerOne(s.f, s.inst('bitcast.i64.ptr'));
    const asm = new Assembler({ listing: true });
    emitWith(asm, s.f, low.x, low.mis[0]!, [5, 5]);
    asm.finish();
    expect(asm.listing()).toEqual([]);
  });
});

/** NZCV after `fcmp a, b` (Arm ARM FPCompare): equal 0110, less 1000, greater 0010, unordered 0011 */
const OUTCOMES = { lt: 0b1000, eq: 0b0110, gt: 0b0010, un: 0b0011 } as const;

/** ConditionHolds (Arm ARM J1, shared/functions/system/ConditionHolds) on an NZCV value */
function holds(cond: number, nzcv: number): boolean {
  const n = (nzcv >> 3) & 1;
  const z = (nzcv >> 2) & 1;
  const c = (nzcv >> 1) & 1;
  const v = nzcv & 1;
  const base = [z === 1, c === 1, n === 1, v === 1, c === 1 && z === 0, n === v, n === v && z === 0, true][cond >> 1]!;
  return (cond & 1) === 1 && cond !== 0b1111 ? !base : base;
}

/** wasm's result of `a <cc> b` per outcome */
const WASM: Record<string, Record<keyof typeof OUTCOMES, boolean>> = {
  eq: { lt: false, eq: true, gt: false, un: false },
  ne: { lt: true, eq: false, gt: true, un: true },
  lt: { lt: true, eq: false, gt: false, un: false },
  le: { lt: true, eq: true, gt: false, un: false },
  gt: { lt: false, eq: false, gt: true, un: false },
  ge: { lt: false, eq: true, gt: true, un: false },
};

describe('AArch64 float conditions', () => {
  for (const name of FLOATCC_NAMES) {
    it(`${name}: ${FLOAT_COND[FLOATCC_NAMES.indexOf(name)]} holds after fcmp exactly when wasm's ${name} is true (NaN included)`, () => {
      const cond = condCode(FLOAT_COND[FLOATCC_NAMES.indexOf(name)]!);
      for (const [outcome, nzcv] of Object.entries(OUTCOMES)) {
        expect(holds(cond, nzcv), `${name} on ${outcome}`).toBe(WASM[name]![outcome as keyof typeof OUTCOMES]);
      }
    });
  }
});
