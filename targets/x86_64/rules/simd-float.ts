/**
 * The f32x4 / f64x2 lane operations on packed SSE / SSE4.1 instructions, with wasm's semantics
 * (WebAssembly 2.0 §4.3.3: fmin, fmax, fpmin, fpmax, fnearest, ...; the NaN rules of §4.3.3
 * "NaN Propagation"). Instruction behaviour from Intel SDM vol. 2: MINPS/MAXPS ("if the values
 * being compared are both 0.0s (of either sign) [or] only one value is a NaN ..., the second
 * operand (source operand) is returned"), CMPPS (Table 3-1, predicates), ROUNDPS (Table 4-18,
 * rounding modes), SQRTPS, ADDPS and the rest.
 *
 * One-instruction rows come from two tables (BINARY: an SSE op, COMPARE: a cmpps/cmppd
 * predicate); each may swap its operands, which gives gt/ge from lt/le and pmin/pmax from
 * minps/maxps. Sequences are named helpers (min, max, abs/neg). Masks are made in xmm15 (the
 * emitter's scratch, abi.ts) from all-ones and shifts, with no constant load.
 *
 * Operand layouts:
 * - BINARY, COMPARE rows: def (reuses 1), x, y, where (x, y) is (a, b), or (b, a) when `swap`.
 * - min: def (reuses 1), a, b.   max: def (reuses 1), a, b, scratch xmm.
 * - abs neg: def (reuses 1), a.   sqrt ceil floor trunc nearest: def, a.
 */

import { OPCODES, op as opcodeOf } from '../../../compiler/ir/opcodes.js';
import { Constraint, RegClassId } from '../../../compiler/regalloc/mach.js';
import { uimm8 } from '../imm.js';
import type { SseCmpOp, SseCmpPred, SseOp } from '../inst.js';
import type { Xmm } from '../regs.js';
import { SCRATCH_XMM } from '../abi.js';
import { halvesBytes, loadBytes } from './simd-lanes.js';
import { defineLowering, defineRule, lowerUnary, type EmitCtx, type LowerCtx, type LowerFn } from './rule.js';

/** the IR opcode of machine instruction mi */
export const opcodeAt = (e: EmitCtx, mi: number): number => e.f.instOp[e.x.ir[mi] as number] as number;

/** is the IR row of machine instruction mi an f64x2 row (or one producing f64 lanes)? */
const isF64x2 = (e: EmitCtx, mi: number): boolean => OPCODES[opcodeAt(e, mi)]!.name.startsWith('f64x2.');

export const sse = (e: EmitCtx, op: SseOp, dst: Xmm, src: Xmm): void => e.asm.emit({ kind: 'sse', op, dst, src });

/** dst = the 64-bit pattern `bits` in both halves */
export function splatQword(e: EmitCtx, dst: Xmm, bits: bigint): void {
  loadBytes(e, dst, halvesBytes(bits, bits));
}

/** an array by IR opcode of a table keyed by row name (every name must be an IR row) */
export function byOpcode<T>(table: Readonly<Record<string, T>>): (T | undefined)[] {
  const out: (T | undefined)[] = [];
  for (const [name, v] of Object.entries(table)) out[opcodeOf(name)] = v;
  return out;
}

/** `def (reuses 1), x, y` with (x, y) = operands (0, 1), or (1, 0) when `swap` */
export function lowerTwoAddress(rule: number, swap: boolean, temps = 0): LowerFn {
  return (c: LowerCtx, i: number) => {
    c.x.inst(rule, i);
    c.def(c.f.result(i, 0), Constraint.Reuse, 1);
    c.use(c.f.operand(i, swap ? 1 : 0));
    if ((c.f.instOperandCount[i] as number) > 1) c.use(c.f.operand(i, swap ? 0 : 1));
    for (let k = 0; k < temps; k++) c.temp(RegClassId.Float);
  };
}

// ---- one instruction: dst = dst op src ----

interface Binary {
  readonly op: SseOp;
  /** the instruction's first operand is wasm's second */
  readonly swap: boolean;
}

const BINARY: Readonly<Record<string, Binary>> = {
  'f32x4.add': { op: 'addps', swap: false },
  'f64x2.add': { op: 'addpd', swap: false },
  'f32x4.sub': { op: 'subps', swap: false },
  'f64x2.sub': { op: 'subpd', swap: false },
  'f32x4.mul': { op: 'mulps', swap: false },
  'f64x2.mul': { op: 'mulpd', swap: false },
  'f32x4.div': { op: 'divps', swap: false },
  'f64x2.div': { op: 'divpd', swap: false },
  // pmin(a, b) = b < a ? b : a, and `minps x, y` is x < y ? x : y (y on NaN and on ±0): minps b, a
  'f32x4.pmin': { op: 'minps', swap: true },
  'f64x2.pmin': { op: 'minpd', swap: true },
  // pmax(a, b) = a < b ? b : a, and `maxps x, y` is x > y ? x : y (y on NaN and on ±0): maxps b, a
  'f32x4.pmax': { op: 'maxps', swap: true },
  'f64x2.pmax': { op: 'maxpd', swap: true },
};

const BINARY_BY_OP = byOpcode(BINARY);
const binary = defineRule('vfbinary', (e, mi) => sse(e, BINARY_BY_OP[opcodeAt(e, mi)]!.op, e.xmm(mi, 0), e.xmm(mi, 2)), true);
for (const [name, b] of Object.entries(BINARY)) defineLowering(name, lowerTwoAddress(binary, b.swap));

interface Compare {
  readonly op: SseCmpOp;
  readonly pred: SseCmpPred;
  readonly swap: boolean;
}

/**
 * eq is ordered (false on NaN), neq unordered (true on NaN), lt and le ordered; gt and ge are lt
 * and le with the operands swapped (nle/nlt would be true on NaN).
 */
const COMPARE: Readonly<Record<string, Compare>> = {
  'f32x4.eq': { op: 'cmpps', pred: 'eq', swap: false },
  'f32x4.ne': { op: 'cmpps', pred: 'neq', swap: false },
  'f32x4.lt': { op: 'cmpps', pred: 'lt', swap: false },
  'f32x4.le': { op: 'cmpps', pred: 'le', swap: false },
  'f32x4.gt': { op: 'cmpps', pred: 'lt', swap: true },
  'f32x4.ge': { op: 'cmpps', pred: 'le', swap: true },
  'f64x2.eq': { op: 'cmppd', pred: 'eq', swap: false },
  'f64x2.ne': { op: 'cmppd', pred: 'neq', swap: false },
  'f64x2.lt': { op: 'cmppd', pred: 'lt', swap: false },
  'f64x2.le': { op: 'cmppd', pred: 'le', swap: false },
  'f64x2.gt': { op: 'cmppd', pred: 'lt', swap: true },
  'f64x2.ge': { op: 'cmppd', pred: 'le', swap: true },
};

const COMPARE_BY_OP = byOpcode(COMPARE);
const compare = defineRule('vfcmp', (e, mi) => {
  const c = COMPARE_BY_OP[opcodeAt(e, mi)]!;
  e.asm.emit({ kind: 'sse_cmp', op: c.op, pred: c.pred, dst: e.xmm(mi, 0), src: e.xmm(mi, 2) });
}, true);
for (const [name, c] of Object.entries(COMPARE)) defineLowering(name, lowerTwoAddress(compare, c.swap));

// ---- one instruction: dst = op a ----

/** ROUNDPS/ROUNDPD imm8 (SDM Table 4-18): bits 1:0 the mode (0 nearest-even, 1 down, 2 up, 3 toward zero), bit 3 no precision exception */
const ROUND_MODE: Readonly<Record<string, number>> = { nearest: 8, floor: 9, ceil: 10, trunc: 11 };

type Unary = { readonly kind: 'sse'; readonly op: SseOp } | { readonly kind: 'round'; readonly op: 'roundps' | 'roundpd'; readonly mode: number };

const UNARY: Readonly<Record<string, Unary>> = {
  'f32x4.sqrt': { kind: 'sse', op: 'sqrtps' },
  'f64x2.sqrt': { kind: 'sse', op: 'sqrtpd' },
  ...Object.fromEntries(
    Object.entries(ROUND_MODE).flatMap(([name, mode]): [string, Unary][] => [
      [`f32x4.${name}`, { kind: 'round', op: 'roundps', mode }],
      [`f64x2.${name}`, { kind: 'round', op: 'roundpd', mode }],
    ]),
  ),
};

const UNARY_BY_OP = byOpcode(UNARY);
const unary = defineRule('vfunary', (e, mi) => {
  const u = UNARY_BY_OP[opcodeAt(e, mi)]!;
  const dst = e.xmm(mi, 0);
  const a = e.xmm(mi, 1);
  if (u.kind === 'sse') sse(e, u.op, dst, a);
  else e.asm.emit({ kind: 'round', op: u.op, dst, src: a, mode: uimm8(u.mode) });
}, true);
defineLowering(Object.keys(UNARY).join(' '), lowerUnary(unary));

// ---- sign masks ----

/** xmm15 = the sign bit of every lane (inverted: every bit but the sign), from all-ones and a shift */
function signMask(e: EmitCtx, f64: boolean, inverted: boolean): void {
  sse(e, 'pcmpeqd', SCRATCH_XMM, SCRATCH_XMM);
  if (inverted) e.asm.emit({ kind: 'sse_shift_imm', op: f64 ? 'psrlq' : 'psrld', dst: SCRATCH_XMM, count: uimm8(1) });
  else e.asm.emit({ kind: 'sse_shift_imm', op: f64 ? 'psllq' : 'pslld', dst: SCRATCH_XMM, count: uimm8(f64 ? 63 : 31) });
}

/** abs: clear the sign bits; neg: flip them (NaNs included, as wasm's fabs/fneg) */
const absNeg = defineRule('vfabsneg', (e, mi) => {
  const f64 = isF64x2(e, mi);
  const abs = OPCODES[opcodeAt(e, mi)]!.name.endsWith('.abs');
  signMask(e, f64, abs);
  sse(e, abs ? (f64 ? 'andpd' : 'andps') : f64 ? 'xorpd' : 'xorps', e.xmm(mi, 0), SCRATCH_XMM);
}, true);
defineLowering('f32x4.abs f64x2.abs f32x4.neg f64x2.neg', lowerTwoAddress(absNeg, false));

// ---- min / max ----

/**
 * NaN lanes of dst (where the mask in xmm15 is all ones) become the canonical NaN, with its sign
 * set (the value x86 itself produces for an invalid operation): dst |= mask makes them all ones,
 * and xor with mask >> (mantissa bits - 1) clears the payload below the quiet bit.
 */
function canonicaliseMasked(e: EmitCtx, dst: Xmm, f64: boolean): void {
  sse(e, f64 ? 'orpd' : 'orps', dst, SCRATCH_XMM);
  e.asm.emit({ kind: 'sse_shift_imm', op: f64 ? 'psrlq' : 'psrld', dst: SCRATCH_XMM, count: uimm8(f64 ? 13 : 10) });
  sse(e, f64 ? 'xorpd' : 'xorps', dst, SCRATCH_XMM);
}

/**
 * wasm min: minps run both ways. `minps b, a` returns a and `minps a, b` returns b where the
 * lanes are unordered or both zero, and both return the minimum elsewhere; or-ing them keeps the
 * minimum, gives -0 for {-0, +0} and a NaN when a lane had one (the NaN's exponent and non-zero
 * mantissa survive the or), which is then made canonical.
 *   xmm15 = b; xmm15 = min(b, a); dst = min(a, b); dst |= xmm15; xmm15 = unord(xmm15, dst); canonicalise
 */
function emitMin(e: EmitCtx, mi: number): void {
  const f64 = isF64x2(e, mi);
  const dst = e.xmm(mi, 0);
  const b = e.xmm(mi, 2);
  const min = f64 ? 'minpd' : 'minps';
  sse(e, f64 ? 'movapd' : 'movaps', SCRATCH_XMM, b);
  sse(e, min, SCRATCH_XMM, dst);
  sse(e, min, dst, b);
  sse(e, f64 ? 'orpd' : 'orps', dst, SCRATCH_XMM);
  e.asm.emit({ kind: 'sse_cmp', op: f64 ? 'cmppd' : 'cmpps', pred: 'unord', dst: SCRATCH_XMM, src: dst });
  canonicaliseMasked(e, dst, f64);
}

/**
 * wasm max: maxps run both ways into t and dst (they differ only where the lanes are unordered
 * or both zero). Unordered lanes are found first (their and would not be a NaN); and-ing the two
 * then gives +0 for {-0, +0} and the maximum elsewhere.
 *   t = b; t = max(b, a); dst = max(a, b); xmm15 = unord(dst, t); dst &= t; canonicalise
 */
function emitMax(e: EmitCtx, mi: number): void {
  const f64 = isF64x2(e, mi);
  const dst = e.xmm(mi, 0);
  const b = e.xmm(mi, 2);
  const t = e.xmm(mi, 3);
  const max = f64 ? 'maxpd' : 'maxps';
  const mov = f64 ? 'movapd' : 'movaps';
  sse(e, mov, t, b);
  sse(e, max, t, dst);
  sse(e, max, dst, b);
  sse(e, mov, SCRATCH_XMM, dst);
  e.asm.emit({ kind: 'sse_cmp', op: f64 ? 'cmppd' : 'cmpps', pred: 'unord', dst: SCRATCH_XMM, src: t });
  sse(e, f64 ? 'andpd' : 'andps', dst, t);
  canonicaliseMasked(e, dst, f64);
}

const minRule = defineRule('vfmin', emitMin, true);
const maxRule = defineRule('vfmax', emitMax, true);
defineLowering('f32x4.min f64x2.min', lowerTwoAddress(minRule, false));
defineLowering('f32x4.max f64x2.max', lowerTwoAddress(maxRule, false, 1));
