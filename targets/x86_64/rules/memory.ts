/**
 * Memory: address arithmetic, loads and stores, explicit bounds checks, and the VM context.
 *
 * An access whose address is a `ptradd base, index` folded into it (lower.ts) addresses
 * [base + index + offset]; otherwise [p + offset]. An offset beyond disp32 goes through r11.
 * Each access tells the emitter where its instruction starts (`faultSite`): with guard-page
 * bounds the frontend emits no heap_check, and a fault at that instruction is the trap.
 *
 * Operand layouts:
 * - load: def, base[, index]        (aux1 = 1 when an index is present)
 * - store: base[, index], value     (aux1 = 1 when an index is present)
 * - ptradd: def, base, index
 * - heap_check: index, bound
 * - vmctx_load: def, vmctx          vmctx_store: vmctx, value
 */

import { OPCODES, type OpRow } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { mem, memIndex, type BaseMem } from '../operands.js';
import type { Gpr } from '../regs.js';
import { SCRATCH_GPR } from '../abi.js';
import { movConst } from './int.js';
import { defineLowering, defineRule, lowerBinary, type EmitCtx, type LowerCtx } from './rule.js';

const rowOf = (e: EmitCtx, mi: number): OpRow => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!;

/**
 * the memory operand of an access: operands `first` (base) and, if indexed, `first + 1`; the
 * offset is IR instruction `access`'s (default: mi's own; a folded load's when mi folded one)
 */
export function address(e: EmitCtx, mi: number, first: number, access = e.x.ir[mi] as number): BaseMem {
  const i = access;
  const lo = e.f.instImm0[i] as number;
  const hi = e.f.instImm1[i] as number;
  const base = e.gpr(mi, first);
  const indexed = (e.x.aux1[mi] as number) === 1;
  const index: Gpr | null = indexed ? e.gpr(mi, first + 1) : null;
  if (hi === 0 && lo >= 0) return index === null ? mem(base, lo) : memIndex(base, index, 1, lo);
  movConst(e, SCRATCH_GPR, lo, hi, 64);
  e.asm.emit({ kind: 'alu', op: 'add', w: 64, dst: SCRATCH_GPR, src: base });
  return index === null ? mem(SCRATCH_GPR) : memIndex(SCRATCH_GPR, index, 1);
}

/** add the address operands of access `i` (operand 0 is its address) */
export function lowerAddress(c: LowerCtx, mi: number, i: number): void {
  const p = c.f.operand(i, 0);
  const d = c.fusedDef(p);
  if (d < 0) {
    c.use(p);
    return;
  }
  c.use(c.f.operand(d, 0));
  c.use(c.f.operand(d, 1));
  c.x.aux1[mi] = 1;
}

type LoadEmit = (e: EmitCtx, mi: number, at: BaseMem) => void;
const loadGpr = (e: EmitCtx, mi: number): Gpr => e.gpr(mi, 0);
const LOADS: Record<string, LoadEmit> = {
  'load.i32': (e, mi, at) => e.asm.emit({ kind: 'mov', w: 32, dst: loadGpr(e, mi), src: at }),
  'load.i64': (e, mi, at) => e.asm.emit({ kind: 'mov', w: 64, dst: loadGpr(e, mi), src: at }),
  'load.ptr': (e, mi, at) => e.asm.emit({ kind: 'mov', w: 64, dst: loadGpr(e, mi), src: at }),
  'load.f32': (e, mi, at) => e.asm.emit({ kind: 'sse', op: 'movss', dst: e.xmm(mi, 0), src: at }),
  'load.f64': (e, mi, at) => e.asm.emit({ kind: 'sse', op: 'movsd', dst: e.xmm(mi, 0), src: at }),
  'load.v128': (e, mi, at) => e.asm.emit({ kind: 'sse', op: 'movdqu', dst: e.xmm(mi, 0), src: at }),
  'sload8.i32': (e, mi, at) => e.asm.emit({ kind: 'movsx', w: 32, from: 8, dst: loadGpr(e, mi), src: at }),
  'sload8.i64': (e, mi, at) => e.asm.emit({ kind: 'movsx', w: 64, from: 8, dst: loadGpr(e, mi), src: at }),
  'uload8.i32': (e, mi, at) => e.asm.emit({ kind: 'movzx', w: 32, from: 8, dst: loadGpr(e, mi), src: at }),
  'uload8.i64': (e, mi, at) => e.asm.emit({ kind: 'movzx', w: 32, from: 8, dst: loadGpr(e, mi), src: at }),
  'sload16.i32': (e, mi, at) => e.asm.emit({ kind: 'movsx', w: 32, from: 16, dst: loadGpr(e, mi), src: at }),
  'sload16.i64': (e, mi, at) => e.asm.emit({ kind: 'movsx', w: 64, from: 16, dst: loadGpr(e, mi), src: at }),
  'uload16.i32': (e, mi, at) => e.asm.emit({ kind: 'movzx', w: 32, from: 16, dst: loadGpr(e, mi), src: at }),
  'uload16.i64': (e, mi, at) => e.asm.emit({ kind: 'movzx', w: 32, from: 16, dst: loadGpr(e, mi), src: at }),
  'sload32.i64': (e, mi, at) => e.asm.emit({ kind: 'movsxd', dst: loadGpr(e, mi), src: at }),
  'uload32.i64': (e, mi, at) => e.asm.emit({ kind: 'mov', w: 32, dst: loadGpr(e, mi), src: at }),
};

const load = defineRule('load', (e, mi) => {
  const at = address(e, mi, 1);
  e.faultSite(mi);
  LOADS[rowOf(e, mi).name]!(e, mi, at);
});

defineLowering('load sload8 uload8 sload16 uload16 sload32 uload32', (c, i) => {
  const mi = c.x.inst(load, i);
  c.def(c.f.result(i, 0));
  lowerAddress(c, mi, i);
});

type StoreEmit = (e: EmitCtx, mi: number, at: BaseMem, v: number) => void;
const gprStore = (w: 8 | 16 | 32 | 64): StoreEmit => (e, mi, at, v) => e.asm.emit({ kind: 'store', w, dst: at, src: e.gpr(mi, v) });
const STORES: Record<string, StoreEmit> = {
  'store.i32': gprStore(32),
  'store.i64': gprStore(64),
  'store.ptr': gprStore(64),
  'store.f32': (e, mi, at, v) => e.asm.emit({ kind: 'sse_store', op: 'movss', dst: at, src: e.xmm(mi, v) }),
  'store.f64': (e, mi, at, v) => e.asm.emit({ kind: 'sse_store', op: 'movsd', dst: at, src: e.xmm(mi, v) }),
  'store.v128': (e, mi, at, v) => e.asm.emit({ kind: 'sse_store', op: 'movdqu', dst: at, src: e.xmm(mi, v) }),
  'istore8.i32': gprStore(8),
  'istore8.i64': gprStore(8),
  'istore16.i32': gprStore(16),
  'istore16.i64': gprStore(16),
  'istore32.i64': gprStore(32),
};

const store = defineRule('store', (e, mi) => {
  const value = (e.x.aux1[mi] as number) === 1 ? 2 : 1;
  const at = address(e, mi, 0);
  e.faultSite(mi);
  STORES[rowOf(e, mi).name]!(e, mi, at, value);
});

defineLowering('store istore8 istore16 istore32', (c, i) => {
  const mi = c.x.inst(store, i);
  lowerAddress(c, mi, i);
  c.use(c.f.operand(i, 1));
});

const ptradd = defineRule('ptradd', (e, mi) => {
  e.asm.emit({ kind: 'lea', w: 64, dst: e.gpr(mi, 0), src: memIndex(e.gpr(mi, 1), e.gpr(mi, 2), 1) });
}, true);

defineLowering('ptradd', lowerBinary(ptradd));

/** trap unless index + end <= bound (index zero-extended; the sum cannot wrap 64 bits) */
const heapCheck = defineRule('heap_check', (e, mi) => {
  const i = e.x.ir[mi] as number;
  const lo = e.f.instImm0[i] as number;
  const hi = e.f.instImm1[i] as number;
  const index = e.gpr(mi, 0);
  if (hi === 0 && lo >= 0) {
    e.asm.emit({ kind: 'lea', w: 64, dst: SCRATCH_GPR, src: mem(index, lo) });
  } else {
    movConst(e, SCRATCH_GPR, lo, hi, 64);
    e.asm.emit({ kind: 'alu', op: 'add', w: 64, dst: SCRATCH_GPR, src: index });
  }
  e.asm.emit({ kind: 'alu', op: 'cmp', w: 64, dst: SCRATCH_GPR, src: e.gpr(mi, 1) });
  e.asm.emit({ kind: 'jcc', cc: 'a', target: e.trap(mi, 1 /* HeapOutOfBounds */), short: false });
});

defineLowering('heap_check', (c, i) => {
  c.x.inst(heapCheck, i);
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

const vmLoad = defineRule('vmctx_load', (e, mi) => {
  const row = rowOf(e, mi);
  const at = mem(e.gpr(mi, 1), e.f.instImm0[e.x.ir[mi] as number] as number);
  if (row.type === Type.F32) e.asm.emit({ kind: 'sse', op: 'movss', dst: e.xmm(mi, 0), src: at });
  else if (row.type === Type.F64) e.asm.emit({ kind: 'sse', op: 'movsd', dst: e.xmm(mi, 0), src: at });
  else if (row.type === Type.V128) e.asm.emit({ kind: 'sse', op: 'movdqu', dst: e.xmm(mi, 0), src: at });
  else e.asm.emit({ kind: 'mov', w: row.type === Type.I32 ? 32 : 64, dst: e.gpr(mi, 0), src: at });
}, true);

defineLowering('vmctx_load', (c, i) => {
  c.x.inst(vmLoad, i);
  c.def(c.f.result(i, 0));
  c.use(c.vmctx());
});

const vmStore = defineRule('vmctx_store', (e, mi) => {
  const row = rowOf(e, mi);
  const at = mem(e.gpr(mi, 0), e.f.instImm0[e.x.ir[mi] as number] as number);
  if (row.type === Type.F32) e.asm.emit({ kind: 'sse_store', op: 'movss', dst: at, src: e.xmm(mi, 1) });
  else if (row.type === Type.F64) e.asm.emit({ kind: 'sse_store', op: 'movsd', dst: at, src: e.xmm(mi, 1) });
  else if (row.type === Type.V128) e.asm.emit({ kind: 'sse_store', op: 'movdqu', dst: at, src: e.xmm(mi, 1) });
  else e.asm.emit({ kind: 'store', w: row.type === Type.I32 ? 32 : 64, dst: at, src: e.gpr(mi, 1) });
});

defineLowering('vmctx_store', (c, i) => {
  c.x.inst(vmStore, i);
  c.use(c.vmctx());
  c.use(c.f.operand(i, 0));
});
