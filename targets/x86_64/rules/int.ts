/**
 * Integer instructions. Invariant (docs/native-abi.md): an i32 in a register is zero-extended
 * to 64 bits, which every 32-bit x86 operation guarantees, so a 32-bit index can address
 * memory directly and `uextend` is a 32-bit move.
 *
 * Operand layouts:
 * - iconst: def.
 * - two-address ALU (iadd isub imul band bor bxor): def (reuses operand 1), a, b — or def, a
 *   with the immediate in aux0 when b is a constant that fits imm32.
 * - shifts and rotates: def (reuses 1), a, count (fixed rcx) — or def, a with the count in aux0.
 * - division: def (fixed rax), a (fixed rax), b, scratch (fixed rdx).
 * - unary (clz ctz popcnt eqz sext* extend reduce copy; lzcnt, tzcnt): def, a.
 * - icmp: def, a, b — or def, a with the immediate in aux2.
 * - select: def (reuses operand 2, the "false" value), a ("true" value), b, condition…
 */

import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { Constraint, InstFlag, RegClassId } from '../../../compiler/regalloc/mach.js';
import { imm32, imm64, imm8 } from '../imm.js';
import type { AluOp, ShiftOp } from '../inst.js';
import { invertCond as invert } from '../operands.js';
import { RAX, RCX, RDX, type Gpr, type W } from '../regs.js';
import { SCRATCH_GPR } from '../abi.js';
import { emitCondFlags, INT_COND, isSimpleCond, lowerCond } from './cond.js';
import { defineLowering, defineRule, lowerConst, lowerUnary, type EmitCtx, type LowerCtx } from './rule.js';

/** 64 for i64 and ptr rows, else 32 */
export function widthOf(t: number | null): W {
  return t === Type.I64 || t === Type.PTR ? 64 : 32;
}
const irWidth = (e: EmitCtx, mi: number): W => widthOf(OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.type);

/** mov dst, constant (i32 zero-extended; i64 by the shortest form) */
export function movConst(e: EmitCtx, dst: Gpr, lo: number, hi: number, w: W): void {
  if (w === 32 || (hi === 0 && lo >= 0)) {
    if (lo === 0) e.asm.emit({ kind: 'alu', op: 'xor', w: 32, dst, src: dst });
    else e.asm.emit({ kind: 'mov_imm', w: 32, dst, imm: imm32(lo) });
  } else if (hi === lo >> 31) {
    e.asm.emit({ kind: 'mov_imm', w: 64, dst, imm: imm32(lo) });
  } else if (hi === 0) {
    // 0x80000000..0xffffffff: a 32-bit mov zero-extends
    e.asm.emit({ kind: 'mov_imm', w: 32, dst, imm: imm32(lo) });
  } else {
    e.asm.emit({ kind: 'movabs', dst, imm: imm64((BigInt(hi) << 32n) | BigInt(lo >>> 0)) });
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

// ---- two-address ALU ----

const ALU: Record<string, AluOp> = { iadd: 'add', isub: 'sub', band: 'and', bor: 'or', bxor: 'xor' };

const aluRR = defineRule('alu', (e, mi) => {
  const base = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;
  const w = irWidth(e, mi);
  const dst = e.gpr(mi, 0);
  if (base === 'imul') e.asm.emit({ kind: 'imul', w, dst, src: e.gpr(mi, 2) });
  else e.asm.emit({ kind: 'alu', op: ALU[base]!, w, dst, src: e.gpr(mi, 2) });
}, true);

const aluRI = defineRule('alu_imm', (e, mi) => {
  const base = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;
  const w = irWidth(e, mi);
  const dst = e.gpr(mi, 0);
  const imm = imm32(e.x.aux0[mi] as number);
  if (base === 'imul') e.asm.emit({ kind: 'imul_imm', w, dst, src: e.gpr(mi, 1), imm });
  else e.asm.emit({ kind: 'alu_imm', op: ALU[base]!, w, dst, imm });
}, true);

function lowerAlu(c: LowerCtx, i: number): void {
  const f = c.f;
  const a = f.operand(i, 0);
  const b = f.operand(i, 1);
  const k = c.imm32Of(b);
  const imul = OPCODES[f.instOp[i] as number]!.base === 'imul';
  if (k !== null) {
    c.x.inst(aluRI, i, 0, k);
    // imul r, r/m, imm is three-address
    if (imul) c.def(f.result(i, 0));
    else c.def(f.result(i, 0), Constraint.Reuse, 1);
    c.use(a);
    return;
  }
  c.x.inst(aluRR, i);
  c.def(f.result(i, 0), Constraint.Reuse, 1);
  c.use(a);
  c.use(b);
}
defineLowering('iadd isub imul band bor bxor', lowerAlu);

// ---- shifts and rotates ----

const SHIFT: Record<string, ShiftOp> = { ishl: 'shl', sshr: 'sar', ushr: 'shr', rotl: 'rol', rotr: 'ror' };

const shiftCl = defineRule('shift', (e, mi) => {
  const base = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;
  e.asm.emit({ kind: 'shift', op: SHIFT[base]!, w: irWidth(e, mi), dst: e.gpr(mi, 0), count: 'cl' });
}, true);

const shiftImm = defineRule('shift_imm', (e, mi) => {
  const base = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;
  const w = irWidth(e, mi);
  const n = (e.x.aux0[mi] as number) & (w - 1);
  if (n !== 0) e.asm.emit({ kind: 'shift', op: SHIFT[base]!, w, dst: e.gpr(mi, 0), count: imm8(n) });
}, true);

defineLowering('ishl sshr ushr rotl rotr', (c, i) => {
  const f = c.f;
  const k = c.imm32Of(f.operand(i, 1));
  if (k !== null) {
    c.x.inst(shiftImm, i, 0, k);
    c.def(f.result(i, 0), Constraint.Reuse, 1);
    c.use(f.operand(i, 0));
    return;
  }
  c.x.inst(shiftCl, i);
  c.def(f.result(i, 0), Constraint.Reuse, 1);
  c.use(f.operand(i, 0));
  c.use(f.operand(i, 1), Constraint.Fixed, RCX);
});

// ---- division (the frontend's explicit checks ran before; only srem's MIN / -1 is left) ----

const div = defineRule('div', (e, mi) => {
  const base = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.base;
  const w = irWidth(e, mi);
  const b = e.gpr(mi, 2);
  const asm = e.asm;
  const signed = base === 'sdiv' || base === 'srem';
  const rem = base === 'srem' || base === 'urem';
  const done = asm.newLabel();
  if (base === 'srem') {
    // x86 idiv faults on MIN / -1; wasm's rem_s gives 0
    const normal = asm.newLabel();
    asm.emit({ kind: 'alu_imm', op: 'cmp', w, dst: b, imm: imm32(-1) });
    asm.emit({ kind: 'jcc', cc: 'ne', target: normal, short: false });
    asm.emit({ kind: 'alu', op: 'xor', w: 32, dst: RAX, src: RAX });
    asm.emit({ kind: 'jmp', target: done, short: false });
    asm.bind(normal);
  }
  if (signed) asm.emit({ kind: 'cdq', w });
  else asm.emit({ kind: 'alu', op: 'xor', w: 32, dst: RDX, src: RDX });
  asm.emit({ kind: 'div', op: signed ? 'idiv' : 'div', w, src: b });
  if (rem) asm.emit({ kind: 'mov', w, dst: RAX, src: RDX });
  asm.bind(done);
});

defineLowering('sdiv udiv srem urem', (c, i) => {
  const f = c.f;
  c.x.inst(div, i);
  c.def(f.result(i, 0), Constraint.Fixed, RAX);
  c.use(f.operand(i, 0), Constraint.Fixed, RAX);
  c.use(f.operand(i, 1));
  c.temp(RegClassId.Int, RDX);
});

// ---- unary ----

const unary = defineRule('unary', (e, mi) => {
  const row = OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!;
  UNARY[row.base]!(e, mi, e.gpr(mi, 0), e.gpr(mi, 1), widthOf(row.type));
}, true);

type UnaryEmit = (e: EmitCtx, mi: number, dst: Gpr, a: Gpr, w: W) => void;
const UNARY: Record<string, UnaryEmit> = {
  // bsr gives the index of the highest set bit; clz = (w-1) - index = index ^ (w-1); zero → w
  clz: (e, _mi, dst, a, w) => {
    e.asm.emit({ kind: 'mov_imm', w: 32, dst: SCRATCH_GPR, imm: imm32(2 * w - 1) });
    e.asm.emit({ kind: 'bit', op: 'bsr', w, dst, src: a });
    e.asm.emit({ kind: 'cmov', cc: 'e', w, dst, src: SCRATCH_GPR });
    e.asm.emit({ kind: 'alu_imm', op: 'xor', w, dst, imm: imm32(w - 1) });
  },
  ctz: (e, _mi, dst, a, w) => {
    e.asm.emit({ kind: 'mov_imm', w: 32, dst: SCRATCH_GPR, imm: imm32(w) });
    e.asm.emit({ kind: 'bit', op: 'bsf', w, dst, src: a });
    e.asm.emit({ kind: 'cmov', cc: 'e', w, dst, src: SCRATCH_GPR });
  },
  popcnt: (e, _mi, dst, a, w) => e.asm.emit({ kind: 'bit', op: 'popcnt', w, dst, src: a }),
  eqz: (e, _mi, dst, a, w) => {
    e.asm.emit({ kind: 'alu', op: 'test', w, dst: a, src: a });
    e.asm.emit({ kind: 'setcc', cc: 'e', dst });
    e.asm.emit({ kind: 'movzx', w: 32, from: 8, dst, src: dst });
  },
  sext8: (e, _mi, dst, a, w) => e.asm.emit({ kind: 'movsx', w, from: 8, dst, src: a }),
  sext16: (e, _mi, dst, a, w) => e.asm.emit({ kind: 'movsx', w, from: 16, dst, src: a }),
  sext32: (e, _mi, dst, a) => e.asm.emit({ kind: 'movsxd', dst, src: a }),
  sextend: (e, _mi, dst, a) => e.asm.emit({ kind: 'movsxd', dst, src: a }),
  uextend: (e, _mi, dst, a) => e.asm.emit({ kind: 'mov', w: 32, dst, src: a }),
  ireduce: (e, _mi, dst, a) => e.asm.emit({ kind: 'mov', w: 32, dst, src: a }),
};

defineLowering('popcnt eqz sext8 sext16 sext32 sextend uextend ireduce', lowerUnary(unary));

// ---- clz / ctz: lzcnt / tzcnt when the CPU features allow (they give the width for 0, as
// wasm does), else the bsr / bsf sequences above ----

const lzcnt = defineRule('lzcnt', (e, mi) => {
  e.asm.emit({ kind: 'bit', op: 'lzcnt', w: irWidth(e, mi), dst: e.gpr(mi, 0), src: e.gpr(mi, 1) });
}, true);

const tzcnt = defineRule('tzcnt', (e, mi) => {
  e.asm.emit({ kind: 'bit', op: 'tzcnt', w: irWidth(e, mi), dst: e.gpr(mi, 0), src: e.gpr(mi, 1) });
}, true);

const lowerBsrBsf = lowerUnary(unary);
const lowerLzcnt = lowerUnary(lzcnt);
const lowerTzcnt = lowerUnary(tzcnt);
defineLowering('clz', (c, i) => (c.hasFeature('lzcnt') ? lowerLzcnt : lowerBsrBsf)(c, i));
defineLowering('ctz', (c, i) => (c.hasFeature('bmi1') ? lowerTzcnt : lowerBsrBsf)(c, i));

// ---- copies (the allocator may coalesce them) ----

const copy = defineRule('copy', (e, mi) => {
  const m = e.x.m;
  const vr = m.opVreg[m.instOpStart[mi] as number] as number;
  if (m.vregClass[vr] === RegClassId.Float) {
    const d = e.xmm(mi, 0);
    const s = e.xmm(mi, 1);
    if (d !== s) e.asm.emit({ kind: 'sse', op: 'movaps', dst: d, src: s });
    return;
  }
  const d = e.gpr(mi, 0);
  const s = e.gpr(mi, 1);
  if (d !== s) e.asm.emit({ kind: 'mov', w: 64, dst: d, src: s });
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
  const dst = e.gpr(mi, 0);
  const a = e.gpr(mi, 1);
  if ((e.x.aux1[mi] as number) === 1) e.asm.emit({ kind: 'alu_imm', op: 'cmp', w, dst: a, imm: imm32(e.x.aux2[mi] as number) });
  else e.asm.emit({ kind: 'alu', op: 'cmp', w, dst: a, src: e.gpr(mi, 2) });
  e.asm.emit({ kind: 'setcc', cc: INT_COND[e.f.instImm0[i] as number]!, dst });
  e.asm.emit({ kind: 'movzx', w: 32, from: 8, dst, src: dst });
}, true);

defineLowering('icmp', (c, i) => {
  const f = c.f;
  const k = c.imm32Of(f.operand(i, 1));
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

// ---- select ----

const select = defineRule('select', (e, mi) => {
  const m = e.x.m;
  const vr = m.opVreg[m.instOpStart[mi] as number] as number;
  const cc = emitCondFlags(e, mi, 3);
  if (m.vregClass[vr] === RegClassId.Int) {
    e.asm.emit({ kind: 'cmov', cc, w: 64, dst: e.gpr(mi, 0), src: e.gpr(mi, 1) });
    return;
  }
  const skip = e.asm.newLabel();
  e.asm.emit({ kind: 'jcc', cc: invert(cc), target: skip, short: false });
  e.asm.emit({ kind: 'sse', op: 'movaps', dst: e.xmm(mi, 0), src: e.xmm(mi, 1) });
  e.asm.bind(skip);
}, true);

defineLowering('select', (c, i) => {
  const f = c.f;
  const cond = f.operand(i, 0);
  if (!isSimpleCond(c, cond)) throw new Error('x86_64: select on a float eq/ne is never folded');
  const mi = c.x.inst(select, i);
  c.def(f.result(i, 0), Constraint.Reuse, 2);
  c.use(f.operand(i, 1));
  c.use(f.operand(i, 2));
  lowerCond(c, mi, cond);
});
