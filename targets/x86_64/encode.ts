/**
 * The x86-64 encoder: one small pure function per instruction family, chosen through a table
 * keyed by `kind` (the table's type makes it exhaustive), writing into an EncodeSink.
 * Each function's comment names the Intel SDM vol. 2 page it follows; prefix/REX/ModRM/SIB
 * rules live in modrm.ts. The packed-SSE kinds with their own shapes are encoded by
 * encode-simd.ts.
 */

import { SIMD_ENCODERS } from './encode-simd.js';
import { fitsInt8 } from './imm.js';
import type { Inst, InstKind, InstOf } from './inst.js';
import { emitOpcode, emitOpReg, emitRm, REG_BYTE, RM_BYTE, type EncodeSink } from './modrm.js';
import { condCode } from './operands.js';
import { ALU, BIT, CVT_F2I, CVT_I2F, GROUP3_EXT, NO_PREFIX, P66, ROUND, SHIFT_EXT, SSE, SSE_STORE } from './tables.js';

type Encoders = { readonly [K in InstKind]: (s: EncodeSink, i: InstOf<K>) => void };

/** Encode one instruction at the end of the sink's buffer. */
export function encode(s: EncodeSink, inst: Inst): void {
  (ENCODERS[inst.kind] as (s: EncodeSink, i: Inst) => void)(s, inst);
}

/** MOV (vol. 2B): 89 /r for r/r (as assemblers do), 8B /r for a load. */
function encMov(s: EncodeSink, i: InstOf<'mov'>): void {
  if (typeof i.src === 'number') emitRm(s, NO_PREFIX, i.w === 64, 0x89, i.src, i.dst, 0, 0);
  else emitRm(s, NO_PREFIX, i.w === 64, 0x8b, i.dst, i.src, 0, 0);
}

/** MOV (vol. 2B): B8+rd id (32-bit, zero-extends) or REX.W C7 /0 id (sign-extends). */
function encMovImm(s: EncodeSink, i: InstOf<'mov_imm'>): void {
  if (i.w === 32) emitOpReg(s, false, 0xb8, i.dst);
  else emitRm(s, NO_PREFIX, true, 0xc7, 0, i.dst, 0, 4);
  s.buf.u32(i.imm);
}

/** MOV (vol. 2B): REX.W B8+rd io. */
function encMovabs(s: EncodeSink, i: InstOf<'movabs'>): void {
  emitOpReg(s, true, 0xb8, i.dst);
  s.buf.u64(i.imm);
}

/** MOV (vol. 2B): 88 /r (byte), 66 89 /r, 89 /r, REX.W 89 /r. */
function encStore(s: EncodeSink, i: InstOf<'store'>): void {
  if (i.w === 8) emitRm(s, NO_PREFIX, false, 0x88, i.src, i.dst, REG_BYTE, 0);
  else emitRm(s, i.w === 16 ? P66 : NO_PREFIX, i.w === 64, 0x89, i.src, i.dst, 0, 0);
}

/** MOV (vol. 2B): C6 /0 ib, 66 C7 /0 iw, C7 /0 id, REX.W C7 /0 id. */
function encStoreImm(s: EncodeSink, i: InstOf<'store_imm'>): void {
  switch (i.w) {
    case 8:
      emitRm(s, NO_PREFIX, false, 0xc6, 0, i.dst, 0, 1);
      s.buf.u8(i.imm);
      return;
    case 16:
      emitRm(s, P66, false, 0xc7, 0, i.dst, 0, 2);
      s.buf.u16(i.imm);
      return;
    default:
      emitRm(s, NO_PREFIX, i.w === 64, 0xc7, 0, i.dst, 0, 4);
      s.buf.u32(i.imm);
  }
}

/** MOVZX (vol. 2B): 0F B6 /r, 0F B7 /r; MOVSX (vol. 2B): 0F BE /r, 0F BF /r. */
function encMovExtend(s: EncodeSink, i: InstOf<'movzx' | 'movsx'>): void {
  const op = (i.kind === 'movzx' ? 0xb6 : 0xbe) + (i.from === 16 ? 1 : 0);
  emitRm(s, NO_PREFIX, i.w === 64, 0x0f00 | op, i.dst, i.src, i.from === 8 ? RM_BYTE : 0, 0);
}

/** MOVSXD (vol. 2B, MOVSX/MOVSXD): REX.W 63 /r. */
function encMovsxd(s: EncodeSink, i: InstOf<'movsxd'>): void {
  emitRm(s, NO_PREFIX, true, 0x63, i.dst, i.src, 0, 0);
}

/** LEA (vol. 2A): 8D /r. */
function encLea(s: EncodeSink, i: InstOf<'lea'>): void {
  emitRm(s, NO_PREFIX, i.w === 64, 0x8d, i.dst, i.src, 0, 0);
}

/** ADD/OR/AND/SUB/XOR/CMP/TEST: `op r/m, r` for r/r, `op r, r/m` for memory (table ALU). */
function encAlu(s: EncodeSink, i: InstOf<'alu'>): void {
  const row = ALU[i.op];
  if (typeof i.src === 'number') emitRm(s, NO_PREFIX, i.w === 64, row.mr, i.src, i.dst, 0, 0);
  else emitRm(s, NO_PREFIX, i.w === 64, row.rm, i.dst, i.src, 0, 0);
}

/** Immediate group 1 (vol. 2D A.4): 83 /digit ib when it fits, else 81 /digit id; TEST: F7 /0 id. */
function encAluImm(s: EncodeSink, i: InstOf<'alu_imm'>): void {
  const row = ALU[i.op];
  if (row.hasImm8 && fitsInt8(i.imm)) {
    emitRm(s, NO_PREFIX, i.w === 64, 0x83, row.ext, i.dst, 0, 1);
    s.buf.u8(i.imm);
  } else {
    emitRm(s, NO_PREFIX, i.w === 64, row.imm32Op, row.ext, i.dst, 0, 4);
    s.buf.u32(i.imm);
  }
}

/** IMUL (vol. 2A): 0F AF /r. */
function encImul(s: EncodeSink, i: InstOf<'imul'>): void {
  emitRm(s, NO_PREFIX, i.w === 64, 0x0faf, i.dst, i.src, 0, 0);
}

/** IMUL (vol. 2A): 6B /r ib when it fits, else 69 /r id. */
function encImulImm(s: EncodeSink, i: InstOf<'imul_imm'>): void {
  const short = fitsInt8(i.imm);
  emitRm(s, NO_PREFIX, i.w === 64, short ? 0x6b : 0x69, i.dst, i.src, 0, short ? 1 : 4);
  if (short) s.buf.u8(i.imm);
  else s.buf.u32(i.imm);
}

/** NOT/NEG/DIV/IDIV (vol. 2A/2B): F7 /digit (table GROUP3_EXT). */
function encGroup3(s: EncodeSink, i: InstOf<'unary'> | InstOf<'div'>): void {
  const rm = i.kind === 'unary' ? i.dst : i.src;
  emitRm(s, NO_PREFIX, i.w === 64, 0xf7, GROUP3_EXT[i.op], rm, 0, 0);
}

/** CWD/CDQ/CQO (vol. 2A): 99, REX.W 99. */
function encCdq(s: EncodeSink, i: InstOf<'cdq'>): void {
  if (i.w === 64) s.buf.u8(0x48);
  s.buf.u8(0x99);
}

/** SAL/SAR/SHL/SHR, ROL/ROR (vol. 2B): D3 /digit by cl, C1 /digit ib. */
function encShift(s: EncodeSink, i: InstOf<'shift'>): void {
  const ext = SHIFT_EXT[i.op];
  if (i.count === 'cl') {
    emitRm(s, NO_PREFIX, i.w === 64, 0xd3, ext, i.dst, 0, 0);
  } else {
    emitRm(s, NO_PREFIX, i.w === 64, 0xc1, ext, i.dst, 0, 1);
    s.buf.u8(i.count);
  }
}

/** POPCNT, LZCNT, TZCNT, BSR, BSF (vol. 2A/2B): [F3] 0F B8/BD/BC /r (table BIT). */
function encBit(s: EncodeSink, i: InstOf<'bit'>): void {
  const row = BIT[i.op];
  emitRm(s, row.prefix, i.w === 64, row.opcode, i.dst, i.src, 0, 0);
}

/** SETcc (vol. 2B): 0F 90+cc /0, a byte register. */
function encSetcc(s: EncodeSink, i: InstOf<'setcc'>): void {
  emitRm(s, NO_PREFIX, false, 0x0f90 + condCode(i.cc), 0, i.dst, RM_BYTE, 0);
}

/** CMOVcc (vol. 2A): 0F 40+cc /r. */
function encCmov(s: EncodeSink, i: InstOf<'cmov'>): void {
  emitRm(s, NO_PREFIX, i.w === 64, 0x0f40 + condCode(i.cc), i.dst, i.src, 0, 0);
}

/** Jcc (vol. 2A): 70+cc rel8 or 0F 80+cc rel32, against a label. */
function encJcc(s: EncodeSink, i: InstOf<'jcc'>): void {
  const b = s.buf;
  if (i.short) {
    b.u8(0x70 + condCode(i.cc));
    s.labelFixup(b.length, 1, i.target, -1);
    b.u8(0);
  } else {
    b.u8(0x0f);
    b.u8(0x80 + condCode(i.cc));
    s.labelFixup(b.length, 4, i.target, -4);
    b.u32(0);
  }
}

/** JMP (vol. 2A): EB rel8 or E9 rel32, against a label. */
function encJmp(s: EncodeSink, i: InstOf<'jmp'>): void {
  const b = s.buf;
  b.u8(i.short ? 0xeb : 0xe9);
  s.labelFixup(b.length, i.short ? 1 : 4, i.target, i.short ? -1 : -4);
  if (i.short) b.u8(0);
  else b.u32(0);
}

/** JMP r/m64 (vol. 2A): FF /4; CALL r/m64 (vol. 2A): FF /2 (64-bit operand by default). */
function encIndirect(s: EncodeSink, i: InstOf<'jmp_ind' | 'call_ind'>): void {
  emitRm(s, NO_PREFIX, false, 0xff, i.kind === 'jmp_ind' ? 4 : 2, i.target, 0, 0);
}

/** CALL rel32 (vol. 2A): E8 cd, the displacement left to a plt32 relocation (addend -4). */
function encCall(s: EncodeSink, i: InstOf<'call'>): void {
  s.buf.u8(0xe8);
  s.reloc(s.buf.length, 'plt32', i.symbol, -4);
  s.buf.u32(0);
}

/** PUSH (vol. 2B): 50+rd; POP (vol. 2B): 58+rd (64-bit operand by default). */
function encPushPop(s: EncodeSink, i: InstOf<'push' | 'pop'>): void {
  emitOpReg(s, false, i.kind === 'push' ? 0x50 : 0x58, i.reg);
}

const FIXED: Readonly<Record<InstOf<'ret' | 'ud2' | 'int3'>['kind'], number>> = {
  ret: 0xc3, // RET (vol. 2B): C3
  ud2: 0x0f0b, // UD (vol. 2B): 0F 0B
  int3: 0xcc, // INT n/INTO/INT3/INT1 (vol. 2A): CC
};

/** Instructions without operands: opcode bytes from the FIXED table (packed). */
function encFixed(s: EncodeSink, i: InstOf<'ret' | 'ud2' | 'int3'>): void {
  emitOpcode(s.buf, FIXED[i.kind]);
}

/** NOP (vol. 2B): 90, or the recommended multi-byte sequences of Table 4-12 (0F 1F /0). */
export const NOP_BYTES: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

function encNop(s: EncodeSink, i: InstOf<'nop'>): void {
  for (const byte of NOP_BYTES[i.size ?? 1]!) s.buf.u8(byte);
}

/** SSE..SSE4.2 `[prefix] 0F [38|3A] op /r` forms `op xmm, xmm/m`, scalar and packed (each mnemonic's page; table SSE). */
function encSse(s: EncodeSink, i: InstOf<'sse'>): void {
  const row = SSE[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 0);
}

/** MOVSS/MOVSD m, xmm (vol. 2B): F3/F2 0F 11 /r; MOVUPS, MOVAPS, MOVDQU, MOVDQA, MOVQ m, xmm (table SSE_STORE). */
function encSseStore(s: EncodeSink, i: InstOf<'sse_store'>): void {
  const row = SSE_STORE[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.src, i.dst, 0, 0);
}

/** ROUNDSS/ROUNDSD/ROUNDPS/ROUNDPD (vol. 2B): 66 0F 3A 0A/0B/08/09 /r ib. */
function encRound(s: EncodeSink, i: InstOf<'round'>): void {
  const row = ROUND[i.op];
  emitRm(s, row.prefix, false, row.opcode, i.dst, i.src, 0, 1);
  s.buf.u8(i.mode);
}

/** MOVD/MOVQ (vol. 2B): 66 [REX.W] 0F 6E /r (to xmm), 66 [REX.W] 0F 7E /r (from xmm). */
function encMovdTo(s: EncodeSink, i: InstOf<'movd_to_xmm'>): void {
  emitRm(s, P66, i.w === 64, 0x0f6e, i.dst, i.src, 0, 0);
}

function encMovdFrom(s: EncodeSink, i: InstOf<'movd_from_xmm'>): void {
  emitRm(s, P66, i.w === 64, 0x0f7e, i.src, i.dst, 0, 0);
}

/** CVTSI2SS/CVTSI2SD (vol. 2A): F3/F2 [REX.W] 0F 2A /r. */
function encCvtI2F(s: EncodeSink, i: InstOf<'cvt_i2f'>): void {
  const row = CVT_I2F[i.op];
  emitRm(s, row.prefix, i.w === 64, row.opcode, i.dst, i.src, 0, 0);
}

/** CVTTSS2SI/CVTTSD2SI (vol. 2A): F3/F2 [REX.W] 0F 2C /r. */
function encCvtF2I(s: EncodeSink, i: InstOf<'cvt_f2i'>): void {
  const row = CVT_F2I[i.op];
  emitRm(s, row.prefix, i.w === 64, row.opcode, i.dst, i.src, 0, 0);
}

const ENCODERS: Encoders = {
  mov: encMov,
  mov_imm: encMovImm,
  movabs: encMovabs,
  store: encStore,
  store_imm: encStoreImm,
  movzx: encMovExtend,
  movsx: encMovExtend,
  movsxd: encMovsxd,
  lea: encLea,
  alu: encAlu,
  alu_imm: encAluImm,
  imul: encImul,
  imul_imm: encImulImm,
  unary: encGroup3,
  div: encGroup3,
  cdq: encCdq,
  shift: encShift,
  bit: encBit,
  setcc: encSetcc,
  cmov: encCmov,
  jcc: encJcc,
  jmp: encJmp,
  jmp_ind: encIndirect,
  call: encCall,
  call_ind: encIndirect,
  push: encPushPop,
  pop: encPushPop,
  ret: encFixed,
  ud2: encFixed,
  int3: encFixed,
  nop: encNop,
  sse: encSse,
  sse_store: encSseStore,
  round: encRound,
  movd_to_xmm: encMovdTo,
  movd_from_xmm: encMovdFrom,
  cvt_i2f: encCvtI2F,
  cvt_f2i: encCvtF2I,
  ...SIMD_ENCODERS,
};

/** Every instruction kind the encoder handles (all of them: the table's type is exhaustive). */
export const ENCODED_KINDS: readonly InstKind[] = Object.keys(ENCODERS) as InstKind[];
