/**
 * Prints A64 instructions exactly as `aarch64-linux-gnu-objdump -d` (GNU binutils 2.40) shows
 * them, so that a listing and objdump's output can be compared line by line:
 * - the mnemonic, a tab, then operands joined by ", "; an instruction without operands is the
 *   bare mnemonic;
 * - objdump's preferred aliases (Arm ARM "preferred disassembly"): mov, mvn, neg(s), cmp, cmn,
 *   tst, mul, mneg, lsl/lsr/asr/ror, sxt*, uxt*, [su]bfx, [su]bfiz, bfi, bfxil, bfc, cset(m),
 *   cinc, cinv, cneg, ret without x30;
 * - immediates in hex (`#0x10`, `lsl #12`), load/store offsets, shift amounts, bit positions
 *   and udf payloads in decimal, floating-point immediates as `%.18e`;
 * - branch, literal and adr targets as absolute offsets in hex (`-b binary` has no symbols);
 *   adrp shows the target page (its own page while the relocation is unresolved);
 * - objdump's comments: `\t// #<decimal>` after a mov of an immediate (whose hex is padded to
 *   20 digits), `\t// <cond> = <other names>` after a condition that has other names, and
 *   `  // b.<other names>` after such a b.cond.
 * Addresses come from a PrintContext: where the instruction is and where labels are. The
 * Advanced SIMD vector kinds are printed by print-simd.ts (SIMD_PRINTERS).
 */

import { decodeLogicalImm, expandFpImm } from './imm.js';
import type { Inst, InstKind, InstOf } from './inst.js';
import { invertCond, type Addr, type Cond, type Label, type PairAddr } from './operands.js';
import { gprName, SP, vName, XZR, X30, type GprSp, type GprZr, type Vreg, type W } from './regs.js';
import { SIMD_PRINTERS } from './print-simd.js';
import { fpText, hex, line } from './print-text.js';
import { CACHE_OPS, DP2, LDST, REDUCE } from './tables.js';

export interface PrintContext {
  /** Offset of the instruction. */
  readonly addr: number;
  /** Offset a label is bound to. */
  labelOffset(label: Label): number;
}

type Printers = { readonly [K in InstKind]: (i: InstOf<K>, c: PrintContext) => string };

/** The objdump text of one instruction. */
export function printInst(inst: Inst, ctx: PrintContext): string {
  return (PRINTERS[inst.kind] as (i: Inst, c: PrintContext) => string)(inst, ctx);
}

/** The other names objdump lists for a condition (binutils' condition table). */
const COND_ALIASES: Readonly<Partial<Record<Cond, string>>> = {
  eq: 'none', ne: 'any', cs: 'hs, nlast', cc: 'lo, ul, last', mi: 'first', pl: 'nfrst', hi: 'pmore', ls: 'plast', ge: 'tcont', lt: 'tstop',
};

/** An instruction whose last operand is a condition, with objdump's comment on it. */
function withCond(mnemonic: string, c: Cond, ...operands: string[]): string {
  const text = line(mnemonic, ...operands, c);
  const other = COND_ALIASES[c];
  return other === undefined ? text : `${text}\t// ${c} = ${other}`;
}

/** A mov of an immediate (movz, movn, orr alias): hex padded to 20 digits, then the signed decimal. */
function movImm(rd: string, value: bigint, w: W): string {
  const u = BigInt.asUintN(w, value);
  return `mov\t${rd}, #0x${u.toString(16).padEnd(20)}\t// #${BigInt.asIntN(w, value)}`;
}

/** A register by its 64-bit name: x3, sp, xzr. */
const x = (r: GprSp | GprZr): string => gprName(r, 64);

/** Whether a condition can be inverted by an alias (al and nv cannot). */
const invertible = (c: Cond): boolean => c !== 'al' && c !== 'nv';

/** `, lsl #3` for a shifted-register operand; nothing for lsl #0. */
function shiftSuffix(shift: string | undefined, amount: number | undefined): string {
  const kind = shift ?? 'lsl';
  const n = amount ?? 0;
  return kind === 'lsl' && n === 0 ? '' : `, ${kind} #${n}`;
}

const LOG2: Readonly<Record<number, number>> = { 1: 0, 2: 1, 4: 2, 8: 3, 16: 4 };

/** A load/store address for an access of `bytes` bytes. */
function address(a: Addr, bytes: number): string {
  const base = x(a.base);
  switch (a.mode) {
    case 'offset':
    case 'unscaled':
      return a.offset === 0 ? `[${base}]` : `[${base}, #${a.offset}]`;
    case 'pre':
      return `[${base}, #${a.offset}]!`;
    case 'post':
      return `[${base}], #${a.offset}`;
    case 'reg': {
      const wide = a.extend === 'lsl' || a.extend === 'sxtx';
      const index = gprName(a.index, wide ? 64 : 32);
      const amount = a.scaled ? ` #${LOG2[bytes]}` : '';
      if (a.extend === 'lsl') return a.scaled ? `[${base}, ${index}, lsl${amount}]` : `[${base}, ${index}]`;
      return `[${base}, ${index}, ${a.extend}${amount}]`;
    }
  }
}

function pairAddress(a: PairAddr): string {
  const base = x(a.base);
  switch (a.mode) {
    case 'offset':
      return a.offset === 0 ? `[${base}]` : `[${base}, #${a.offset}]`;
    case 'pre':
      return `[${base}, #${a.offset}]!`;
    case 'post':
      return `[${base}], #${a.offset}`;
  }
}

/** Whether one movz or movn at width w gives v (then objdump shows an orr immediate as orr, not mov). */
function oneMoveWide(v: bigint, w: W): boolean {
  let zero = 0;
  let ones = 0;
  for (let at = 0; at < w; at += 16) {
    const chunk = (v >> BigInt(at)) & 0xffffn;
    if (chunk === 0n) zero++;
    if (chunk === 0xffffn) ones++;
  }
  const chunks = w / 16;
  return zero >= chunks - 1 || ones >= chunks - 1;
}

function printAddImm(i: InstOf<'add_imm'>): string {
  const imm = i.imm > 0xfff ? `#${hex(i.imm >>> 12)}, lsl #12` : `#${hex(i.imm)}`;
  if (i.op === 'add' && i.imm === 0 && (i.rd === SP || i.rn === SP)) return line('mov', gprName(i.rd, i.w), gprName(i.rn, i.w));
  if ((i.op === 'adds' || i.op === 'subs') && i.rd === XZR) return line(i.op === 'adds' ? 'cmn' : 'cmp', gprName(i.rn, i.w), imm);
  return line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w), imm);
}

function printAddReg(i: InstOf<'add_reg'>): string {
  const rm = gprName(i.rm, i.w) + shiftSuffix(i.shift, i.amount);
  if ((i.op === 'adds' || i.op === 'subs') && i.rd === XZR) return line(i.op === 'adds' ? 'cmn' : 'cmp', gprName(i.rn, i.w), rm);
  if ((i.op === 'sub' || i.op === 'subs') && i.rn === XZR) return line(i.op === 'sub' ? 'neg' : 'negs', gprName(i.rd, i.w), rm);
  return line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w), rm);
}

function printAddExt(i: InstOf<'add_ext'>): string {
  const wideIndex = i.w === 64 && (i.extend === 'uxtx' || i.extend === 'sxtx');
  const amount = i.amount ?? 0;
  // with sp as rd or rn, the extend that does nothing (uxtx, uxtw at 32 bits) is shown as lsl
  const usesSp = i.rd === SP || i.rn === SP;
  let suffix: string;
  if (usesSp && i.extend === (i.w === 64 ? 'uxtx' : 'uxtw')) suffix = amount === 0 ? '' : `, lsl #${amount}`;
  else suffix = `, ${i.extend}` + (amount === 0 ? '' : ` #${amount}`);
  const rm = gprName(i.rm, wideIndex ? 64 : 32) + suffix;
  if ((i.op === 'adds' || i.op === 'subs') && i.rd === XZR) return line(i.op === 'adds' ? 'cmn' : 'cmp', gprName(i.rn, i.w), rm);
  return line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w), rm);
}

function printLogicImm(i: InstOf<'logic_imm'>): string {
  const value = decodeLogicalImm(i.imm, i.w);
  if (i.op === 'ands' && i.rd === XZR) return line('tst', gprName(i.rn, i.w), `#${hex(value)}`);
  // movz/movn cannot write sp, so orr into sp is always shown as mov
  if (i.op === 'orr' && i.rn === XZR && (i.rd === SP || !oneMoveWide(value, i.w))) return movImm(gprName(i.rd, i.w), value, i.w);
  return line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w), `#${hex(value)}`);
}

function printLogicReg(i: InstOf<'logic_reg'>): string {
  const rm = gprName(i.rm, i.w) + shiftSuffix(i.shift, i.amount);
  if (i.op === 'orr' && i.rn === XZR && shiftSuffix(i.shift, i.amount) === '') return line('mov', gprName(i.rd, i.w), rm);
  if (i.op === 'orn' && i.rn === XZR) return line('mvn', gprName(i.rd, i.w), rm);
  if (i.op === 'ands' && i.rd === XZR) return line('tst', gprName(i.rn, i.w), rm);
  return line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w), rm);
}

function printMovWide(i: InstOf<'mov_wide'>): string {
  const rd = gprName(i.rd, i.w);
  const chunk = BigInt(i.imm) << BigInt(i.shift);
  if (i.op === 'movz' && !(i.imm === 0 && i.shift !== 0)) return movImm(rd, chunk, i.w);
  if (i.op === 'movn' && !(i.imm === 0 && i.shift !== 0) && !(i.w === 32 && i.imm === 0xffff)) return movImm(rd, ~chunk, i.w);
  return line(i.op, rd, `#${hex(i.imm)}` + (i.shift === 0 ? '' : `, lsl #${i.shift}`));
}

/** sbfm/ubfm/bfm as their preferred aliases (Arm ARM, each alias's "preferred when" condition). */
function printBitfield(i: InstOf<'bitfield'>): string {
  const { w, immr, imms } = i;
  const rd = gprName(i.rd, w);
  const rn = gprName(i.rn, w);
  const top = w - 1;
  const field = (lsb: number, width: number): string[] => [`#${lsb}`, `#${width}`];
  const extract = field(immr, imms + 1 - immr);
  const insert = field((w - immr) % w, imms + 1);
  switch (i.op) {
    case 'sbfm':
      if (imms === top) return line('asr', rd, rn, `#${immr}`);
      if (imms < immr) return line('sbfiz', rd, rn, ...insert);
      if (immr === 0 && (imms === 7 || imms === 15 || (imms === 31 && w === 64))) {
        return line(imms === 7 ? 'sxtb' : imms === 15 ? 'sxth' : 'sxtw', rd, gprName(i.rn, 32));
      }
      return line('sbfx', rd, rn, ...extract);
    case 'ubfm':
      if (imms === top) return line('lsr', rd, rn, `#${immr}`);
      if (imms + 1 === immr) return line('lsl', rd, rn, `#${top - imms}`);
      if (imms < immr) return line('ubfiz', rd, rn, ...insert);
      if (w === 32 && immr === 0 && (imms === 7 || imms === 15)) return line(imms === 7 ? 'uxtb' : 'uxth', rd, rn);
      return line('ubfx', rd, rn, ...extract);
    case 'bfm':
      if (imms < immr) return i.rn === XZR ? line('bfc', rd, ...insert) : line('bfi', rd, rn, ...insert);
      return line('bfxil', rd, rn, ...extract);
  }
}

function printCsel(i: InstOf<'csel'>): string {
  const rd = gprName(i.rd, i.w);
  const rn = gprName(i.rn, i.w);
  const same = i.rn === i.rm && invertible(i.cond);
  if (same && i.op !== 'csel') {
    const inv = invertCond(i.cond);
    if (i.op === 'csneg') return withCond('cneg', inv, rd, rn);
    if (i.rn === XZR) return withCond(i.op === 'csinc' ? 'cset' : 'csetm', inv, rd);
    return withCond(i.op === 'csinc' ? 'cinc' : 'cinv', inv, rd, rn);
  }
  return withCond(i.op, i.cond, rd, rn, gprName(i.rm, i.w));
}

function printLdSt(i: InstOf<'ldst'>): string {
  const row = LDST[i.op];
  const mnemonic = i.addr.mode === 'unscaled' ? row.unscaled : i.op;
  return line(mnemonic, gprName(i.rt, i.w), address(i.addr, row.bytes[i.w]));
}

function printFpLdSt(i: InstOf<'fldst'>): string {
  const mnemonic = i.addr.mode === 'unscaled' ? (i.op === 'ldr' ? 'ldur' : 'stur') : i.op;
  return line(mnemonic, vName(i.rt, i.fw), address(i.addr, i.fw / 8));
}

/** A branch or label operand: the label's absolute offset, or the instruction's own for a symbol. */
function target(t: Label | string, c: PrintContext): string {
  return hex(typeof t === 'string' ? c.addr : c.labelOffset(t));
}

/** A scalar SIMD&FP register at a width: s0, d0, q0. */
const fp = (v: Vreg, fw: 32 | 64 | 128): string => vName(v, fw);

const PRINTERS: Printers = {
  add_imm: printAddImm,
  add_reg: printAddReg,
  add_ext: printAddExt,
  logic_imm: printLogicImm,
  logic_reg: printLogicReg,
  mov_wide: printMovWide,
  bitfield: printBitfield,
  extr: (i) =>
    i.rn === i.rm
      ? line('ror', gprName(i.rd, i.w), gprName(i.rn, i.w), `#${i.lsb}`)
      : line('extr', gprName(i.rd, i.w), gprName(i.rn, i.w), gprName(i.rm, i.w), `#${i.lsb}`),
  mul: (i) =>
    i.ra === XZR
      ? line(i.op === 'madd' ? 'mul' : 'mneg', gprName(i.rd, i.w), gprName(i.rn, i.w), gprName(i.rm, i.w))
      : line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w), gprName(i.rm, i.w), gprName(i.ra, i.w)),
  mulh: (i) => line(i.op, x(i.rd), x(i.rn), x(i.rm)),
  dp2: (i) => line(DP2[i.op].name, gprName(i.rd, i.w), gprName(i.rn, i.w), gprName(i.rm, i.w)),
  dp1: (i) => line(i.op, gprName(i.rd, i.w), gprName(i.rn, i.w)),
  csel: printCsel,
  ccmp: (i) => withCond(i.op, i.cond, gprName(i.rn, i.w), gprName(i.rm, i.w), `#${hex(i.nzcv)}`),
  ccmp_imm: (i) => withCond(i.op, i.cond, gprName(i.rn, i.w), `#${hex(i.imm)}`, `#${hex(i.nzcv)}`),
  ldst: printLdSt,
  fldst: printFpLdSt,
  ldst_pair: (i) => line(i.op, gprName(i.rt, i.w), gprName(i.rt2, i.w), pairAddress(i.addr)),
  fldst_pair: (i) => line(i.op, fp(i.rt, i.fw), fp(i.rt2, i.fw), pairAddress(i.addr)),
  ldr_lit: (i, c) => line(i.op, gprName(i.rt, i.w), target(i.target, c)),
  fldr_lit: (i, c) => line('ldr', fp(i.rt, i.fw), target(i.target, c)),
  b: (i, c) => line('b', target(i.target, c)),
  bl: (i, c) => line('bl', target(i.target, c)),
  b_cond: (i, c) => {
    const other = COND_ALIASES[i.cond];
    const text = line(`b.${i.cond}`, target(i.target, c));
    return other === undefined ? text : `${text}  // ${other.split(', ').map((n) => `b.${n}`).join(', ')}`;
  },
  cbz: (i, c) => line(i.op, gprName(i.rt, i.w), target(i.target, c)),
  tbz: (i, c) => line(i.op, gprName(i.rt, i.bit < 32 ? 32 : 64), `#${i.bit}`, target(i.target, c)),
  br: (i) => (i.op === 'ret' && i.rn === X30 ? 'ret' : line(i.op, x(i.rn))),
  adr: (i, c) => line('adr', x(i.rd), target(i.target, c)),
  adrp: (i, c) => line('adrp', x(i.rd), hex(c.addr - (c.addr % 4096))),
  add_lo12: (i) =>
    i.rd === SP || i.rn === SP ? line('mov', x(i.rd), x(i.rn)) : line('add', x(i.rd), x(i.rn), '#0x0'),
  nop: () => 'nop',
  brk: (i) => line('brk', `#${hex(i.imm)}`),
  udf: (i) => line('udf', `#${i.imm}`),
  svc: (i) => line('svc', `#${hex(i.imm)}`),
  barrier: (i) => line(i.op, i.option),
  isb: () => 'isb',
  mrs: (i) => line('mrs', x(i.rt), i.reg),
  msr: (i) => line('msr', i.reg, x(i.rt)),
  cache: (i) => line(CACHE_OPS[i.op].mnemonic, CACHE_OPS[i.op].name, x(i.rt)),
  fmov_imm: (i) => line('fmov', fp(i.rd, i.fw), fpText(expandFpImm(i.imm))),
  fp1: (i) => line(i.op, fp(i.rd, i.fw), fp(i.rn, i.fw)),
  fp2: (i) => line(i.op, fp(i.rd, i.fw), fp(i.rn, i.fw), fp(i.rm, i.fw)),
  fcmp: (i) => line(i.op, fp(i.rn, i.fw), i.rm === 'zero' ? '#0.0' : fp(i.rm, i.fw)),
  fccmp: (i) => withCond(i.op, i.cond, fp(i.rn, i.fw), fp(i.rm, i.fw), `#${hex(i.nzcv)}`),
  fcsel: (i) => withCond('fcsel', i.cond, fp(i.rd, i.fw), fp(i.rn, i.fw), fp(i.rm, i.fw)),
  fcvt: (i) => line('fcvt', fp(i.rd, i.fw), fp(i.rn, i.fw === 64 ? 32 : 64)),
  cvt_i2f: (i) => line(i.op, fp(i.rd, i.fw), gprName(i.rn, i.w)),
  cvt_f2i: (i) => line(i.op, gprName(i.rd, i.w), fp(i.rn, i.fw)),
  fmov_to_fp: (i) => line('fmov', fp(i.rd, i.w), gprName(i.rn, i.w)),
  fmov_from_fp: (i) => line('fmov', gprName(i.rd, i.w), fp(i.rn, i.w)),
  cnt: (i) => line('cnt', `v${i.rd}.8b`, `v${i.rn}.8b`),
  reduce: (i) => line(i.op, vName(i.rd, REDUCE[i.op].bits), `v${i.rn}.8b`),
  ...SIMD_PRINTERS,
};
