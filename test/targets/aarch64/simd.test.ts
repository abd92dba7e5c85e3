/**
 * The Advanced SIMD encoder's refusals (arrangements, shift amounts, lanes, list lengths and
 * immediate forms outside an instruction's encoding, for instructions built through casts) and
 * the modified-immediate helpers (vecMask64, vecImmValue, vecConst).
 */

import { describe, expect, it } from 'vitest';
import { vec3, vec3Diff, vecConst, vecMisc, vecShift } from '../../../targets/aarch64/alias-simd.js';
import { ARR_CLASSES, ARRS } from '../../../targets/aarch64/arrangement.js';
import { expandFpImm } from '../../../targets/aarch64/imm.js';
import { expandMask64, vecImmValue, vecMask64 } from '../../../targets/aarch64/imm-simd.js';
import type { Inst, InstOf } from '../../../targets/aarch64/inst.js';
import type { Vec3Op, VecMiscOp } from '../../../targets/aarch64/inst-simd.js';
import { vmem, vmemPostReg } from '../../../targets/aarch64/operands.js';
import { type Gpr, vreg, X0, X1, XZR } from '../../../targets/aarch64/regs.js';
import { VEC_IMM } from '../../../targets/aarch64/tables-simd.js';
import { assembleOne } from './support.js';

const [v0, v1, v2] = [vreg(0), vreg(1), vreg(2)];

/** An instruction the types refuse, built as the encoder may still receive it. */
const raw = (o: object): Inst => o as Inst;

describe('the Advanced SIMD encoder refuses what the encoding cannot hold', () => {
  const cases: [string, Inst, string][] = [
    ['mul has no 2d', raw({ kind: 'vec3', op: 'mul', arr: '2d', rd: v0, rn: v1, rm: v2 }), 'mul has no .2d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s)'],
    ['fadd has no 8b', raw({ kind: 'vec3', op: 'fadd', arr: '8b', rd: v0, rn: v1, rm: v2 }), 'fadd has no .8b form (allowed: 2s, 4s, 2d)'],
    ['and is bytes only', raw({ kind: 'vec3', op: 'and', arr: '4s', rd: v0, rn: v1, rm: v2 }), 'and has no .4s form (allowed: 8b, 16b)'],
    ['sqrdmulh has no b', raw({ kind: 'vec3', op: 'sqrdmulh', arr: '16b', rd: v0, rn: v1, rm: v2 }), 'sqrdmulh has no .16b form (allowed: 4h, 8h, 2s, 4s)'],
    ['no 1d three same', raw({ kind: 'vec3', op: 'add', arr: '1d', rd: v0, rn: v1, rm: v2 }), 'add has no .1d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s, 2d)'],
    ['xtn has no 2d side', raw({ kind: 'vec_misc', op: 'xtn', arr: '2d', rd: v0, rn: v1 }), 'xtn has no .2d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s)'],
    ['fcvtxn only s', raw({ kind: 'vec_misc', op: 'fcvtxn', arr: '4h', rd: v0, rn: v1 }), 'fcvtxn has no .4h form (allowed: 2s, 4s)'],
    ['addv needs four lanes', raw({ kind: 'vec_across', op: 'addv', arr: '2s', rd: v0, rn: v1 }), 'addv has no .2s form (allowed: 8b, 16b, 4h, 8h, 4s)'],
    ['smull has no 2d source', raw({ kind: 'vec3_diff', op: 'smull', arr: '2d', rd: v0, rn: v1, rm: v2 }), 'smull has no .2d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s)'],
    ['zip1 has no 1d', raw({ kind: 'vec_perm', op: 'zip1', arr: '1d', rd: v0, rn: v1, rm: v2 }), 'zip1 has no .1d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s, 2d)'],
    ['sshr #0', { kind: 'vec_shift', op: 'sshr', arr: '4s', rd: v0, rn: v1, shift: 0 }, 'sshr: shift 0 out of range for 32-bit elements (1..32)'],
    ['ushr #65', { kind: 'vec_shift', op: 'ushr', arr: '2d', rd: v0, rn: v1, shift: 65 }, 'ushr: shift 65 out of range for 64-bit elements (1..64)'],
    ['shl #8 of bytes', { kind: 'vec_shift', op: 'shl', arr: '16b', rd: v0, rn: v1, shift: 8 }, 'shl: shift 8 out of range for 8-bit elements (0..7)'],
    ['sshll #32', { kind: 'vec_shift', op: 'sshll', arr: '2s', rd: v0, rn: v1, shift: 32 }, 'sshll: shift 32 out of range for 32-bit elements (0..31)'],
    ['shrn #9 into bytes', { kind: 'vec_shift', op: 'shrn', arr: '8b', rd: v0, rn: v1, shift: 9 }, 'shrn: shift 9 out of range for 8-bit elements (1..8)'],
    ['ext 8b #8', { kind: 'vec_ext', arr: '8b', rd: v0, rn: v1, rm: v2, index: 8 }, 'ext: index 8 out of range for .8b (0..7)'],
    ['tbl of 5', raw({ kind: 'vec_tbl', op: 'tbl', arr: '16b', rd: v0, rn: v1, count: 5, rm: v2 }), 'tbl: a list of 5 registers (1..4)'],
    ['tbl of 4s', raw({ kind: 'vec_tbl', op: 'tbl', arr: '4s', rd: v0, rn: v1, count: 1, rm: v2 }), 'tbl has no .4s form (allowed: 8b, 16b)'],
    ['dup lane 4 of s', { kind: 'vec_dup_elem', arr: '4s', rd: v0, rn: v1, index: 4 }, 'dup: lane 4 out of range for .s elements (0..3)'],
    ['ins source lane 2 of d', { kind: 'vec_ins_elem', elem: 'd', rd: v0, index: 0, rn: v1, srcIndex: 2 }, 'ins: lane 2 out of range for .d elements (0..1)'],
    ['ins lane 16 of b', { kind: 'vec_ins_gpr', elem: 'b', rd: v0, index: 16, rn: X0 }, 'ins: lane 16 out of range for .b elements (0..15)'],
    ['umov lane -1', { kind: 'vec_umov', elem: 'h', rd: X0, rn: v1, index: -1 }, 'umov: lane -1 out of range for .h elements (0..7)'],
    ['smov of s into w', raw({ kind: 'vec_smov', w: 32, elem: 's', rd: X0, rn: v1, index: 0 }), 'smov: no .s element into a 32-bit register (allowed: b, h)'],
    ['smov of d', raw({ kind: 'vec_smov', w: 64, elem: 'd', rd: X0, rn: v1, index: 0 }), 'smov: no .d element into a 64-bit register (allowed: b, h, s)'],
    ['movi msl on halfwords', { kind: 'vec_movi', op: 'movi', arr: '4h', rd: v0, imm8: 1, shift: 'msl', amount: 8 }, 'movi .4h: no msl #8 form'],
    ['orr has no msl', { kind: 'vec_movi', op: 'orr', arr: '4s', rd: v0, imm8: 1, shift: 'msl', amount: 8 }, 'orr .4s: no msl #8 form'],
    ['movi bytes shifted', { kind: 'vec_movi', op: 'movi', arr: '16b', rd: v0, imm8: 1, shift: 'lsl', amount: 8 }, 'movi .16b: no lsl #8 form'],
    ['movi lsl #16 of h', { kind: 'vec_movi', op: 'movi', arr: '8h', rd: v0, imm8: 1, shift: 'lsl', amount: 16 }, 'movi .8h: no lsl #16 form'],
    ['movi lsl #4 of s', { kind: 'vec_movi', op: 'movi', arr: '4s', rd: v0, imm8: 1, shift: 'lsl', amount: 4 }, 'movi .4s: no lsl #4 form'],
    ['mvni of bytes', raw({ kind: 'vec_movi', op: 'mvni', arr: '16b', rd: v0, imm8: 1 }), 'mvni has no .16b form (allowed: 4h, 8h, 2s, 4s)'],
    ['bic of 2d', raw({ kind: 'vec_movi', op: 'bic', arr: '2d', rd: v0, imm8: 1 }), 'bic has no .2d form (allowed: 4h, 8h, 2s, 4s)'],
    ['imm8 of 256', { kind: 'vec_movi', op: 'movi', arr: '4s', rd: v0, imm8: 256 }, 'field of 8 bits at bit 0 cannot hold 256'],
    ['fmov of 1d', raw({ kind: 'vec_fmov_imm', arr: '1d', rd: v0, imm: 0x70 }), 'fmov has no .1d form (allowed: 2s, 4s, 2d)'],
    ['ld1 of no register', raw({ kind: 'vec_ldst_multi', op: 'ld1', arr: '16b', rt: v0, count: 0, addr: vmem(X0) }), 'ld1: a list of 0 registers (1..4)'],
    ['ld1 lane 16 of b', { kind: 'vec_ldst_lane', op: 'ld1', elem: 'b', rt: v0, index: 16, addr: vmem(X0) }, 'ld1: lane 16 out of range for .b elements (0..15)'],
    ['post-index by xzr', { kind: 'vec_ld1r', arr: '4s', rt: v0, addr: vmemPostReg(X0, XZR as number as Gpr) }, 'a post-index register must be x0-x30 (31 means the immediate form)'],
  ];
  for (const [name, inst, message] of cases) {
    it(name, () => {
      expect(() => assembleOne(inst)).toThrow(new RangeError(message));
    });
  }

  it('the builders check an op and arrangement held in variables when the instruction is built', () => {
    const op = 'mul' as Vec3Op;
    const narrow = 'xtn' as VecMiscOp;
    expect(() => vec3(op, '2d', v0, v1, v2)).toThrow(new RangeError('mul has no .2d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s)'));
    expect(() => vecMisc(narrow, '2d' as never, v0, v1)).toThrow(new RangeError('xtn has no .2d form (allowed: 8b, 16b, 4h, 8h, 2s, 4s)'));
    expect(assembleOne(vec3(op, '4s', v0, v1, v2)).text).toBe('mul\tv0.4s, v1.4s, v2.4s');
    expect(assembleOne(vec3Diff('umull', '8h', v0, v1, v2)).text).toBe('umull2\tv0.4s, v1.8h, v2.8h');
    expect(assembleOne(vecShift('ushr', '2d', v0, v1, 63)).text).toBe('ushr\tv0.2d, v1.2d, #63');
  });

  it('dup (general) of a d element takes an x register, of others a w register', () => {
    expect(assembleOne({ kind: 'vec_dup_gpr', arr: '2d', rd: v0, rn: X1 }).text).toBe('dup\tv0.2d, x1');
    expect(assembleOne({ kind: 'vec_dup_gpr', arr: '2s', rd: v0, rn: X1 }).text).toBe('dup\tv0.2s, w1');
  });
});

/** The 64-bit pattern of each half of the register after a movi/mvni/fmov (vector) instruction. */
function valueOf(i: InstOf<'vec_movi'> | InstOf<'vec_fmov_imm'>): bigint {
  if (i.kind === 'vec_movi') return vecImmValue(i.op, ARRS[i.arr].elem, i.imm8, i.shift, i.amount);
  const view = new DataView(new ArrayBuffer(8));
  if (i.arr === '2d') view.setFloat64(0, expandFpImm(i.imm), true);
  else {
    view.setFloat32(0, expandFpImm(i.imm), true);
    view.setFloat32(4, expandFpImm(i.imm), true);
  }
  return view.getBigUint64(0, true);
}

describe('Advanced SIMD modified immediates', () => {
  it('vecMask64 takes exactly the values whose bytes are 00 or ff, and expandMask64 inverts it', () => {
    for (let imm8 = 0; imm8 < 256; imm8++) expect(vecMask64(expandMask64(imm8))).toBe(imm8);
    expect(vecMask64(0x00ff00ff00ff01ffn)).toBeNull();
    expect(vecMask64(-1n)).toBe(0xff);
  });

  it('vecImmValue follows AdvSIMDExpandImm for the shifted, shifting-ones and inverted forms', () => {
    expect(vecImmValue('movi', 's', 0x12, 'lsl', 24)).toBe(0x1200000012000000n);
    expect(vecImmValue('movi', 's', 0x12, 'msl', 16)).toBe(0x0012ffff0012ffffn);
    expect(vecImmValue('mvni', 'h', 0x12, 'lsl', 8)).toBe(0xedffedffedffedffn);
    expect(vecImmValue('movi', 'b', 0xa5)).toBe(0xa5a5a5a5a5a5a5a5n);
    expect(vecImmValue('orr', 'h', 0x7f)).toBe(0x007f007f007f007fn);
  });

  it('vecConst picks the idioms: movi .2d for zero and all ones, movi .16b, movi/mvni shifted, fmov', () => {
    const text = (v: bigint): string | null => {
      const i = vecConst(v0, v);
      return i === null ? null : assembleOne(i).text;
    };
    expect(text(0n)).toBe('movi\tv0.2d, #0x0');
    expect(text(-1n)).toBe('movi\tv0.2d, #0xffffffffffffffff');
    expect(text(0x0101010101010101n)).toBe('movi\tv0.16b, #0x1');
    expect(text(0x1200120012001200n)).toBe('movi\tv0.8h, #0x12, lsl #8');
    expect(text(0xffedffedffedffedn)).toBe('mvni\tv0.8h, #0x12');
    expect(text(0x4000000040000000n)).toBe('movi\tv0.4s, #0x40, lsl #24');
    expect(text(0x3f8000003f800000n)).toBe('fmov\tv0.4s, #1.000000000000000000e+00');
    expect(text(0x0012ffff0012ffffn)).toBe('movi\tv0.4s, #0x12, msl #16');
    expect(text(0x3ff0000000000000n)).toBe('fmov\tv0.2d, #1.000000000000000000e+00');
    expect(text(0x4040000040400000n)).toBe('fmov\tv0.4s, #3.000000000000000000e+00');
    expect(text(0x3fc000003fc00000n)).toBe('fmov\tv0.4s, #1.500000000000000000e+00');
    expect(text(0x123456789abcdef0n)).toBeNull();
  });

  it('every modified immediate form and imm8 makes a value vecConst finds again (some instruction with the same value)', () => {
    for (const op of ['movi', 'mvni'] as const) {
      for (const arr of ARR_CLASSES[VEC_IMM[op].arrs]) {
        const elem = ARRS[arr].elem;
        const forms: readonly (readonly ['lsl' | 'msl', number])[] =
          elem === 'h' ? [['lsl', 0], ['lsl', 8]] : elem === 's' ? [['lsl', 0], ['lsl', 8], ['lsl', 16], ['lsl', 24], ['msl', 8], ['msl', 16]] : [['lsl', 0]];
        for (const [shift, amount] of forms) {
          for (let imm8 = 0; imm8 < 256; imm8++) {
            const value = vecImmValue(op, elem, imm8, shift, amount);
            const found = vecConst(v0, value);
            expect(found, `${op} ${arr} ${shift} #${amount} ${imm8}`).not.toBeNull();
            expect(valueOf(found!)).toBe(value);
          }
        }
      }
    }
  });

  it('vecConst of 20,000 random values is null or an instruction with exactly that value', () => {
    let seed = 0x9e3779b97f4a7c15n;
    let hits = 0;
    for (let k = 0; k < 20000; k++) {
      seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
      // dense values (almost never a form), one byte of a repeated word, random byte masks
      const b = seed >> 56n;
      const v = k % 3 === 0 ? seed : k % 3 === 1 ? (b << 16n) | (b << 48n) : expandMask64(Number(b));
      const found = vecConst(v0, v);
      if (found === null) continue;
      hits++;
      expect(valueOf(found)).toBe(v);
      if (k % 16 === 1) expect(() => assembleOne(found)).not.toThrow();
    }
    expect(hits).toBeGreaterThan(13000);
  });
});
