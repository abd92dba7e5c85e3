/**
 * Float instructions with wasm's semantics on SSE scalars.
 *
 * Operand layouts:
 * - fconst: def (rematerialisable).
 * - fadd fsub fmul fdiv fmin fmax: def (reuses operand 1), a, b.
 * - fcopysign: def (reuses 1), a, b, scratch xmm.
 * - fabs fneg: def (reuses 1), a.   sqrt ceil floor trunc nearest: def, a.
 * - fcmp: def (int), a, b.
 * Sign masks go through r11 and xmm15, the emitter's scratch registers (abi.ts).
 */

import { FloatCC } from '../../../compiler/ir/conds.js';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { Constraint, RegClassId } from '../../../compiler/regalloc/mach.js';
import { uimm8 } from '../imm.js';
import type { SseOp } from '../inst.js';
import type { Xmm } from '../regs.js';
import { SCRATCH_GPR, SCRATCH_XMM } from '../abi.js';
import { movConst } from './int.js';
import { defineLowering, defineRule, lowerBinary, lowerConst, lowerUnary, type EmitCtx } from './rule.js';

const isF64 = (e: EmitCtx, mi: number): boolean => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.type === Type.F64;
const baseOf = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;
const sse = (e: EmitCtx, op: SseOp, dst: Xmm, src: Xmm): void => e.asm.emit({ kind: 'sse', op, dst, src });

/** xmm = the f32/f64 bit pattern (hi:lo) through r11 */
export function loadFloatBits(e: EmitCtx, dst: Xmm, lo: number, hi: number, f64: boolean): void {
  if (lo === 0 && hi === 0) {
    sse(e, 'xorps', dst, dst);
    return;
  }
  movConst(e, SCRATCH_GPR, lo, f64 ? hi : 0, f64 ? 64 : 32);
  e.asm.emit({ kind: 'movd_to_xmm', w: f64 ? 64 : 32, dst, src: SCRATCH_GPR });
}

export const fconst = defineRule(
  'fconst',
  (e, mi) => {
    const i = e.x.ir[mi] as number;
    loadFloatBits(e, e.xmm(mi, 0), e.f.instImm0[i] as number, e.f.instImm1[i] as number, isF64(e, mi));
  },
  true,
);

defineLowering('fconst', lowerConst(fconst));

const ARITH: Record<string, [SseOp, SseOp]> = {
  fadd: ['addss', 'addsd'],
  fsub: ['subss', 'subsd'],
  fmul: ['mulss', 'mulsd'],
  fdiv: ['divss', 'divsd'],
};

const arith = defineRule('farith', (e, mi) => {
  sse(e, ARITH[baseOf(e, mi)]![isF64(e, mi) ? 1 : 0], e.xmm(mi, 0), e.xmm(mi, 2));
}, true);

/**
 * wasm min/max: NaN if either is NaN; -0 < +0. minsd/maxsd return the second operand on NaN
 * and on equal operands, so equal and unordered cases are handled first: equal → or (min, -0
 * wins) / and (max, +0 wins) of the bit patterns; unordered → add, which yields a quiet NaN.
 */
const minmax = defineRule('fminmax', (e, mi) => {
  const asm = e.asm;
  const d = isF64(e, mi);
  const min = baseOf(e, mi) === 'fmin';
  const dst = e.xmm(mi, 0);
  const b = e.xmm(mi, 2);
  const nan = asm.newLabel();
  const ordered = asm.newLabel();
  const done = asm.newLabel();
  sse(e, d ? 'ucomisd' : 'ucomiss', dst, b);
  asm.emit({ kind: 'jcc', cc: 'p', target: nan, short: false });
  asm.emit({ kind: 'jcc', cc: 'ne', target: ordered, short: false });
  sse(e, min ? (d ? 'orpd' : 'orps') : d ? 'andpd' : 'andps', dst, b);
  asm.emit({ kind: 'jmp', target: done, short: false });
  asm.bind(nan);
  sse(e, d ? 'addsd' : 'addss', dst, b);
  asm.emit({ kind: 'jmp', target: done, short: false });
  asm.bind(ordered);
  sse(e, min ? (d ? 'minsd' : 'minss') : d ? 'maxsd' : 'maxss', dst, b);
  asm.bind(done);
}, true);

defineLowering('fadd fsub fmul fdiv fmin fmax', (c, i) => {
  const base = OPCODES[c.f.instOp[i] as number]!.base;
  c.x.inst(base === 'fmin' || base === 'fmax' ? minmax : arith, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, 1);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

/** xmm15 = the sign mask (or its complement) of the instruction's type */
function signMask(e: EmitCtx, d: boolean, inverted: boolean): void {
  const lo = d ? (inverted ? -1 : 0) : inverted ? 0x7fffffff : 0x80000000 | 0;
  const hi = d ? (inverted ? 0x7fffffff : 0x80000000 | 0) : 0;
  movConst(e, SCRATCH_GPR, lo, hi, d ? 64 : 32);
  e.asm.emit({ kind: 'movd_to_xmm', w: d ? 64 : 32, dst: SCRATCH_XMM, src: SCRATCH_GPR });
}

const absneg = defineRule('fabsneg', (e, mi) => {
  const d = isF64(e, mi);
  const abs = baseOf(e, mi) === 'fabs';
  signMask(e, d, abs);
  sse(e, abs ? (d ? 'andpd' : 'andps') : d ? 'xorpd' : 'xorps', e.xmm(mi, 0), SCRATCH_XMM);
}, true);

defineLowering('fabs fneg', (c, i) => {
  c.x.inst(absneg, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, 1);
  c.use(c.f.operand(i, 0));
});

/** dst = (dst & ~sign) | (b & sign), with t as scratch */
const copysign = defineRule('fcopysign', (e, mi) => {
  const d = isF64(e, mi);
  const dst = e.xmm(mi, 0);
  const b = e.xmm(mi, 2);
  const t = e.xmm(mi, 3);
  signMask(e, d, false);
  sse(e, 'movaps', t, b);
  sse(e, d ? 'andpd' : 'andps', t, SCRATCH_XMM);
  sse(e, d ? 'andnpd' : 'andnps', SCRATCH_XMM, dst);
  sse(e, 'movaps', dst, SCRATCH_XMM);
  sse(e, d ? 'orpd' : 'orps', dst, t);
}, true);

defineLowering('fcopysign', (c, i) => {
  c.x.inst(copysign, i);
  c.def(c.f.result(i, 0), Constraint.Reuse, 1);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
  c.temp(RegClassId.Float);
});

/** roundss/roundsd immediates (SDM ROUNDSD): 0 nearest-even, 1 down, 2 up, 3 toward zero; 8 = no inexact */
const ROUND_MODE: Record<string, number> = { nearest: 8, floor: 9, ceil: 10, trunc: 11 };

const sqrtRound = defineRule('fsqrt_round', (e, mi) => {
  const d = isF64(e, mi);
  const base = baseOf(e, mi);
  const dst = e.xmm(mi, 0);
  const a = e.xmm(mi, 1);
  if (base === 'sqrt') sse(e, d ? 'sqrtsd' : 'sqrtss', dst, a);
  else e.asm.emit({ kind: 'round', op: d ? 'roundsd' : 'roundss', dst, src: a, mode: uimm8(ROUND_MODE[base]!) });
}, true);

defineLowering('sqrt ceil floor trunc nearest', lowerUnary(sqrtRound));

/** fcmp into 0/1: eq = ZF & !PF, ne = !ZF | PF; the ordered relations use one condition */
const fcmp = defineRule('fcmp', (e, mi) => {
  const asm = e.asm;
  const i = e.x.ir[mi] as number;
  const d = isF64(e, mi);
  const cc = e.f.instImm0[i] as number;
  const dst = e.gpr(mi, 0);
  const a = e.xmm(mi, 1);
  const b = e.xmm(mi, 2);
  const ucomi = d ? 'ucomisd' : 'ucomiss';
  if (cc === FloatCC.eq || cc === FloatCC.ne) {
    sse(e, ucomi, a, b);
    const eq = cc === FloatCC.eq;
    asm.emit({ kind: 'setcc', cc: eq ? 'e' : 'ne', dst });
    asm.emit({ kind: 'setcc', cc: eq ? 'np' : 'p', dst: SCRATCH_GPR });
    asm.emit({ kind: 'alu', op: eq ? 'and' : 'or', w: 32, dst, src: SCRATCH_GPR });
    asm.emit({ kind: 'movzx', w: 32, from: 8, dst, src: dst });
    return;
  }
  const swap = cc === FloatCC.lt || cc === FloatCC.le;
  sse(e, ucomi, swap ? b : a, swap ? a : b);
  asm.emit({ kind: 'setcc', cc: cc === FloatCC.gt || cc === FloatCC.lt ? 'a' : 'ae', dst });
  asm.emit({ kind: 'movzx', w: 32, from: 8, dst, src: dst });
}, true);

defineLowering('fcmp', lowerBinary(fcmp));
