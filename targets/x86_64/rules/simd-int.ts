/**
 * v128 bitwise operations and integer lane arithmetic, compares, shifts, min/max, saturating
 * arithmetic, averages and popcnt, on the x86-64-v2 baseline (SSE2, SSSE3, SSE4.1, SSE4.2).
 * Semantics are wasm's (compiler/ir/vector-rows.ts); instruction facts from the Intel SDM
 * vol. 2 pages named in tables-simd.ts.
 *
 * Most rows are a short fixed sequence of packed `op dst, other` forms on the two operands, so
 * they are rows of one table (PACKED): the first operand is reused as the destination, or, for
 * a row marked `~`, the second (wasm's `andnot(a, b) = a & ~b` is `pandn` with b as the
 * destination; `lt_s(a, b)` is `pcmpgt` with b as the destination), and a row ending in `!`
 * inverts the result (all-ones in xmm15, then pxor). Unsigned and i8/i16/i32 `le`/`ge`
 * compares use min/max + pcmpeq: `a ≤u b ⇔ minu(a, b) = a`.
 *
 * The rest are named sequences: not, bitselect, neg, abs, i64x2.mul (pmuludq), i8x16.popcnt
 * (pshufb on a nibble table) and the shifts (the count modulo the lane width: a constant count
 * becomes the immediate form, a register count goes through r11 into xmm15; i8x16 shifts run
 * on words and mask, or widen to words for shr_s; i64x2.shr_s is `((a >>u n) ^ m) - m` with
 * m = 2^63 >>u n).
 *
 * Operand layouts (operand numbers as e.xmm/e.gpr read them):
 * - PACKED rows: def (reuses 1, or 2 for `~` rows), a, b.
 * - bitselect: def (reuses 1), v1, v2, c.
 * - not, neg, i64x2.abs: def (reuses 1), a.   abs (i8/i16/i32): def, a.
 * - i64x2.mul: def (reuses 1), a, b, scratch xmm.   i8x16.popcnt: def (reuses 1), a, 2 scratch xmm.
 * - shifts, register count: def (reuses 1), a, count, [scratch xmm]; constant count (aux0 =
 *   the count, aux1 = 1): def (reuses 1), a.
 * A reused-def register never holds another operand (regalloc.md: the def covers the use
 * point), so a sequence may write the destination before it reads the other operands.
 */

import { OPCODES, opcodesNamed } from '../../../compiler/ir/opcodes.js';
import { Constraint, RegClassId } from '../../../compiler/regalloc/mach.js';
import { imm32, uimm8 } from '../imm.js';
import type { Xmm } from '../regs.js';
import { SCRATCH_GPR, SCRATCH_XMM } from '../abi.js';
import { SSE_PACKED, type SsePackedOp, type SseShiftImmOp } from '../tables-simd.js';
import { halvesBytes, loadBytes } from './simd-lanes.js';
import { defineLowering, defineRule, type EmitCtx, type LowerCtx } from './rule.js';

const X = SCRATCH_XMM;

const sse = (e: EmitCtx, op: SsePackedOp, dst: Xmm, src: Xmm): void => e.asm.emit({ kind: 'sse', op, dst, src });
const shiftImm = (e: EmitCtx, op: SseShiftImmOp, dst: Xmm, n: number): void => e.asm.emit({ kind: 'sse_shift_imm', op, dst, count: uimm8(n) });
/** dst = all ones */
const ones = (e: EmitCtx, dst: Xmm): void => sse(e, 'pcmpeqd', dst, dst);

/** dst = the 16 bytes `lo` (bytes 0-7) and `hi` (bytes 8-15) */
function loadConst(e: EmitCtx, dst: Xmm, lo: bigint, hi: bigint): void {
  loadBytes(e, dst, halvesBytes(lo, hi));
}


const rowName = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.name;

// ---- one table: the rows that are packed `op dst, other` steps ----

interface PackedSeq {
  /** the destination reuses the second operand (the steps read the first) */
  readonly swap: boolean;
  readonly ops: readonly SsePackedOp[];
  /** invert the result */
  readonly not: boolean;
}

const SUFFIX: Readonly<Record<string, string>> = { b: 'i8x16', w: 'i16x8', d: 'i32x4', q: 'i64x2' };

/** [wasm op, lane suffixes it exists for, steps: `#` is the suffix, `~` swaps, `!` inverts] */
const TEMPLATES: readonly (readonly [string, string, string])[] = [
  ['add', 'bwdq', 'padd#'],
  ['sub', 'bwdq', 'psub#'],
  ['mul', 'wd', 'pmull#'],
  ['eq', 'bwdq', 'pcmpeq#'],
  ['ne', 'bwdq', 'pcmpeq# !'],
  ['gt_s', 'bwdq', 'pcmpgt#'],
  ['lt_s', 'bwdq', '~pcmpgt#'],
  ['ge_s', 'bwd', '~pmaxs# pcmpeq#'],
  ['le_s', 'bwd', '~pmins# pcmpeq#'],
  ['ge_s', 'q', '~pcmpgtq !'],
  ['le_s', 'q', 'pcmpgtq !'],
  ['ge_u', 'bwd', '~pmaxu# pcmpeq#'],
  ['le_u', 'bwd', '~pminu# pcmpeq#'],
  ['gt_u', 'bwd', '~pminu# pcmpeq# !'],
  ['lt_u', 'bwd', '~pmaxu# pcmpeq# !'],
  ['min_s', 'bwd', 'pmins#'],
  ['min_u', 'bwd', 'pminu#'],
  ['max_s', 'bwd', 'pmaxs#'],
  ['max_u', 'bwd', 'pmaxu#'],
  ['add_sat_s', 'bw', 'padds#'],
  ['add_sat_u', 'bw', 'paddus#'],
  ['sub_sat_s', 'bw', 'psubs#'],
  ['sub_sat_u', 'bw', 'psubus#'],
  ['avgr_u', 'bw', 'pavg#'],
];

const V128_PACKED: Readonly<Record<string, string>> = { 'v128.and': 'pand', 'v128.or': 'por', 'v128.xor': 'pxor', 'v128.andnot': '~pandn' };

function parseSeq(spec: string): PackedSeq {
  const words = spec.trim().split(/\s+/);
  const not = words[words.length - 1] === '!';
  if (not) words.pop();
  const swap = words[0]!.startsWith('~');
  const ops = words.map((w) => {
    const op = w.replace('~', '');
    if (!(op in SSE_PACKED)) throw new Error(`simd-int: no packed SSE op ${op}`);
    return op as SsePackedOp;
  });
  return { swap, ops, not };
}

function packedTable(): Map<string, PackedSeq> {
  const out = new Map<string, PackedSeq>();
  for (const [name, spec] of Object.entries(V128_PACKED)) out.set(name, parseSeq(spec));
  for (const [op, suffixes, spec] of TEMPLATES) {
    for (const s of suffixes) out.set(`${SUFFIX[s]!}.${op}`, parseSeq(spec.replaceAll('#', s)));
  }
  return out;
}

const PACKED = packedTable();
const PACKED_BY_OP: PackedSeq[] = [];
for (const [id, name] of opcodesNamed(PACKED.keys())) PACKED_BY_OP[id] = PACKED.get(name)!;

const packed = defineRule('simd_packed', (e, mi) => {
  const s = PACKED_BY_OP[e.f.instOp[e.x.ir[mi] as number] as number]!;
  const d = e.xmm(mi, 0);
  const other = e.xmm(mi, s.swap ? 1 : 2);
  for (const op of s.ops) sse(e, op, d, other);
  if (s.not) {
    ones(e, X);
    sse(e, 'pxor', d, X);
  }
}, true);

defineLowering([...PACKED.keys()].join(' '), (c: LowerCtx, i: number) => {
  const s = PACKED_BY_OP[c.f.instOp[i] as number]!;
  c.x.inst(packed, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, s.swap ? 2 : 1);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

// ---- named sequences ----

type Emit = (e: EmitCtx, mi: number) => void;

/** the packed add/sub/abs of each lane suffix */
const LANE_OPS = {
  b: { sub: 'psubb', abs: 'pabsb' },
  w: { sub: 'psubw', abs: 'pabsw' },
  d: { sub: 'psubd', abs: 'pabsd' },
  q: { sub: 'psubq', abs: null },
} as const satisfies Readonly<Record<string, { sub: SsePackedOp; abs: SsePackedOp | null }>>;

/** -a = ~a - (-1) */
const neg = (s: keyof typeof LANE_OPS): Emit => (e, mi) => {
  const d = e.xmm(mi, 0);
  ones(e, X);
  sse(e, 'pxor', d, X);
  sse(e, LANE_OPS[s].sub, d, X);
};

/** def (reuses 1), a [, more uses] [, scratch xmm]: the sequences on the destination */
const SEQS: Readonly<Record<string, Emit>> = {
  'v128.not': (e, mi) => {
    ones(e, X);
    sse(e, 'pxor', e.xmm(mi, 0), X);
  },
  // (v1 ^ v2) & c ^ v2 = v1 & c | v2 & ~c
  'v128.bitselect': (e, mi) => {
    const d = e.xmm(mi, 0);
    const v2 = e.xmm(mi, 2);
    sse(e, 'pxor', d, v2);
    sse(e, 'pand', d, e.xmm(mi, 3));
    sse(e, 'pxor', d, v2);
  },
  'i8x16.neg': neg('b'),
  'i16x8.neg': neg('w'),
  'i32x4.neg': neg('d'),
  'i64x2.neg': neg('q'),
  // m = (0 > a); (a ^ m) - m
  'i64x2.abs': (e, mi) => {
    const d = e.xmm(mi, 0);
    sse(e, 'pxor', X, X);
    sse(e, 'pcmpgtq', X, d);
    sse(e, 'pxor', d, X);
    sse(e, 'psubq', d, X);
  },
  // a·b mod 2^64 = lo(a)·lo(b) + ((hi(a)·lo(b) + lo(a)·hi(b)) << 32), each product by pmuludq
  'i64x2.mul': (e, mi) => {
    const d = e.xmm(mi, 0);
    const b = e.xmm(mi, 2);
    const t = e.xmm(mi, 3);
    sse(e, 'movdqa', t, d);
    shiftImm(e, 'psrlq', t, 32);
    sse(e, 'pmuludq', t, b);
    sse(e, 'movdqa', X, b);
    shiftImm(e, 'psrlq', X, 32);
    sse(e, 'pmuludq', X, d);
    sse(e, 'paddq', t, X);
    shiftImm(e, 'psllq', t, 32);
    sse(e, 'pmuludq', d, b);
    sse(e, 'paddq', d, t);
  },
  // the popcount of each nibble from a 16-entry table (pshufb), low and high nibbles added
  'i8x16.popcnt': (e, mi) => {
    const d = e.xmm(mi, 0);
    const t1 = e.xmm(mi, 2);
    const t2 = e.xmm(mi, 3);
    loadConst(e, t1, 0x0f0f0f0f0f0f0f0fn, 0x0f0f0f0f0f0f0f0fn);
    sse(e, 'movdqa', X, d);
    shiftImm(e, 'psrlw', X, 4);
    sse(e, 'pand', X, t1);
    sse(e, 'pand', d, t1);
    // bytes 0..15: popcount(0)..popcount(15)
    loadConst(e, t1, 0x0302020102010100n, 0x0403030203020201n);
    sse(e, 'movdqa', t2, t1);
    sse(e, 'pshufb', t1, d);
    sse(e, 'pshufb', t2, X);
    sse(e, 'paddb', t1, t2);
    sse(e, 'movdqa', d, t1);
  },
};

/** how many scratch xmm registers and extra uses each sequence has */
const SEQ_TEMPS: Readonly<Record<string, number>> = { 'i64x2.mul': 1, 'i8x16.popcnt': 2 };
const SEQ_BY_OP: Emit[] = [];
for (const [id, name] of opcodesNamed(Object.keys(SEQS))) SEQ_BY_OP[id] = SEQS[name]!;

const seq = defineRule('simd_seq', (e, mi) => SEQ_BY_OP[e.f.instOp[e.x.ir[mi] as number] as number]!(e, mi), true);

defineLowering(Object.keys(SEQS).join(' '), (c: LowerCtx, i: number) => {
  const f = c.f;
  c.x.inst(seq, i);
  c.def(f.result(i, 0), Constraint.Reuse, 1);
  const n = f.instOperandCount[i] as number;
  for (let k = 0; k < n; k++) c.use(f.operand(i, k));
  for (let k = SEQ_TEMPS[OPCODES[f.instOp[i] as number]!.name] ?? 0; k > 0; k--) c.temp(RegClassId.Float);
});

// abs of i8/i16/i32 lanes: one three-address pabs
const ABS: Readonly<Record<string, SsePackedOp>> = { 'i8x16.abs': LANE_OPS.b.abs, 'i16x8.abs': LANE_OPS.w.abs, 'i32x4.abs': LANE_OPS.d.abs };
const abs = defineRule('simd_abs', (e, mi) => sse(e, ABS[rowName(e, mi)]!, e.xmm(mi, 0), e.xmm(mi, 1)), true);
defineLowering(Object.keys(ABS).join(' '), (c: LowerCtx, i: number) => {
  c.x.inst(abs, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
});

// ---- shifts ----

/** the shift forms that exist both by an xmm count and by an immediate */
type ShiftOp = SsePackedOp & SseShiftImmOp;
/** emit `op dst, <the count>` (the immediate, or xmm15 holding the count) */
type By = (op: ShiftOp, dst: Xmm) => void;

interface ShiftRow {
  /** lane width in bits: the count is taken modulo it */
  readonly bits: number;
  /** added to the count after the modulo (i8x16.shr_s shifts words whose high byte is the lane) */
  readonly extra: number;
  /** needs a scratch xmm register (operand 3 with a register count, else xmm15) */
  readonly temp: boolean;
  /** d: the destination (holds the operand), t: the scratch register */
  readonly emit: (e: EmitCtx, d: Xmm, t: Xmm, by: By) => void;
}

const direct = (bits: number, op: ShiftOp): ShiftRow => ({ bits, extra: 0, temp: false, emit: (_e, d, _t, by) => by(op, d) });

const SHIFTS: Readonly<Record<string, ShiftRow>> = {
  'i16x8.shl': direct(16, 'psllw'),
  'i16x8.shr_s': direct(16, 'psraw'),
  'i16x8.shr_u': direct(16, 'psrlw'),
  'i32x4.shl': direct(32, 'pslld'),
  'i32x4.shr_s': direct(32, 'psrad'),
  'i32x4.shr_u': direct(32, 'psrld'),
  'i64x2.shl': direct(64, 'psllq'),
  'i64x2.shr_u': direct(64, 'psrlq'),
  // ((a >>u n) ^ m) - m with m = 2^63 >>u n: sign extension from bit 63 - n
  'i64x2.shr_s': {
    bits: 64, extra: 0, temp: true,
    emit: (e, d, t, by) => {
      ones(e, t);
      shiftImm(e, 'psllq', t, 63);
      by('psrlq', t);
      by('psrlq', d);
      sse(e, 'pxor', d, t);
      sse(e, 'psubq', d, t);
    },
  },
  // words shifted, then the bits that crossed into a byte cleared: mask = low byte of
  // (0xffff << n), to each byte through (w << 8) >> 8 and packuswb
  'i8x16.shl': {
    bits: 8, extra: 0, temp: true,
    emit: (e, d, t, by) => {
      by('psllw', d);
      ones(e, t);
      by('psllw', t);
      shiftImm(e, 'psllw', t, 8);
      shiftImm(e, 'psrlw', t, 8);
      sse(e, 'packuswb', t, t);
      sse(e, 'pand', d, t);
    },
  },
  // mask = high byte of (0xffff >> n) = 0xff >> n
  'i8x16.shr_u': {
    bits: 8, extra: 0, temp: true,
    emit: (e, d, t, by) => {
      by('psrlw', d);
      ones(e, t);
      by('psrlw', t);
      shiftImm(e, 'psrlw', t, 8);
      sse(e, 'packuswb', t, t);
      sse(e, 'pand', d, t);
    },
  },
  // each byte doubled into a word (the lane in its high byte), psraw by n + 8, packed back
  'i8x16.shr_s': {
    bits: 8, extra: 8, temp: true,
    emit: (e, d, t, by) => {
      sse(e, 'movdqa', t, d);
      sse(e, 'punpckhbw', t, t);
      sse(e, 'punpcklbw', d, d);
      by('psraw', d);
      by('psraw', t);
      sse(e, 'packsswb', d, t);
    },
  },
};

const SHIFT_BY_OP: ShiftRow[] = [];
for (const [id, name] of opcodesNamed(Object.keys(SHIFTS))) SHIFT_BY_OP[id] = SHIFTS[name]!;

const shift = defineRule('simd_shift', (e, mi) => {
  const s = SHIFT_BY_OP[e.f.instOp[e.x.ir[mi] as number] as number]!;
  const d = e.xmm(mi, 0);
  if ((e.x.aux1[mi] as number) === 1) {
    const n = (e.x.aux0[mi] as number) & (s.bits - 1);
    if (n === 0) return;
    const count = n + s.extra;
    s.emit(e, d, X, (op, dst) => shiftImm(e, op, dst, count));
    return;
  }
  e.asm.emit({ kind: 'mov', w: 32, dst: SCRATCH_GPR, src: e.gpr(mi, 2) });
  e.asm.emit({ kind: 'alu_imm', op: 'and', w: 32, dst: SCRATCH_GPR, imm: imm32(s.bits - 1) });
  if (s.extra !== 0) e.asm.emit({ kind: 'alu_imm', op: 'add', w: 32, dst: SCRATCH_GPR, imm: imm32(s.extra) });
  e.asm.emit({ kind: 'movd_to_xmm', w: 32, dst: X, src: SCRATCH_GPR });
  s.emit(e, d, s.temp ? e.xmm(mi, 3) : X, (op, dst) => sse(e, op, dst, X));
}, true);

/** every IR row this file lowers */
export const SIMD_INT_ROWS: readonly string[] = [...PACKED.keys(), ...Object.keys(SEQS), ...Object.keys(ABS), ...Object.keys(SHIFTS)];

defineLowering(Object.keys(SHIFTS).join(' '), (c: LowerCtx, i: number) => {
  const f = c.f;
  const s = SHIFT_BY_OP[f.instOp[i] as number]!;
  const k = c.imm32Of(f.operand(i, 1));
  c.x.inst(shift, i, 0, k ?? 0, k === null ? 0 : 1);
  c.def(f.result(i, 0), Constraint.Reuse, 1);
  c.use(f.operand(i, 0));
  if (k !== null) return;
  c.use(f.operand(i, 1));
  if (s.temp) c.temp(RegClassId.Float);
});
