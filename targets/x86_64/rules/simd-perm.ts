/**
 * v128 permutations, reductions, and widening/narrowing operations on x86-64-v2 (SSE2, SSSE3,
 * SSE4.1): `i8x16.shuffle`, `i8x16.swizzle`, `v128.any_true`, `*.all_true`, `*.bitmask`, the
 * `narrow`, `extend`, `extmul` and `extadd_pairwise` rows, `i32x4.dot_i16x8_s` and
 * `i16x8.q15mulr_sat_s`, each exactly as the WebAssembly SIMD operation of the same name.
 *
 * Instruction facts are from the Intel SDM vol. 2 pages PSHUFB, PSHUFD, PALIGNR, PBLENDW,
 * SHUFPS, PUNPCKLBW-PUNPCKHQDQ, PTEST, PMOVMSKB, MOVMSKPS/PD, PACKSSWB/PACKSSDW, PACKUSWB, PACKUSDW, PMOVSX/PMOVZX,
 * PMULLW, PMULHW, PMULHUW, PMULDQ, PMULUDQ, PMADDUBSW, PMADDWD, PMULHRSW.
 *
 * xmm15 (SCRATCH_XMM) and r11 (SCRATCH_GPR) are the emitter's scratch registers: masks and
 * constants are built there, so most rows need no allocator temp. Lowering shapes (operand
 * layouts, operand 0 the result):
 * - unary:  def, use a                    (the result may share a's register)
 * - binary: def, use a, use b             (the sequence reads b before it writes the result)
 * - reuse:  def (reuses operand 1), use a [, use b]   (two-address; b never shares its register)
 * - early:  early def, use a              (the result is written before a is read)
 * The shuffle picks its shape per index pattern (see `planShuffle`).
 */

import type { Func } from '../../../compiler/ir/func.js';
import { OPCODES, opByName } from '../../../compiler/ir/opcodes.js';
import { Constraint, OpKind, RegClassId } from '../../../compiler/regalloc/mach.js';
import { SCRATCH_XMM } from '../abi.js';
import { uimm8 } from '../imm.js';
import type { MovmskOp, SseImmOp, SsePackedOp } from '../inst.js';
import type { Xmm } from '../regs.js';
import { loadBytes } from './simd-lanes.js';
import { address, lowerAddress } from './memory.js';
import { defineLowering, defineRule, lowering, lowerBinary, lowerUnary, type EmitCtx, type LowerCtx, type LowerFn } from './rule.js';

type Emit = (e: EmitCtx, mi: number) => void;

const X15 = SCRATCH_XMM;
const nameOf = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.name;

// ---- constants ----

/** splat constants that two instructions make from all-ones, without r11 */
const SPLATS = {
  /** 0x01 in every byte: |-1| */
  bytes01: (e: EmitCtx, dst: Xmm): void => {
    e.asm.emit({ kind: 'sse', op: 'pcmpeqd', dst, src: dst });
    e.asm.emit({ kind: 'sse', op: 'pabsb', dst, src: dst });
  },
  /** 0x0001 in every word */
  words0001: (e: EmitCtx, dst: Xmm): void => {
    e.asm.emit({ kind: 'sse', op: 'pcmpeqd', dst, src: dst });
    e.asm.emit({ kind: 'sse_shift_imm', op: 'psrlw', dst, count: uimm8(15) });
  },
  /** 0x8000 in every word */
  words8000: (e: EmitCtx, dst: Xmm): void => {
    e.asm.emit({ kind: 'sse', op: 'pcmpeqd', dst, src: dst });
    e.asm.emit({ kind: 'sse_shift_imm', op: 'psllw', dst, count: uimm8(15) });
  },
} as const;

// ---- lowering shapes ----

type Shape = 'unary' | 'binary' | 'reuse' | 'early';

/** def reusing operand 1, then a use of each IR operand */
const lowerReuse = (rule: number): LowerFn => (c, i) => {
  c.x.inst(rule, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, 1);
  const n = OPCODES[c.f.instOp[i] as number]!.operands.length;
  for (let k = 0; k < n; k++) c.use(c.f.operand(i, k));
};

/** early def (never in the operand's register), use operand 0 */
const lowerEarly = (rule: number): LowerFn => (c, i) => {
  c.x.inst(rule, i);
  c.operandVreg(c.vreg(c.f.result(i, 0)), OpKind.EarlyDef);
  c.use(c.f.operand(i, 0));
};

const SHAPE_LOWERING: Readonly<Record<Shape, (rule: number) => LowerFn>> = {
  unary: lowerUnary,
  binary: lowerBinary,
  reuse: lowerReuse,
  early: lowerEarly,
};

interface PermRow {
  readonly shape: Shape;
  readonly emit: Emit;
}

const lowered: string[] = ['i8x16.shuffle'];
/** the IR rows this file lowers */
export const SIMD_PERM_ROWS: readonly string[] = lowered;

/** one emit rule for family `family` dispatching on the IR row's name, and the lowering of each row */
function registerFamily(family: string, rows: Readonly<Record<string, PermRow>>): void {
  const emit: Emit = (e, mi) => rows[nameOf(e, mi)]!.emit(e, mi);
  const rule = defineRule(family, emit, true);
  // the emit driver skips a pure instruction when no Def of it is read, and an early def is no
  // Def there (emit-driver.ts deadDef): rows whose result is an early def are not pure
  let early = -1;
  for (const [name, row] of Object.entries(rows)) {
    if (row.shape === 'early' && early < 0) early = defineRule(`${family}_early`, emit, false);
    defineLowering(name, SHAPE_LOWERING[row.shape](row.shape === 'early' ? early : rule));
    lowered.push(name);
  }
}

// ---- reductions: v128 → i32 ----

const SHAPES = ['i8x16', 'i16x8', 'i32x4', 'i64x2'] as const;
type IntShape = (typeof SHAPES)[number];

const PCMPEQ: Readonly<Record<IntShape, SsePackedOp>> = { i8x16: 'pcmpeqb', i16x8: 'pcmpeqw', i32x4: 'pcmpeqd', i64x2: 'pcmpeqq' };
const MOVMSK_OF: Readonly<Record<'i8x16' | 'i32x4' | 'i64x2', MovmskOp>> = { i8x16: 'pmovmskb', i32x4: 'movmskps', i64x2: 'movmskpd' };

/** all_true: no lane equals zero, i.e. pcmpeq with zero gives all zeros (ptest sets ZF) */
const allTrue = (shape: IntShape): Emit => (e, mi) => {
  const d = e.gpr(mi, 0);
  e.asm.emit({ kind: 'alu', op: 'xor', w: 32, dst: d, src: d });
  e.asm.emit({ kind: 'sse', op: 'pxor', dst: X15, src: X15 });
  e.asm.emit({ kind: 'sse', op: PCMPEQ[shape], dst: X15, src: e.xmm(mi, 1) });
  e.asm.emit({ kind: 'sse', op: 'ptest', dst: X15, src: X15 });
  e.asm.emit({ kind: 'setcc', cc: 'e', dst: d });
};

/** bitmask of the lanes' sign bits; i16x8 packs words to bytes with signed saturation (signs kept) */
const bitmask = (shape: IntShape): Emit => {
  if (shape !== 'i16x8') {
    const op = MOVMSK_OF[shape];
    return (e, mi) => e.asm.emit({ kind: 'movmsk', op, dst: e.gpr(mi, 0), src: e.xmm(mi, 1) });
  }
  return (e, mi) => {
    const d = e.gpr(mi, 0);
    e.asm.emit({ kind: 'sse', op: 'movdqa', dst: X15, src: e.xmm(mi, 1) });
    e.asm.emit({ kind: 'sse', op: 'packsswb', dst: X15, src: X15 });
    e.asm.emit({ kind: 'movmsk', op: 'pmovmskb', dst: d, src: X15 });
    e.asm.emit({ kind: 'movzx', w: 32, from: 8, dst: d, src: d });
  };
};

const REDUCE: Record<string, PermRow> = {
  'v128.any_true': {
    shape: 'unary',
    emit: (e, mi) => {
      const d = e.gpr(mi, 0);
      const v = e.xmm(mi, 1);
      e.asm.emit({ kind: 'alu', op: 'xor', w: 32, dst: d, src: d });
      e.asm.emit({ kind: 'sse', op: 'ptest', dst: v, src: v });
      e.asm.emit({ kind: 'setcc', cc: 'ne', dst: d });
    },
  },
};
for (const s of SHAPES) {
  REDUCE[`${s}.all_true`] = { shape: 'unary', emit: allTrue(s) };
  REDUCE[`${s}.bitmask`] = { shape: 'unary', emit: bitmask(s) };
}
registerFamily('simd_reduce', REDUCE);

// ---- narrowing, widening ----

/** two-address `op d, b` on d = a */
const twoAddress = (op: SsePackedOp): PermRow => ({
  shape: 'reuse',
  emit: (e, mi) => e.asm.emit({ kind: 'sse', op, dst: e.xmm(mi, 0), src: e.xmm(mi, 2) }),
});

registerFamily('simd_narrow', {
  'i8x16.narrow_i16x8_s': twoAddress('packsswb'),
  'i8x16.narrow_i16x8_u': twoAddress('packuswb'),
  'i16x8.narrow_i32x4_s': twoAddress('packssdw'),
  'i16x8.narrow_i32x4_u': twoAddress('packusdw'),
});

/** the wider shape, the narrower one, and the sign- and zero-extending moves between them */
const WIDENINGS = [
  { wide: 'i16x8', narrow: 'i8x16', s: 'pmovsxbw', u: 'pmovzxbw' },
  { wide: 'i32x4', narrow: 'i16x8', s: 'pmovsxwd', u: 'pmovzxwd' },
  { wide: 'i64x2', narrow: 'i32x4', s: 'pmovsxdq', u: 'pmovzxdq' },
] as const;

/** pshufd imm copying the high quadword into the low one */
const HIGH_TO_LOW = 0xee;

/** dst = the low (or high) half of src's lanes, extended with `op`; src is read first */
function widen(e: EmitCtx, op: SsePackedOp, dst: Xmm, src: Xmm, high: boolean): void {
  if (!high) return e.asm.emit({ kind: 'sse', op, dst, src });
  e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst, src, imm: uimm8(HIGH_TO_LOW) });
  e.asm.emit({ kind: 'sse', op, dst, src: dst });
}

const EXTEND: Record<string, PermRow> = {};
for (const w of WIDENINGS) {
  for (const half of ['low', 'high'] as const) {
    for (const sign of ['s', 'u'] as const) {
      const op = w[sign];
      EXTEND[`${w.wide}.extend_${half}_${w.narrow}_${sign}`] = { shape: 'unary', emit: (e, mi) => widen(e, op, e.xmm(mi, 0), e.xmm(mi, 1), half === 'high') };
    }
  }
}
registerFamily('simd_extend', EXTEND);

/**
 * extend_low of a folded v128.from_i64 (lower.ts): pmovsx / pmovzx xmm, m64 when the load was
 * folded as well (def, address operands; aux0 = the load, aux2 = 1), else movq xmm, r64 first
 * (def, the i64)
 */
const extendLowOf = new Map<string, SsePackedOp>();
for (const w of WIDENINGS) for (const sign of ['s', 'u'] as const) extendLowOf.set(`${w.wide}.extend_low_${w.narrow}_${sign}`, w[sign]);

const extendFolded = defineRule('simd_extend_folded', (e, mi) => {
  const op = extendLowOf.get(nameOf(e, mi))!;
  const d = e.xmm(mi, 0);
  if ((e.x.aux2[mi] as number) === 1) {
    const at = address(e, mi, 1, e.x.aux0[mi] as number);
    e.faultSite(mi);
    e.asm.emit({ kind: 'sse', op, dst: d, src: at });
    return;
  }
  e.asm.emit({ kind: 'movd_to_xmm', w: 64, dst: d, src: e.gpr(mi, 1) });
  e.asm.emit({ kind: 'sse', op, dst: d, src: d });
});

for (const name of extendLowOf.keys()) {
  const plain = lowering(opByName(name))!;
  defineLowering(name, (c, i) => {
    const from = c.fusedDef(c.f.operand(i, 0));
    if (from < 0) return plain(c, i);
    const mi = c.x.inst(extendFolded, i);
    c.def(c.f.result(i, 0));
    const ld = c.fusedDef(c.f.operand(from, 0));
    if (ld < 0) {
      c.use(c.f.operand(from, 0));
      return;
    }
    c.x.aux0[mi] = ld;
    c.x.aux2[mi] = 1;
    lowerAddress(c, mi, ld);
  });
}

// ---- extended multiplies ----

/**
 * i16x8 from i8x16: both halves widened, then pmullw (a product of two 8-bit lanes fits 16
 * bits, signed or unsigned). b is widened into xmm15 before the result is written.
 */
const extmulWidenMul = (op: SsePackedOp, high: boolean): PermRow => ({
  shape: 'binary',
  emit: (e, mi) => {
    const d = e.xmm(mi, 0);
    widen(e, op, X15, e.xmm(mi, 2), high);
    widen(e, op, d, e.xmm(mi, 1), high);
    e.asm.emit({ kind: 'sse', op: 'pmullw', dst: d, src: X15 });
  },
});

/** i32x4 from i16x8: the low 16 bits (pmullw) and high 16 bits (pmulhw / pmulhuw) of each product, interleaved */
const extmulLoHi = (mulHigh: SsePackedOp, high: boolean): PermRow => ({
  shape: 'reuse',
  emit: (e, mi) => {
    const d = e.xmm(mi, 0);
    const b = e.xmm(mi, 2);
    e.asm.emit({ kind: 'sse', op: 'movdqa', dst: X15, src: d });
    e.asm.emit({ kind: 'sse', op: mulHigh, dst: X15, src: b });
    e.asm.emit({ kind: 'sse', op: 'pmullw', dst: d, src: b });
    e.asm.emit({ kind: 'sse', op: high ? 'punpckhwd' : 'punpcklwd', dst: d, src: X15 });
  },
});

/** pshufd imm putting dwords 0, 1 (low) or 2, 3 (high) into dwords 0 and 2, where pmuldq reads them */
const DWORDS_TO_EVEN = { low: 0x50, high: 0xfa } as const;

/** i64x2 from i32x4: pmuldq / pmuludq multiply dwords 0 and 2 into full quadwords */
const extmulDq = (op: SsePackedOp, high: boolean): PermRow => ({
  shape: 'binary',
  emit: (e, mi) => {
    const d = e.xmm(mi, 0);
    const imm = uimm8(high ? DWORDS_TO_EVEN.high : DWORDS_TO_EVEN.low);
    e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: X15, src: e.xmm(mi, 2), imm });
    e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: d, src: e.xmm(mi, 1), imm });
    e.asm.emit({ kind: 'sse', op, dst: d, src: X15 });
  },
});

const EXTMUL: Record<string, PermRow> = {};
for (const half of ['low', 'high'] as const) {
  const high = half === 'high';
  EXTMUL[`i16x8.extmul_${half}_i8x16_s`] = extmulWidenMul('pmovsxbw', high);
  EXTMUL[`i16x8.extmul_${half}_i8x16_u`] = extmulWidenMul('pmovzxbw', high);
  EXTMUL[`i32x4.extmul_${half}_i16x8_s`] = extmulLoHi('pmulhw', high);
  EXTMUL[`i32x4.extmul_${half}_i16x8_u`] = extmulLoHi('pmulhuw', high);
  EXTMUL[`i64x2.extmul_${half}_i32x4_s`] = extmulDq('pmuldq', high);
  EXTMUL[`i64x2.extmul_${half}_i32x4_u`] = extmulDq('pmuludq', high);
}
registerFamily('simd_extmul', EXTMUL);

// ---- pairwise sums, dot product, q15 multiply ----

registerFamily('simd_pairwise', {
  // pmaddubsw: first operand unsigned bytes, second signed; with 0x01 the sum of each pair
  'i16x8.extadd_pairwise_i8x16_s': {
    shape: 'early',
    emit: (e, mi) => {
      const d = e.xmm(mi, 0);
      SPLATS.bytes01(e, d);
      e.asm.emit({ kind: 'sse', op: 'pmaddubsw', dst: d, src: e.xmm(mi, 1) });
    },
  },
  'i16x8.extadd_pairwise_i8x16_u': {
    shape: 'reuse',
    emit: (e, mi) => {
      SPLATS.bytes01(e, X15);
      e.asm.emit({ kind: 'sse', op: 'pmaddubsw', dst: e.xmm(mi, 0), src: X15 });
    },
  },
  'i32x4.extadd_pairwise_i16x8_s': {
    shape: 'reuse',
    emit: (e, mi) => {
      SPLATS.words0001(e, X15);
      e.asm.emit({ kind: 'sse', op: 'pmaddwd', dst: e.xmm(mi, 0), src: X15 });
    },
  },
  // pmaddwd is signed only: the odd words shifted down plus the even words zero-extended in place
  'i32x4.extadd_pairwise_i16x8_u': {
    shape: 'reuse',
    emit: (e, mi) => {
      const d = e.xmm(mi, 0);
      e.asm.emit({ kind: 'sse', op: 'movdqa', dst: X15, src: d });
      e.asm.emit({ kind: 'sse_shift_imm', op: 'psrld', dst: X15, count: uimm8(16) });
      e.asm.emit({ kind: 'sse_shift_imm', op: 'pslld', dst: d, count: uimm8(16) });
      e.asm.emit({ kind: 'sse_shift_imm', op: 'psrld', dst: d, count: uimm8(16) });
      e.asm.emit({ kind: 'sse', op: 'paddd', dst: d, src: X15 });
    },
  },
  // the one overflow (all four lanes -0x8000) wraps to 0x80000000 in pmaddwd and in wasm alike
  'i32x4.dot_i16x8_s': twoAddress('pmaddwd'),
  // pmulhrsw is (a*b + 0x4000) >> 15; only -0x8000 * -0x8000 gives 0x8000, where wasm saturates to 0x7fff
  'i16x8.q15mulr_sat_s': {
    shape: 'reuse',
    emit: (e, mi) => {
      const d = e.xmm(mi, 0);
      e.asm.emit({ kind: 'sse', op: 'pmulhrsw', dst: d, src: e.xmm(mi, 2) });
      SPLATS.words8000(e, X15);
      e.asm.emit({ kind: 'sse', op: 'pcmpeqw', dst: X15, src: d });
      e.asm.emit({ kind: 'sse', op: 'pxor', dst: d, src: X15 });
    },
  },
});

// ---- swizzle ----

/** +0x70 with unsigned saturation: an index < 16 keeps bit 7 clear and its low nibble, any other sets bit 7 (pshufb's zero) */
const SWIZZLE_BIAS = new Uint8Array(16).fill(0x70);

registerFamily('simd_swizzle', {
  'i8x16.swizzle': {
    shape: 'reuse',
    emit: (e, mi) => {
      loadBytes(e, X15, SWIZZLE_BIAS);
      e.asm.emit({ kind: 'sse', op: 'paddusb', dst: X15, src: e.xmm(mi, 2) });
      e.asm.emit({ kind: 'sse', op: 'pshufb', dst: e.xmm(mi, 0), src: X15 });
    },
  },
});

// ---- shuffle ----

/** operand 0 or 1 of the shuffle */
type Src = 0 | 1;

/**
 * How one shuffle is done, cheapest first:
 * - copy: the identity of one operand (the allocator's copy, no instruction);
 * - pshufd: a dword permutation of one operand;
 * - pshufb1: any permutation of one operand (mask from the indices);
 * - pair: one two-operand instruction, dst = operand `first`, src = the other (an unpack,
 *   palignr, pblendw or shufps);
 * - pshufb2: pshufb of each operand (index ≥ 16 zeroes a byte of the first, < 16 of the second), por.
 */
export type ShufflePlan =
  | { readonly kind: 'copy'; readonly from: Src }
  | { readonly kind: 'pshufd'; readonly from: Src; readonly imm: number }
  | { readonly kind: 'pshufb1'; readonly from: Src; readonly mask: Uint8Array }
  | { readonly kind: 'pair'; readonly first: Src; readonly op: SsePackedOp | SseImmOp; readonly imm: number }
  | { readonly kind: 'pshufb2'; readonly maskA: Uint8Array; readonly maskB: Uint8Array };

/** the byte indices of an interleave of elements of `size` bytes from the low or high halves (first operand in the even elements) */
function unpackPattern(size: number, high: boolean): number[] {
  const out: number[] = [];
  const base = high ? 8 / size : 0;
  for (let k = 0; k < 16; k++) {
    const j = Math.floor(k / size);
    out.push((j & 1 ? 16 : 0) + (base + (j >> 1)) * size + (k % size));
  }
  return out;
}

const UNPACKS: readonly (readonly [SsePackedOp, readonly number[]])[] = [
  ['punpcklbw', unpackPattern(1, false)],
  ['punpckhbw', unpackPattern(1, true)],
  ['punpcklwd', unpackPattern(2, false)],
  ['punpckhwd', unpackPattern(2, true)],
  ['punpckldq', unpackPattern(4, false)],
  ['punpckhdq', unpackPattern(4, true)],
  ['punpcklqdq', unpackPattern(8, false)],
  ['punpckhqdq', unpackPattern(8, true)],
];

/** pshufd's imm when `l` (indices 0-15) moves whole dwords, else -1 */
function dwordImm(l: readonly number[]): number {
  let imm = 0;
  for (let j = 0; j < 4; j++) {
    const s = (l[4 * j] as number) >> 2;
    for (let r = 0; r < 4; r++) if (l[4 * j + r] !== 4 * s + r) return -1;
    imm |= s << (2 * j);
  }
  return imm;
}

/** a one-operand shuffle of operand `from` by `l` (indices 0-15) */
function planSingle(from: Src, l: readonly number[]): ShufflePlan {
  if (l.every((x, k) => x === k)) return { kind: 'copy', from };
  const imm = dwordImm(l);
  if (imm >= 0) return { kind: 'pshufd', from, imm };
  return { kind: 'pshufb1', from, mask: Uint8Array.from(l) };
}

/** a pair instruction for `ix` (indices 0-31, both operands used), or null */
function planPair(ix: readonly number[]): ShufflePlan | null {
  for (const [op, pat] of UNPACKS) {
    if (ix.every((x, k) => x === pat[k])) return { kind: 'pair', first: 0, op, imm: 0 };
    if (ix.every((x, k) => (x ^ 16) === pat[k])) return { kind: 'pair', first: 1, op, imm: 0 };
  }
  // palignr d, s, n: bytes n.. of the concatenation d:s (s low); indices start + k (mod 32)
  const start = ix[0] as number;
  if (ix.every((x, k) => x === ((start + k) & 31))) return { kind: 'pair', first: start < 16 ? 1 : 0, op: 'palignr', imm: start & 15 };
  // pblendw: every word stays in place, from either operand
  if (ix.every((x, k) => (x & 15) === k && (x >> 4) === ((ix[k ^ 1] as number) >> 4))) {
    let imm = 0;
    for (let j = 0; j < 8; j++) if ((ix[2 * j] as number) >= 16) imm |= 1 << j;
    return { kind: 'pair', first: 0, op: 'pblendw', imm };
  }
  // shufps d, s: dwords 0, 1 from any dwords of d, dwords 2, 3 from any dwords of s
  const dw: number[] = [];
  for (let j = 0; j < 4; j++) {
    const x = ix[4 * j] as number;
    if ((x & 3) !== 0) return null;
    for (let r = 1; r < 4; r++) if (ix[4 * j + r] !== x + r) return null;
    dw.push(x >> 2);
  }
  const lowFrom = (dw[0] as number) >> 2;
  if ((dw[1] as number) >> 2 !== lowFrom || (dw[2] as number) >> 2 === lowFrom || (dw[3] as number) >> 2 === lowFrom) return null;
  const imm = dw.reduce((acc, d, j) => acc | ((d & 3) << (2 * j)), 0);
  return { kind: 'pair', first: lowFrom as Src, op: 'shufps', imm };
}

/** the plan for lane indices `idx` (0-31); `same` when both operands are the same value */
export function planShuffle(idx: readonly number[], same: boolean): ShufflePlan {
  const ix = same ? idx.map((x) => x & 15) : idx;
  const fromA = ix.some((x) => x < 16);
  const fromB = ix.some((x) => x >= 16);
  if (!(fromA && fromB)) return planSingle(fromB ? 1 : 0, ix.map((x) => x & 15));
  const pair = planPair(ix);
  if (pair !== null) return pair;
  return {
    kind: 'pshufb2',
    maskA: Uint8Array.from(ix, (x) => (x < 16 ? x : 0x80)),
    maskB: Uint8Array.from(ix, (x) => (x >= 16 ? x - 16 : 0x80)),
  };
}

/** the plan of IR shuffle instruction i */
function shufflePlanOf(f: Func, i: number): ShufflePlan {
  const n = f.instImm0[i] as number;
  const idx: number[] = [];
  for (let k = 0; k < 16; k++) idx.push(f.v128Byte(n, k) & 31);
  return planShuffle(idx, f.operand(i, 0) === f.operand(i, 1));
}

const IMM_PAIRS: ReadonlySet<string> = new Set<SseImmOp>(['palignr', 'pblendw', 'shufps']);

/** operands: the result, then the operands the plan reads (the first one reused where two-address), then a temp for pshufb2 */
const shuffleRule = defineRule('simd_shuffle', (e, mi) => {
  const p = shufflePlanOf(e.f, e.x.ir[mi] as number);
  const d = e.xmm(mi, 0);
  switch (p.kind) {
    case 'copy':
      return;
    case 'pshufd':
      return e.asm.emit({ kind: 'sse_imm', op: 'pshufd', dst: d, src: e.xmm(mi, 1), imm: uimm8(p.imm) });
    case 'pshufb1':
      loadBytes(e, X15, p.mask);
      return e.asm.emit({ kind: 'sse', op: 'pshufb', dst: d, src: X15 });
    case 'pair':
      if (IMM_PAIRS.has(p.op)) return e.asm.emit({ kind: 'sse_imm', op: p.op as SseImmOp, dst: d, src: e.xmm(mi, 2), imm: uimm8(p.imm) });
      return e.asm.emit({ kind: 'sse', op: p.op as SsePackedOp, dst: d, src: e.xmm(mi, 2) });
    case 'pshufb2': {
      const t = e.xmm(mi, 3);
      e.asm.emit({ kind: 'sse', op: 'movdqa', dst: t, src: e.xmm(mi, 2) });
      loadBytes(e, X15, p.maskB);
      e.asm.emit({ kind: 'sse', op: 'pshufb', dst: t, src: X15 });
      loadBytes(e, X15, p.maskA);
      e.asm.emit({ kind: 'sse', op: 'pshufb', dst: d, src: X15 });
      return e.asm.emit({ kind: 'sse', op: 'por', dst: d, src: t });
    }
  }
}, true);

defineLowering('i8x16.shuffle', (c: LowerCtx, i: number) => {
  const p = shufflePlanOf(c.f, i);
  c.x.inst(shuffleRule, i);
  const res = c.f.result(i, 0);
  const a = c.f.operand(i, 0);
  const b = c.f.operand(i, 1);
  switch (p.kind) {
    case 'copy':
    case 'pshufb1':
      c.def(res, Constraint.Reuse, 1);
      c.use(p.from === 0 ? a : b);
      return;
    case 'pshufd':
      c.def(res);
      c.use(p.from === 0 ? a : b);
      return;
    case 'pair':
      c.def(res, Constraint.Reuse, 1);
      c.use(p.first === 0 ? a : b);
      c.use(p.first === 0 ? b : a);
      return;
    case 'pshufb2':
      c.def(res, Constraint.Reuse, 1);
      c.use(a);
      c.use(b);
      c.temp(RegClassId.Float);
      return;
  }
});
