/**
 * v128 permutations, reductions, and widening/narrowing operations on Advanced SIMD (armv8.0-a):
 * `i8x16.shuffle`, `i8x16.swizzle`, `v128.any_true`, `*.all_true`, `*.bitmask`, the `narrow`,
 * `extend`, `extmul` and `extadd_pairwise` rows, `i32x4.dot_i16x8_s` and
 * `i16x8.q15mulr_sat_s`, each exactly as the WebAssembly SIMD operation of the same name. The
 * x86-64 counterpart is targets/x86_64/rules/simd-perm.ts.
 *
 * Instruction facts are from the Arm ARM (DDI 0487), C7.2: TBL, EXT, DUP (element), ZIP1/ZIP2,
 * UZP1/UZP2, TRN1/TRN2, UMAXV, UMINV, CMEQ (zero), USHR, USRA, XTN, INS (element), SQXTN/SQXTN2,
 * SQXTUN/SQXTUN2, SXTL/UXTL (SSHLL/USHLL #0), SMULL/UMULL (and their `2` forms), SADDLP/UADDLP,
 * ADDP (vector), SQRDMULH (vector).
 *
 * - TBL gives 0 for an index beyond its table: with one register any index of 16 or more, which
 *   is exactly `i8x16.swizzle`; with the two consecutive registers {v30, v31} holding the two
 *   operands the shuffle's own lane indices (0-31) select from a:b.
 * - SQRDMULH .8h is SignedSat((2·a·b + 2^15) >> 16) = SignedSat((a·b + 2^14) >> 15) (the same
 *   floor: numerator and divisor both doubled), which is wasm's q15mulr_sat_s; the only
 *   saturating pair is -0x8000 × -0x8000, clamped to 0x7fff by both.
 * - the dot product's sums of two 32-bit products wrap (-0x8000·-0x8000·2 = 2^31) in addp as in
 *   wasm's i32 addition.
 *
 * v31 (SCRATCH_VREG) and x16/x17 (SCRATCH_GPR, SCRATCH_GPR2) are the emitter's scratch
 * registers. Operand layouts (operand 0 the result):
 * - unary:  def, use a               (every sequence reads a before it writes the result)
 * - binary: def, use a, use b        (reads a and b first; narrow goes through v31 when d = b)
 * - the shuffle picks its layout per index pattern (`planShuffle`): a two-register tbl copies
 *   the operands into v30 (a fixed temp) and v31.
 */

import type { Func } from '../../../compiler/ir/func.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Constraint, RegClassId } from '../../../compiler/regalloc/mach.js';
import { SCRATCH_GPR, SCRATCH_GPR2, SCRATCH_VREG } from '../abi.js';
import { cmpImm, cset } from '../alias.js';
import { vec3, vec3Diff, vecAcross, vecMisc, vecShift, vextend, vmov } from '../alias-simd.js';
import type { VElem } from '../arrangement.js';
import { addImm, shiftAmount } from '../imm.js';
import type { VecPermOp } from '../inst-simd.js';
import { vreg, type Gpr, type Vreg } from '../regs.js';
import { loadBytes } from './simd-lanes.js';
import { defineLowering, defineRule, lowerBinary, lowerUnary, type EmitCtx, type LowerCtx } from './rule.js';

type Emit = (e: EmitCtx, mi: number) => void;

const V31 = SCRATCH_VREG;
/** the first register of the two-register tbl's table (v30, v31): a fixed temp */
const TBL_FIRST = 30;
const V30 = vreg(TBL_FIRST);

const nameOf = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.name;

// ---- constants ----

// ---- families ----

interface PermRow {
  /** the lowering shape: def + uses of the IR operands */
  readonly shape: 'unary' | 'binary';
  readonly emit: Emit;
}

const lowered: string[] = ['i8x16.shuffle'];
/** the IR rows this file lowers */
export const SIMD_PERM_ROWS: readonly string[] = lowered;

/** one emit rule for `family` dispatching on the IR row's name, and each row's lowering */
function registerFamily(family: string, rows: Readonly<Record<string, PermRow>>): void {
  const rule = defineRule(family, (e, mi) => rows[nameOf(e, mi)]!.emit(e, mi), true);
  for (const [name, row] of Object.entries(rows)) {
    defineLowering(name, row.shape === 'unary' ? lowerUnary(rule) : lowerBinary(rule));
    lowered.push(name);
  }
}

// ---- reductions: v128 → i32 ----

const SHAPES = ['i8x16', 'i16x8', 'i32x4', 'i64x2'] as const;
type IntShape = (typeof SHAPES)[number];

/** the 128-bit arrangement and element of each shape */
const ARR: Readonly<Record<IntShape, '16b' | '8h' | '4s' | '2d'>> = { i8x16: '16b', i16x8: '8h', i32x4: '4s', i64x2: '2d' };
const ELEM: Readonly<Record<IntShape, VElem>> = { i8x16: 'b', i16x8: 'h', i32x4: 's', i64x2: 'd' };

/** wd = (v31's lane 0 of `elem` != 0) or (== 0 when `zero`) */
function testLane0(e: EmitCtx, d: Gpr, elem: VElem, zero: boolean): void {
  e.asm.emit({ kind: 'vec_umov', elem, rd: d, rn: V31, index: 0 });
  e.asm.emit(cmpImm(elem === 'd' ? 64 : 32, d, addImm(0)));
  e.asm.emit(cset(32, d, zero ? 'eq' : 'ne'));
}

/** all_true: the smallest lane is not zero (i64x2: no lane compares equal to zero) */
const allTrue = (shape: IntShape): Emit => (e, mi) => {
  const d = e.gpr(mi, 0);
  const a = e.vreg(mi, 1);
  if (shape === 'i64x2') {
    e.asm.emit(vecMisc('cmeq', '2d', V31, a));
    e.asm.emit(vecAcross('umaxv', '4s', V31, V31));
    return testLane0(e, d, 's', true);
  }
  const arr = ARR[shape];
  e.asm.emit(vecAcross('uminv', arr === '2d' ? '4s' : arr, V31, a));
  testLane0(e, d, ELEM[shape], false);
};

/**
 * bitmask, with no constant: each lane's sign bit shifted down to bit 0 (ushr), then adjacent
 * lanes folded together by shift-right-and-accumulate on twice-wider lanes (usra), so that the
 * low lane of each wider element gathers the bits of the ones it covers: after `usra .8h, #7`
 * the low byte of each halfword is b0 + 2·b1, after `usra .4s, #14` that of each word
 * b0 + 2·b1 + 4·b2 + 8·b3, and so on. The bits land in disjoint positions and every lower
 * element is below the shift's reach (checked in the comments of each row), so nothing carries.
 * xtn packs the partial masks of wide lanes together where the lanes are too wide to fold.
 */
const BITMASK: Readonly<Record<IntShape, (e: EmitCtx, d: Gpr, a: Vreg) => void>> = {
  // bytes: byte 0 of each doubleword holds 8 bits (the rest of the doubleword stays below 2^28
  // before the last fold); byte 8 joins byte 0 as the second byte of halfword 0
  i8x16: (e, d, a) => {
    e.asm.emit(vecShift('ushr', '16b', V31, a, 7));
    e.asm.emit(vecShift('usra', '8h', V31, V31, 7));
    e.asm.emit(vecShift('usra', '4s', V31, V31, 14));
    e.asm.emit(vecShift('usra', '2d', V31, V31, 28));
    e.asm.emit({ kind: 'vec_ins_elem', elem: 'b', rd: V31, index: 1, rn: V31, srcIndex: 8 });
    e.asm.emit({ kind: 'vec_umov', elem: 'h', rd: d, rn: V31, index: 0 });
  },
  // halfwords: pairs into words (h0 + 2·h1), words narrowed to halfwords, then folded as bytes are
  i16x8: (e, d, a) => {
    e.asm.emit(vecShift('ushr', '8h', V31, a, 15));
    e.asm.emit(vecShift('usra', '4s', V31, V31, 15));
    e.asm.emit(vecMisc('xtn', '4h', V31, V31));
    e.asm.emit(vecShift('usra', '4s', V31, V31, 14));
    e.asm.emit(vecShift('usra', '2d', V31, V31, 28));
    e.asm.emit({ kind: 'vec_umov', elem: 'b', rd: d, rn: V31, index: 0 });
  },
  // words: pairs into doublewords (w0 + 2·w1), narrowed to words, folded once more
  i32x4: (e, d, a) => {
    e.asm.emit(vecShift('ushr', '4s', V31, a, 31));
    e.asm.emit(vecShift('usra', '2d', V31, V31, 31));
    e.asm.emit(vecMisc('xtn', '2s', V31, V31));
    e.asm.emit(vecShift('usra', '2d', V31, V31, 30));
    e.asm.emit({ kind: 'vec_umov', elem: 's', rd: d, rn: V31, index: 0 });
  },
  // doublewords: the two sign bits through x16/x17
  i64x2: (e, d, a) => {
    e.asm.emit(vecShift('ushr', '2d', V31, a, 63));
    e.asm.emit({ kind: 'vec_umov', elem: 'd', rd: SCRATCH_GPR, rn: V31, index: 0 });
    e.asm.emit({ kind: 'vec_umov', elem: 'd', rd: SCRATCH_GPR2, rn: V31, index: 1 });
    e.asm.emit({ kind: 'add_reg', op: 'add', w: 32, rd: d, rn: SCRATCH_GPR, rm: SCRATCH_GPR2, shift: 'lsl', amount: shiftAmount(1, 32) });
  },
};

const bitmask = (shape: IntShape): PermRow => ({ shape: 'unary', emit: (e, mi) => BITMASK[shape](e, e.gpr(mi, 0), e.vreg(mi, 1)) });

const REDUCE: Record<string, PermRow> = {
  // the largest word is not zero
  'v128.any_true': {
    shape: 'unary',
    emit: (e, mi) => {
      e.asm.emit(vecAcross('umaxv', '4s', V31, e.vreg(mi, 1)));
      testLane0(e, e.gpr(mi, 0), 's', false);
    },
  },
};
for (const s of SHAPES) {
  REDUCE[`${s}.all_true`] = { shape: 'unary', emit: allTrue(s) };
  REDUCE[`${s}.bitmask`] = bitmask(s);
}
registerFamily('simd_reduce', REDUCE);

// ---- narrowing, widening ----

/**
 * narrow: the saturated lanes of a into the low half (sqxtn / sqxtun, which zero the high
 * half), of b into the high half (the `2` form keeps the low one); through v31 when the result
 * shares b's register (the first write would destroy b)
 */
const narrow = (op: 'sqxtn' | 'sqxtun', arr: '8b' | '4h'): PermRow => ({
  shape: 'binary',
  emit: (e, mi) => {
    const d = e.vreg(mi, 0);
    const b = e.vreg(mi, 2);
    const t = d === b ? V31 : d;
    e.asm.emit(vecMisc(op, arr, t, e.vreg(mi, 1)));
    e.asm.emit(vecMisc(op, arr === '8b' ? '16b' : '8h', t, b));
    if (t !== d) e.asm.emit(vmov(d, t));
  },
});

registerFamily('simd_narrow', {
  'i8x16.narrow_i16x8_s': narrow('sqxtn', '8b'),
  'i8x16.narrow_i16x8_u': narrow('sqxtun', '8b'),
  'i16x8.narrow_i32x4_s': narrow('sqxtn', '4h'),
  'i16x8.narrow_i32x4_u': narrow('sqxtun', '4h'),
});

/** the wider shape, the narrower one, and the narrow source's low (64-bit) and whole arrangements */
const WIDENINGS = [
  { wide: 'i16x8', narrow: 'i8x16', low: '8b', high: '16b' },
  { wide: 'i32x4', narrow: 'i16x8', low: '4h', high: '8h' },
  { wide: 'i64x2', narrow: 'i32x4', low: '2s', high: '4s' },
] as const;

const EXTEND: Record<string, PermRow> = {};
const EXTMUL: Record<string, PermRow> = {};
for (const w of WIDENINGS) {
  for (const half of ['low', 'high'] as const) {
    // the `2` forms (Q = 1) read the high half
    const arr = w[half];
    for (const sign of ['s', 'u'] as const) {
      const signed = sign === 's';
      EXTEND[`${w.wide}.extend_${half}_${w.narrow}_${sign}`] = {
        shape: 'unary',
        emit: (e, mi) => e.asm.emit(vextend(signed, e.vreg(mi, 0), e.vreg(mi, 1), arr)),
      };
      // a product of two lanes fits the wider lane exactly (signed or unsigned)
      EXTMUL[`${w.wide}.extmul_${half}_${w.narrow}_${sign}`] = {
        shape: 'binary',
        emit: (e, mi) => e.asm.emit(vec3Diff(signed ? 'smull' : 'umull', arr, e.vreg(mi, 0), e.vreg(mi, 1), e.vreg(mi, 2))),
      };
    }
  }
}
registerFamily('simd_extend', EXTEND);
registerFamily('simd_extmul', EXTMUL);

// ---- pairwise sums, dot product, q15 multiply ----

const pairwise = (op: 'saddlp' | 'uaddlp', arr: '16b' | '8h'): PermRow => ({
  shape: 'unary',
  emit: (e, mi) => e.asm.emit(vecMisc(op, arr, e.vreg(mi, 0), e.vreg(mi, 1))),
});

registerFamily('simd_pairwise', {
  'i16x8.extadd_pairwise_i8x16_s': pairwise('saddlp', '16b'),
  'i16x8.extadd_pairwise_i8x16_u': pairwise('uaddlp', '16b'),
  'i32x4.extadd_pairwise_i16x8_s': pairwise('saddlp', '8h'),
  'i32x4.extadd_pairwise_i16x8_u': pairwise('uaddlp', '8h'),
  // products of lanes 0-3 into v31, of lanes 4-7 into d, then the sums of adjacent pairs of v31:d
  'i32x4.dot_i16x8_s': {
    shape: 'binary',
    emit: (e, mi) => {
      const d = e.vreg(mi, 0);
      const a = e.vreg(mi, 1);
      const b = e.vreg(mi, 2);
      e.asm.emit(vec3Diff('smull', '4h', V31, a, b));
      e.asm.emit(vec3Diff('smull', '8h', d, a, b));
      e.asm.emit(vec3('addp', '4s', d, V31, d));
    },
  },
  'i16x8.q15mulr_sat_s': {
    shape: 'binary',
    emit: (e, mi) => e.asm.emit(vec3('sqrdmulh', '8h', e.vreg(mi, 0), e.vreg(mi, 1), e.vreg(mi, 2))),
  },
});

// ---- swizzle: tbl of one register (indices of 16 and more give 0, as wasm wants) ----

registerFamily('simd_swizzle', {
  'i8x16.swizzle': {
    shape: 'binary',
    emit: (e, mi) => e.asm.emit({ kind: 'vec_tbl', op: 'tbl', arr: '16b', rd: e.vreg(mi, 0), rn: e.vreg(mi, 1), count: 1, rm: e.vreg(mi, 2) }),
  },
});

// ---- shuffle ----

/** operand 0 or 1 of the shuffle */
type Src = 0 | 1;

/**
 * How one shuffle is done, cheapest first:
 * - copy: the identity of one operand (the allocator's copy, no instruction);
 * - dup: one element of one operand in every lane;
 * - pair: one zip/uzp/trn (`perm`) or ext of rn = operand `first`, rm = operand `second` (the
 *   same operand twice for a one-operand pattern);
 * - tbl1: any permutation of one operand (indices into v31);
 * - tbl2: any shuffle of both: tbl from {v30, v31} = {a, b} with the lane indices themselves.
 */
export type ShufflePlan =
  | { readonly kind: 'copy'; readonly from: Src }
  | { readonly kind: 'dup'; readonly from: Src; readonly arr: '16b' | '8h' | '4s' | '2d'; readonly index: number }
  | { readonly kind: 'perm'; readonly first: Src; readonly second: Src; readonly op: VecPermOp; readonly arr: '16b' | '8h' | '4s' | '2d' }
  | { readonly kind: 'ext'; readonly first: Src; readonly second: Src; readonly index: number }
  | { readonly kind: 'tbl1'; readonly from: Src; readonly mask: Uint8Array }
  | { readonly kind: 'tbl2'; readonly mask: Uint8Array };

const ELEMS = [
  { arr: '16b', size: 1 },
  { arr: '8h', size: 2 },
  { arr: '4s', size: 4 },
  { arr: '2d', size: 8 },
] as const;

/**
 * the byte indices (0-15 rn, 16-31 rm) of a permute instruction on elements of `size` bytes
 * (Arm ARM: ZIP1 interleaves the low halves, ZIP2 the high halves, UZP1/UZP2 take the even/odd
 * elements of rn:rm, TRN1/TRN2 the even/odd elements of each pair from rn and rm in turn)
 */
function permPattern(op: VecPermOp, size: number): number[] {
  const n = 16 / size;
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    const odd = j & 1;
    // the source element, counted across rn:rm (rm's elements from n)
    let src: number;
    switch (op) {
      case 'zip1': src = odd * n + (j >> 1); break;
      case 'zip2': src = odd * n + n / 2 + (j >> 1); break;
      case 'uzp1': src = 2 * j; break;
      case 'uzp2': src = 2 * j + 1; break;
      case 'trn1': src = odd * n + j - odd; break;
      case 'trn2': src = odd * n + j + 1 - odd; break;
    }
    for (let r = 0; r < size; r++) out.push(src * size + r);
  }
  return out;
}

const PERM_OPS: readonly VecPermOp[] = ['zip1', 'zip2', 'uzp1', 'uzp2', 'trn1', 'trn2'];
const PERMS = PERM_OPS.flatMap((op) => ELEMS.map((el) => ({ op, arr: el.arr, pat: permPattern(op, el.size) })));

/** a zip/uzp/trn for `ix` (indices 0-31) with rn = `first`, rm = the other (or the same when `single`) */
function planPerm(ix: readonly number[], single: boolean, from: Src): ShufflePlan | null {
  for (const p of PERMS) {
    if (single) {
      if (ix.every((x, k) => x === ((p.pat[k] as number) & 15))) return { kind: 'perm', first: from, second: from, op: p.op, arr: p.arr };
      continue;
    }
    if (ix.every((x, k) => x === p.pat[k])) return { kind: 'perm', first: 0, second: 1, op: p.op, arr: p.arr };
    if (ix.every((x, k) => (x ^ 16) === p.pat[k])) return { kind: 'perm', first: 1, second: 0, op: p.op, arr: p.arr };
  }
  return null;
}

/** a one-operand shuffle of operand `from` by `l` (indices 0-15) */
function planSingle(from: Src, l: readonly number[]): ShufflePlan {
  if (l.every((x, k) => x === k)) return { kind: 'copy', from };
  for (const el of ELEMS) {
    const q = Math.floor((l[0] as number) / el.size);
    if (l.every((x, k) => x === q * el.size + (k % el.size))) return { kind: 'dup', from, arr: el.arr, index: q };
  }
  const start = l[0] as number;
  if (l.every((x, k) => x === ((start + k) & 15))) return { kind: 'ext', first: from, second: from, index: start };
  return planPerm(l, true, from) ?? { kind: 'tbl1', from, mask: Uint8Array.from(l) };
}

/** the plan for lane indices `idx` (0-31); `same` when both operands are the same value */
export function planShuffle(idx: readonly number[], same: boolean): ShufflePlan {
  const ix = same ? idx.map((x) => x & 15) : idx;
  const fromA = ix.some((x) => x < 16);
  const fromB = ix.some((x) => x >= 16);
  if (!(fromA && fromB)) return planSingle(fromB ? 1 : 0, ix.map((x) => x & 15));
  const perm = planPerm(ix, false, 0);
  if (perm !== null) return perm;
  // ext: bytes start.. of rn:rm (rn low); indices start + k (mod 32), starting in a (rn = a) or b
  const start = ix[0] as number;
  if (ix.every((x, k) => x === ((start + k) & 31))) {
    return start < 16 ? { kind: 'ext', first: 0, second: 1, index: start } : { kind: 'ext', first: 1, second: 0, index: start - 16 };
  }
  return { kind: 'tbl2', mask: Uint8Array.from(ix) };
}

/** the plan of IR shuffle instruction i */
function shufflePlanOf(f: Func, i: number): ShufflePlan {
  const n = f.instImm0[i] as number;
  const idx: number[] = [];
  for (let k = 0; k < 16; k++) idx.push(f.v128Byte(n, k) & 31);
  return planShuffle(idx, f.operand(i, 0) === f.operand(i, 1));
}

/** operands: the result, then the operands the plan reads in order (one for a one-operand plan), then v30 for tbl2 */
const shuffleRule = defineRule('simd_shuffle', (e, mi) => {
  const p = shufflePlanOf(e.f, e.x.ir[mi] as number);
  const d = e.vreg(mi, 0);
  switch (p.kind) {
    case 'copy':
      return;
    case 'dup':
      return e.asm.emit({ kind: 'vec_dup_elem', arr: p.arr, rd: d, rn: e.vreg(mi, 1), index: p.index });
    case 'perm': {
      const rn = e.vreg(mi, 1);
      const rm = p.first === p.second ? rn : e.vreg(mi, 2);
      return e.asm.emit({ kind: 'vec_perm', op: p.op, arr: p.arr, rd: d, rn, rm });
    }
    case 'ext': {
      const rn = e.vreg(mi, 1);
      const rm = p.first === p.second ? rn : e.vreg(mi, 2);
      return e.asm.emit({ kind: 'vec_ext', arr: '16b', rd: d, rn, rm, index: p.index });
    }
    case 'tbl1':
      loadBytes(e, V31, p.mask);
      return e.asm.emit({ kind: 'vec_tbl', op: 'tbl', arr: '16b', rd: d, rn: e.vreg(mi, 1), count: 1, rm: V31 });
    case 'tbl2':
      // the table first (the result may share a's or b's register), then the indices into d
      e.asm.emit(vmov(V30, e.vreg(mi, 1)));
      e.asm.emit(vmov(V31, e.vreg(mi, 2)));
      loadBytes(e, d, p.mask);
      return e.asm.emit({ kind: 'vec_tbl', op: 'tbl', arr: '16b', rd: d, rn: V30, count: 2, rm: d });
  }
}, true);

defineLowering('i8x16.shuffle', (c: LowerCtx, i: number) => {
  const p = shufflePlanOf(c.f, i);
  c.x.inst(shuffleRule, i);
  const res = c.f.result(i, 0);
  const ops = [c.f.operand(i, 0), c.f.operand(i, 1)] as const;
  switch (p.kind) {
    case 'copy':
      c.def(res, Constraint.Reuse, 1);
      c.use(ops[p.from]);
      return;
    case 'dup':
    case 'tbl1':
      c.def(res);
      c.use(ops[p.from]);
      return;
    case 'perm':
    case 'ext':
      c.def(res);
      c.use(ops[p.first]);
      if (p.second !== p.first) c.use(ops[p.second]);
      return;
    case 'tbl2':
      c.def(res);
      c.use(ops[0]);
      c.use(ops[1]);
      c.temp(RegClassId.Float, TBL_FIRST);
      return;
  }
});
