/**
 * The Advanced SIMD part of the generated objdump cross-check (generate.ts): every op of every
 * SIMD table in every arrangement its class allows, every shift amount edge, every lane index
 * of every element size, every modified-immediate form with imm8 edges, all 256 vector fmov
 * immediates, register lists that wrap past v31, every structure addressing mode; and one
 * template per SIMD kind for generate.ts's register sweeps (every register in every field).
 */

import { ARR_CLASSES, ARRS, ELEM_BITS, type ArrClass, type VArr, type VElem } from '../../../targets/aarch64/arrangement.js';
import { fpImm, type FpImm8 } from '../../../targets/aarch64/imm.js';
import type { Inst } from '../../../targets/aarch64/inst.js';
import type { RegCount } from '../../../targets/aarch64/inst-simd.js';
import { vmem, vmemPost, vmemPostReg, type VecAddr } from '../../../targets/aarch64/operands.js';
import { GPRS, SP, VREGS, XZR, type Gpr, type GprSp, type Vreg } from '../../../targets/aarch64/regs.js';
import { VEC3, VEC3_DIFF, VEC_ACROSS, VEC_IMM, VEC_LDST, VEC_MISC, VEC_PERM, VEC_SHIFT, VEC_TBL } from '../../../targets/aarch64/tables-simd.js';

type Emit = (i: Inst) => void;

const keys = <T extends object>(o: T): (keyof T & string)[] => Object.keys(o) as (keyof T & string)[];
const arrsOf = (c: ArrClass): readonly VArr[] => ARR_CLASSES[c];
const ELEMS: readonly VElem[] = ['b', 'h', 's', 'd'];
const COUNTS: readonly RegCount[] = [1, 2, 3, 4];

/** A rotating register picker starting at `k` (the rotation reaches v16-v31 as often as v0-v15). */
function rotor<T>(items: readonly T[], k: number): () => T {
  return () => items[k++ % items.length]!;
}

/** Structure addressing in every mode, with sp and x30 among the bases. */
function structAddrs(base: () => GprSp, index: () => Gpr): VecAddr[] {
  return [vmem(base()), vmemPost(base()), vmemPostReg(base(), index())];
}

/** Emit the whole SIMD set. */
export function generateSimd(e: Emit): void {
  const v = rotor(VREGS, 9);
  const x = rotor(GPRS, 13);
  const base = rotor<GprSp>([...GPRS, SP], 3);
  const index = rotor(GPRS, 21);

  // one-table data-processing families: every op in every arrangement, twice with other registers
  for (let k = 0; k < 2; k++) {
    for (const op of keys(VEC3)) for (const arr of arrsOf(VEC3[op].arrs)) e({ kind: 'vec3', op, arr, rd: v(), rn: v(), rm: v() } as Inst);
    for (const op of keys(VEC_MISC)) for (const arr of arrsOf(VEC_MISC[op].arrs)) e({ kind: 'vec_misc', op, arr, rd: v(), rn: v() } as Inst);
    for (const op of keys(VEC_ACROSS)) for (const arr of arrsOf(VEC_ACROSS[op].arrs)) e({ kind: 'vec_across', op, arr, rd: v(), rn: v() } as Inst);
    for (const op of keys(VEC3_DIFF)) for (const arr of arrsOf(VEC3_DIFF[op].arrs)) e({ kind: 'vec3_diff', op, arr, rd: v(), rn: v(), rm: v() } as Inst);
    for (const op of keys(VEC_PERM)) for (const arr of arrsOf('bhsd')) e({ kind: 'vec_perm', op, arr, rd: v(), rn: v(), rm: v() } as Inst);
  }
  // orr with rn = rm is mov, in both widths
  for (const arr of ['8b', '16b'] as const) for (let k = 0; k < 4; k++) {
    const r = v();
    e({ kind: 'vec3', op: 'orr', arr, rd: v(), rn: r, rm: r });
  }
  // shifts: both edges of every element size and one amount between, for every op
  for (const op of keys(VEC_SHIFT)) {
    const row = VEC_SHIFT[op];
    const right = row.shape === 'right' || row.shape === 'narrow';
    for (const arr of arrsOf(row.arrs)) {
      const esize = ELEM_BITS[ARRS[arr].elem];
      const amounts = right ? [1, esize, (esize >> 1) + 1] : [0, esize - 1, esize >> 1];
      for (const shift of amounts) e({ kind: 'vec_shift', op, arr, rd: v(), rn: v(), shift } as Inst);
    }
  }
  // ext at every position, tbl/tbx with every list length from every kind of first register
  for (const arr of ['8b', '16b'] as const) for (let index = 0; index < ARRS[arr].lanes; index++) e({ kind: 'vec_ext', arr, rd: v(), rn: v(), rm: v(), index });
  for (const op of keys(VEC_TBL)) {
    for (const arr of ['8b', '16b'] as const) {
      for (const count of COUNTS) for (const first of [0, 5, 28, 29, 30, 31]) e({ kind: 'vec_tbl', op, arr, rd: v(), rn: VREGS[first]!, count, rm: v() });
    }
  }
  copies(e, v, x);
  immediates(e, v);
  // structure loads and stores: every op, arrangement, count and addressing mode; lists that wrap
  for (const op of keys(VEC_LDST)) {
    for (const arr of arrsOf('all')) {
      for (const count of COUNTS) for (const addr of structAddrs(base, index)) e({ kind: 'vec_ldst_multi', op, arr, rt: v(), count, addr });
    }
    for (const first of [29, 30, 31]) e({ kind: 'vec_ldst_multi', op, arr: '4s', rt: VREGS[first]!, count: 4, addr: vmem(base()) });
    for (const elem of ELEMS) {
      for (let lane = 0; lane < 128 / ELEM_BITS[elem]; lane++) for (const addr of structAddrs(base, index)) e({ kind: 'vec_ldst_lane', op, elem, rt: v(), index: lane, addr });
    }
  }
  for (const arr of arrsOf('all')) for (const addr of structAddrs(base, index)) e({ kind: 'vec_ld1r', arr, rt: v(), addr });
  for (let k = 0; k < 4; k++) {
    e({ kind: 'fmov_to_top', rd: v(), rn: k === 0 ? XZR : x() });
    e({ kind: 'fmov_from_top', rd: k === 0 ? XZR : x(), rn: v() });
  }
}

/** dup, ins, umov, smov: every element size, every lane (both lanes of ins), xzr sources and destinations. */
function copies(e: Emit, v: () => Vreg, x: () => Gpr): void {
  for (const arr of arrsOf('bhsd')) {
    const lanes = 128 / ELEM_BITS[ARRS[arr].elem];
    for (let index = 0; index < lanes; index++) e({ kind: 'vec_dup_elem', arr, rd: v(), rn: v(), index } as Inst);
    e({ kind: 'vec_dup_gpr', arr, rd: v(), rn: x() } as Inst);
    e({ kind: 'vec_dup_gpr', arr, rd: v(), rn: XZR } as Inst);
  }
  for (const elem of ELEMS) {
    const lanes = 128 / ELEM_BITS[elem];
    for (let index = 0; index < lanes; index++) {
      e({ kind: 'vec_ins_elem', elem, rd: v(), index, rn: v(), srcIndex: lanes - 1 - index });
      e({ kind: 'vec_ins_elem', elem, rd: v(), index, rn: v(), srcIndex: index });
      e({ kind: 'vec_ins_gpr', elem, rd: v(), index, rn: index === 1 ? XZR : x() });
      e({ kind: 'vec_umov', elem, rd: index === 1 ? XZR : x(), rn: v(), index });
      if (elem !== 'd') e({ kind: 'vec_smov', w: 64, elem, rd: x(), rn: v(), index });
      if (elem === 'b' || elem === 'h') e({ kind: 'vec_smov', w: 32, elem, rd: index === 0 ? XZR : x(), rn: v(), index });
    }
  }
}

/** Every (op, arrangement, shift) form of the modified immediates with imm8 edges; every vector fmov immediate. */
function immediates(e: Emit, v: () => Vreg): void {
  const IMM8 = [0, 1, 0x5a, 0x80, 0xff];
  for (const op of keys(VEC_IMM)) {
    for (const arr of arrsOf(VEC_IMM[op].arrs)) {
      const elem = ARRS[arr].elem;
      const forms: readonly (readonly ['lsl' | 'msl', number])[] =
        elem === 'h' ? [['lsl', 0], ['lsl', 8]]
        : elem === 's' ? [['lsl', 0], ['lsl', 8], ['lsl', 16], ['lsl', 24], ...(VEC_IMM[op].x === 0 ? ([['msl', 8], ['msl', 16]] as const) : [])]
        : [['lsl', 0]];
      for (const [shift, amount] of forms) for (const imm8 of IMM8) e({ kind: 'vec_movi', op, arr, rd: v(), imm8, shift, amount } as Inst);
    }
  }
  // without the optional shift fields
  for (const arr of ['16b', '8h', '4s', '2d', '1d'] as const) e({ kind: 'vec_movi', op: 'movi', arr, rd: v(), imm8: 0x3c });
  const fs = ['2s', '4s', '2d'] as const;
  for (let imm8 = 0; imm8 < 256; imm8++) e({ kind: 'vec_fmov_imm', arr: fs[imm8 % 3]!, rd: v(), imm: imm8 as FpImm8 });
}

/** One instruction per SIMD kind (and register typing), with the class of each register field. */
export function simdSweepTemplates(): [Inst, Record<string, 'sp' | 'zr' | 'x' | 'v'>][] {
  const [va, vb, vc] = [VREGS[1]!, VREGS[2]!, VREGS[3]!];
  const [a, b] = [GPRS[1]!, GPRS[2]!];
  const v3 = { rd: 'v', rn: 'v', rm: 'v' } as const;
  const v2 = { rd: 'v', rn: 'v' } as const;
  return [
    [{ kind: 'vec3', op: 'uqsub', arr: '8h', rd: va, rn: vb, rm: vc }, v3],
    [{ kind: 'vec3', op: 'fmaxnm', arr: '2d', rd: va, rn: vb, rm: vc }, v3],
    [{ kind: 'vec_misc', op: 'sqxtn', arr: '16b', rd: va, rn: vb }, v2],
    [{ kind: 'vec_misc', op: 'fcmge', arr: '4s', rd: va, rn: vb }, v2],
    [{ kind: 'vec_across', op: 'uaddlv', arr: '8h', rd: va, rn: vb }, v2],
    [{ kind: 'vec3_diff', op: 'umlsl', arr: '4s', rd: va, rn: vb, rm: vc }, v3],
    [{ kind: 'vec_shift', op: 'ushll', arr: '16b', rd: va, rn: vb, shift: 3 }, v2],
    [{ kind: 'vec_perm', op: 'trn2', arr: '8h', rd: va, rn: vb, rm: vc }, v3],
    [{ kind: 'vec_ext', arr: '16b', rd: va, rn: vb, rm: vc, index: 9 }, v3],
    [{ kind: 'vec_tbl', op: 'tbx', arr: '16b', rd: va, rn: vb, count: 3, rm: vc }, v3],
    [{ kind: 'vec_dup_elem', arr: '8h', rd: va, rn: vb, index: 5 }, v2],
    [{ kind: 'vec_dup_gpr', arr: '2d', rd: va, rn: b }, { rd: 'v', rn: 'zr' }],
    [{ kind: 'vec_dup_gpr', arr: '4s', rd: va, rn: b }, { rd: 'v', rn: 'zr' }],
    [{ kind: 'vec_ins_elem', elem: 'h', rd: va, index: 3, rn: vb, srcIndex: 6 }, v2],
    [{ kind: 'vec_ins_gpr', elem: 'd', rd: va, index: 1, rn: b }, { rd: 'v', rn: 'zr' }],
    [{ kind: 'vec_umov', elem: 's', rd: a, rn: vb, index: 2 }, { rd: 'zr', rn: 'v' }],
    [{ kind: 'vec_umov', elem: 'b', rd: a, rn: vb, index: 9 }, { rd: 'zr', rn: 'v' }],
    [{ kind: 'vec_smov', w: 64, elem: 'h', rd: a, rn: vb, index: 4 }, { rd: 'zr', rn: 'v' }],
    [{ kind: 'vec_movi', op: 'mvni', arr: '4s', rd: va, imm8: 0x42, shift: 'msl', amount: 16 }, { rd: 'v' }],
    [{ kind: 'vec_fmov_imm', arr: '4s', rd: va, imm: fpImm(-0.5) }, { rd: 'v' }],
    [{ kind: 'vec_ldst_multi', op: 'ld1', arr: '8h', rt: va, count: 2, addr: vmemPostReg(b, a) }, { rt: 'v', 'addr.base': 'sp', 'addr.index': 'x' }],
    [{ kind: 'vec_ldst_lane', op: 'st1', elem: 's', rt: va, index: 1, addr: vmemPost(b) }, { rt: 'v', 'addr.base': 'sp' }],
    [{ kind: 'vec_ld1r', arr: '4h', rt: va, addr: vmem(b) }, { rt: 'v', 'addr.base': 'sp' }],
    [{ kind: 'fmov_to_top', rd: va, rn: b }, { rd: 'v', rn: 'zr' }],
    [{ kind: 'fmov_from_top', rd: a, rn: vb }, { rd: 'zr', rn: 'v' }],
  ];
}
