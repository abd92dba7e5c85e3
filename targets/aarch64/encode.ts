/**
 * The A64 encoder: one small pure function per instruction family, chosen through a table
 * keyed by `kind` (the table's type makes it exhaustive), each appending one 32-bit word to
 * an EncodeSink. Each function's comment names the Arm ARM (DDI 0487) instruction page and
 * lists the word's fields from bit 31 down; bits.ts places and checks the fields.
 *
 * pc-relative fields that point at labels are left zero and recorded as fixups (the assembler
 * fills them when labels are bound); fields that point at symbols are left zero and recorded
 * as relocations for the linker. A function records its fixup or relocation only once every
 * operand has been checked, so an instruction that throws leaves nothing behind. The Advanced
 * SIMD vector kinds are encoded by encode-simd.ts (SIMD_ENCODERS).
 */

import type { CodeBuffer } from '../code-buffer.js';
import { field, ftype, rs, rv, rz, sf, sfield } from './bits.js';
import { SIMD_ENCODERS } from './encode-simd.js';
import { addImmFields, type AccessSize, type BranchField } from './imm.js';
import type { Inst, InstKind, InstOf } from './inst.js';
import { BARRIER_OPTIONS, condCode, EXTENDS, INDEX_OPTION, SHIFTS, SYS_REGS, type Addr, type Label, type PairAddr } from './operands.js';
import type { GprSp, GprZr, W } from './regs.js';
import type { RelocKind } from './reloc.js';
import {
  ADD_SUB, BITFIELD, CACHE_OPS, CCMP, CSEL, CVT, DP1, DP2, FCCMP, FCMP, FMOV_GENERAL, FP1, FP2, FP_LDST, IMM9_MODE, LDST, LOGIC, LOGIC_IMM, MOV_WIDE,
  MUL, PAIR_MODE, PAIR_OPC, REDUCE,
} from './tables.js';

/** Where encoders write: the words, label fixups and relocations. */
export interface EncodeSink {
  readonly buf: CodeBuffer;
  /** The `field` of the instruction at `at` gets `position(label) - at` when labels are bound. */
  labelFixup(at: number, field: BranchField, label: Label): void;
  /** The instruction at `at` gets its field from `symbol` (+ addend) through the linker. */
  reloc(at: number, kind: RelocKind, symbol: string, addend: number): void;
}

type Encoders = { readonly [K in InstKind]: (s: EncodeSink, i: InstOf<K>) => void };

/** Encode one instruction at the end of the sink's buffer. */
export function encode(s: EncodeSink, inst: Inst): void {
  (ENCODERS[inst.kind] as (s: EncodeSink, i: Inst) => void)(s, inst);
}

/** A shift amount, immr/imms or lsb field of a `w`-bit instruction: 6 bits, below w. */
function uimm6(v: number, w: W, what: string): number {
  if (v >= w) throw new RangeError(`${what} ${v} does not fit a ${w}-bit operation`);
  return field(v, 6, 0);
}

// --- data processing: immediate ---

/** ADD/SUB/ADDS/SUBS (immediate): sf op S 100010 sh imm12 Rn Rd. */
function encAddImm(s: EncodeSink, i: InstOf<'add_imm'>): void {
  const row = ADD_SUB[i.op];
  const { imm12, sh } = addImmFields(i.imm);
  const rd = row.s === 1 ? rz(i.rd as GprZr) : rs(i.rd as GprSp);
  s.buf.u32((sf(i.w) << 31) | (row.op << 30) | (row.s << 29) | (0b100010 << 23) | (sh << 22) | field(imm12, 12, 10) | (rs(i.rn) << 5) | rd);
}

/** AND/ORR/EOR/ANDS (immediate): sf opc 100100 N immr imms Rn Rd (N:immr:imms from imm.ts). */
function encLogicImm(s: EncodeSink, i: InstOf<'logic_imm'>): void {
  if (i.w === 32 && i.imm >> 12 !== 0) throw new RangeError('a 64-bit logical immediate in a 32-bit instruction');
  const rd = i.op === 'ands' ? rz(i.rd as GprZr) : rs(i.rd as GprSp);
  s.buf.u32((sf(i.w) << 31) | (LOGIC_IMM[i.op] << 29) | (0b100100 << 23) | field(i.imm, 13, 10) | (rz(i.rn) << 5) | rd);
}

/** MOVN/MOVZ/MOVK: sf opc 100101 hw imm16 Rd. */
function encMovWide(s: EncodeSink, i: InstOf<'mov_wide'>): void {
  if (i.shift >= i.w) throw new RangeError(`move-wide shift ${i.shift} does not fit a ${i.w}-bit register`);
  s.buf.u32((sf(i.w) << 31) | (MOV_WIDE[i.op] << 29) | (0b100101 << 23) | field(i.shift / 16, 2, 21) | field(i.imm, 16, 5) | rz(i.rd));
}

/** SBFM/BFM/UBFM: sf opc 100110 N immr imms Rn Rd, N = sf. */
function encBitfield(s: EncodeSink, i: InstOf<'bitfield'>): void {
  const immr = uimm6(i.immr, i.w, 'immr');
  const imms = uimm6(i.imms, i.w, 'imms');
  s.buf.u32((sf(i.w) << 31) | (BITFIELD[i.op] << 29) | (0b100110 << 23) | (sf(i.w) << 22) | (immr << 16) | (imms << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** EXTR: sf 00 100111 N 0 Rm imms Rn Rd, N = sf. */
function encExtr(s: EncodeSink, i: InstOf<'extr'>): void {
  const lsb = uimm6(i.lsb, i.w, 'extr lsb');
  s.buf.u32((sf(i.w) << 31) | (0b100111 << 23) | (sf(i.w) << 22) | (rz(i.rm) << 16) | (lsb << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** ADR: 0 immlo 10000 immhi Rd, the 21-bit byte offset filled by the label fixup. */
function encAdr(s: EncodeSink, i: InstOf<'adr'>): void {
  const w = (0b10000 << 24) | rz(i.rd);
  s.labelFixup(s.buf.length, 'adr21', i.target);
  s.buf.u32(w);
}

/** ADRP: 1 immlo 10000 immhi Rd, the page offset left to an adr_prel_pg_hi21 relocation. */
function encAdrp(s: EncodeSink, i: InstOf<'adrp'>): void {
  const w = (1 << 31) | (0b10000 << 24) | rz(i.rd);
  s.reloc(s.buf.length, 'adr_prel_pg_hi21', i.symbol, 0);
  s.buf.u32(w);
}

/** ADD (immediate), 64-bit, imm12 left to an add_abs_lo12_nc relocation. */
function encAddLo12(s: EncodeSink, i: InstOf<'add_lo12'>): void {
  const w = (1 << 31) | (0b100010 << 23) | (rs(i.rn) << 5) | rs(i.rd);
  s.reloc(s.buf.length, 'add_abs_lo12_nc', i.symbol, 0);
  s.buf.u32(w);
}

// --- data processing: register ---

/** ADD/SUB/ADDS/SUBS (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd (shift 11 reserved). */
function encAddReg(s: EncodeSink, i: InstOf<'add_reg'>): void {
  const row = ADD_SUB[i.op];
  const shift = SHIFTS.indexOf(i.shift ?? 'lsl');
  const amount = uimm6(i.amount ?? 0, i.w, 'shift amount');
  s.buf.u32((sf(i.w) << 31) | (row.op << 30) | (row.s << 29) | (0b01011 << 24) | (shift << 22) | (rz(i.rm) << 16) | (amount << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** ADD/SUB/ADDS/SUBS (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd. */
function encAddExt(s: EncodeSink, i: InstOf<'add_ext'>): void {
  const row = ADD_SUB[i.op];
  const rd = row.s === 1 ? rz(i.rd as GprZr) : rs(i.rd as GprSp);
  const option = EXTENDS.indexOf(i.extend);
  s.buf.u32(
    (sf(i.w) << 31) | (row.op << 30) | (row.s << 29) | (0b01011 << 24) | (1 << 21) | (rz(i.rm) << 16) | (option << 13) |
      field(i.amount ?? 0, 3, 10) | (rs(i.rn) << 5) | rd,
  );
}

/** AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd. */
function encLogicReg(s: EncodeSink, i: InstOf<'logic_reg'>): void {
  const row = LOGIC[i.op];
  const shift = SHIFTS.indexOf(i.shift ?? 'lsl');
  const amount = uimm6(i.amount ?? 0, i.w, 'shift amount');
  s.buf.u32((sf(i.w) << 31) | (row.opc << 29) | (0b01010 << 24) | (shift << 22) | (row.n << 21) | (rz(i.rm) << 16) | (amount << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** MADD/MSUB: sf 00 11011 000 Rm o0 Ra Rn Rd. */
function encMul(s: EncodeSink, i: InstOf<'mul'>): void {
  const row = MUL[i.op];
  s.buf.u32((sf(i.w) << 31) | (0b11011 << 24) | (row.op31 << 21) | (rz(i.rm) << 16) | (row.o0 << 15) | (rz(i.ra) << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** SMULH/UMULH: 1 00 11011 U10 Rm 0 11111 Rn Rd. */
function encMulh(s: EncodeSink, i: InstOf<'mulh'>): void {
  const row = MUL[i.op];
  s.buf.u32((1 << 31) | (0b11011 << 24) | (row.op31 << 21) | (rz(i.rm) << 16) | (0b11111 << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** Data-processing (2 source): sf 0 0 11010110 Rm opcode Rn Rd (UDIV, SDIV, LSLV, LSRV, ASRV, RORV). */
function encDp2(s: EncodeSink, i: InstOf<'dp2'>): void {
  s.buf.u32((sf(i.w) << 31) | (0b11010110 << 21) | (rz(i.rm) << 16) | (DP2[i.op].opcode << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** Data-processing (1 source): sf 1 0 11010110 00000 opcode Rn Rd (RBIT, REV16, REV32, REV, CLZ, CLS). */
function encDp1(s: EncodeSink, i: InstOf<'dp1'>): void {
  const opcode = i.w === 64 ? DP1[i.op].w64 : DP1[i.op].w32;
  if (opcode === null) throw new RangeError(`${i.op} has no 32-bit form`);
  s.buf.u32((sf(i.w) << 31) | (1 << 30) | (0b11010110 << 21) | (opcode << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** CSEL/CSINC/CSINV/CSNEG: sf op 0 11010100 Rm cond op2 Rn Rd. */
function encCsel(s: EncodeSink, i: InstOf<'csel'>): void {
  const row = CSEL[i.op];
  s.buf.u32((sf(i.w) << 31) | (row.op << 30) | (0b11010100 << 21) | (rz(i.rm) << 16) | (condCode(i.cond) << 12) | (row.op2 << 10) | (rz(i.rn) << 5) | rz(i.rd));
}

/** CCMN/CCMP (register): sf op 1 11010010 Rm cond 0 0 Rn 0 nzcv. */
function encCcmp(s: EncodeSink, i: InstOf<'ccmp'>): void {
  s.buf.u32((sf(i.w) << 31) | (CCMP[i.op] << 30) | (1 << 29) | (0b11010010 << 21) | (rz(i.rm) << 16) | (condCode(i.cond) << 12) | (rz(i.rn) << 5) | field(i.nzcv, 4, 0));
}

/** CCMN/CCMP (immediate): sf op 1 11010010 imm5 cond 1 0 Rn 0 nzcv. */
function encCcmpImm(s: EncodeSink, i: InstOf<'ccmp_imm'>): void {
  s.buf.u32(
    (sf(i.w) << 31) | (CCMP[i.op] << 30) | (1 << 29) | (0b11010010 << 21) | field(i.imm, 5, 16) | (condCode(i.cond) << 12) | (1 << 11) |
      (rz(i.rn) << 5) | field(i.nzcv, 4, 0),
  );
}

// --- loads and stores ---

const LOG2: Readonly<Record<AccessSize, number>> = { 1: 0, 2: 1, 4: 2, 8: 3, 16: 4 };

/**
 * The word of a single-register load/store: LDR/STR (immediate) unsigned offset
 * `size 111 V 01 opc imm12 Rn Rt`; LDUR/STUR and pre/post-index
 * `size 111 V 00 opc 0 imm9 mode Rn Rt`; LDR/STR (register)
 * `size 111 V 00 opc 1 Rm option S 10 Rn Rt`. `rt` is the 5-bit register field.
 */
function ldstWord(size: number, v: number, opc: number, bytes: AccessSize, a: Addr, rt: number): number {
  const head = (size << 30) | (0b111 << 27) | (v << 26) | (opc << 22) | (rs(a.base) << 5) | rt;
  switch (a.mode) {
    case 'offset':
      if (a.offset % bytes !== 0) throw new RangeError(`offset ${a.offset} is not a multiple of the ${bytes}-byte access`);
      return head | (0b01 << 24) | field(a.offset / bytes, 12, 10);
    case 'unscaled':
    case 'pre':
    case 'post':
      return head | sfield(a.offset, 9, 12) | (IMM9_MODE[a.mode] << 10);
    case 'reg':
      return head | (1 << 21) | (rz(a.index) << 16) | (INDEX_OPTION[a.extend] << 13) | ((a.scaled ? 1 : 0) << 12) | (0b10 << 10);
  }
}

/** LDR/STR/LDRB/LDRSB/... of a general-purpose register (V = 0; size and opc from table LDST). */
function encLdSt(s: EncodeSink, i: InstOf<'ldst'>): void {
  const row = LDST[i.op];
  const bytes = row.bytes[i.w];
  s.buf.u32(ldstWord(LOG2[bytes], 0, row.opc[i.w], bytes, i.addr, rz(i.rt)));
}

/** LDR/STR (SIMD&FP) of an s, d or q register (V = 1; table FP_LDST). */
function encFpLdSt(s: EncodeSink, i: InstOf<'fldst'>): void {
  const row = FP_LDST[i.fw];
  s.buf.u32(ldstWord(row.size, 1, row[i.op], (i.fw / 8) as AccessSize, i.addr, rv(i.rt)));
}

/** LDP/STP: opc 101 V mode L imm7 Rt2 Rn Rt, imm7 scaled by the register size. */
function pairWord(opc: number, v: number, l: number, bytes: number, a: PairAddr, rt: number, rt2: number): number {
  if (a.offset % bytes !== 0) throw new RangeError(`pair offset ${a.offset} is not a multiple of ${bytes}`);
  return (opc << 30) | (0b101 << 27) | (v << 26) | (PAIR_MODE[a.mode] << 23) | (l << 22) | sfield(a.offset / bytes, 7, 15) | (rt2 << 10) | (rs(a.base) << 5) | rt;
}

function encLdStPair(s: EncodeSink, i: InstOf<'ldst_pair'>): void {
  s.buf.u32(pairWord(PAIR_OPC.gpr[i.w], 0, i.op === 'ldp' ? 1 : 0, i.w / 8, i.addr, rz(i.rt), rz(i.rt2)));
}

function encFpLdStPair(s: EncodeSink, i: InstOf<'fldst_pair'>): void {
  s.buf.u32(pairWord(PAIR_OPC.fpr[i.fw], 1, i.op === 'ldp' ? 1 : 0, i.fw / 8, i.addr, rv(i.rt), rv(i.rt2)));
}

/** LDR (literal) / LDRSW (literal): opc 011 0 00 imm19 Rt (opc 00 w, 01 x, 10 ldrsw). */
function encLdrLit(s: EncodeSink, i: InstOf<'ldr_lit'>): void {
  const opc = i.op === 'ldrsw' ? 0b10 : i.w === 64 ? 0b01 : 0b00;
  const w = (opc << 30) | (0b011 << 27) | rz(i.rt);
  s.labelFixup(s.buf.length, 'imm19', i.target);
  s.buf.u32(w);
}

/** LDR (literal, SIMD&FP): opc 011 1 00 imm19 Rt (opc 00 s, 01 d, 10 q). */
function encFpLdrLit(s: EncodeSink, i: InstOf<'fldr_lit'>): void {
  const opc = i.fw === 128 ? 0b10 : ftype(i.fw);
  const w = (opc << 30) | (0b011 << 27) | (1 << 26) | rv(i.rt);
  s.labelFixup(s.buf.length, 'imm19', i.target);
  s.buf.u32(w);
}

// --- branches ---

/** B / BL: op 00101 imm26, to a label (fixup) or a symbol (jump26 / call26 relocation). */
function encBranch(s: EncodeSink, i: InstOf<'b' | 'bl'>): void {
  const at = s.buf.length;
  if (typeof i.target === 'string') s.reloc(at, i.kind === 'bl' ? 'call26' : 'jump26', i.target, 0);
  else s.labelFixup(at, 'imm26', i.target);
  s.buf.u32(((i.kind === 'bl' ? 1 : 0) << 31) | (0b00101 << 26));
}

/** B.cond: 0101010 0 imm19 0 cond. */
function encBCond(s: EncodeSink, i: InstOf<'b_cond'>): void {
  const w = (0b01010100 << 24) | condCode(i.cond);
  s.labelFixup(s.buf.length, 'imm19', i.target);
  s.buf.u32(w);
}

/** CBZ/CBNZ: sf 011010 op imm19 Rt. */
function encCbz(s: EncodeSink, i: InstOf<'cbz'>): void {
  const w = (sf(i.w) << 31) | (0b011010 << 25) | ((i.op === 'cbnz' ? 1 : 0) << 24) | rz(i.rt);
  s.labelFixup(s.buf.length, 'imm19', i.target);
  s.buf.u32(w);
}

/** TBZ/TBNZ: b5 011011 op b40 imm14 Rt. */
function encTbz(s: EncodeSink, i: InstOf<'tbz'>): void {
  field(i.bit, 6, 0);
  const w = ((i.bit >> 5) << 31) | (0b011011 << 25) | ((i.op === 'tbnz' ? 1 : 0) << 24) | ((i.bit & 31) << 19) | rz(i.rt);
  s.labelFixup(s.buf.length, 'imm14', i.target);
  s.buf.u32(w);
}

const BRANCH_REG = { br: 0b00, blr: 0b01, ret: 0b10 } as const;

/** BR/BLR/RET: 1101011 0 0 opc(2) 11111 000000 Rn 00000. */
function encBranchReg(s: EncodeSink, i: InstOf<'br'>): void {
  s.buf.u32((0b1101011 << 25) | (BRANCH_REG[i.op] << 21) | (0b11111 << 16) | (rz(i.rn) << 5));
}

// --- exceptions and system ---

/** NOP (HINT #0): d503201f. */
function encNop(s: EncodeSink): void {
  s.buf.u32(0xd503201f);
}

/** ISB (option SY): d5033fdf. */
function encIsb(s: EncodeSink): void {
  s.buf.u32(0xd5033fdf);
}

/** BRK: 11010100 001 imm16 000 00. */
function encBrk(s: EncodeSink, i: InstOf<'brk'>): void {
  s.buf.u32((0b11010100001 << 21) | field(i.imm, 16, 5));
}

/** UDF: 0000000000000000 imm16. */
function encUdf(s: EncodeSink, i: InstOf<'udf'>): void {
  s.buf.u32(field(i.imm, 16, 0));
}

/** SVC: 11010100 000 imm16 000 01. */
function encSvc(s: EncodeSink, i: InstOf<'svc'>): void {
  s.buf.u32(((0b11010100000 << 21) | field(i.imm, 16, 5) | 0b00001) >>> 0);
}

/** DMB/DSB: 1101010100 0 00 011 0011 CRm 1 opc 11111 (opc 01 dmb, 00 dsb). */
function encBarrier(s: EncodeSink, i: InstOf<'barrier'>): void {
  const opc = i.op === 'dmb' ? 0b101 : 0b100;
  s.buf.u32((0b1101010100000011 << 16) | (0b0011 << 12) | (BARRIER_OPTIONS[i.option] << 8) | (opc << 5) | 0b11111);
}

/** MRS / MSR (register): 1101010100 L 1 o0 op1 CRn CRm op2 Rt (L = 1 reads). */
function encSysReg(s: EncodeSink, i: InstOf<'mrs' | 'msr'>): void {
  const l = i.kind === 'mrs' ? 1 : 0;
  s.buf.u32((0b1101010100 << 22) | (l << 21) | (1 << 20) | (SYS_REGS[i.reg] << 5) | rz(i.rt));
}

/** SYS (dc/ic by address): 1101010100 L=0 01 op1 CRn CRm op2 Rt. */
function encCache(s: EncodeSink, i: InstOf<'cache'>): void {
  const row = CACHE_OPS[i.op];
  s.buf.u32((0b1101010100 << 22) | (0b01 << 19) | (row.op1 << 16) | (row.crn << 12) | (row.crm << 8) | (row.op2 << 5) | rz(i.rt));
}

// --- scalar floating point ---

/** FMOV (scalar, immediate): 000 11110 ftype 1 imm8 100 00000 Rd. */
function encFmovImm(s: EncodeSink, i: InstOf<'fmov_imm'>): void {
  s.buf.u32((0b11110 << 24) | (ftype(i.fw) << 22) | (1 << 21) | field(i.imm, 8, 13) | (0b100 << 10) | rv(i.rd));
}

/** Floating-point data-processing (1 source): 000 11110 ftype 1 opcode 10000 Rn Rd. */
function fp1Word(type: number, opcode: number, rn: number, rd: number): number {
  return (0b11110 << 24) | (type << 22) | (1 << 21) | (opcode << 15) | (0b10000 << 10) | (rn << 5) | rd;
}

function encFp1(s: EncodeSink, i: InstOf<'fp1'>): void {
  s.buf.u32(fp1Word(ftype(i.fw), FP1[i.op], rv(i.rn), rv(i.rd)));
}

/** FCVT: the 1-source form with opcode 0001 opc, ftype the source's and opc the destination's. */
function encFcvt(s: EncodeSink, i: InstOf<'fcvt'>): void {
  s.buf.u32(fp1Word(ftype(i.fw === 64 ? 32 : 64), 0b000100 | ftype(i.fw), rv(i.rn), rv(i.rd)));
}

/** Floating-point data-processing (2 source): 000 11110 ftype 1 Rm opcode 10 Rn Rd. */
function encFp2(s: EncodeSink, i: InstOf<'fp2'>): void {
  s.buf.u32((0b11110 << 24) | (ftype(i.fw) << 22) | (1 << 21) | (rv(i.rm) << 16) | (FP2[i.op] << 12) | (0b10 << 10) | (rv(i.rn) << 5) | rv(i.rd));
}

/** FCMP/FCMPE: 000 11110 ftype 1 Rm 00 1000 Rn opcode2 (bit 3 of opcode2: against #0.0, Rm = 0). */
function encFcmp(s: EncodeSink, i: InstOf<'fcmp'>): void {
  const zero = i.rm === 'zero';
  const rm = zero ? 0 : rv(i.rm as Exclude<typeof i.rm, 'zero'>);
  s.buf.u32((0b11110 << 24) | (ftype(i.fw) << 22) | (1 << 21) | (rm << 16) | (0b1000 << 10) | (rv(i.rn) << 5) | FCMP[i.op] | ((zero ? 1 : 0) << 3));
}

/** FCCMP/FCCMPE: 000 11110 ftype 1 Rm cond 01 Rn op nzcv. */
function encFccmp(s: EncodeSink, i: InstOf<'fccmp'>): void {
  s.buf.u32(
    (0b11110 << 24) | (ftype(i.fw) << 22) | (1 << 21) | (rv(i.rm) << 16) | (condCode(i.cond) << 12) | (0b01 << 10) | (rv(i.rn) << 5) |
      (FCCMP[i.op] << 4) | field(i.nzcv, 4, 0),
  );
}

/** FCSEL: 000 11110 ftype 1 Rm cond 11 Rn Rd. */
function encFcsel(s: EncodeSink, i: InstOf<'fcsel'>): void {
  s.buf.u32((0b11110 << 24) | (ftype(i.fw) << 22) | (1 << 21) | (rv(i.rm) << 16) | (condCode(i.cond) << 12) | (0b11 << 10) | (rv(i.rn) << 5) | rv(i.rd));
}

/** Conversion between floating-point and integer: sf 0 0 11110 ftype 1 rmode opcode 000000 Rn Rd. */
function cvtWord(w: W, type: number, rmode: number, opcode: number, rn: number, rd: number): number {
  return (sf(w) << 31) | (0b11110 << 24) | (type << 22) | (1 << 21) | (rmode << 19) | (opcode << 16) | (rn << 5) | rd;
}

/** SCVTF/UCVTF (scalar, integer). */
function encCvtI2F(s: EncodeSink, i: InstOf<'cvt_i2f'>): void {
  const row = CVT[i.op];
  s.buf.u32(cvtWord(i.w, ftype(i.fw), row.rmode, row.opcode, rz(i.rn), rv(i.rd)));
}

/** FCVT{N,P,M,Z,A}{S,U} (scalar, integer). */
function encCvtF2I(s: EncodeSink, i: InstOf<'cvt_f2i'>): void {
  const row = CVT[i.op];
  s.buf.u32(cvtWord(i.w, ftype(i.fw), row.rmode, row.opcode, rv(i.rn), rz(i.rd)));
}

/** FMOV (general), wn → sd or xn → dd: rmode 00 opcode 111, ftype by width. */
function encFmovToFp(s: EncodeSink, i: InstOf<'fmov_to_fp'>): void {
  s.buf.u32(cvtWord(i.w, ftype(i.w), 0, FMOV_GENERAL.fromGpr, rz(i.rn), rv(i.rd)));
}

/** FMOV (general), sn → wd or dn → xd: rmode 00 opcode 110. */
function encFmovFromFp(s: EncodeSink, i: InstOf<'fmov_from_fp'>): void {
  s.buf.u32(cvtWord(i.w, ftype(i.w), 0, FMOV_GENERAL.toGpr, rv(i.rn), rz(i.rd)));
}

// --- Advanced SIMD ---

/** CNT (vector), 8B: 0 Q=0 0 01110 size=00 10000 00101 10 Rn Rd. */
function encCnt(s: EncodeSink, i: InstOf<'cnt'>): void {
  s.buf.u32((0b01110 << 24) | (0b10000 << 17) | (0b00101 << 12) | (0b10 << 10) | (rv(i.rn) << 5) | rv(i.rd));
}

/** ADDV / UADDLV, 8B: 0 Q=0 U 01110 size=00 11000 opcode 10 Rn Rd. */
function encReduce(s: EncodeSink, i: InstOf<'reduce'>): void {
  const row = REDUCE[i.op];
  s.buf.u32((row.u << 29) | (0b01110 << 24) | (0b11000 << 17) | (row.opcode << 12) | (0b10 << 10) | (rv(i.rn) << 5) | rv(i.rd));
}

const ENCODERS: Encoders = {
  add_imm: encAddImm,
  add_reg: encAddReg,
  add_ext: encAddExt,
  logic_imm: encLogicImm,
  logic_reg: encLogicReg,
  mov_wide: encMovWide,
  bitfield: encBitfield,
  extr: encExtr,
  mul: encMul,
  mulh: encMulh,
  dp2: encDp2,
  dp1: encDp1,
  csel: encCsel,
  ccmp: encCcmp,
  ccmp_imm: encCcmpImm,
  ldst: encLdSt,
  fldst: encFpLdSt,
  ldst_pair: encLdStPair,
  fldst_pair: encFpLdStPair,
  ldr_lit: encLdrLit,
  fldr_lit: encFpLdrLit,
  b: encBranch,
  bl: encBranch,
  b_cond: encBCond,
  cbz: encCbz,
  tbz: encTbz,
  br: encBranchReg,
  adr: encAdr,
  adrp: encAdrp,
  add_lo12: encAddLo12,
  nop: encNop,
  brk: encBrk,
  udf: encUdf,
  svc: encSvc,
  barrier: encBarrier,
  isb: encIsb,
  mrs: encSysReg,
  msr: encSysReg,
  cache: encCache,
  fmov_imm: encFmovImm,
  fp1: encFp1,
  fp2: encFp2,
  fcmp: encFcmp,
  fccmp: encFccmp,
  fcsel: encFcsel,
  fcvt: encFcvt,
  cvt_i2f: encCvtI2F,
  cvt_f2i: encCvtF2I,
  fmov_to_fp: encFmovToFp,
  fmov_from_fp: encFmovFromFp,
  cnt: encCnt,
  reduce: encReduce,
  ...SIMD_ENCODERS,
};

/** Every instruction kind the encoder handles (all of them: the table's type is exhaustive). */
export const ENCODED_KINDS: readonly InstKind[] = Object.keys(ENCODERS) as InstKind[];

/**
 * The word `w` with the pc-relative `f` field set to `offset` bytes (checked: aligned and in
 * range). The assembler calls it to resolve label fixups.
 */
export function patchBranch(w: number, f: BranchField, offset: number): number {
  switch (f) {
    case 'imm26':
      return (w | sfield(offset / 4, 26, 0)) >>> 0;
    case 'imm19':
      return (w | sfield(offset / 4, 19, 5)) >>> 0;
    case 'imm14':
      return (w | sfield(offset / 4, 14, 5)) >>> 0;
    case 'adr21': {
      const v = sfield(offset, 21, 0);
      return (w | ((v & 3) << 29) | ((v >>> 2) << 5)) >>> 0;
    }
  }
}
