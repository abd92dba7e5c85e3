/**
 * Memory: address arithmetic, loads and stores, explicit bounds checks, and the VM context.
 *
 * An access whose address is a `ptradd base, index` folded into it (lower.ts) addresses
 * [base, index] — `uxtw` for a 32-bit index, `lsl` for a 64-bit one (Arm ARM C6.2 LDR
 * (register)); a non-zero offset is first added to the base in x16 (`add x16, base, #off`, or
 * a materialised constant). Otherwise [p, #offset] scaled, [p, #offset] unscaled (ldur/stur)
 * or [p, x16] with the offset materialised. Each access tells the emitter where its
 * instruction is (`faultSite`): with guard-page bounds the frontend emits no heap_check, and
 * a fault at that instruction is the trap.
 *
 * Operand layouts:
 * - load: def, base[, index]        (aux1 = 1 when an index is present, aux0 = 1 when it is 32-bit)
 * - store: base[, index], value     (the same)
 * - ptradd: def, base, index        (aux0 = 1 for a 32-bit index)
 * - heap_check: index, bound
 * - vmctx_load: def, vmctx          vmctx_store: vmctx, value
 *
 * A v128 is `ldr q` / `str q` with the same addressing (a 16-byte access: scaled offsets are
 * multiples of 16, others go unscaled or through x16).
 */

import { OPCODES, type OpRow } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { addImm, isAddImm, type AccessSize } from '../imm.js';
import type { Inst } from '../inst.js';
import { memIndex, memOffset, memUnscaled, type Addr } from '../operands.js';
import { XZR, type Gpr, type GprSp, type Vreg } from '../regs.js';
import { SCRATCH_GPR, SCRATCH_GPR2 } from '../abi.js';
import { movConst } from './int.js';
import { defineLowering, defineRule, type EmitCtx, type LowerCtx } from './rule.js';

const rowOf = (e: EmitCtx, mi: number): OpRow => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!;

/**
 * [base + bytes] for an access of `size` bytes: a scaled or unscaled immediate offset when one
 * fits, else the offset materialised in `scratch` as a register index
 */
export function offsetAddr(e: EmitCtx, base: GprSp, bytes: number, size: AccessSize, scratch: Gpr): Addr {
  if (bytes >= 0 && bytes % size === 0 && bytes / size <= 4095) return memOffset(base, bytes, size);
  if (bytes >= -256 && bytes <= 255) return memUnscaled(base, bytes);
  movConst(e, scratch, bytes | 0, Math.floor(bytes / 2 ** 32) | 0, 64);
  return memIndex(base, scratch);
}

/** the address of an access: operands `first` (base) and, if indexed, `first + 1` */
function address(e: EmitCtx, mi: number, first: number, size: AccessSize): Addr {
  const i = e.x.ir[mi] as number;
  const lo = e.f.instImm0[i] as number;
  const hi = e.f.instImm1[i] as number;
  const base = e.gpr(mi, first);
  if ((e.x.aux1[mi] as number) !== 1) {
    if (hi === 0 && lo >= 0) return offsetAddr(e, base, lo, size, SCRATCH_GPR);
    movConst(e, SCRATCH_GPR, lo, hi, 64);
    return memIndex(base, SCRATCH_GPR);
  }
  const index = e.gpr(mi, first + 1);
  const extend = (e.x.aux0[mi] as number) === 1 ? 'uxtw' : 'lsl';
  if (lo === 0 && hi === 0) return memIndex(base, index, extend);
  if (hi === 0 && lo >= 0 && isAddImm(lo)) {
    e.asm.emit({ kind: 'add_imm', op: 'add', w: 64, rd: SCRATCH_GPR, rn: base, imm: addImm(lo) });
  } else {
    movConst(e, SCRATCH_GPR, lo, hi, 64);
    e.asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: SCRATCH_GPR, rn: SCRATCH_GPR, rm: base });
  }
  return memIndex(SCRATCH_GPR, index, extend);
}

/** add the address operands of access `i` (operand 0 is its address) */
function lowerAddress(c: LowerCtx, mi: number, i: number): void {
  const p = c.f.operand(i, 0);
  const d = c.fusedDef(p);
  if (d < 0) {
    c.use(p);
    return;
  }
  c.use(c.f.operand(d, 0));
  c.use(c.f.operand(d, 1));
  c.x.aux1[mi] = 1;
  c.x.aux0[mi] = c.f.valueType[c.f.operand(d, 1)] === Type.I32 ? 1 : 0;
}

/** per access row: its size and the instruction it is, given the register and the address */
interface Access {
  readonly size: AccessSize;
  readonly inst: (r: number, addr: Addr) => Inst;
}
const gp = (op: 'ldr' | 'str' | 'ldrsb' | 'ldrsh', w: 32 | 64, size: AccessSize): Access => ({
  size,
  inst: (r, addr) => ({ kind: 'ldst', op, w, rt: r as Gpr, addr }),
});
const narrow = (op: 'ldrb' | 'ldrh' | 'strb' | 'strh', size: AccessSize): Access => ({
  size,
  inst: (r, addr) => ({ kind: 'ldst', op, w: 32, rt: r as Gpr, addr }),
});
const fp = (op: 'ldr' | 'str', fw: 32 | 64 | 128): Access => ({
  size: (fw / 8) as AccessSize,
  inst: (r, addr) => ({ kind: 'fldst', op, fw, rt: r as Vreg, addr }),
});

const LOADS: Record<string, Access> = {
  'load.i32': gp('ldr', 32, 4),
  'load.i64': gp('ldr', 64, 8),
  'load.ptr': gp('ldr', 64, 8),
  'load.f32': fp('ldr', 32),
  'load.f64': fp('ldr', 64),
  'load.v128': fp('ldr', 128),
  'sload8.i32': gp('ldrsb', 32, 1),
  'sload8.i64': gp('ldrsb', 64, 1),
  'uload8.i32': narrow('ldrb', 1),
  'uload8.i64': narrow('ldrb', 1),
  'sload16.i32': gp('ldrsh', 32, 2),
  'sload16.i64': gp('ldrsh', 64, 2),
  'uload16.i32': narrow('ldrh', 2),
  'uload16.i64': narrow('ldrh', 2),
  'sload32.i64': { size: 4, inst: (r, addr) => ({ kind: 'ldst', op: 'ldrsw', w: 64, rt: r as Gpr, addr }) },
  'uload32.i64': gp('ldr', 32, 4),
};

const STORES: Record<string, Access> = {
  'store.i32': gp('str', 32, 4),
  'store.i64': gp('str', 64, 8),
  'store.ptr': gp('str', 64, 8),
  'store.f32': fp('str', 32),
  'store.f64': fp('str', 64),
  'store.v128': fp('str', 128),
  'istore8.i32': narrow('strb', 1),
  'istore8.i64': narrow('strb', 1),
  'istore16.i32': narrow('strh', 2),
  'istore16.i64': narrow('strh', 2),
  'istore32.i64': gp('str', 32, 4),
};

/** the allocated register of operand k (either class) */
function regOf(e: EmitCtx, mi: number, k: number): number {
  const m = e.x.m;
  const vr = m.opVreg[(m.instOpStart[mi] as number) + k] as number;
  return m.vregClass[vr] === 1 ? e.vreg(mi, k) : e.gpr(mi, k);
}

const load = defineRule('load', (e, mi) => {
  const a = LOADS[rowOf(e, mi).name]!;
  const at = address(e, mi, 1, a.size);
  e.faultSite(mi);
  e.asm.emit(a.inst(regOf(e, mi, 0), at));
});

defineLowering('load sload8 uload8 sload16 uload16 sload32 uload32', (c, i) => {
  const mi = c.x.inst(load, i);
  c.def(c.f.result(i, 0));
  lowerAddress(c, mi, i);
});

/**
 * x17 = the effective address of access mi (operands 0 and, if indexed, 1; the offset from
 * its IR instruction), for a v128 store's probe
 */
function effectiveAddress(e: EmitCtx, mi: number): GprSp {
  const i = e.x.ir[mi] as number;
  const lo = e.f.instImm0[i] as number;
  const hi = e.f.instImm1[i] as number;
  const base = e.gpr(mi, 0);
  if ((e.x.aux1[mi] as number) === 1) {
    const index = e.gpr(mi, 1);
    if ((e.x.aux0[mi] as number) === 1) e.asm.emit({ kind: 'add_ext', op: 'add', w: 64, rd: SCRATCH_GPR2, rn: base, rm: index, extend: 'uxtw' });
    else e.asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: SCRATCH_GPR2, rn: base, rm: index });
  } else {
    e.asm.emit({ kind: 'add_imm', op: 'add', w: 64, rd: SCRATCH_GPR2, rn: base, imm: addImm(0) });
  }
  if (lo === 0 && hi === 0) return SCRATCH_GPR2;
  movConst(e, SCRATCH_GPR, lo, hi, 64);
  e.asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: SCRATCH_GPR2, rn: SCRATCH_GPR2, rm: SCRATCH_GPR });
  return SCRATCH_GPR2;
}

const store = defineRule('store', (e, mi) => {
  const a = STORES[rowOf(e, mi).name]!;
  const value = (e.x.aux1[mi] as number) === 1 ? 2 : 1;
  if (a.size === 16) {
    // A 16-byte store that crosses the end of memory may write its in-bounds bytes before it
    // faults (Arm ARM: a misaligned access may be split; qemu does split it), and wasm wants
    // no byte written. Its last byte is loaded first: if that faults, nothing was stored; if
    // not, the whole access is in bounds (the memory is contiguous from its base).
    const p = effectiveAddress(e, mi);
    e.faultSite(mi);
    e.asm.emit({ kind: 'ldst', op: 'ldrb', w: 32, rt: XZR, addr: memOffset(p, 15, 1) });
    e.faultSite(mi);
    e.asm.emit(a.inst(regOf(e, mi, value), memOffset(p, 0, 16)));
    return;
  }
  const at = address(e, mi, 0, a.size);
  e.faultSite(mi);
  e.asm.emit(a.inst(regOf(e, mi, value), at));
});

defineLowering('store istore8 istore16 istore32', (c, i) => {
  const mi = c.x.inst(store, i);
  lowerAddress(c, mi, i);
  c.use(c.f.operand(i, 1));
});

const ptradd = defineRule('ptradd', (e, mi) => {
  const rd = e.gpr(mi, 0);
  const rn = e.gpr(mi, 1);
  const rm = e.gpr(mi, 2);
  if ((e.x.aux0[mi] as number) === 1) e.asm.emit({ kind: 'add_ext', op: 'add', w: 64, rd, rn, rm, extend: 'uxtw' });
  else e.asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd, rn, rm });
}, true);

defineLowering('ptradd', (c, i) => {
  const f = c.f;
  c.x.inst(ptradd, i, 0, f.valueType[f.operand(i, 1)] === Type.I32 ? 1 : 0);
  c.def(f.result(i, 0));
  c.use(f.operand(i, 0));
  c.use(f.operand(i, 1));
});

/** trap unless index + end <= bound (index zero-extended; the sum cannot wrap 64 bits) */
const heapCheck = defineRule('heap_check', (e, mi) => {
  const i = e.x.ir[mi] as number;
  const lo = e.f.instImm0[i] as number;
  const hi = e.f.instImm1[i] as number;
  const index = e.gpr(mi, 0);
  if (hi === 0 && lo >= 0 && isAddImm(lo)) {
    e.asm.emit({ kind: 'add_imm', op: 'add', w: 64, rd: SCRATCH_GPR, rn: index, imm: addImm(lo) });
  } else {
    movConst(e, SCRATCH_GPR, lo, hi, 64);
    e.asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: SCRATCH_GPR, rn: SCRATCH_GPR, rm: index });
  }
  e.asm.emit({ kind: 'add_reg', op: 'subs', w: 64, rd: XZR, rn: SCRATCH_GPR, rm: e.gpr(mi, 1) });
  e.asm.emit({ kind: 'b_cond', cond: 'hi', target: e.trap(mi, 1 /* HeapOutOfBounds */) });
});

defineLowering('heap_check', (c, i) => {
  c.x.inst(heapCheck, i);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

/** the access of a vmctx field of `row`'s type */
function vmAccess(row: OpRow, load: boolean): Access {
  if (row.type === Type.F32) return fp(load ? 'ldr' : 'str', 32);
  if (row.type === Type.F64) return fp(load ? 'ldr' : 'str', 64);
  if (row.type === Type.V128) return fp(load ? 'ldr' : 'str', 128);
  return row.type === Type.I32 ? gp(load ? 'ldr' : 'str', 32, 4) : gp(load ? 'ldr' : 'str', 64, 8);
}

const vmLoad = defineRule('vmctx_load', (e, mi) => {
  const a = vmAccess(rowOf(e, mi), true);
  const at = offsetAddr(e, e.gpr(mi, 1), e.f.instImm0[e.x.ir[mi] as number] as number, a.size, SCRATCH_GPR);
  e.asm.emit(a.inst(regOf(e, mi, 0), at));
}, true);

defineLowering('vmctx_load', (c, i) => {
  c.x.inst(vmLoad, i);
  c.def(c.f.result(i, 0));
  c.use(c.vmctx());
});

const vmStore = defineRule('vmctx_store', (e, mi) => {
  const a = vmAccess(rowOf(e, mi), false);
  const at = offsetAddr(e, e.gpr(mi, 0), e.f.instImm0[e.x.ir[mi] as number] as number, a.size, SCRATCH_GPR);
  e.asm.emit(a.inst(regOf(e, mi, 1), at));
});

defineLowering('vmctx_store', (c, i) => {
  c.x.inst(vmStore, i);
  c.use(c.vmctx());
  c.use(c.f.operand(i, 0));
});
