/**
 * Prints x86-64 instructions exactly as `objdump -d -M intel` (GNU binutils 2.40) shows them,
 * so a listing and objdump's output can be compared line by line:
 * - the mnemonic padded to 6 characters and a space, then operands joined by ',' (no space);
 *   an instruction without operands is the bare mnemonic;
 * - registers by width (rax/eax/ax/al, r8/r8d/r8w/r8b, spl/bpl/sil/dil);
 * - memory as `DWORD PTR [base+index*scale+0x10]` (negative displacement `-0x10`; an rbp/r13
 *   base with no displacement shows the disp8 as `+0x0`); `lea` has no size; RIP-relative as
 *   `[rip+0x10]` followed by 8 spaces and `# 0x<target address>`;
 * - immediates in hex as the unsigned value at the operand width (so imm32 -1 in a 64-bit
 *   instruction is 0xffffffffffffffff); shift counts and rounding modes as a byte;
 * - branch targets as absolute addresses in hex;
 * - cmpps/cmppd as objdump's pseudo-ops (`cmpltps`), the implicit xmm0 of pblendvb/blendvps/
 *   blendvpd as a last operand, lane inserts and extracts with r32 (r64 for pinsrq/pextrq).
 * Addresses come from a PrintContext: where the instruction starts and ends, and where labels are.
 */

import type { Inst, InstKind, InstOf } from './inst.js';
import type { Label, Mem } from './operands.js';
import { gprName, xmmName, type Gpr, type Width, type Xmm } from './regs.js';
import { CVT_F2I, ROUND, SSE, SSE_STORE } from './tables.js';
import { PEXTR, PINSR, SSE_BLENDV, SSE_CMP, SSE_IMM, type LaneRow } from './tables-simd.js';

export interface PrintContext {
  /** Offset of the instruction's first byte. */
  readonly addr: number;
  /** Offset just after its last byte (RIP-relative and call targets count from here). */
  readonly end: number;
  /** Offset a label is bound to. */
  labelOffset(label: Label): number;
}

/** objdump's text for each multi-byte nop length (index = size). */
const NOP_TEXT = [
  '',
  'nop',
  'xchg   ax,ax',
  'nop    DWORD PTR [rax]',
  'nop    DWORD PTR [rax+0x0]',
  'nop    DWORD PTR [rax+rax*1+0x0]',
  'nop    WORD PTR [rax+rax*1+0x0]',
  'nop    DWORD PTR [rax+0x0]',
  'nop    DWORD PTR [rax+rax*1+0x0]',
  'nop    WORD PTR [rax+rax*1+0x0]',
];

type Printers = { readonly [K in InstKind]: (i: InstOf<K>, c: PrintContext) => string };

/** The objdump text of one instruction. */
export function printInst(inst: Inst, ctx: PrintContext): string {
  return (PRINTERS[inst.kind] as (i: Inst, c: PrintContext) => string)(inst, ctx);
}

const PTR: Readonly<Record<number, string>> = { 8: 'BYTE', 16: 'WORD', 32: 'DWORD', 64: 'QWORD', 128: 'XMMWORD' };

function line(mnemonic: string, ...operands: string[]): string {
  return operands.length === 0 ? mnemonic : mnemonic.padEnd(6) + ' ' + operands.join(',');
}

function hex(v: number | bigint, bits: number): string {
  return '0x' + BigInt.asUintN(bits, BigInt(v)).toString(16);
}

function signedHex(v: number): string {
  return v < 0 ? '-0x' + (-v).toString(16) : '+0x' + v.toString(16);
}

/** The bracketed address, without size; RIP-relative operands also return the comment. */
function address(m: Mem, c: PrintContext): { text: string; comment: string } {
  if (m.kind === 'rip') {
    const target = m.label !== null ? c.labelOffset(m.label) + m.disp : m.symbol !== null ? c.end : c.end + m.disp;
    const field = target - c.end;
    return { text: `[rip+${hex(field, 64)}]`, comment: `        # ${hex(target, 64)}` };
  }
  let text = '[' + gprName(m.base, 64);
  if (m.index !== null) text += `+${gprName(m.index, 64)}*${m.scale}`;
  if (m.disp !== 0 || (m.base & 7) === 5) text += signedHex(m.disp);
  return { text: text + ']', comment: '' };
}

/** Print with one memory operand (of `bits` size, or no size when bits is 0) among `ops`. */
function withMem(mnemonic: string, m: Mem, bits: number, c: PrintContext, place: (mem: string) => string[]): string {
  const a = address(m, c);
  const mem = bits === 0 ? a.text : `${PTR[bits]} PTR ${a.text}`;
  return line(mnemonic, ...place(mem)) + a.comment;
}

function gprOrMem(mnemonic: string, rm: Gpr | Mem, w: Width, c: PrintContext, place: (rm: string) => string[]): string {
  return typeof rm === 'number' ? line(mnemonic, ...place(gprName(rm, w))) : withMem(mnemonic, rm, w, c, place);
}

function xmmOrMem(mnemonic: string, rm: Xmm | Mem, bits: number, c: PrintContext, place: (rm: string) => string[]): string {
  return typeof rm === 'number' ? line(mnemonic, ...place(xmmName(rm))) : withMem(mnemonic, rm, bits, c, place);
}

/** The general register (r32, or r64 with REX.W) or memory operand of a lane insert/extract. */
function laneOperand(mnemonic: string, row: LaneRow, rm: Gpr | Mem, c: PrintContext, place: (rm: string) => string[]): string {
  return typeof rm === 'number' ? line(mnemonic, ...place(gprName(rm, row.w64 ? 64 : 32))) : withMem(mnemonic, rm, row.memBits, c, place);
}

const PRINTERS: Printers = {
  mov: (i, c) => gprOrMem('mov', i.src, i.w, c, (s) => [gprName(i.dst, i.w), s]),
  mov_imm: (i) => line('mov', gprName(i.dst, i.w), hex(i.imm, i.w)),
  movabs: (i) => line('movabs', gprName(i.dst, 64), hex(i.imm, 64)),
  store: (i, c) => withMem('mov', i.dst, i.w, c, (m) => [m, gprName(i.src, i.w)]),
  store_imm: (i, c) => withMem('mov', i.dst, i.w, c, (m) => [m, hex(i.imm, i.w)]),
  movzx: (i, c) => gprOrMem('movzx', i.src, i.from, c, (s) => [gprName(i.dst, i.w), s]),
  movsx: (i, c) => gprOrMem('movsx', i.src, i.from, c, (s) => [gprName(i.dst, i.w), s]),
  movsxd: (i, c) => gprOrMem('movsxd', i.src, 32, c, (s) => [gprName(i.dst, 64), s]),
  lea: (i, c) => withMem('lea', i.src, 0, c, (m) => [gprName(i.dst, i.w), m]),
  alu: (i, c) =>
    gprOrMem(i.op, i.src, i.w, c, (s) => (i.op === 'test' && typeof i.src !== 'number' ? [s, gprName(i.dst, i.w)] : [gprName(i.dst, i.w), s])),
  alu_imm: (i, c) => gprOrMem(i.op, i.dst, i.w, c, (d) => [d, hex(i.imm, i.w)]),
  imul: (i, c) => gprOrMem('imul', i.src, i.w, c, (s) => [gprName(i.dst, i.w), s]),
  imul_imm: (i, c) => gprOrMem('imul', i.src, i.w, c, (s) => [gprName(i.dst, i.w), s, hex(i.imm, i.w)]),
  unary: (i, c) => gprOrMem(i.op, i.dst, i.w, c, (d) => [d]),
  div: (i, c) => gprOrMem(i.op, i.src, i.w, c, (s) => [s]),
  cdq: (i) => (i.w === 64 ? 'cqo' : 'cdq'),
  shift: (i, c) => gprOrMem(i.op, i.dst, i.w, c, (d) => [d, i.count === 'cl' ? 'cl' : hex(i.count, 8)]),
  bit: (i, c) => gprOrMem(i.op, i.src, i.w, c, (s) => [gprName(i.dst, i.w), s]),
  setcc: (i) => line('set' + i.cc, gprName(i.dst, 8)),
  cmov: (i, c) => gprOrMem('cmov' + i.cc, i.src, i.w, c, (s) => [gprName(i.dst, i.w), s]),
  jcc: (i, c) => line('j' + i.cc, hex(c.labelOffset(i.target), 64)),
  jmp: (i, c) => line('jmp', hex(c.labelOffset(i.target), 64)),
  jmp_ind: (i, c) => gprOrMem('jmp', i.target, 64, c, (t) => [t]),
  call: (_i, c) => line('call', hex(c.end, 64)),
  call_ind: (i, c) => gprOrMem('call', i.target, 64, c, (t) => [t]),
  push: (i) => line('push', gprName(i.reg, 64)),
  pop: (i) => line('pop', gprName(i.reg, 64)),
  ret: () => 'ret',
  ud2: () => 'ud2',
  int3: () => 'int3',
  nop: (i) => NOP_TEXT[i.size ?? 1]!,
  sse: (i, c) => xmmOrMem(i.op, i.src, SSE[i.op].memBits, c, (s) => [xmmName(i.dst), s]),
  sse_store: (i, c) => withMem(i.op, i.dst, SSE_STORE[i.op].memBits, c, (m) => [m, xmmName(i.src)]),
  round: (i, c) => xmmOrMem(i.op, i.src, ROUND[i.op].memBits, c, (s) => [xmmName(i.dst), s, hex(i.mode, 8)]),
  movd_to_xmm: (i) => line(i.w === 64 ? 'movq' : 'movd', xmmName(i.dst), gprName(i.src, i.w)),
  movd_from_xmm: (i) => line(i.w === 64 ? 'movq' : 'movd', gprName(i.dst, i.w), xmmName(i.src)),
  cvt_i2f: (i, c) => gprOrMem(i.op, i.src, i.w, c, (s) => [xmmName(i.dst), s]),
  cvt_f2i: (i, c) => xmmOrMem(i.op, i.src, CVT_F2I[i.op].memBits, c, (s) => [gprName(i.dst, i.w), s]),
  sse_reg: (i) => line(i.op, xmmName(i.dst), xmmName(i.src)),
  sse_imm: (i, c) => xmmOrMem(i.op, i.src, SSE_IMM[i.op].memBits, c, (s) => [xmmName(i.dst), s, hex(i.imm, 8)]),
  sse_cmp: (i, c) => xmmOrMem('cmp' + i.pred + i.op.slice(3), i.src, SSE_CMP[i.op].memBits, c, (s) => [xmmName(i.dst), s]),
  sse_blendv: (i, c) => xmmOrMem(i.op, i.src, SSE_BLENDV[i.op].memBits, c, (s) => [xmmName(i.dst), s, 'xmm0']),
  sse_shift_imm: (i) => line(i.op, xmmName(i.dst), hex(i.count, 8)),
  pinsr: (i, c) => laneOperand(i.op, PINSR[i.op], i.src, c, (s) => [xmmName(i.dst), s, hex(i.lane, 8)]),
  pextr: (i, c) => laneOperand(i.op, PEXTR[i.op], i.dst, c, (d) => [d, xmmName(i.src), hex(i.lane, 8)]),
  movmsk: (i) => line(i.op, gprName(i.dst, 32), xmmName(i.src)),
};

