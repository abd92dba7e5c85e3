/**
 * Integer instructions. Invariant (as on x86-64, docs/native-abi.md): an i32 in a register is
 * zero-extended to 64 bits, which every A64 instruction writing a w register guarantees (Arm
 * ARM C1.2.5: "a write to a W register zeroes bits 63:32"), so `uextend` and `ireduce` are
 * 32-bit moves and a 32-bit index can address memory.
 *
 * A64 is three-address: no operand is tied to the result. Selections (lower.ts decides which
 * producer folds into its single user):
 * - iadd/isub with an add/sub imm12 (of the constant or its negation), band/bor/bxor with a
 *   bitmask immediate;
 * - a shift by a constant as the shifted-register second operand (`add w0, w1, w2, lsl #3`);
 * - imul feeding iadd/isub: madd/msub;
 * - division is one sdiv/udiv (the frontend's explicit checks trap for a zero divisor and
 *   for MIN / -1 before it; the hardware never traps), remainders sdiv/udiv + msub
 *   (MIN % -1 gives 0, as wasm wants);
 * - shifts and rotates by a register use lslv/lsrv/asrv/rorv, which take the count modulo
 *   the width as wasm does; rotl by a register rotates right by the negated count.
 *
 * Operand layouts:
 * - iconst: def.
 * - alu: def, a, b;  alu_imm: def, a (aux2 = the signed add immediate or the bitmask encoding);
 *   alu_shifted: def, a, b (aux0 = shift kind, aux1 = amount);  madd: def, addend, n, m.
 * - neg: def, b.
 * - shift: def, a, count;  shift_imm: def, a (aux0 = count).
 * - div: def, a, b.
 * - unary (clz ctz popcnt eqz sext* extend reduce): def, a;  copy: def, a.
 * - icmp: def, a[, b] (aux1 = 1 with the immediate in aux2).
 * - select: def, a ("true" value), b, condition… (a v128: csetm + dup + bsl).
 */

import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { InstFlag, RegClassId } from '../../../compiler/regalloc/mach.js';
import { asrImm, cset, csetm, extend, lslImm, lsrImm, mov, neg, rorImm } from '../alias.js';
import { vec3, vmov } from '../alias-simd.js';
import { addImm, encodeLogicalHalves, imm16, shiftAmount, type LogicalImm32, type LogicalImm64 } from '../imm.js';
import type { Inst } from '../inst.js';
import { materialize } from '../materialize.js';
import type { AddShiftType, Cond } from '../operands.js';
import { XZR, type Gpr, type Vreg, type W } from '../regs.js';
import { SCRATCH_GPR, SCRATCH_VREG } from '../abi.js';
import { cmpConst, emitCondFlags, INT_COND, lowerCond } from './cond.js';
import { defineLowering, defineRule, lowerConst, lowerUnary, type EmitCtx, type LowerCtx } from './rule.js';

/** 64 for i64 and ptr rows, else 32 */
export function widthOf(t: number | null): W {
  return t === Type.I64 || t === Type.PTR ? 64 : 32;
}
export const irWidth = (e: EmitCtx, mi: number): W => widthOf(OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.type);
const baseOf = (e: EmitCtx, mi: number): string => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;

/** dst = the constant hi:lo (32-bit halves), `w` bits (an i32 is zero-extended) */
export function movConst(e: EmitCtx, dst: Gpr, lo: number, hi: number, w: W): void {
  if (w === 32 || hi === 0) {
    movConst32(e, dst, lo >>> 0);
    return;
  }
  if (hi === -1 && lo < 0 && ~lo <= 0xffff) {
    e.asm.emit({ kind: 'mov_wide', op: 'movn', w: 64, rd: dst, imm: imm16(~lo), shift: 0 });
    return;
  }
  for (const inst of materialize(dst, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0), 64)) e.asm.emit(inst);
}

/**
 * a 32-bit constant (zero-extended) the way materialize.ts chooses it, without its bigint
 * search: one movz or movn, else one orr of a bitmask immediate, else movz + movk
 */
function movConst32(e: EmitCtx, dst: Gpr, v: number): void {
  const asm = e.asm;
  const lo = v & 0xffff;
  const hi = v >>> 16;
  if (hi === 0) asm.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: dst, imm: imm16(lo), shift: 0 });
  else if (lo === 0) asm.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: dst, imm: imm16(hi), shift: 16 });
  else if (hi === 0xffff) asm.emit({ kind: 'mov_wide', op: 'movn', w: 32, rd: dst, imm: imm16(lo ^ 0xffff), shift: 0 });
  else if (lo === 0xffff) asm.emit({ kind: 'mov_wide', op: 'movn', w: 32, rd: dst, imm: imm16(hi ^ 0xffff), shift: 16 });
  else {
    const enc = encodeLogicalHalves(v, v);
    if (enc >= 0) {
      asm.emit({ kind: 'logic_imm', op: 'orr', w: 32, rd: dst, rn: XZR, imm: enc as LogicalImm32 });
      return;
    }
    asm.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: dst, imm: imm16(lo), shift: 0 });
    asm.emit({ kind: 'mov_wide', op: 'movk', w: 32, rd: dst, imm: imm16(hi), shift: 16 });
  }
}

export const iconst = defineRule(
  'iconst',
  (e, mi) => {
    const i = e.x.ir[mi] as number;
    movConst(e, e.gpr(mi, 0), e.f.instImm0[i] as number, e.f.instImm1[i] as number, irWidth(e, mi));
  },
  true,
);

defineLowering('iconst', lowerConst(iconst));

// ---- add, sub, and, or, xor, mul ----

type AluOp = 'add' | 'sub' | 'and' | 'orr' | 'eor';
const ALU: Record<string, AluOp> = { iadd: 'add', isub: 'sub', band: 'and', bor: 'orr', bxor: 'eor' };
const SHIFT_KINDS: readonly AddShiftType[] = ['lsl', 'lsr', 'asr'];
/** the shift kind (index into SHIFT_KINDS) of an IR shift base that folds into an operand */
const FOLD_SHIFT: Record<string, number> = { ishl: 0, ushr: 1, sshr: 2 };

function aluInst(op: AluOp, w: W, rd: Gpr, rn: Gpr, rm: Gpr, shift?: AddShiftType, amount?: number): Inst {
  const sh = shift === undefined ? {} : { shift, amount: shiftAmount(amount ?? 0, w) };
  if (op === 'add' || op === 'sub') return { kind: 'add_reg', op, w, rd, rn, rm, ...sh };
  return { kind: 'logic_reg', op, w, rd, rn, rm, ...sh };
}

const aluRR = defineRule('alu', (e, mi) => {
  const base = baseOf(e, mi);
  const w = irWidth(e, mi);
  const rd = e.gpr(mi, 0);
  if (base === 'imul') e.asm.emit({ kind: 'mul', op: 'madd', w, rd, rn: e.gpr(mi, 1), rm: e.gpr(mi, 2), ra: XZR });
  else e.asm.emit(aluInst(ALU[base]!, w, rd, e.gpr(mi, 1), e.gpr(mi, 2)));
}, true);

const aluImm = defineRule('alu_imm', (e, mi) => {
  const base = baseOf(e, mi);
  const w = irWidth(e, mi);
  const rd = e.gpr(mi, 0);
  const rn = e.gpr(mi, 1);
  const k = e.x.aux2[mi] as number;
  if (base === 'iadd' || base === 'isub') {
    const add = (base === 'iadd') === k >= 0;
    e.asm.emit({ kind: 'add_imm', op: add ? 'add' : 'sub', w, rd, rn, imm: addImm(Math.abs(k)) });
    return;
  }
  const op = ALU[base] as 'and' | 'orr' | 'eor';
  if (w === 32) e.asm.emit({ kind: 'logic_imm', op, w, rd, rn, imm: k as LogicalImm32 });
  else e.asm.emit({ kind: 'logic_imm', op, w, rd, rn, imm: k as LogicalImm64 });
}, true);

const aluShifted = defineRule('alu_shifted', (e, mi) => {
  const x = e.x;
  const w = irWidth(e, mi);
  const amount = (x.aux1[mi] as number) & (w - 1);
  e.asm.emit(aluInst(ALU[baseOf(e, mi)]!, w, e.gpr(mi, 0), e.gpr(mi, 1), e.gpr(mi, 2), SHIFT_KINDS[x.aux0[mi] as number], amount));
}, true);

const mulAdd = defineRule('madd', (e, mi) => {
  const op = (e.x.aux0[mi] as number) === 1 ? 'msub' : 'madd';
  e.asm.emit({ kind: 'mul', op, w: irWidth(e, mi), rd: e.gpr(mi, 0), rn: e.gpr(mi, 2), rm: e.gpr(mi, 3), ra: e.gpr(mi, 1) });
}, true);

const negate = defineRule('neg', (e, mi) => e.asm.emit(neg(irWidth(e, mi), e.gpr(mi, 0), e.gpr(mi, 1))), true);

const COMMUTATIVE = new Set(['iadd', 'band', 'bor', 'bxor', 'imul']);

function lowerAlu(c: LowerCtx, i: number): void {
  const f = c.f;
  const x = c.x;
  const base = OPCODES[f.instOp[i] as number]!.base;
  const w = widthOf(OPCODES[f.instOp[i] as number]!.type);
  let a = f.operand(i, 0);
  let b = f.operand(i, 1);
  const r = f.result(i, 0);
  // a folded producer (shift by a constant, or a multiply): second operand, or first when commutative
  let d = c.fusedDef(b);
  if (d < 0 && COMMUTATIVE.has(base)) {
    d = c.fusedDef(a);
    if (d >= 0) [a, b] = [b, a];
  }
  if (d >= 0) {
    const pbase = OPCODES[f.instOp[d] as number]!.base;
    if (pbase === 'imul') {
      x.inst(mulAdd, i, 0, base === 'isub' ? 1 : 0);
      c.def(r);
      c.use(a);
      c.use(f.operand(d, 0));
      c.use(f.operand(d, 1));
      return;
    }
    x.inst(aluShifted, i, 0, FOLD_SHIFT[pbase]!, c.constOf(f.operand(d, 1)) ?? 0);
    c.def(r);
    c.use(a);
    c.use(f.operand(d, 0));
    return;
  }
  if (base === 'isub' && c.constOf(a) === 0) {
    x.inst(negate, i);
    c.def(r);
    c.use(b);
    return;
  }
  if (base !== 'imul') {
    let k: number | null = null;
    if (base === 'iadd' || base === 'isub') {
      k = c.addImmOf(b);
      if (k === null && base === 'iadd') {
        k = c.addImmOf(a);
        if (k !== null) [a, b] = [b, a];
      }
    } else {
      const enc = c.logicImmOf(b, w);
      if (enc >= 0) k = enc;
      else {
        const enc0 = c.logicImmOf(a, w);
        if (enc0 >= 0) {
          k = enc0;
          [a, b] = [b, a];
        }
      }
    }
    if (k !== null) {
      x.inst(aluImm, i, 0, 0, 0, k);
      c.def(r);
      c.use(a);
      return;
    }
  }
  x.inst(aluRR, i);
  c.def(r);
  c.use(a);
  c.use(b);
}
defineLowering('iadd isub imul band bor bxor', lowerAlu);

// ---- shifts and rotates (a register count is taken modulo the width by the hardware) ----

const SHIFT_REG: Record<string, 'lslv' | 'lsrv' | 'asrv' | 'rorv'> = { ishl: 'lslv', ushr: 'lsrv', sshr: 'asrv', rotl: 'rorv', rotr: 'rorv' };

const shiftRR = defineRule('shift', (e, mi) => {
  const base = baseOf(e, mi);
  const w = irWidth(e, mi);
  let count = e.gpr(mi, 2);
  if (base === 'rotl') {
    // rotl n = rotr (-n mod w)
    e.asm.emit(neg(32, SCRATCH_GPR, count));
    count = SCRATCH_GPR;
  }
  e.asm.emit({ kind: 'dp2', op: SHIFT_REG[base]!, w, rd: e.gpr(mi, 0), rn: e.gpr(mi, 1), rm: count });
}, true);

const shiftImm = defineRule('shift_imm', (e, mi) => {
  const base = baseOf(e, mi);
  const w = irWidth(e, mi);
  const rd = e.gpr(mi, 0);
  const rn = e.gpr(mi, 1);
  let n = (e.x.aux0[mi] as number) & (w - 1);
  if (base === 'rotl') n = (w - n) & (w - 1);
  if (n === 0) {
    if (rd !== rn) e.asm.emit(mov(w, rd, rn));
    return;
  }
  if (base === 'ishl') e.asm.emit(lslImm(w, rd, rn, n));
  else if (base === 'ushr') e.asm.emit(lsrImm(w, rd, rn, n));
  else if (base === 'sshr') e.asm.emit(asrImm(w, rd, rn, n));
  else e.asm.emit(rorImm(w, rd, rn, n));
}, true);

defineLowering('ishl sshr ushr rotl rotr', (c, i) => {
  const f = c.f;
  const k = c.constOf(f.operand(i, 1));
  if (k !== null) {
    c.x.inst(shiftImm, i, 0, k & 63);
    c.def(f.result(i, 0));
    c.use(f.operand(i, 0));
    return;
  }
  c.x.inst(shiftRR, i);
  c.def(f.result(i, 0));
  c.use(f.operand(i, 0));
  c.use(f.operand(i, 1));
});

// ---- division and remainder ----

const div = defineRule('div', (e, mi) => {
  const base = baseOf(e, mi);
  const w = irWidth(e, mi);
  const op = base === 'sdiv' || base === 'srem' ? 'sdiv' : 'udiv';
  const rd = e.gpr(mi, 0);
  const a = e.gpr(mi, 1);
  const b = e.gpr(mi, 2);
  if (base === 'sdiv' || base === 'udiv') {
    e.asm.emit({ kind: 'dp2', op, w, rd, rn: a, rm: b });
    return;
  }
  // a - (a / b) * b
  e.asm.emit({ kind: 'dp2', op, w, rd: SCRATCH_GPR, rn: a, rm: b });
  e.asm.emit({ kind: 'mul', op: 'msub', w, rd, rn: SCRATCH_GPR, rm: b, ra: a });
}, true);

defineLowering('sdiv udiv srem urem', (c, i) => {
  const f = c.f;
  c.x.inst(div, i);
  c.def(f.result(i, 0));
  c.use(f.operand(i, 0));
  c.use(f.operand(i, 1));
});

// ---- unary ----

type UnaryEmit = (e: EmitCtx, dst: Gpr, a: Gpr, w: W) => void;
const UNARY: Record<string, UnaryEmit> = {
  clz: (e, dst, a, w) => e.asm.emit({ kind: 'dp1', op: 'clz', w, rd: dst, rn: a }),
  ctz: (e, dst, a, w) => {
    e.asm.emit({ kind: 'dp1', op: 'rbit', w, rd: SCRATCH_GPR, rn: a });
    e.asm.emit({ kind: 'dp1', op: 'clz', w, rd: dst, rn: SCRATCH_GPR });
  },
  // the bytes' population counts (cnt), summed across the vector (addv), back to a w register
  popcnt: (e, dst, a, w) => {
    e.asm.emit({ kind: 'fmov_to_fp', w, rd: SCRATCH_VREG, rn: a });
    e.asm.emit({ kind: 'cnt', rd: SCRATCH_VREG, rn: SCRATCH_VREG });
    e.asm.emit({ kind: 'reduce', op: 'addv', rd: SCRATCH_VREG, rn: SCRATCH_VREG });
    e.asm.emit({ kind: 'fmov_from_fp', w: 32, rd: dst, rn: SCRATCH_VREG });
  },
  eqz: (e, dst, a, w) => {
    cmpConst(e, w, a, 0);
    e.asm.emit(cset(32, dst, 'eq'));
  },
  sext8: (e, dst, a, w) => e.asm.emit(extend(true, w, dst, a, 8)),
  sext16: (e, dst, a, w) => e.asm.emit(extend(true, w, dst, a, 16)),
  sext32: (e, dst, a) => e.asm.emit(extend(true, 64, dst, a, 32)),
  sextend: (e, dst, a) => e.asm.emit(extend(true, 64, dst, a, 32)),
  uextend: (e, dst, a) => e.asm.emit(mov(32, dst, a)),
  ireduce: (e, dst, a) => e.asm.emit(mov(32, dst, a)),
};

const unary = defineRule('unary', (e, mi) => {
  const row = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!;
  // eqz's row type is its operand's; the others' is the result's (sextend/uextend: i64 from i32)
  UNARY[row.base]!(e, e.gpr(mi, 0), e.gpr(mi, 1), widthOf(row.type));
}, true);

defineLowering('clz ctz popcnt eqz sext8 sext16 sext32 sextend uextend ireduce', lowerUnary(unary));

// ---- copies (the allocator may coalesce them) ----

const copy = defineRule('copy', (e, mi) => {
  const m = e.x.m;
  const vr = m.opVreg[m.instOpStart[mi] as number] as number;
  if (m.vregClass[vr] === RegClassId.Float) {
    const d = e.vreg(mi, 0);
    const s = e.vreg(mi, 1);
    // all 128 bits in a function with v128 values (as the emitter's moves)
    if (d !== s) e.asm.emit(m.wideFloat ? vmov(d, s) : { kind: 'fp1', op: 'fmov', fw: 64, rd: d, rn: s });
    return;
  }
  const d = e.gpr(mi, 0);
  const s = e.gpr(mi, 1);
  if (d !== s) e.asm.emit(mov(64, d, s));
}, true);

defineLowering('copy', (c, i) => {
  c.x.inst(copy, i, InstFlag.MOVE);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
});

// ---- comparisons ----

const icmp = defineRule('icmp', (e, mi) => {
  const i = e.x.ir[mi] as number;
  const w = widthOf(OPCODES[e.f.instOp[i] as number]!.type);
  const a = e.gpr(mi, 1);
  if ((e.x.aux1[mi] as number) === 1) cmpConst(e, w, a, e.x.aux2[mi] as number);
  else e.asm.emit({ kind: 'add_reg', op: 'subs', w, rd: XZR, rn: a, rm: e.gpr(mi, 2) });
  e.asm.emit(cset(32, e.gpr(mi, 0), INT_COND[e.f.instImm0[i] as number]!));
}, true);

defineLowering('icmp', (c, i) => {
  const f = c.f;
  const k = c.addImmOf(f.operand(i, 1));
  const mi = c.x.inst(icmp, i);
  c.def(f.result(i, 0));
  c.use(f.operand(i, 0));
  if (k !== null) {
    c.x.aux1[mi] = 1;
    c.x.aux2[mi] = k;
  } else {
    c.use(f.operand(i, 1));
  }
});

// ---- select: csel / fcsel on the condition's flags ----

const select = defineRule('select', (e, mi) => {
  const m = e.x.m;
  const vr = m.opVreg[m.instOpStart[mi] as number] as number;
  const cond = emitCondFlags(e, mi, 3);
  if (m.vregClass[vr] === RegClassId.Int) {
    e.asm.emit({ kind: 'csel', op: 'csel', w: 64, rd: e.gpr(mi, 0), rn: e.gpr(mi, 1), rm: e.gpr(mi, 2), cond });
    return;
  }
  if (m.vregWide[vr] === 1) {
    selectV128(e, e.vreg(mi, 0), e.vreg(mi, 1), e.vreg(mi, 2), cond);
    return;
  }
  e.asm.emit({ kind: 'fcsel', fw: 64, rd: e.vreg(mi, 0), rn: e.vreg(mi, 1), rm: e.vreg(mi, 2), cond });
}, true);

/**
 * d = cond ? a : b for a v128 (fcsel has no q form): `csetm x16, cond; dup m.2d, x16;
 * bsl m.16b, a.16b, b.16b` with the mask in d, or in v31 and then moved when d is a or b
 */
function selectV128(e: EmitCtx, d: Vreg, a: Vreg, b: Vreg, cond: Cond): void {
  const m = d === a || d === b ? SCRATCH_VREG : d;
  e.asm.emit(csetm(64, SCRATCH_GPR, cond));
  e.asm.emit({ kind: 'vec_dup_gpr', arr: '2d', rd: m, rn: SCRATCH_GPR });
  e.asm.emit(vec3('bsl', '16b', m, a, b));
  if (m !== d) e.asm.emit(vmov(d, m));
}

defineLowering('select', (c, i) => {
  const f = c.f;
  const mi = c.x.inst(select, i);
  c.def(f.result(i, 0));
  c.use(f.operand(i, 1));
  c.use(f.operand(i, 2));
  lowerCond(c, mi, f.operand(i, 0));
});
