/**
 * Control flow: the entry's incoming arguments, jumps, conditional branches, br_table (a
 * table of 4-byte offsets after the function, reached with adr), return (memory results,
 * then the result registers and the epilogue), the trap instructions (out-of-line stubs) and
 * interruption checks.
 *
 * Operands: args — Fixed defs; stack_arg — def; jump — none; brif — the condition (cond.ts);
 * br_table — index; ret — result uses (Fixed); store_result — value; trapnz/trapz — the
 * condition; trap — none; interrupt_check — the runtime block; runtime_block — def, vmctx.
 */

import { InstFlag, OpKind, RegClassId } from '../../../compiler/regalloc/mach.js';
import { op } from '../../../compiler/ir/opcodes.js';
import { TrapCode } from '../../../compiler/ir/traps.js';
import { addImm, isAddImm } from '../imm.js';
import { memIndex, memOffset, type Addr, type Label } from '../operands.js';
import { FP, XZR, type GprSp } from '../regs.js';
import { INCOMING, RT, SCRATCH_GPR, SCRATCH_GPR2 } from '../abi.js';
import { emitCondJump, lowerCond } from './cond.js';
import { movConst } from './int.js';
import { offsetAddr } from './memory.js';
import { defineLowering, defineRule, type EmitCtx, type LowerCtx } from './rule.js';
import { brTableEdges, lowerReturn } from '../../lower-terminators.js';

const TERM = InstFlag.TERM;

export const args = defineRule('args', () => {});

/** an incoming stack argument: [x29 + 16 + 8·slot] (a v128 takes two slots) */
export const stackArg = defineRule('stack_arg', (e, mi) => {
  loadSlot(e, mi, FP, INCOMING + 8 * (e.x.aux0[mi] as number));
});

/** load operand 0 (a def of either class) from [base + bytes], 64 bits wide (128 for a v128: ldr q) */
export function loadSlot(e: EmitCtx, mi: number, base: GprSp, bytes: number): void {
  const m = e.x.m;
  const vr = m.opVreg[m.instOpStart[mi] as number] as number;
  const wide = m.vregWide[vr] === 1;
  const addr: Addr = offsetAddr(e, base, bytes, wide ? 16 : 8, SCRATCH_GPR);
  if (m.vregClass[vr] === RegClassId.Float) e.asm.emit({ kind: 'fldst', op: 'ldr', fw: wide ? 128 : 64, rt: e.vreg(mi, 0), addr });
  else e.asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: e.gpr(mi, 0), addr });
}

/** store operand k (a use of either class) to [base + bytes], 64 bits wide (128 for a v128: str q) */
export function storeSlot(e: EmitCtx, mi: number, k: number, base: GprSp, bytes: number): void {
  const m = e.x.m;
  const vr = m.opVreg[(m.instOpStart[mi] as number) + k] as number;
  const wide = m.vregWide[vr] === 1;
  const addr: Addr = offsetAddr(e, base, bytes, wide ? 16 : 8, SCRATCH_GPR);
  if (m.vregClass[vr] === RegClassId.Float) e.asm.emit({ kind: 'fldst', op: 'str', fw: wide ? 128 : 64, rt: e.vreg(mi, k), addr });
  else e.asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: e.gpr(mi, k), addr });
}

function jumpTo(e: EmitCtx, b: number): void {
  if (!e.isNext(b)) e.asm.emit({ kind: 'b', target: e.blockLabel(b) });
}

export const jump = defineRule('jump', (e) => jumpTo(e, e.succ(0)));

const brif = defineRule('brif', (e, mi) => {
  const t = e.succ(0);
  const f = e.succ(1);
  if (e.isNext(t)) {
    emitCondJump(e, mi, 0, e.blockLabel(f), true);
    return;
  }
  emitCondJump(e, mi, 0, e.blockLabel(t), false);
  jumpTo(e, f);
});

/**
 * br_table: `cmp widx, #n; b.hs default; adr x16, table; ldrsw x17, [x16, widx, uxtw #2];
 * add x16, x16, x17; br x16`, the table (4-byte offsets from its start) emitted after the
 * function. x16/x17 are the emitter's scratch registers.
 */
const brTable = defineRule('br_table', (e, mi) => {
  const x = e.x;
  const entries = x.tables[x.aux2[mi] as number]!;
  const n = entries.length - 1;
  const idx = e.gpr(mi, 0);
  const labels: Label[] = [];
  for (let k = 0; k < n; k++) labels.push(e.blockLabel(e.succ(entries[k] as number)));
  const table = e.jumpTable(labels);
  if (isAddImm(n)) {
    e.asm.emit({ kind: 'add_imm', op: 'subs', w: 32, rd: XZR, rn: idx, imm: addImm(n) });
  } else {
    movConst(e, SCRATCH_GPR, n | 0, 0, 32);
    e.asm.emit({ kind: 'add_reg', op: 'subs', w: 32, rd: XZR, rn: idx, rm: SCRATCH_GPR });
  }
  e.asm.emit({ kind: 'b_cond', cond: 'cs', target: e.blockLabel(e.succ(entries[n] as number)) });
  e.asm.emit({ kind: 'adr', rd: SCRATCH_GPR, target: table });
  e.asm.emit({ kind: 'ldst', op: 'ldrsw', w: 64, rt: SCRATCH_GPR2, addr: memIndex(SCRATCH_GPR, idx, 'uxtw', true) });
  e.asm.emit({ kind: 'add_reg', op: 'add', w: 64, rd: SCRATCH_GPR, rn: SCRATCH_GPR, rm: SCRATCH_GPR2 });
  e.asm.emit({ kind: 'br', op: 'br', rn: SCRATCH_GPR });
});

export const storeResult = defineRule('store_result', (e, mi) => {
  storeSlot(e, mi, 0, FP, INCOMING + 8 * (e.x.aux0[mi] as number));
});

const ret = defineRule('ret', (e) => e.epilogue());

const TRAPZ = op('trapz');

const trapIf = defineRule('trap_if', (e, mi) => {
  // the condition's words are aux0..aux2; the trap code is the IR instruction's immediate
  const code = e.f.instImm0[e.x.ir[mi] as number] as number;
  const negate = e.f.instOp[e.x.ir[mi] as number] === TRAPZ;
  emitCondJump(e, mi, 0, e.trap(mi, code), negate);
});

const trap = defineRule('trap', (e, mi) => {
  e.asm.emit({ kind: 'b', target: e.trap(mi, e.f.instImm0[e.x.ir[mi] as number] as number) });
});

/**
 * interrupt_check (function entries and loop headers): the runtime block's interrupt flag,
 * `ldr w16, [rt, #44]; cbnz w16, <trap interrupted>`. Operand: the runtime block's address,
 * loaded from vmctx+8 once at the function's entry (lower.ts).
 */
const interruptCheck = defineRule('interrupt_check', (e, mi) => {
  e.asm.emit({ kind: 'ldst', op: 'ldr', w: 32, rt: SCRATCH_GPR, addr: memOffset(e.gpr(mi, 0), RT.interrupt, 4) });
  e.asm.emit({ kind: 'cbz', op: 'cbnz', w: 32, rt: SCRATCH_GPR, target: e.trap(mi, TrapCode.Interrupted) });
});

defineLowering('interrupt_check', (c, i) => {
  c.x.inst(interruptCheck, i);
  c.operandVreg(c.runtimeBlock(), OpKind.Use);
});

/** `ldr rt, [vmctx, #8]`: the runtime block's address (operands: def rt, use vmctx) */
export const runtimeBlockLoad = defineRule('runtime_block', (e, mi) => {
  e.asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: e.gpr(mi, 0), addr: memOffset(e.gpr(mi, 1), 8, 8) });
});

defineLowering('jump', (c, i) => {
  c.x.inst(jump, i, TERM);
  c.edge(c.f.instImm0[i] as number);
});

defineLowering('brif', (c, i) => {
  const mi = c.x.inst(brif, i, TERM);
  lowerCond(c, mi, c.f.operand(i, 0));
  const c0 = c.f.instImm0[i] as number;
  c.edge(c0);
  c.edge(c0 + 1);
});

defineLowering('br_table', (c, i) => lowerBrTable(c, i));

function lowerBrTable(c: LowerCtx, i: number): void {
  const f = c.f;
  const x = c.x;
  if ((f.instImm1[i] as number) === 1) {
    // only a default target: a jump (the index is not read)
    x.inst(jump, i, TERM);
    c.edge(f.instImm0[i] as number);
    return;
  }
  x.inst(brTable, i, TERM, 0, 0, x.tables.length);
  c.use(f.operand(i, 0));
  x.tables.push(brTableEdges(c, i));
}

defineLowering('return', (c, i) => lowerReturn(c, i, storeResult, ret, TERM));

defineLowering('trapnz trapz', (c, i) => {
  const mi = c.x.inst(trapIf, i);
  lowerCond(c, mi, c.f.operand(i, 0));
});

defineLowering('trap', (c, i) => {
  c.x.inst(trap, i, TERM);
});

