/**
 * Control flow: the entry's incoming arguments, jumps, conditional branches, br_table (a
 * jump table of rel32 offsets after the function), return (memory results, then the result
 * registers and the epilogue), and the trap instructions (out-of-line stubs).
 *
 * Operands: args — Fixed defs; stack_arg — def; jump — none; brif — the condition (cond.ts);
 * br_table — index, scratch; ret — result uses (Fixed); store_result — value; trapnz/trapz —
 * the condition; trap — none.
 */

import { InstFlag, OpKind, RegClassId } from '../../../compiler/regalloc/mach.js';
import { imm32 } from '../imm.js';
import { mem, memIndex, ripLabel, type Label } from '../operands.js';
import { RBP } from '../regs.js';
import { op } from '../../../compiler/ir/opcodes.js';
import { INCOMING, RT, SCRATCH_GPR } from '../abi.js';
import { TrapCode } from '../../../compiler/ir/traps.js';
import { emitCondJump, lowerCond } from './cond.js';
import { defineLowering, defineRule, type EmitCtx, type LowerCtx } from './rule.js';
import { brTableEdges, lowerReturn } from '../../lower-terminators.js';

const TERM = InstFlag.TERM;

export const args = defineRule('args', () => {});

/** an incoming stack argument: [rbp + 16 + 8·slot] */
export const stackArg = defineRule('stack_arg', (e, mi) => {
  const at = mem(RBP, INCOMING + 8 * (e.x.aux0[mi] as number));
  loadSlot(e, mi, at);
});

/** load operand 0 (a def of either class) from memory `at`, 64 bits wide (128 for a v128) */
export function loadSlot(e: EmitCtx, mi: number, at: ReturnType<typeof mem>): void {
  const m = e.x.m;
  const vr = m.opVreg[m.instOpStart[mi] as number] as number;
  if (m.vregWide[vr] === 1) e.asm.emit({ kind: 'sse', op: 'movdqu', dst: e.xmm(mi, 0), src: at });
  else if (m.vregClass[vr] === RegClassId.Float) e.asm.emit({ kind: 'sse', op: 'movsd', dst: e.xmm(mi, 0), src: at });
  else e.asm.emit({ kind: 'mov', w: 64, dst: e.gpr(mi, 0), src: at });
}

/** store operand k (a use of either class) to memory `at`, 64 bits wide (128 for a v128) */
export function storeSlot(e: EmitCtx, mi: number, k: number, at: ReturnType<typeof mem>): void {
  const m = e.x.m;
  const vr = m.opVreg[(m.instOpStart[mi] as number) + k] as number;
  if (m.vregWide[vr] === 1) e.asm.emit({ kind: 'sse_store', op: 'movdqu', dst: at, src: e.xmm(mi, k) });
  else if (m.vregClass[vr] === RegClassId.Float) e.asm.emit({ kind: 'sse_store', op: 'movsd', dst: at, src: e.xmm(mi, k) });
  else e.asm.emit({ kind: 'store', w: 64, dst: at, src: e.gpr(mi, k) });
}

function jumpTo(e: EmitCtx, b: number): void {
  if (!e.isNext(b)) e.asm.emit({ kind: 'jmp', target: e.blockLabel(b), short: false });
}

export const jump = defineRule('jump', (e, mi) => jumpTo(e, e.succ(0)));

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
 * br_table: `cmp idx, n; jae default; lea r11, [rip+table]; movsxd t, [r11+idx*4];
 * add r11, t; jmp r11`, the table (4-byte offsets from its start) emitted after the function.
 */
const brTable = defineRule('br_table', (e, mi) => {
  const x = e.x;
  const entries = x.tables[x.aux2[mi] as number]!;
  const n = entries.length - 1;
  const idx = e.gpr(mi, 0);
  const t = e.gpr(mi, 1);
  const labels: Label[] = [];
  for (let k = 0; k < n; k++) labels.push(e.blockLabel(e.succ(entries[k] as number)));
  const table = e.jumpTable(labels);
  e.asm.emit({ kind: 'alu_imm', op: 'cmp', w: 32, dst: idx, imm: imm32(n | 0) });
  e.asm.emit({ kind: 'jcc', cc: 'ae', target: e.blockLabel(e.succ(entries[n] as number)), short: false });
  e.asm.emit({ kind: 'lea', w: 64, dst: SCRATCH_GPR, src: ripLabel(table) });
  e.asm.emit({ kind: 'movsxd', dst: t, src: memIndex(SCRATCH_GPR, idx, 4) });
  e.asm.emit({ kind: 'alu', op: 'add', w: 64, dst: SCRATCH_GPR, src: t });
  e.asm.emit({ kind: 'jmp_ind', target: SCRATCH_GPR });
});

export const storeResult = defineRule('store_result', (e, mi) => {
  const x = e.x;
  storeSlot(e, mi, 0, mem(RBP, INCOMING + 8 * (x.aux0[mi] as number)));
});

const ret = defineRule('ret', (e) => e.epilogue());

const trapIf = defineRule('trap_if', (e, mi) => {
  // the condition's words are aux0..aux2; the trap code is the IR instruction's immediate
  const code = e.f.instImm0[e.x.ir[mi] as number] as number;
  const negate = e.f.instOp[e.x.ir[mi] as number] === TRAPZ;
  emitCondJump(e, mi, 0, e.trap(mi, code), negate);
});

const trap = defineRule('trap', (e, mi) => {
  e.asm.emit({ kind: 'jmp', target: e.trap(mi, e.f.instImm0[e.x.ir[mi] as number] as number), short: false });
});

const TRAPZ = op('trapz');

/**
 * interrupt_check (function entries and loop headers): the runtime block's interrupt flag,
 * `cmp dword [rt+44], 0; jne <trap interrupted>`. Operand: the runtime block's address, which
 * the function loads from vmctx+8 once at its entry (lower.ts), so a loop whose registers allow
 * keeps it in a register and checks with one memory read.
 */
const interruptCheck = defineRule('interrupt_check', (e, mi) => {
  e.asm.emit({ kind: 'alu_imm', op: 'cmp', w: 32, dst: mem(e.gpr(mi, 0), RT.interrupt), imm: imm32(0) });
  e.asm.emit({ kind: 'jcc', cc: 'ne', target: e.trap(mi, TrapCode.Interrupted), short: false });
});

defineLowering('interrupt_check', (c, i) => {
  c.x.inst(interruptCheck, i);
  c.operandVreg(c.runtimeBlock(), OpKind.Use);
});

/** `mov rt, [vmctx+8]`: the runtime block's address (operands: def rt, use vmctx) */
export const runtimeBlockLoad = defineRule('runtime_block', (e, mi) => {
  e.asm.emit({ kind: 'mov', w: 64, dst: e.gpr(mi, 0), src: mem(e.gpr(mi, 1), 8) });
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
  c.temp(RegClassId.Int);
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
