/**
 * Generates a large set of x86-64 instructions for the objdump cross-check: every form with a
 * spread of registers (all 16 of each class), memory operands (every base including rsp, rbp,
 * r12 and r13, legal indexes with every scale, 0/8/32-bit and negative displacements,
 * RIP-relative literal, label and symbol), every condition code and immediate edge values.
 * Operands rotate through their lists so that every value is used without a full product.
 */

import type { Assembler } from '../../../targets/x86_64/asm.js';
import { imm16, imm32, imm64, imm8, uimm8 } from '../../../targets/x86_64/imm.js';
import type { AluOp, BitOp, Inst, SseOp } from '../../../targets/x86_64/inst.js';
import { CONDS, mem, memIndex, rip, ripLabel, ripSymbol, type Mem } from '../../../targets/x86_64/operands.js';
import { GPRS, R12, R13, R15, RAX, RBP, RSP, XMMS, type Gpr, type W, type Width, type Xmm } from '../../../targets/x86_64/regs.js';
import { ALU, BIT, CVT_F2I, CVT_I2F, ROUND, SHIFT_EXT, SSE, SSE_STORE } from '../../../targets/x86_64/tables.js';
import {
  MOVMSK, PEXTR, PINSR, SSE_BLENDV, SSE_CMP, SSE_CMP_PREDS, SSE_IMM, SSE_REG, SSE_SHIFT_IMM,
  type MovmskOp, type PextrOp, type PinsrOp, type SseBlendvOp, type SseCmpOp, type SseImmOp, type SseRegOp, type SseShiftImmOp,
} from '../../../targets/x86_64/tables-simd.js';

const WS: readonly W[] = [32, 64];
const DISPS = [0, 1, -1, 127, -128, 128, -129, 0x12345, 0x7fffffff, -0x80000000];
const IMM32 = [0, 1, -1, 127, -128, 128, -129, 0x7fffffff, -0x80000000, 0x12345678].map(imm32);
const IMM16 = [0, 1, -1, 0x7fff, -0x8000, 0x1234].map(imm16);
const IMM8 = [0, 1, -1, 0x7f, -0x80].map(imm8);
const COUNTS = [0, 1, 7, 31, 32, 63, 255].map(uimm8);
const IMM64 = [0n, 1n, -1n, 0x7fffffffn, 0x80000000n, 1n << 63n, (1n << 64n) - 1n, 0x123456789abcdef0n].map(imm64);
const SCALES = [1, 2, 4, 8] as const;
/** imm8 operands of shuffles and blends, and lane numbers (pinsrb/pextrb take 0-15) */
const SHUFFLE_IMM8 = [0, 1, 0x1b, 0x4e, 0x7f, 0x80, 0xb1, 0xe4, 0xff].map(uimm8);
const LANES = [0, 1, 2, 3, 7, 8, 15].map(uimm8);
/** counts of shifts by an immediate: bit counts past the lane width and byte counts past 15 included */
const SIMD_COUNTS = [0, 1, 3, 7, 8, 15, 16, 31, 32, 63, 64, 255].map(uimm8);

/** Memory operands without labels: ~250 of them. */
function memOperands(): Mem[] {
  const out: Mem[] = [];
  for (const base of GPRS) for (const d of DISPS) out.push(mem(base, d));
  let k = 0;
  for (const index of GPRS) {
    if (index === RSP) continue;
    for (const scale of SCALES) {
      out.push(memIndex(GPRS[k % 16]!, index, scale, DISPS[k % DISPS.length]));
      k++;
    }
  }
  for (const base of [RSP, RBP, R12, R13]) {
    for (const index of [RAX, RBP, R12, R13, R15]) {
      out.push(memIndex(base, index, SCALES[k % 4]!, k % 3 === 0 ? 0 : DISPS[k % DISPS.length]));
      k++;
    }
  }
  for (const d of DISPS) out.push(rip(d));
  out.push(ripSymbol('data', 8));
  return out;
}

/** A rotating picker: `next()` walks the list, wrapping around. */
class Cycle<T> {
  private k = 0;
  constructor(private readonly items: readonly T[], start = 0) {
    this.k = start;
  }
  next(): T {
    return this.items[this.k++ % this.items.length]!;
  }
  get size(): number {
    return this.items.length;
  }
}

/** Emit the whole generated set into `asm` (which must have every CPU feature enabled). */
export function generateAll(asm: Assembler): void {
  const MEMS = memOperands();
  const back = asm.newLabel();
  const forward = asm.newLabel();
  const data = asm.newLabel();
  asm.bind(back);
  const mems = new Cycle<Mem>([...MEMS, ripLabel(back), ripLabel(forward, 16), ripLabel(data, -8)]);
  const gprs = new Cycle(GPRS, 5);
  const xmms = new Cycle(XMMS, 3);
  const e = (i: Inst): void => asm.emit(i);
  /** Some memory operands, rotating, so that every family meets every memory shape. */
  const someMems = (n: number): Mem[] => Array.from({ length: n }, () => mems.next());

  // moves
  for (const w of WS) for (const dst of GPRS) for (const src of GPRS) e({ kind: 'mov', w, dst, src });
  for (const w of WS) for (const m of MEMS) e({ kind: 'mov', w, dst: gprs.next(), src: m });
  for (const w of WS) for (const dst of GPRS) for (const imm of IMM32) e({ kind: 'mov_imm', w, dst, imm });
  for (const dst of GPRS) for (const imm of IMM64) e({ kind: 'movabs', dst, imm });
  for (const w of [8, 16, 32, 64] as Width[]) {
    for (const src of GPRS) e({ kind: 'store', w, dst: mems.next(), src });
    for (const m of someMems(40)) e({ kind: 'store', w, dst: m, src: gprs.next() });
  }
  for (const imm of IMM8) for (const m of someMems(6)) e({ kind: 'store_imm', w: 8, dst: m, imm });
  for (const imm of IMM16) for (const m of someMems(6)) e({ kind: 'store_imm', w: 16, dst: m, imm });
  for (const w of WS) for (const imm of IMM32) for (const m of someMems(4)) e({ kind: 'store_imm', w, dst: m, imm });
  for (const kind of ['movzx', 'movsx'] as const) {
    for (const w of WS) {
      for (const from of [8, 16] as const) {
        for (const src of GPRS) e({ kind, w, from, dst: gprs.next(), src });
        for (const m of someMems(12)) e({ kind, w, from, dst: gprs.next(), src: m });
      }
    }
  }
  for (const src of GPRS) e({ kind: 'movsxd', dst: gprs.next(), src });
  for (const m of someMems(16)) e({ kind: 'movsxd', dst: gprs.next(), src: m });
  for (const w of WS) for (const m of MEMS) e({ kind: 'lea', w, dst: gprs.next(), src: m });

  // integer arithmetic
  for (const op of Object.keys(ALU) as AluOp[]) {
    for (const w of WS) {
      for (const dst of GPRS) e({ kind: 'alu', op, w, dst, src: gprs.next() });
      for (const m of someMems(8)) e({ kind: 'alu', op, w, dst: gprs.next(), src: m });
      for (const imm of IMM32) e({ kind: 'alu_imm', op, w, dst: gprs.next(), imm });
      for (const imm of IMM32) e({ kind: 'alu_imm', op, w, dst: mems.next(), imm });
    }
  }
  for (const w of WS) {
    for (const dst of GPRS) e({ kind: 'imul', w, dst, src: gprs.next() });
    for (const m of someMems(8)) e({ kind: 'imul', w, dst: gprs.next(), src: m });
    for (const imm of IMM32) e({ kind: 'imul_imm', w, dst: gprs.next(), src: gprs.next(), imm });
    for (const imm of IMM32) e({ kind: 'imul_imm', w, dst: gprs.next(), src: mems.next(), imm });
    for (const op of ['neg', 'not'] as const) {
      for (const dst of GPRS) e({ kind: 'unary', op, w, dst });
      for (const m of someMems(6)) e({ kind: 'unary', op, w, dst: m });
    }
    for (const op of ['div', 'idiv'] as const) {
      for (const src of GPRS) e({ kind: 'div', op, w, src });
      for (const m of someMems(6)) e({ kind: 'div', op, w, src: m });
    }
    e({ kind: 'cdq', w });
    for (const op of Object.keys(SHIFT_EXT) as (keyof typeof SHIFT_EXT)[]) {
      for (const dst of GPRS) e({ kind: 'shift', op, w, dst, count: 'cl' });
      for (const count of COUNTS) e({ kind: 'shift', op, w, dst: gprs.next(), count });
      for (const m of someMems(4)) e({ kind: 'shift', op, w, dst: m, count: 'cl' });
      for (const m of someMems(4)) e({ kind: 'shift', op, w, dst: m, count: COUNTS[3]! });
    }
    for (const op of Object.keys(BIT) as BitOp[]) {
      for (const dst of GPRS) e({ kind: 'bit', op, w, dst, src: gprs.next() });
      for (const m of someMems(6)) e({ kind: 'bit', op, w, dst: gprs.next(), src: m });
    }
  }
  for (const cc of CONDS) {
    for (const dst of GPRS) e({ kind: 'setcc', cc, dst });
    for (const w of WS) {
      e({ kind: 'cmov', cc, w, dst: gprs.next(), src: gprs.next() });
      e({ kind: 'cmov', cc, w, dst: gprs.next(), src: mems.next() });
    }
  }

  // control flow: long branches back to the start and forward to the end, short ones nearby
  for (const cc of CONDS) {
    e({ kind: 'jcc', cc, target: back, short: false });
    e({ kind: 'jcc', cc, target: forward, short: false });
    const near = asm.newLabel();
    asm.bind(near);
    e({ kind: 'nop' });
    e({ kind: 'jcc', cc, target: near, short: true });
    const ahead = asm.newLabel();
    e({ kind: 'jcc', cc, target: ahead, short: true });
    e({ kind: 'int3' });
    asm.bind(ahead);
  }
  e({ kind: 'jmp', target: back, short: false });
  e({ kind: 'jmp', target: forward, short: false });
  const here = asm.newLabel();
  asm.bind(here);
  e({ kind: 'jmp', target: here, short: true });
  for (const target of GPRS) {
    e({ kind: 'jmp_ind', target });
    e({ kind: 'call_ind', target });
  }
  for (const m of someMems(12)) e({ kind: 'jmp_ind', target: m });
  for (const m of someMems(12)) e({ kind: 'call_ind', target: m });
  for (const symbol of ['f', 'g', 'kiln_trap']) e({ kind: 'call', symbol });
  for (const reg of GPRS) {
    e({ kind: 'push', reg });
    e({ kind: 'pop', reg });
  }
  for (const kind of ['ret', 'ud2', 'int3', 'nop'] as const) e({ kind });
  for (const boundary of [2, 4, 8, 16, 32, 64]) {
    asm.align(boundary);
    e({ kind: 'int3' });
  }
  asm.align(16, 'int3');

  // SSE
  for (const op of Object.keys(SSE) as SseOp[]) {
    for (const dst of XMMS) e({ kind: 'sse', op, dst, src: xmms.next() });
    for (const m of someMems(6)) e({ kind: 'sse', op, dst: xmms.next(), src: m });
  }
  for (const op of Object.keys(SSE_STORE) as (keyof typeof SSE_STORE)[]) {
    for (const src of XMMS) e({ kind: 'sse_store', op, dst: mems.next(), src });
  }
  for (const op of Object.keys(ROUND) as (keyof typeof ROUND)[]) {
    for (const mode of [0, 1, 2, 3, 4, 8, 9, 10, 11, 12]) {
      e({ kind: 'round', op, dst: xmms.next(), src: xmms.next(), mode: uimm8(mode) });
      e({ kind: 'round', op, dst: xmms.next(), src: mems.next(), mode: uimm8(mode) });
    }
  }
  for (const w of WS) {
    for (const r of GPRS) {
      e({ kind: 'movd_to_xmm', w, dst: xmms.next(), src: r });
      e({ kind: 'movd_from_xmm', w, dst: r, src: xmms.next() });
    }
    for (const op of Object.keys(CVT_I2F) as (keyof typeof CVT_I2F)[]) {
      for (const src of GPRS) e({ kind: 'cvt_i2f', op, w, dst: xmms.next(), src });
      for (const m of someMems(6)) e({ kind: 'cvt_i2f', op, w, dst: xmms.next(), src: m });
    }
    for (const op of Object.keys(CVT_F2I) as (keyof typeof CVT_F2I)[]) {
      for (const dst of GPRS) e({ kind: 'cvt_f2i', op, w, dst, src: xmms.next() });
      for (const m of someMems(6)) e({ kind: 'cvt_f2i', op, w, dst: gprs.next(), src: m });
    }
  }
  generateSimd(e, xmms, gprs, someMems);
  asm.bind(forward);
  e({ kind: 'ret' });
  asm.bind(data);
  e({ kind: 'int3' });
}


/**
 * The packed-SSE kinds with shapes of their own (the packed rows of `sse`, `sse_store` and
 * `round` are in their tables and generated above): every op with all 16 xmm (and general)
 * registers in each position, memory operands, every cmpps/cmppd predicate, imm8 edges.
 */
function generateSimd(e: (i: Inst) => void, xmms: Cycle<Xmm>, gprs: Cycle<Gpr>, someMems: (n: number) => Mem[]): void {
  const imms = new Cycle(SHUFFLE_IMM8);
  const lanes = new Cycle(LANES);
  for (const op of Object.keys(SSE_REG) as SseRegOp[]) {
    for (const dst of XMMS) e({ kind: 'sse_reg', op, dst, src: xmms.next() });
    for (const src of XMMS) e({ kind: 'sse_reg', op, dst: xmms.next(), src });
  }
  for (const op of Object.keys(SSE_IMM) as SseImmOp[]) {
    for (const dst of XMMS) e({ kind: 'sse_imm', op, dst, src: xmms.next(), imm: imms.next() });
    for (const m of someMems(8)) e({ kind: 'sse_imm', op, dst: xmms.next(), src: m, imm: imms.next() });
  }
  for (const op of Object.keys(SSE_CMP) as SseCmpOp[]) {
    for (const pred of SSE_CMP_PREDS) {
      for (let k = 0; k < 4; k++) e({ kind: 'sse_cmp', op, pred, dst: xmms.next(), src: xmms.next() });
      for (const m of someMems(2)) e({ kind: 'sse_cmp', op, pred, dst: xmms.next(), src: m });
    }
  }
  for (const op of Object.keys(SSE_BLENDV) as SseBlendvOp[]) {
    for (const dst of XMMS) e({ kind: 'sse_blendv', op, dst, src: xmms.next() });
    for (const m of someMems(8)) e({ kind: 'sse_blendv', op, dst: xmms.next(), src: m });
  }
  for (const op of Object.keys(SSE_SHIFT_IMM) as SseShiftImmOp[]) {
    for (const dst of XMMS) e({ kind: 'sse_shift_imm', op, dst, count: SIMD_COUNTS[dst % SIMD_COUNTS.length]! });
    for (const count of SIMD_COUNTS) e({ kind: 'sse_shift_imm', op, dst: xmms.next(), count });
  }
  for (const op of Object.keys(PINSR) as PinsrOp[]) {
    for (const src of GPRS) e({ kind: 'pinsr', op, dst: xmms.next(), src, lane: lanes.next() });
    for (const dst of XMMS) e({ kind: 'pinsr', op, dst, src: gprs.next(), lane: lanes.next() });
    for (const m of someMems(8)) e({ kind: 'pinsr', op, dst: xmms.next(), src: m, lane: lanes.next() });
  }
  for (const op of Object.keys(PEXTR) as PextrOp[]) {
    for (const dst of GPRS) e({ kind: 'pextr', op, dst, src: xmms.next(), lane: lanes.next() });
    for (const src of XMMS) e({ kind: 'pextr', op, dst: gprs.next(), src, lane: lanes.next() });
    for (const m of someMems(8)) e({ kind: 'pextr', op, dst: m, src: xmms.next(), lane: lanes.next() });
  }
  for (const op of Object.keys(MOVMSK) as MovmskOp[]) {
    for (const dst of GPRS) e({ kind: 'movmsk', op, dst, src: xmms.next() });
    for (const src of XMMS) e({ kind: 'movmsk', op, dst: gprs.next(), src });
  }
}
