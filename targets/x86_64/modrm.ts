/**
 * The operand-encoding core shared by every x86-64 instruction family: legacy/mandatory
 * prefix, REX, opcode, ModRM, SIB and displacement.
 *
 * Rules followed (Intel SDM vol. 2A):
 * - 2.1 "Instruction Format": prefixes, then REX, then opcode, ModRM, SIB, displacement,
 *   immediate; a mandatory prefix (66/F2/F3) comes before REX (2.2.1).
 * - 2.2.1 "REX Prefixes": W = 64-bit operand, R extends ModRM.reg, X extends SIB.index,
 *   B extends ModRM.rm or SIB.base; byte registers spl/bpl/sil/dil need a REX (2.2.1.2).
 * - 2.1.5, Tables 2-2 and 2-3: rm=100 means a SIB follows, so an rsp/r12 base needs a SIB;
 *   mod=00 with base 101 means disp32 with no base (or RIP-relative, 2.2.1.6), so an rbp/r13
 *   base with no displacement is encoded as mod=01 with disp8 0; index 100 means no index,
 *   so rsp cannot be an index (r12 can, with REX.X).
 */

import type { CodeBuffer } from '../code-buffer.js';
import { fitsInt8 } from './imm.js';
import type { Label, Mem } from './operands.js';
import { byteRegNeedsRex } from './regs.js';
import type { RelocKind } from './reloc.js';

/** Where encoders write: the bytes, label fixups and relocations. */
export interface EncodeSink {
  readonly buf: CodeBuffer;
  /** The field of `size` bytes at `at` gets `position(label) + addend - at` when labels are bound. */
  labelFixup(at: number, size: 1 | 4, label: Label, addend: number): void;
  /** The 4-byte field at `at` gets `address(symbol) + addend - at` from the linker. */
  reloc(at: number, kind: RelocKind, symbol: string, addend: number): void;
}

/** Flags: the ModRM.reg operand is a byte register (spl..dil need REX). */
export const REG_BYTE = 1;
/** Flags: the ModRM.rm operand, if a register, is a byte register. */
export const RM_BYTE = 2;

/** SIB.scale of a scale 1, 2, 4 or 8 (indexed by the scale) */
const SCALE_BITS: readonly number[] = [0, 0, 1, 0, 2, 0, 0, 0, 3];

/**
 * Emit `[prefix] [REX] opcode ModRM [SIB] [disp]` for an instruction whose ModRM.reg is `reg`
 * (`opcode` is one to three bytes packed big-endian, e.g. 0x0f3a0a; no opcode used here
 * starts with a zero byte)
 * (a register number or a /digit) and whose ModRM.rm is a register number or memory.
 * `trailing` is the number of immediate bytes the caller writes after this, which a
 * RIP-relative displacement must skip.
 */
export function emitRm(
  s: EncodeSink,
  prefix: number,
  w64: boolean,
  opcode: number,
  reg: number,
  rm: number | Mem,
  flags: number,
  trailing: number,
): void {
  const b = s.buf;
  if (prefix !== 0) b.u8(prefix);
  let rex = (w64 ? 8 : 0) | (reg & 8 ? 4 : 0);
  let forced = (flags & REG_BYTE) !== 0 && byteRegNeedsRex(reg);
  if (typeof rm === 'number') {
    if (rm & 8) rex |= 1;
    if ((flags & RM_BYTE) !== 0 && byteRegNeedsRex(rm)) forced = true;
  } else if (rm.kind === 'mem') {
    if (rm.base & 8) rex |= 1;
    if (rm.index !== null && rm.index & 8) rex |= 2;
  }
  if (rex !== 0 || forced) b.u8(0x40 | rex);
  emitOpcode(b, opcode);
  emitModrm(s, reg & 7, rm, trailing);
}

/** ModRM (+SIB, +displacement) for a 3-bit reg field and an rm operand. */
function emitModrm(s: EncodeSink, reg3: number, rm: number | Mem, trailing: number): void {
  const b = s.buf;
  if (typeof rm === 'number') {
    b.u8(0xc0 | (reg3 << 3) | (rm & 7));
    return;
  }
  if (rm.kind === 'rip') {
    b.u8(0x05 | (reg3 << 3));
    const at = b.length;
    const addend = rm.disp - 4 - trailing;
    if (rm.label !== null) {
      b.u32(0);
      s.labelFixup(at, 4, rm.label, addend);
    } else if (rm.symbol !== null) {
      b.u32(0);
      s.reloc(at, 'pc32', rm.symbol, addend);
    } else {
      b.u32(rm.disp);
    }
    return;
  }
  const base3 = rm.base & 7;
  const disp = rm.disp;
  const mod = disp === 0 && base3 !== 5 ? 0 : fitsInt8(disp) ? 1 : 2;
  if (rm.index === null && base3 !== 4) {
    b.u8((mod << 6) | (reg3 << 3) | base3);
  } else {
    const index3 = rm.index === null ? 4 : rm.index & 7;
    b.u8((mod << 6) | (reg3 << 3) | 4);
    b.u8((SCALE_BITS[rm.scale]! << 6) | (index3 << 3) | base3);
  }
  if (mod === 1) b.u8(disp);
  else if (mod === 2) b.u32(disp);
}

/** Write a packed opcode, most significant non-zero byte first. */
export function emitOpcode(b: CodeBuffer, opcode: number): void {
  if (opcode > 0xffff) b.u8(opcode >>> 16);
  if (opcode > 0xff) b.u8(opcode >>> 8);
  b.u8(opcode);
}

/** `opcode+rd` forms (push/pop/mov imm/movabs): REX.B carries the register's top bit. */
export function emitOpReg(s: EncodeSink, w64: boolean, opcode: number, reg: number): void {
  const rex = (w64 ? 8 : 0) | (reg & 8 ? 1 : 0);
  if (rex !== 0) s.buf.u8(0x40 | rex);
  s.buf.u8(opcode + (reg & 7));
}
