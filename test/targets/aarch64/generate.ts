/**
 * Generates a large set of A64 instructions for the objdump cross-check: every kind and every
 * table op at both widths, every register in every register field of every kind (x0-x30 and,
 * where the field allows it, sp or xzr; v0-v31), every addressing mode with boundary offsets,
 * every condition, every fmov immediate, bitfield immr/imms pairs that reach every alias, the
 * edges of every immediate, the constant materialiser's sequences and the Advanced SIMD forms
 * of generate-simd.ts. Operands rotate through their lists so that each value is used without
 * a full product; `registerSweeps` then walks each register field of one instruction per kind
 * through every register.
 */

import type { Assembler } from '../../../targets/aarch64/asm.js';
import {
  addImm, bitIndex, extendAmount, fpImm, expandFpImm, imm16, logicalImm32, logicalImm64, nzcv, shiftAmount, uimm5, type AccessSize,
  type FpImm8,
} from '../../../targets/aarch64/imm.js';
import type { Inst, LdStOp } from '../../../targets/aarch64/inst.js';
import { generateSimd, simdSweepTemplates } from './generate-simd.js';
import { materialize } from '../../../targets/aarch64/materialize.js';
import {
  CONDS, EXTENDS, memIndex, memOffset, memPost, memPre, memUnscaled, pairAddr, type Addr, type IndexExtend, type Label,
} from '../../../targets/aarch64/operands.js';
import { GPRS, SP, VREGS, XZR, X30, type Gpr, type GprSp, type GprZr, type Vreg, type W } from '../../../targets/aarch64/regs.js';
import {
  ADD_SUB, BITFIELD, CACHE_OPS, CCMP, CSEL, CVT, DP1, DP2, FCCMP, FCMP, FP1, FP2, LOGIC, LOGIC_IMM, MOV_WIDE, MUL, REDUCE,
} from '../../../targets/aarch64/tables.js';

const WS: readonly W[] = [32, 64];
const FWS = [32, 64] as const;

/** A rotating picker: `next()` walks the list, wrapping around. */
class Cycle<T> {
  private k: number;
  constructor(private readonly items: readonly T[], start = 0) {
    this.k = start;
  }
  next(): T {
    return this.items[this.k++ % this.items.length]!;
  }
}

const keys = <T extends object>(o: T): (keyof T)[] => Object.keys(o) as (keyof T)[];

/** x0-x30 then sp: every register of a field where 31 is SP. */
const WITH_SP: readonly GprSp[] = [...GPRS, SP];
/** x0-x30 then xzr: every register of a field where 31 is the zero register. */
const WITH_ZR: readonly GprZr[] = [...GPRS, XZR];

/** Bitmask immediates of every element size and rotation style, per width. */
const LOGICAL_32 = [0x1, 0xff, 0x80000000, 0xfffffffe, 0x7fffffff, 0x0ff00ff0, 0x55555555, 0xaaaaaaaa, 0x00ff00ff, 0xf000000f, 0x3c3c3c3c, 0x0000fff0, 0xffff0000];
const LOGICAL_64 = [
  0x1n, 0xffn, 0x8000000000000000n, 0xfffffffffffffffen, 0x7fffffffffffffffn, 0x5555555555555555n, 0x00ff00ff00ff00ffn,
  0xff00ff00ff00ff00n, 0x0000ffff0000ffffn, 0xffffffff00000000n, 0xf00000000000000fn, 0x0000000000fff000n, 0x00000000ffffffffn,
  0xffff000000000000n, 0x0000fffffffff000n, 0x1111111111111111n, 0xfffffffffffff001n,
];

const IMM9 = [-256, -255, -1, 0, 1, 8, 255];

/** Emit the whole generated set into `asm`. */
export function generateAll(asm: Assembler): void {
  const back = asm.newLabel();
  const forward = asm.newLabel();
  asm.bind(back);
  const e = (i: Inst): void => asm.emit(i);
  const xs = new Cycle(GPRS, 3);
  const zr = new Cycle(WITH_ZR, 7);
  const sp = new Cycle(WITH_SP, 11);
  const vs = new Cycle(VREGS, 5);
  const vs2 = new Cycle(VREGS, 17);
  const labels = new Cycle<Label>([back, forward]);

  integerImmediates(e, zr, sp);
  integerRegisters(e, zr, sp);
  bitfields(e, zr);
  conditionals(e, zr);
  loadsAndStores(e, zr, sp, vs, labels);
  control(e, xs, zr, labels);
  floating(e, zr, vs, vs2);
  constants(e);
  registerSweeps(e, sweepTemplates(back));

  asm.bind(forward);
  e({ kind: 'nop' });
  // no branches from here on (tbz's ±32 KiB must reach both labels above)
  generateSimd(e);
  registerSweeps(e, simdSweepTemplates());
}

type Emit = (i: Inst) => void;

function integerImmediates(e: Emit, zr: Cycle<GprZr>, sp: Cycle<GprSp>): void {
  // add/sub immediate: every register in rd and rn, both immediate shifts and their edges
  const IMMS = [0, 1, 0x10, 0xfff, 0x1000, 0x5000, 0xfff000].map(addImm);
  for (const op of keys(ADD_SUB)) {
    for (const w of WS) {
      const flags = ADD_SUB[op].s === 1;
      for (const rd of flags ? WITH_ZR : WITH_SP) {
        const imm = IMMS[rd % IMMS.length]!;
        if (flags) e({ kind: 'add_imm', op: op as 'adds' | 'subs', w, rd: rd as GprZr, rn: sp.next(), imm });
        else e({ kind: 'add_imm', op: op as 'add' | 'sub', w, rd: rd as GprSp, rn: sp.next(), imm });
      }
      for (const rn of WITH_SP) {
        if (flags) e({ kind: 'add_imm', op: op as 'adds' | 'subs', w, rd: zr.next(), rn, imm: IMMS[rn % IMMS.length]! });
        else e({ kind: 'add_imm', op: op as 'add' | 'sub', w, rd: sp.next(), rn, imm: IMMS[rn % IMMS.length]! });
      }
      // the mov alias: add of #0 with sp on either side
      if (!flags) for (const [rd, rn] of [[SP, GPRS[1]!], [GPRS[2]!, SP], [SP, SP]] as [GprSp, GprSp][]) e({ kind: 'add_imm', op: op as 'add' | 'sub', w, rd, rn, imm: addImm(0) });
    }
  }
  // logical immediate: every pattern, with sp/xzr where they change the alias (mov, tst)
  for (const op of keys(LOGIC_IMM)) {
    for (const v of LOGICAL_32) {
      const imm = logicalImm32(v);
      if (op === 'ands') e({ kind: 'logic_imm', op, w: 32, rd: zr.next(), rn: zr.next(), imm });
      else e({ kind: 'logic_imm', op, w: 32, rd: sp.next(), rn: zr.next(), imm });
    }
    for (const v of LOGICAL_64) {
      const imm = logicalImm64(v);
      if (op === 'ands') e({ kind: 'logic_imm', op, w: 64, rd: zr.next(), rn: zr.next(), imm });
      else e({ kind: 'logic_imm', op, w: 64, rd: sp.next(), rn: zr.next(), imm });
    }
  }
  for (const v of LOGICAL_32) e({ kind: 'logic_imm', op: 'orr', w: 32, rd: GPRS[v & 15]!, rn: XZR, imm: logicalImm32(v) });
  for (const v of LOGICAL_64) e({ kind: 'logic_imm', op: 'orr', w: 64, rd: SP, rn: XZR, imm: logicalImm64(v) });
  for (const v of LOGICAL_64) e({ kind: 'logic_imm', op: 'ands', w: 64, rd: XZR, rn: zr.next(), imm: logicalImm64(v) });
  // move wide: every op, shift and width, chunk edges, every destination
  const CHUNKS = [0, 1, 0x8000, 0xfffe, 0xffff, 0x1234];
  for (const op of keys(MOV_WIDE)) {
    for (const w of WS) {
      for (let shift = 0; shift < w; shift += 16) {
        for (const c of CHUNKS) {
          const imm = imm16(c);
          if (w === 32) e({ kind: 'mov_wide', op, w, rd: zr.next(), imm, shift: shift as 0 | 16 });
          else e({ kind: 'mov_wide', op, w, rd: zr.next(), imm, shift: shift as 0 | 16 | 32 | 48 });
        }
      }
    }
  }
  for (const rd of WITH_ZR) e({ kind: 'mov_wide', op: 'movz', w: 64, rd, imm: imm16(rd), shift: 16 });
}

function integerRegisters(e: Emit, zr: Cycle<GprZr>, sp: Cycle<GprSp>): void {
  // add/sub shifted register: every shift with its edges; xzr in each field (cmp, cmn, neg, negs)
  for (const op of keys(ADD_SUB)) {
    for (const w of WS) {
      for (const shift of ['lsl', 'lsr', 'asr'] as const) {
        for (const n of [0, 1, w - 1]) e({ kind: 'add_reg', op, w, rd: zr.next(), rn: zr.next(), rm: zr.next(), shift, amount: shiftAmount(n, w) });
      }
      for (const r of WITH_ZR) e({ kind: 'add_reg', op, w, rd: r, rn: zr.next(), rm: zr.next() });
      for (const r of WITH_ZR) e({ kind: 'add_reg', op, w, rd: zr.next(), rn: r, rm: zr.next(), shift: 'lsl', amount: shiftAmount(r % w, w) });
      for (const r of WITH_ZR) e({ kind: 'add_reg', op, w, rd: zr.next(), rn: zr.next(), rm: r });
      e({ kind: 'add_reg', op, w, rd: XZR, rn: XZR, rm: zr.next() });
    }
  }
  // add/sub extended register: every extend and shift, sp in rd and rn (the lsl display)
  for (const op of keys(ADD_SUB)) {
    const flags = ADD_SUB[op].s === 1;
    for (const w of WS) {
      for (const extend of EXTENDS) {
        for (let n = 0; n <= 4; n++) {
          const amount = extendAmount(n);
          const rn = n % 2 === 0 ? SP : sp.next();
          if (flags) e({ kind: 'add_ext', op: op as 'adds' | 'subs', w, rd: n === 3 ? XZR : zr.next(), rn, rm: zr.next(), extend, amount });
          else e({ kind: 'add_ext', op: op as 'add' | 'sub', w, rd: n === 1 ? SP : sp.next(), rn, rm: zr.next(), extend, amount });
        }
      }
    }
  }
  // logical shifted register: every op, shift (with ror) and edge; xzr where aliases start
  for (const op of keys(LOGIC)) {
    for (const w of WS) {
      for (const shift of ['lsl', 'lsr', 'asr', 'ror'] as const) {
        for (const n of [0, 1, w - 1]) e({ kind: 'logic_reg', op, w, rd: zr.next(), rn: zr.next(), rm: zr.next(), shift, amount: shiftAmount(n, w) });
      }
      e({ kind: 'logic_reg', op, w, rd: zr.next(), rn: XZR, rm: zr.next() });
      e({ kind: 'logic_reg', op, w, rd: zr.next(), rn: XZR, rm: zr.next(), shift: 'lsl', amount: shiftAmount(2, w) });
      e({ kind: 'logic_reg', op, w, rd: zr.next(), rn: XZR, rm: zr.next(), shift: 'lsr', amount: shiftAmount(0, w) });
      e({ kind: 'logic_reg', op, w, rd: XZR, rn: zr.next(), rm: zr.next(), shift: 'asr', amount: shiftAmount(3, w) });
      e({ kind: 'logic_reg', op, w, rd: XZR, rn: zr.next(), rm: zr.next() });
    }
  }
  for (const r of WITH_ZR) e({ kind: 'logic_reg', op: 'orr', w: 64, rd: r, rn: XZR, rm: zr.next() });
  for (const r of WITH_ZR) e({ kind: 'logic_reg', op: 'eor', w: 32, rd: zr.next(), rn: r, rm: zr.next() });
  // multiply, divide, shifts by register, one-source ops
  for (const op of keys(MUL)) {
    for (const w of WS) {
      if (op === 'smulh' || op === 'umulh') {
        if (w === 64) for (let k = 0; k < 8; k++) e({ kind: 'mulh', op, rd: zr.next(), rn: zr.next(), rm: zr.next() });
        continue;
      }
      const mulOp = op as 'madd' | 'msub';
      for (let k = 0; k < 8; k++) e({ kind: 'mul', op: mulOp, w, rd: zr.next(), rn: zr.next(), rm: zr.next(), ra: k % 2 === 0 ? XZR : zr.next() });
    }
  }
  for (const r of WITH_ZR) e({ kind: 'mul', op: 'madd', w: 64, rd: zr.next(), rn: zr.next(), rm: zr.next(), ra: r });
  for (const op of keys(DP2)) for (const w of WS) for (let k = 0; k < 6; k++) e({ kind: 'dp2', op, w, rd: zr.next(), rn: zr.next(), rm: zr.next() });
  for (const op of keys(DP1)) {
    for (const w of WS) {
      if (w === 32 && DP1[op].w32 === null) continue;
      for (let k = 0; k < 4; k++) e({ kind: 'dp1', op, w, rd: zr.next(), rn: zr.next() });
    }
  }
  // extr and ror
  for (const w of WS) {
    for (const n of [0, 1, 7, w - 1]) {
      const lsb = shiftAmount(n, w);
      e({ kind: 'extr', w, rd: zr.next(), rn: GPRS[n % 31]!, rm: GPRS[(n + 1) % 31]!, lsb });
      const r = zr.next();
      e({ kind: 'extr', w, rd: zr.next(), rn: r, rm: r, lsb });
    }
  }
}

/** immr/imms pairs that reach every sbfm/ubfm/bfm alias: both edges, the extension widths, lsl's imms+1 = immr. */
function bitfields(e: Emit, zr: Cycle<GprZr>): void {
  for (const op of keys(BITFIELD)) {
    for (const w of WS) {
      const edges = w === 32 ? [0, 1, 7, 8, 15, 16, 30, 31] : [0, 1, 7, 15, 16, 31, 32, 62, 63];
      for (const immr of edges) {
        for (const imms of edges) {
          e({ kind: 'bitfield', op, w, rd: zr.next(), rn: zr.next(), immr: shiftAmount(immr, w), imms: shiftAmount(imms, w) });
        }
      }
      for (let n = 1; n < w; n += 5) e({ kind: 'bitfield', op, w, rd: zr.next(), rn: zr.next(), immr: shiftAmount(n, w), imms: shiftAmount(n - 1, w) });
      e({ kind: 'bitfield', op, w, rd: zr.next(), rn: XZR, immr: shiftAmount(4, w), imms: shiftAmount(3, w) });
      e({ kind: 'bitfield', op, w, rd: zr.next(), rn: XZR, immr: shiftAmount(3, w), imms: shiftAmount(4, w) });
    }
  }
}

function conditionals(e: Emit, zr: Cycle<GprZr>): void {
  for (const op of keys(CSEL)) {
    for (const w of WS) {
      for (const cond of CONDS) {
        e({ kind: 'csel', op, w, rd: zr.next(), rn: GPRS[1]!, rm: GPRS[2]!, cond });
        const r = zr.next();
        e({ kind: 'csel', op, w, rd: zr.next(), rn: r, rm: r, cond });
        e({ kind: 'csel', op, w, rd: zr.next(), rn: XZR, rm: XZR, cond });
      }
    }
  }
  for (const op of keys(CCMP)) {
    for (const w of WS) {
      CONDS.forEach((cond, k) => {
        e({ kind: 'ccmp', op, w, rn: zr.next(), rm: zr.next(), nzcv: nzcv(k), cond });
        e({ kind: 'ccmp_imm', op, w, rn: zr.next(), imm: uimm5((k * 7) % 32), nzcv: nzcv(15 - k), cond });
      });
      e({ kind: 'ccmp_imm', op, w, rn: zr.next(), imm: uimm5(31), nzcv: nzcv(15), cond: 'eq' });
    }
  }
}

/** Every addressing mode with its boundary offsets for an access of `size` bytes (`base` rotating, sp included). */
function addresses(size: AccessSize, sp: Cycle<GprSp>, zr: Cycle<GprZr>): Addr[] {
  const out: Addr[] = [];
  for (const bytes of [0, size, 4095 * size, 100 * size]) out.push(memOffset(sp.next(), bytes, size));
  for (const bytes of IMM9) out.push(memUnscaled(sp.next(), bytes));
  for (const bytes of [-256, 0, 16, 255]) {
    out.push(memPre(sp.next(), bytes));
    out.push(memPost(sp.next(), bytes));
  }
  for (const extend of ['lsl', 'uxtw', 'sxtw', 'sxtx'] as IndexExtend[]) {
    out.push(memIndex(sp.next(), zr.next(), extend, false));
    out.push(memIndex(sp.next(), zr.next(), extend, true));
  }
  return out;
}

const GPR_LDST: readonly [LdStOp, W][] = [
  ['strb', 32], ['strh', 32], ['ldrb', 32], ['ldrh', 32], ['str', 32], ['str', 64], ['ldr', 32], ['ldr', 64],
  ['ldrsb', 32], ['ldrsb', 64], ['ldrsh', 32], ['ldrsh', 64], ['ldrsw', 64],
];

function loadsAndStores(e: Emit, zr: Cycle<GprZr>, sp: Cycle<GprSp>, vs: Cycle<Vreg>, labels: Cycle<Label>): void {
  for (const [op, w] of GPR_LDST) {
    const size: AccessSize = op.endsWith('b') ? 1 : op.endsWith('h') ? 2 : op === 'ldrsw' ? 4 : w === 64 ? 8 : 4;
    for (const addr of addresses(size, sp, zr)) e({ kind: 'ldst', op, w, rt: zr.next(), addr } as Inst);
  }
  // every base register and every transfer register once
  for (const base of WITH_SP) e({ kind: 'ldst', op: 'ldr', w: 64, rt: zr.next(), addr: memOffset(base, 8 * (base % 8), 8) });
  for (const rt of WITH_ZR) e({ kind: 'ldst', op: 'str', w: 32, rt, addr: memPre(sp.next(), -4) });
  for (const index of WITH_ZR) e({ kind: 'ldst', op: 'ldrh', w: 32, rt: zr.next(), addr: memIndex(sp.next(), index, 'uxtw', true) });
  for (const op of ['ldr', 'str'] as const) {
    for (const fw of [32, 64, 128] as const) {
      for (const addr of addresses((fw / 8) as AccessSize, sp, zr)) e({ kind: 'fldst', op, fw, rt: vs.next(), addr });
    }
  }
  // pairs: every mode, offset edges, both register files
  for (const op of ['ldp', 'stp'] as const) {
    for (const mode of ['offset', 'pre', 'post'] as const) {
      for (const w of WS) {
        const size = (w / 8) as 4 | 8;
        for (const k of [-64, -1, 0, 1, 63]) e({ kind: 'ldst_pair', op, w, rt: zr.next(), rt2: zr.next(), addr: pairAddr(mode, sp.next(), k * size, size) });
      }
      for (const fw of [32, 64, 128] as const) {
        const size = (fw / 8) as 4 | 8 | 16;
        for (const k of [-64, 0, 2, 63]) e({ kind: 'fldst_pair', op, fw, rt: vs.next(), rt2: vs.next(), addr: pairAddr(mode, sp.next(), k * size, size) });
      }
    }
  }
  for (const rt of WITH_ZR) e({ kind: 'ldst_pair', op: 'stp', w: 64, rt, rt2: zr.next(), addr: pairAddr('pre', SP, -16, 8) });
  // literals
  for (const w of WS) for (let k = 0; k < 4; k++) e({ kind: 'ldr_lit', op: 'ldr', w, rt: zr.next(), target: labels.next() });
  for (let k = 0; k < 4; k++) e({ kind: 'ldr_lit', op: 'ldrsw', w: 64, rt: zr.next(), target: labels.next() });
  for (const fw of [32, 64, 128] as const) for (let k = 0; k < 4; k++) e({ kind: 'fldr_lit', fw, rt: vs.next(), target: labels.next() });
}

function control(e: Emit, xs: Cycle<Gpr>, zr: Cycle<GprZr>, labels: Cycle<Label>): void {
  for (let k = 0; k < 4; k++) {
    e({ kind: 'b', target: labels.next() });
    e({ kind: 'bl', target: labels.next() });
  }
  e({ kind: 'b', target: 'kiln_tail' });
  e({ kind: 'bl', target: 'f1' });
  for (const cond of CONDS) {
    e({ kind: 'b_cond', cond, target: labels.next() });
    e({ kind: 'b_cond', cond, target: labels.next() });
  }
  for (const op of ['cbz', 'cbnz'] as const) for (const w of WS) for (let k = 0; k < 6; k++) e({ kind: 'cbz', op, w, rt: zr.next(), target: labels.next() });
  for (const op of ['tbz', 'tbnz'] as const) {
    for (const bit of [0, 1, 5, 31, 32, 33, 63]) e({ kind: 'tbz', op, rt: zr.next(), bit: bitIndex(bit), target: labels.next() });
  }
  for (const op of ['br', 'blr', 'ret'] as const) for (let k = 0; k < 4; k++) e({ kind: 'br', op, rn: xs.next() });
  e({ kind: 'br', op: 'ret', rn: X30 });
  for (const rd of GPRS) e({ kind: 'adr', rd, target: labels.next() });
  for (let k = 0; k < 4; k++) e({ kind: 'adrp', rd: xs.next(), symbol: 'data' });
  for (let k = 0; k < 4; k++) e({ kind: 'add_lo12', rd: xs.next(), rn: xs.next(), symbol: 'data' });
  e({ kind: 'nop' });
  e({ kind: 'isb' });
  for (const v of [0, 1, 0x3e8, 0xf000, 0xffff]) {
    e({ kind: 'brk', imm: imm16(v) });
    e({ kind: 'udf', imm: imm16(v) });
    e({ kind: 'svc', imm: imm16(v) });
  }
  for (const op of ['dmb', 'dsb'] as const) for (const option of ['ish', 'ishld', 'ishst', 'sy'] as const) e({ kind: 'barrier', op, option });
  for (const reg of ['fpcr', 'fpsr'] as const) {
    e({ kind: 'mrs', rt: zr.next(), reg });
    e({ kind: 'msr', reg, rt: zr.next() });
  }
  e({ kind: 'mrs', rt: zr.next(), reg: 'ctr_el0' });
  for (const op of keys(CACHE_OPS)) for (let k = 0; k < 4; k++) e({ kind: 'cache', op, rt: xs.next() });
}

function floating(e: Emit, zr: Cycle<GprZr>, vs: Cycle<Vreg>, vs2: Cycle<Vreg>): void {
  // every fmov immediate at both precisions
  for (const fw of FWS) for (let imm8 = 0; imm8 < 256; imm8++) e({ kind: 'fmov_imm', fw, rd: vs.next(), imm: fpImm(expandFpImm(imm8)) as FpImm8 });
  for (const fw of FWS) {
    for (const op of keys(FP1)) for (let k = 0; k < 3; k++) e({ kind: 'fp1', op, fw, rd: vs.next(), rn: vs2.next() });
    for (const op of keys(FP2)) for (let k = 0; k < 3; k++) e({ kind: 'fp2', op, fw, rd: vs.next(), rn: vs2.next(), rm: vs.next() });
    for (const op of keys(FCMP)) {
      e({ kind: 'fcmp', op, fw, rn: vs.next(), rm: vs2.next() });
      e({ kind: 'fcmp', op, fw, rn: vs.next(), rm: 'zero' });
    }
    for (const op of keys(FCCMP)) CONDS.forEach((cond, k) => e({ kind: 'fccmp', op, fw, rn: vs.next(), rm: vs2.next(), nzcv: nzcv(k), cond }));
    for (const cond of CONDS) e({ kind: 'fcsel', fw, rd: vs.next(), rn: vs2.next(), rm: vs.next(), cond });
    e({ kind: 'fcvt', fw, rd: vs.next(), rn: vs2.next() });
    for (const w of WS) {
      for (const op of keys(CVT)) {
        if (op === 'scvtf' || op === 'ucvtf') e({ kind: 'cvt_i2f', op, w, fw, rd: vs.next(), rn: zr.next() });
        else e({ kind: 'cvt_f2i', op, w, fw, rd: zr.next(), rn: vs.next() });
      }
    }
  }
  for (const v of VREGS) {
    e({ kind: 'fp1', op: 'fmov', fw: 64, rd: v, rn: vs2.next() });
    e({ kind: 'fp2', op: 'fadd', fw: 32, rd: vs.next(), rn: v, rm: vs2.next() });
    e({ kind: 'fp2', op: 'fsub', fw: 64, rd: vs.next(), rn: vs2.next(), rm: v });
  }
  for (const w of WS) {
    for (let k = 0; k < 4; k++) {
      e({ kind: 'fmov_to_fp', w, rd: vs.next(), rn: zr.next() });
      e({ kind: 'fmov_from_fp', w, rd: zr.next(), rn: vs.next() });
    }
  }
  for (let k = 0; k < 4; k++) {
    e({ kind: 'cnt', rd: vs.next(), rn: vs2.next() });
    for (const op of keys(REDUCE)) e({ kind: 'reduce', op, rd: vs.next(), rn: vs2.next() });
  }
}

/** The constant materialiser's sequences for values of every shape (its mov aliases and comments). */
function constants(e: Emit): void {
  const VALUES = [
    0n, 1n, -1n, 0xffffn, 0x10000n, 0x12345678n, 0x80000000n, 0xffffffffn, 0x100000000n, 0x5555555555555555n,
    0x5555555555551234n, 0x123400ff00ff5678n, 0x123456789abcdef0n, 0xffffffff12345678n, -0x8000000000000000n, 0x7fffffffffffffffn,
    0xffff0000ffff0000n, 0x0000ffff00001234n,
  ];
  VALUES.forEach((v, k) => {
    const rd = GPRS[k % 31]!;
    for (const w of WS) for (const i of materialize(rd, v, w)) e(i);
  });
}

/** What a register field holds: 31 as sp, 31 as the zero register, x0-x30 only, or v0-v31. */
type FieldClass = 'sp' | 'zr' | 'x' | 'v';

const CLASS_VALUES: Readonly<Record<FieldClass, readonly number[]>> = { sp: WITH_SP, zr: WITH_ZR, x: GPRS, v: VREGS };

/** One instruction per kind (and per register typing of its op), with the class of each register field. */
function sweepTemplates(l: Label): [Inst, Record<string, FieldClass>][] {
  const [a, b, c, d] = [GPRS[1]!, GPRS[2]!, GPRS[3]!, GPRS[4]!];
  const [va, vb, vc] = [VREGS[1]!, VREGS[2]!, VREGS[3]!];
  const zrx = { rd: 'zr', rn: 'zr', rm: 'zr' } as const;
  const fp3 = { rd: 'v', rn: 'v', rm: 'v' } as const;
  return [
    [{ kind: 'add_imm', op: 'add', w: 64, rd: a, rn: b, imm: addImm(8) }, { rd: 'sp', rn: 'sp' }],
    [{ kind: 'add_imm', op: 'subs', w: 32, rd: a, rn: b, imm: addImm(8) }, { rd: 'zr', rn: 'sp' }],
    [{ kind: 'add_reg', op: 'sub', w: 64, rd: a, rn: b, rm: c, shift: 'asr', amount: shiftAmount(3, 64) }, zrx],
    [{ kind: 'add_ext', op: 'add', w: 64, rd: a, rn: b, rm: c, extend: 'sxtw', amount: extendAmount(2) }, { rd: 'sp', rn: 'sp', rm: 'zr' }],
    [{ kind: 'add_ext', op: 'subs', w: 32, rd: a, rn: b, rm: c, extend: 'uxth' }, { rd: 'zr', rn: 'sp', rm: 'zr' }],
    [{ kind: 'logic_imm', op: 'eor', w: 64, rd: a, rn: b, imm: logicalImm64(0xff0n) }, { rd: 'sp', rn: 'zr' }],
    [{ kind: 'logic_imm', op: 'ands', w: 32, rd: a, rn: b, imm: logicalImm32(0x3c) }, { rd: 'zr', rn: 'zr' }],
    [{ kind: 'logic_reg', op: 'bic', w: 32, rd: a, rn: b, rm: c, shift: 'ror', amount: shiftAmount(7, 32) }, zrx],
    [{ kind: 'mov_wide', op: 'movk', w: 64, rd: a, imm: imm16(0xbeef), shift: 48 }, { rd: 'zr' }],
    [{ kind: 'bitfield', op: 'sbfm', w: 64, rd: a, rn: b, immr: shiftAmount(4, 64), imms: shiftAmount(20, 64) }, { rd: 'zr', rn: 'zr' }],
    [{ kind: 'extr', w: 32, rd: a, rn: b, rm: c, lsb: shiftAmount(9, 32) }, zrx],
    [{ kind: 'mul', op: 'msub', w: 64, rd: a, rn: b, rm: c, ra: d }, { ...zrx, ra: 'zr' }],
    [{ kind: 'mulh', op: 'umulh', rd: a, rn: b, rm: c }, zrx],
    [{ kind: 'dp2', op: 'asrv', w: 32, rd: a, rn: b, rm: c }, zrx],
    [{ kind: 'dp1', op: 'clz', w: 32, rd: a, rn: b }, { rd: 'zr', rn: 'zr' }],
    [{ kind: 'csel', op: 'csel', w: 64, rd: a, rn: b, rm: c, cond: 'gt' }, zrx],
    [{ kind: 'ccmp', op: 'ccmn', w: 32, rn: a, rm: b, nzcv: nzcv(9), cond: 'le' }, { rn: 'zr', rm: 'zr' }],
    [{ kind: 'ccmp_imm', op: 'ccmp', w: 64, rn: a, imm: uimm5(17), nzcv: nzcv(2), cond: 'mi' }, { rn: 'zr' }],
    [{ kind: 'ldst', op: 'ldrsh', w: 64, rt: a, addr: memOffset(b, 6, 2) }, { rt: 'zr', 'addr.base': 'sp' }],
    [{ kind: 'ldst', op: 'strb', w: 32, rt: a, addr: memIndex(b, c, 'sxtw', true) }, { rt: 'zr', 'addr.base': 'sp', 'addr.index': 'zr' }],
    [{ kind: 'fldst', op: 'str', fw: 64, rt: va, addr: memPost(b, -24) }, { rt: 'v', 'addr.base': 'sp' }],
    [{ kind: 'ldst_pair', op: 'ldp', w: 32, rt: a, rt2: b, addr: pairAddr('pre', c, 8, 4) }, { rt: 'zr', rt2: 'zr', 'addr.base': 'sp' }],
    [{ kind: 'fldst_pair', op: 'stp', fw: 64, rt: va, rt2: vb, addr: pairAddr('offset', c, -8, 8) }, { rt: 'v', rt2: 'v', 'addr.base': 'sp' }],
    [{ kind: 'ldr_lit', op: 'ldrsw', w: 64, rt: a, target: l }, { rt: 'zr' }],
    [{ kind: 'fldr_lit', fw: 32, rt: va, target: l }, { rt: 'v' }],
    [{ kind: 'cbz', op: 'cbnz', w: 32, rt: a, target: l }, { rt: 'zr' }],
    [{ kind: 'tbz', op: 'tbz', rt: a, bit: bitIndex(44), target: l }, { rt: 'zr' }],
    [{ kind: 'br', op: 'blr', rn: a }, { rn: 'x' }],
    [{ kind: 'adr', rd: a, target: l }, { rd: 'x' }],
    [{ kind: 'adrp', rd: a, symbol: 'data' }, { rd: 'x' }],
    [{ kind: 'add_lo12', rd: a, rn: b, symbol: 'data' }, { rd: 'sp', rn: 'sp' }],
    [{ kind: 'mrs', rt: a, reg: 'fpsr' }, { rt: 'zr' }],
    [{ kind: 'msr', reg: 'fpcr', rt: a }, { rt: 'zr' }],
    [{ kind: 'cache', op: 'dc_cvau', rt: a }, { rt: 'x' }],
    [{ kind: 'cache', op: 'ic_ivau', rt: a }, { rt: 'x' }],
    [{ kind: 'fmov_imm', fw: 32, rd: va, imm: fpImm(-2.5) }, { rd: 'v' }],
    [{ kind: 'fp1', op: 'frintx', fw: 64, rd: va, rn: vb }, { rd: 'v', rn: 'v' }],
    [{ kind: 'fp2', op: 'fdiv', fw: 32, rd: va, rn: vb, rm: vc }, fp3],
    [{ kind: 'fcmp', op: 'fcmpe', fw: 64, rn: va, rm: vb }, { rn: 'v', rm: 'v' }],
    [{ kind: 'fccmp', op: 'fccmpe', fw: 32, rn: va, rm: vb, nzcv: nzcv(5), cond: 'pl' }, { rn: 'v', rm: 'v' }],
    [{ kind: 'fcsel', fw: 32, rd: va, rn: vb, rm: vc, cond: 'vc' }, fp3],
    [{ kind: 'fcvt', fw: 32, rd: va, rn: vb }, { rd: 'v', rn: 'v' }],
    [{ kind: 'cvt_i2f', op: 'ucvtf', w: 64, fw: 64, rd: va, rn: b }, { rd: 'v', rn: 'zr' }],
    [{ kind: 'cvt_f2i', op: 'fcvtms', w: 32, fw: 64, rd: a, rn: vb }, { rd: 'zr', rn: 'v' }],
    [{ kind: 'fmov_to_fp', w: 64, rd: va, rn: b }, { rd: 'v', rn: 'zr' }],
    [{ kind: 'fmov_from_fp', w: 32, rd: a, rn: vb }, { rd: 'zr', rn: 'v' }],
    [{ kind: 'cnt', rd: va, rn: vb }, { rd: 'v', rn: 'v' }],
    [{ kind: 'reduce', op: 'uaddlv', rd: va, rn: vb }, { rd: 'v', rn: 'v' }],
    [{ kind: 'fldr_lit', fw: 128, rt: va, target: l }, { rt: 'v' }],
    [{ kind: 'fldst', op: 'ldr', fw: 128, rt: va, addr: memIndex(b, c, 'lsl', true) }, { rt: 'v', 'addr.base': 'sp', 'addr.index': 'zr' }],
  ];
}

/** `inst` with register field `path` ('rd', or 'addr.base') set to `value`. */
function withField(inst: Inst, path: string, value: number): Inst {
  const [head, sub] = path.split('.') as [string, string | undefined];
  const record = inst as unknown as Record<string, unknown>;
  if (sub === undefined) return { ...record, [head]: value } as unknown as Inst;
  return { ...record, [head]: { ...(record[head] as object), [sub]: value } } as unknown as Inst;
}

/** Every legal register (x0-x30 with sp or xzr as the field allows, or v0-v31) in every register field of every kind. */
function registerSweeps(e: Emit, templates: readonly [Inst, Record<string, FieldClass>][]): void {
  for (const [template, fields] of templates) {
    for (const [path, cls] of Object.entries(fields)) for (const r of CLASS_VALUES[cls]) e(withField(template, path, r));
  }
}
