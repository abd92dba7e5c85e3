/**
 * Conversions between integers and floats, and bitcasts.
 *
 * The trapping `fcvt_to_sint/uint` run after the frontend's explicit range and NaN checks, so
 * their operand is in range. The saturating forms handle NaN (→ 0) and out-of-range values
 * (→ the nearest bound) themselves: cvtt* returns the "integer indefinite" value
 * 0x80…0 for both, which the sequences detect.
 *
 * Operand layouts: def, a — plus a scratch register where a sequence needs one
 * (u64 → float: an int scratch; float → u64: an xmm scratch).
 */

import { OPCODES, type OpRow } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { RegClassId } from '../../../compiler/regalloc/mach.js';
import { imm32, imm8 } from '../imm.js';
import type { Gpr, W, Xmm } from '../regs.js';
import { SCRATCH_GPR, SCRATCH_XMM } from '../abi.js';
import { loadFloatBits } from './float.js';
import { movConst } from './int.js';
import { defineLowering, defineRule, lowerUnary, type EmitCtx } from './rule.js';

const rowOf = (e: EmitCtx, mi: number): OpRow => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!;
const wOf = (t: Type | null): W => (t === Type.I64 || t === Type.PTR ? 64 : 32);

function cvtToInt(e: EmitCtx, dst: Gpr, a: Xmm, w: W, fromF64: boolean): void {
  e.asm.emit({ kind: 'cvt_f2i', op: fromF64 ? 'cvttsd2si' : 'cvttss2si', w, dst, src: a });
}

/** xmm15 = 2^63 in the operand's float type */
function twoPow63(e: EmitCtx, f64: boolean): void {
  loadFloatBits(e, SCRATCH_XMM, f64 ? 0 : 0x5f000000, f64 ? 0x43e00000 : 0, f64);
}

const fromInt = defineRule('fcvt_from_int', (e, mi) => {
  const row = rowOf(e, mi);
  const asm = e.asm;
  const dst = e.xmm(mi, 0);
  const a = e.gpr(mi, 1);
  const op = row.type === Type.F64 ? 'cvtsi2sd' : 'cvtsi2ss';
  asm.emit({ kind: 'sse', op: 'xorps', dst, src: dst });
  const unsigned = row.base === 'fcvt_from_uint';
  if (row.from === Type.I32) {
    if (!unsigned) asm.emit({ kind: 'cvt_i2f', op, w: 32, dst, src: a });
    else asm.emit({ kind: 'cvt_i2f', op, w: 64, dst, src: a }); // zero-extended i32
    return;
  }
  if (!unsigned) {
    asm.emit({ kind: 'cvt_i2f', op, w: 64, dst, src: a });
    return;
  }
  // u64: below 2^63 convert directly; above, halve keeping the low bit (round to odd), convert, double
  const t = e.gpr(mi, 2);
  const big = asm.newLabel();
  const done = asm.newLabel();
  asm.emit({ kind: 'alu', op: 'test', w: 64, dst: a, src: a });
  asm.emit({ kind: 'jcc', cc: 's', target: big, short: false });
  asm.emit({ kind: 'cvt_i2f', op, w: 64, dst, src: a });
  asm.emit({ kind: 'jmp', target: done, short: false });
  asm.bind(big);
  asm.emit({ kind: 'mov', w: 64, dst: SCRATCH_GPR, src: a });
  asm.emit({ kind: 'shift', op: 'shr', w: 64, dst: SCRATCH_GPR, count: imm8(1) });
  asm.emit({ kind: 'mov', w: 32, dst: t, src: a });
  asm.emit({ kind: 'alu_imm', op: 'and', w: 32, dst: t, imm: imm32(1) });
  asm.emit({ kind: 'alu', op: 'or', w: 64, dst: SCRATCH_GPR, src: t });
  asm.emit({ kind: 'cvt_i2f', op, w: 64, dst, src: SCRATCH_GPR });
  asm.emit({ kind: 'sse', op: row.type === Type.F64 ? 'addsd' : 'addss', dst, src: dst });
  asm.bind(done);
}, true);

defineLowering('fcvt_from_sint fcvt_from_uint', (c, i) => {
  const row = OPCODES[c.f.instOp[i] as number]!;
  c.x.inst(fromInt, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
  if (row.base === 'fcvt_from_uint' && row.from === Type.I64) c.temp(RegClassId.Int);
});

/** in-range float → u64: below 2^63 directly, else convert a - 2^63 and set bit 63 */
function toU64(e: EmitCtx, dst: Gpr, a: Xmm, t: Xmm, f64: boolean, done: ReturnType<EmitCtx['asm']['newLabel']>): void {
  const asm = e.asm;
  const big = asm.newLabel();
  twoPow63(e, f64);
  asm.emit({ kind: 'sse', op: f64 ? 'ucomisd' : 'ucomiss', dst: a, src: SCRATCH_XMM });
  asm.emit({ kind: 'jcc', cc: 'ae', target: big, short: false });
  cvtToInt(e, dst, a, 64, f64);
  asm.emit({ kind: 'jmp', target: done, short: false });
  asm.bind(big);
  asm.emit({ kind: 'sse', op: 'movaps', dst: t, src: a });
  asm.emit({ kind: 'sse', op: f64 ? 'subsd' : 'subss', dst: t, src: SCRATCH_XMM });
  cvtToInt(e, dst, t, 64, f64);
}

const toInt = defineRule('fcvt_to_int', (e, mi) => {
  const row = rowOf(e, mi);
  const asm = e.asm;
  const f64 = row.from === Type.F64;
  const dst = e.gpr(mi, 0);
  const a = e.xmm(mi, 1);
  if (row.base === 'fcvt_to_sint') {
    cvtToInt(e, dst, a, wOf(row.type), f64);
    return;
  }
  if (row.type === Type.I32) {
    cvtToInt(e, dst, a, 64, f64);
    asm.emit({ kind: 'mov', w: 32, dst, src: dst });
    return;
  }
  const done = asm.newLabel();
  toU64(e, dst, a, e.xmm(mi, 2), f64, done);
  movConst(e, SCRATCH_GPR, 0, 0x80000000 | 0, 64);
  asm.emit({ kind: 'alu', op: 'xor', w: 64, dst, src: SCRATCH_GPR });
  asm.bind(done);
}, true);

/** saturating float → signed: NaN → 0, too large → MAX, too small → MIN (cvtt gives MIN for both) */
function satSigned(e: EmitCtx, mi: number, row: OpRow): void {
  const asm = e.asm;
  const f64 = row.from === Type.F64;
  const w = wOf(row.type);
  const dst = e.gpr(mi, 0);
  const a = e.xmm(mi, 1);
  const done = asm.newLabel();
  const nan = asm.newLabel();
  cvtToInt(e, dst, a, w, f64);
  if (w === 32) asm.emit({ kind: 'alu_imm', op: 'cmp', w: 32, dst, imm: imm32(0x80000000 | 0) });
  else {
    movConst(e, SCRATCH_GPR, 0, 0x80000000 | 0, 64);
    asm.emit({ kind: 'alu', op: 'cmp', w: 64, dst, src: SCRATCH_GPR });
  }
  asm.emit({ kind: 'jcc', cc: 'ne', target: done, short: false });
  asm.emit({ kind: 'sse', op: f64 ? 'ucomisd' : 'ucomiss', dst: a, src: a });
  asm.emit({ kind: 'jcc', cc: 'p', target: nan, short: false });
  asm.emit({ kind: 'sse', op: 'xorps', dst: SCRATCH_XMM, src: SCRATCH_XMM });
  asm.emit({ kind: 'sse', op: f64 ? 'ucomisd' : 'ucomiss', dst: a, src: SCRATCH_XMM });
  asm.emit({ kind: 'jcc', cc: 'b', target: done, short: false });
  if (w === 32) asm.emit({ kind: 'mov_imm', w: 32, dst, imm: imm32(0x7fffffff) });
  else movConst(e, dst, -1, 0x7fffffff, 64);
  asm.emit({ kind: 'jmp', target: done, short: false });
  asm.bind(nan);
  asm.emit({ kind: 'alu', op: 'xor', w: 32, dst, src: dst });
  asm.bind(done);
}

/** saturating float → unsigned: NaN and <= 0 → 0, too large → all ones */
function satUnsigned(e: EmitCtx, mi: number, row: OpRow): void {
  const asm = e.asm;
  const f64 = row.from === Type.F64;
  const dst = e.gpr(mi, 0);
  const a = e.xmm(mi, 1);
  const zero = asm.newLabel();
  const done = asm.newLabel();
  asm.emit({ kind: 'sse', op: 'xorps', dst: SCRATCH_XMM, src: SCRATCH_XMM });
  asm.emit({ kind: 'sse', op: f64 ? 'ucomisd' : 'ucomiss', dst: a, src: SCRATCH_XMM });
  asm.emit({ kind: 'jcc', cc: 'be', target: zero, short: false }); // NaN sets CF and ZF too
  if (row.type === Type.I32) {
    // (0, 2^63) converts exactly; anything above 0xffffffff (or the indefinite value) saturates
    cvtToInt(e, dst, a, 64, f64);
    asm.emit({ kind: 'mov_imm', w: 32, dst: SCRATCH_GPR, imm: imm32(-1) });
    asm.emit({ kind: 'alu', op: 'cmp', w: 64, dst, src: SCRATCH_GPR });
    asm.emit({ kind: 'cmov', cc: 'a', w: 64, dst, src: SCRATCH_GPR });
    asm.emit({ kind: 'mov', w: 32, dst, src: dst });
    asm.emit({ kind: 'jmp', target: done, short: false });
  } else {
    const max = asm.newLabel();
    toU64(e, dst, a, e.xmm(mi, 2), f64, done);
    // a - 2^63 converted: the indefinite value (negative) means a >= 2^64
    asm.emit({ kind: 'alu', op: 'test', w: 64, dst, src: dst });
    asm.emit({ kind: 'jcc', cc: 's', target: max, short: false });
    movConst(e, SCRATCH_GPR, 0, 0x80000000 | 0, 64);
    asm.emit({ kind: 'alu', op: 'or', w: 64, dst, src: SCRATCH_GPR });
    asm.emit({ kind: 'jmp', target: done, short: false });
    asm.bind(max);
    asm.emit({ kind: 'mov_imm', w: 64, dst, imm: imm32(-1) });
    asm.emit({ kind: 'jmp', target: done, short: false });
  }
  asm.bind(zero);
  asm.emit({ kind: 'alu', op: 'xor', w: 32, dst, src: dst });
  asm.bind(done);
}

const toIntSat = defineRule('fcvt_to_int_sat', (e, mi) => {
  const row = rowOf(e, mi);
  if (row.base === 'fcvt_to_sint_sat') satSigned(e, mi, row);
  else satUnsigned(e, mi, row);
}, true);

defineLowering('fcvt_to_sint fcvt_to_uint fcvt_to_sint_sat fcvt_to_uint_sat', (c, i) => {
  const row = OPCODES[c.f.instOp[i] as number]!;
  const sat = row.base.endsWith('_sat');
  c.x.inst(sat ? toIntSat : toInt, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
  if (row.base.startsWith('fcvt_to_uint') && row.type === Type.I64) c.temp(RegClassId.Float);
});

const promoteDemote = defineRule('fpromote_demote', (e, mi) => {
  const op = rowOf(e, mi).base === 'fpromote' ? 'cvtss2sd' : 'cvtsd2ss';
  e.asm.emit({ kind: 'sse', op, dst: e.xmm(mi, 0), src: e.xmm(mi, 1) });
}, true);

defineLowering('fpromote fdemote', lowerUnary(promoteDemote));

const bitcast = defineRule('bitcast', (e, mi) => {
  const row = rowOf(e, mi);
  const asm = e.asm;
  const toFloat = row.type === Type.F32 || row.type === Type.F64;
  const fromFloat = row.from === Type.F32 || row.from === Type.F64;
  const w: W = row.type === Type.I32 || row.type === Type.F32 ? 32 : 64;
  if (toFloat) asm.emit({ kind: 'movd_to_xmm', w, dst: e.xmm(mi, 0), src: e.gpr(mi, 1) });
  else if (fromFloat) asm.emit({ kind: 'movd_from_xmm', w, dst: e.gpr(mi, 0), src: e.xmm(mi, 1) });
  else if (e.gpr(mi, 0) !== e.gpr(mi, 1)) asm.emit({ kind: 'mov', w: 64, dst: e.gpr(mi, 0), src: e.gpr(mi, 1) });
}, true);

defineLowering('bitcast', lowerUnary(bitcast));
