/**
 * Engine-generated AArch64 code that joins kiln-cc (compiled wasm, targets/aarch64/abi.ts) and
 * AAPCS64 (koffi calls and callbacks): the entry trampoline per function type, the exit
 * trampoline per function type, the trap routine and the runtime-function wrappers. It keeps
 * the protocol of the x86-64 routines (targets/x86_64/trampolines.ts, docs/native-abi.md) on
 * AArch64's registers, between the same two stacks:
 *
 * - the **host stack** (koffi's call stack, where C code and koffi's callback relay run), and
 * - the **wasm stack**, the engine's own mapping. Entry trampolines move onto it, and every call
 *   out of wasm (exit trampolines, runtime wrappers) moves back to the host stack first, at the
 *   entry sp, so JS never runs on the wasm stack and koffi's relay finds the stack it expects.
 *
 * The entry trampoline's frame on the host stack, at the entry sp E (16-byte aligned, the
 * runtime block's RT.entrySp while wasm runs):
 *
 *     [E+0]   x29, x30   the frame record (AAPCS64 6.4.6): x29 = E
 *     [E+16]  x19 … x28  callee-saved in AAPCS64, so saved for the C caller
 *     [E+96]  d8 … d15   the low halves AAPCS64 preserves; kiln-cc clobbers every vector register
 *     [E+160] the previous entry sp (nested entries), [E+168] the results pointer
 *
 * The trap routine unwinds to exactly this frame from anywhere in wasm. Everything here is
 * position independent: entry and exit trampolines and the trap routine find the runtime
 * block through a vmctx-shaped record ([x0+8]); a runtime wrapper embeds its runtime block
 * and koffi callback addresses (movz/movk), so wrappers are per engine. x16 and x17 (IP0,
 * IP1) are the only scratch registers besides those a routine saved.
 */

import { Type } from '../../compiler/ir/types.js';
import { RegClassId } from '../../compiler/regalloc/mach.js';
import type { ValType } from '../../formats/wasm/types.js';
import { kilnCC, RT, VMCTX_SLOT, INCOMING, type CallLayout, type Place } from './abi.js';
import { mov, ret } from './alias.js';
import { Assembler } from './asm.js';
import { addImm, imm16, type AccessSize } from './imm.js';
import type { Inst } from './inst.js';
import { materialize } from './materialize.js';
import { memOffset, memUnscaled, pairAddr, type Addr, type Label } from './operands.js';
import {
  SP, X0, X1, X16, X17, X19, X2, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X3, X30, XZR,
  type Gpr, type GprSp, type GprZr, type Vreg, type W,
} from './regs.js';
import { bufferSlots, irTypeOf } from '../call-conv.js';

/** the trap code an exit trampoline reports when the host function threw */
export const HOST_EXCEPTION_CODE = 255;

/** the callee-saved general registers, in the pairs the routines store them as */
const SAVED_PAIRS: ReadonlyArray<readonly [Gpr, Gpr]> = [[X19, X20], [X21, X22], [X23, X24], [X25, X26], [X27, X28]];
/** d8–d15 in pairs */
const SAVED_FP_PAIRS: ReadonlyArray<readonly [Vreg, Vreg]> = [[8, 9], [10, 11], [12, 13], [14, 15]].map(([a, b]) => [a as Vreg, b as Vreg] as const);

/** entry frame (from the entry sp): the general pairs, the vector pairs, then two words */
const ENTRY_GPRS_AT = 16;
const ENTRY_FPRS_AT = ENTRY_GPRS_AT + 16 * SAVED_PAIRS.length;
const AT_PREV = ENTRY_FPRS_AT + 16 * SAVED_FP_PAIRS.length;
const AT_RESULTS = AT_PREV + 8;
/** bytes of the entry trampoline's host-stack frame (a multiple of 16: 176) */
const ENTRY_FRAME = AT_RESULTS + 8;

/** exit trampoline frame below x29: [x29-8] ctx, [x29-16] saved wasm sp, then the pairs */
const EXIT_WASM_SP = -16;
const exitPairAt = (k: number): number => -32 - 16 * k;
/** bytes of the exit trampoline's frame below x29 before its buffer (a multiple of 16: 96) */
const EXIT_FRAME = 16 + 16 * SAVED_PAIRS.length;

/**
 * where an exit trampoline stores each callee-saved register, [register, offset from its x29]:
 * a collection walking the wasm frames reads references the caller keeps in them there
 */
export const EXIT_SAVED: ReadonlyArray<readonly [number, number]> = SAVED_PAIRS.flatMap(([a, b], k) => [
  [a as number, exitPairAt(k)] as const,
  [b as number, exitPairAt(k) + 8] as const,
]);

export { irTypeOf } from '../call-conv.js';

/** kiln-cc layout of a wasm function type (the vmctx comes first) */
export function wasmLayout(params: readonly ValType[], results: readonly ValType[]): CallLayout {
  return kilnCC([Type.PTR, ...params.map(irTypeOf)], results.map(irTypeOf));
}

const align16 = (n: number): number => (n + 15) & ~15;
const narrowType = (t: ValType): boolean => t === 0x7f || t === 0x7d;
const isV128 = (t: ValType | undefined): boolean => t === 0x7b;

/** [base, #bytes]: the scaled form where it fits, else the unscaled one (ldur/stur) */
function addr(base: GprSp, bytes: number, size: AccessSize = 8): Addr {
  return bytes >= 0 && bytes % size === 0 && bytes / size <= 4095 ? memOffset(base, bytes, size) : memUnscaled(base, bytes);
}

/** a thin layer over the assembler for the few forms these routines use */
export class Emitter {
  constructor(readonly a: Assembler) {}

  i(inst: Inst): void {
    this.a.emit(inst);
  }
  ldr(rt: GprZr, base: GprSp, bytes: number, w: W = 64): void {
    this.i({ kind: 'ldst', op: 'ldr', w, rt, addr: addr(base, bytes, w === 64 ? 8 : 4) });
  }
  str(rt: GprZr, base: GprSp, bytes: number, w: W = 64): void {
    this.i({ kind: 'ldst', op: 'str', w, rt, addr: addr(base, bytes, w === 64 ? 8 : 4) });
  }
  fldr(rt: Vreg, base: GprSp, bytes: number, fw: 32 | 64): void {
    this.i({ kind: 'fldst', op: 'ldr', fw, rt, addr: addr(base, bytes, fw === 64 ? 8 : 4) });
  }
  fstr(rt: Vreg, base: GprSp, bytes: number, fw: 32 | 64): void {
    this.i({ kind: 'fldst', op: 'str', fw, rt, addr: addr(base, bytes, fw === 64 ? 8 : 4) });
  }
  /** ldr q / str q at [base, #bytes]: scaled, unscaled, or through `tmp` (= base + bytes) when neither reaches */
  qldst(op: 'ldr' | 'str', rt: Vreg, base: GprSp, bytes: number, tmp: Gpr): void {
    let at: Addr;
    if ((bytes >= 0 && bytes % 16 === 0 && bytes / 16 <= 4095) || (bytes >= -256 && bytes <= 255)) at = addr(base, bytes, 16);
    else {
      this.addImm(tmp, base, bytes);
      at = memOffset(tmp, 0, 16);
    }
    this.i({ kind: 'fldst', op, fw: 128, rt, addr: at });
  }
  /** rd = rn + n for 0 <= n < 2^24 */
  addImm(rd: Gpr, rn: GprSp, n: number): void {
    const hi = n & 0xfff000;
    const lo = n & 0xfff;
    if (n !== hi + lo) throw new RangeError(`offset ${n} is too large`);
    this.i({ kind: 'add_imm', op: 'add', w: 64, rd, rn, imm: addImm(hi === 0 ? lo : hi) });
    if (hi !== 0 && lo !== 0) this.i({ kind: 'add_imm', op: 'add', w: 64, rd, rn: rd, imm: addImm(lo) });
  }
  /** stp/ldp of two x registers at [base, #bytes] (mode: offset, or pre/post-index) */
  pair(op: 'stp' | 'ldp', rt: GprZr, rt2: GprZr, base: GprSp, bytes: number, mode: 'offset' | 'pre' | 'post' = 'offset'): void {
    this.i({ kind: 'ldst_pair', op, w: 64, rt, rt2, addr: pairAddr(mode, base, bytes, 8) });
  }
  fpair(op: 'stp' | 'ldp', rt: Vreg, rt2: Vreg, base: GprSp, bytes: number): void {
    this.i({ kind: 'fldst_pair', op, fw: 64, rt, rt2, addr: pairAddr('offset', base, bytes, 8) });
  }
  mov(rd: GprSp | GprZr, rm: GprSp | GprZr, w: W = 64): void {
    this.i(mov(w, rd, rm));
  }
  /** rd = the 16-bit value v (movz) */
  movImm(rd: Gpr, v: number, w: W = 64): void {
    this.i({ kind: 'mov_wide', op: 'movz', w, rd, imm: imm16(v), shift: 0 });
  }
  /** rd = a 64-bit constant (an address), in at most four instructions */
  movAddr(rd: Gpr, v: number): void {
    for (const inst of materialize(rd, BigInt(v), 64)) this.i(inst);
  }
  /** rd = rn - n for any n below 2^24 (one or two instructions; either may be sp) */
  subImm(rd: GprSp, rn: GprSp, n: number): void {
    const hi = n & 0xfff000;
    const lo = n & 0xfff;
    if (n !== hi + lo) throw new RangeError(`frame of ${n} bytes is too large`);
    if (n === 0) {
      if (rd !== rn) this.mov(rd, rn);
      return;
    }
    let from = rn;
    if (hi !== 0) {
      this.i({ kind: 'add_imm', op: 'sub', w: 64, rd, rn: from, imm: addImm(hi) });
      from = rd;
    }
    if (lo !== 0) this.i({ kind: 'add_imm', op: 'sub', w: 64, rd, rn: from, imm: addImm(lo) });
  }
  blr(rn: Gpr): void {
    this.i({ kind: 'br', op: 'blr', rn });
  }
  br(rn: Gpr): void {
    this.i({ kind: 'br', op: 'br', rn });
  }
  ret(): void {
    this.i(ret());
  }
  cbnz(rt: GprZr, target: Label, w: W = 32): void {
    this.i({ kind: 'cbz', op: 'cbnz', w, rt, target });
  }
  /**
   * the place `p` ← 8 bytes at [base, #bytes], 16 for a v128 (`wide`): stack places go through
   * x16 to `stackAt` (a v128 as two 8-byte words), a v128 register by `ldr q` (x16 the address
   * when the offset reaches no immediate form)
   */
  toPlace(p: Place, base: GprSp, bytes: number, stackAt: (slot: number) => readonly [GprSp, number], wide = false): void {
    if (p.reg < 0) {
      for (let k = 0; k < (wide ? 2 : 1); k++) {
        this.ldr(X16, base, bytes + 8 * k);
        const [b, off] = stackAt(p.slot + k);
        this.str(X16, b, off);
      }
    } else if (p.cls === RegClassId.Float) {
      if (wide) this.qldst('ldr', p.reg as Vreg, base, bytes, X16);
      else this.fldr(p.reg as Vreg, base, bytes, 64);
    } else this.ldr(p.reg as Gpr, base, bytes);
  }
  /**
   * 8 bytes at [base, #bytes] ← the place `p`, 16 for a v128 (`wide`; stack places through x16
   * from `stackAt`, a v128 register by `str q`); `narrow` stores the low 32 bits and a zero
   * upper word (i32, f32)
   */
  fromPlace(p: Place, base: GprSp, bytes: number, stackAt: (slot: number) => readonly [GprSp, number], narrow: boolean, wide = false): void {
    if (wide) {
      if (p.reg >= 0) {
        this.qldst('str', p.reg as Vreg, base, bytes, X16);
        return;
      }
      for (let k = 0; k < 2; k++) {
        const [b, off] = stackAt(p.slot + k);
        this.ldr(X16, b, off);
        this.str(X16, base, bytes + 8 * k);
      }
      return;
    }
    if (p.reg >= 0 && p.cls === RegClassId.Float) this.fstr(p.reg as Vreg, base, bytes, narrow ? 32 : 64);
    else {
      let reg = p.reg as Gpr;
      if (p.reg < 0) {
        const [b, off] = stackAt(p.slot);
        this.ldr(X16, b, off);
        reg = X16;
      }
      this.str(reg, base, bytes, narrow ? 32 : 64);
    }
    if (narrow) this.str(XZR, base, bytes + 4, 32);
  }
}

/** assembles `body` into `a` and returns the code */
function assemble(a: Assembler, body: (m: Emitter) => void): Uint8Array {
  body(new Emitter(a));
  return a.finish().code;
}

/**
 * `int32 entry(ptr vmctx, ptr code, ptr args, ptr results)` for one function type. On the host
 * stack it builds a frame record and saves x19–x28, d8–d15, the previous entry sp and the
 * results pointer, and records its sp as the entry sp; then it moves to the wasm stack at the
 * runtime block's wasm sp, loads the arguments from `args` (8 bytes each, 16 for a v128:
 * call-conv.ts bufferSlots) into their kiln-cc places, calls `code`, stores the results to
 * `results` (the same slots; i32 and f32 with a zero upper word), restores the previous entry sp and what it saved, and returns 0. The trap
 * routine leaves through the same epilogue with the trap code.
 *
 * Kept across the call (callee-saved in kiln-cc): x19 = the runtime block, x20 = code.
 */
export function entryTrampoline(params: readonly ValType[], results: readonly ValType[], a = new Assembler()): Uint8Array {
  const L = wasmLayout(params, results);
  return assemble(a, (m) => {
    m.pair('stp', X29, X30, SP, -ENTRY_FRAME, 'pre');
    m.mov(X29, SP);
    SAVED_PAIRS.forEach(([r1, r2], k) => m.pair('stp', r1, r2, SP, ENTRY_GPRS_AT + 16 * k));
    SAVED_FP_PAIRS.forEach(([r1, r2], k) => m.fpair('stp', r1, r2, SP, ENTRY_FPRS_AT + 16 * k));
    m.ldr(X19, X0, 8); // the runtime block
    m.ldr(X16, X19, RT.entrySp);
    m.pair('stp', X16, X3, SP, AT_PREV); // previous entry sp, results pointer
    m.mov(X20, X1); // code
    m.mov(X21, X2); // args
    m.mov(X16, SP);
    m.str(X16, X19, RT.entrySp);
    // to the wasm stack, with room for the stack arguments and the memory results
    m.ldr(X16, X19, RT.wasmSp);
    m.subImm(SP, X16, align16(8 * (L.stackArgs + L.memResults)));
    const stackAt = (slot: number): readonly [GprSp, number] => [SP, 8 * slot];
    const argAt = bufferSlots(params);
    const resultAt = bufferSlots(results);
    L.args.forEach((p, i) => {
      if (i > 0) m.toPlace(p, X21, 8 * (argAt[i - 1] as number), stackAt, isV128(params[i - 1]));
    });
    m.blr(X20);
    m.ldr(X17, X19, RT.entrySp);
    m.ldr(X17, X17, AT_RESULTS);
    // memory results follow the stack arguments in the area
    const resAt = (slot: number): readonly [GprSp, number] => [SP, 8 * (L.stackArgs + slot)];
    L.results.forEach((p, k) => m.fromPlace(p, X17, 8 * (resultAt[k] as number), resAt, narrowType(results[k] as ValType), isV128(results[k])));
    m.ldr(X16, X19, RT.entrySp);
    m.mov(SP, X16);
    leaveEntry(m, X19);
    m.movImm(X0, 0, 32);
    m.ret();
  });
}

/**
 * with sp at the entry sp and `rt` holding the runtime block: restore the previous entry sp
 * and everything the entry trampoline saved, and pop its frame (x17 is the scratch)
 */
function leaveEntry(m: Emitter, rt: Gpr): void {
  m.ldr(X17, SP, AT_PREV);
  m.str(X17, rt, RT.entrySp);
  SAVED_FP_PAIRS.forEach(([r1, r2], k) => m.fpair('ldp', r1, r2, SP, ENTRY_FPRS_AT + 16 * k));
  SAVED_PAIRS.forEach(([r1, r2], k) => m.pair('ldp', r1, r2, SP, ENTRY_GPRS_AT + 16 * k));
  m.pair('ldp', X29, X30, SP, ENTRY_FRAME, 'post');
}

/**
 * The trap routine, reached by `blr` from a trap stub (x0 = a vmctx, w1 = code + 1, x30 = the
 * trap pc, x29 = the trapping frame), by `br` from a runtime wrapper or a landing stub of the
 * fault handler (x30 set to the pc to report). It records the code, the trap pc and the trap
 * fp in the runtime block, moves to the entry sp and returns the code from the innermost
 * entry trampoline.
 */
export function trapRoutine(a = new Assembler()): Uint8Array {
  return assemble(a, (m) => {
    m.ldr(X16, X0, 8);
    m.str(X1, X16, RT.trapCode, 32);
    m.pair('stp', X30, X29, X16, RT.trapPc); // trap pc at +16, trap fp at +24
    m.ldr(X17, X16, RT.entrySp);
    m.mov(SP, X17);
    leaveEntry(m, X16);
    m.mov(X0, X1, 32);
    m.ret();
  });
}

/**
 * The exit trampoline of one function type: a kiln-cc function whose vmctx argument is a host
 * context record ([ctx+8] = the runtime block). It spills the arguments to a buffer of 8-byte
 * slots in its frame (two for a v128, call-conv.ts bufferSlots), lets nested entries continue below that buffer (runtime block wasm sp),
 * stores x19–x28 in its frame (EXIT_SAVED: where a collection walking the wasm frames finds
 * references the caller keeps in them), calls the host callback on the host stack as
 * `int32 cb(ctx, buffer, fp)` (fp: this frame's x29), and loads the results the callback left
 * in the buffer into their kiln-cc places. A non-zero return means the host threw: the trap
 * routine then ends the innermost entry with HOST_EXCEPTION_CODE.
 *
 * Frame: [x29] the frame record, [x29-8] ctx (as every kiln frame), [x29-16] the saved wasm
 * sp, [x29-32..-88] x19–x28 in pairs, the buffer at sp = x29 - 96 - buffer size.
 */
export function exitTrampoline(params: readonly ValType[], results: readonly ValType[], a = new Assembler()): Uint8Array {
  const L = wasmLayout(params, results);
  const argAt = bufferSlots(params);
  const resultAt = bufferSlots(results);
  const buf = align16(8 * Math.max(argAt[params.length] as number, resultAt[results.length] as number, 1));
  return assemble(a, (m) => {
    const threw = a.newLabel();
    m.pair('stp', X29, X30, SP, -16, 'pre');
    m.mov(X29, SP);
    m.subImm(SP, SP, EXIT_FRAME + buf);
    SAVED_PAIRS.forEach(([r1, r2], k) => m.pair('stp', r1, r2, X29, exitPairAt(k)));
    const incoming = (slot: number): readonly [GprSp, number] => [X29, INCOMING + 8 * slot];
    L.args.forEach((p, i) => {
      if (i > 0) m.fromPlace(p, SP, 8 * (argAt[i - 1] as number), incoming, false, isV128(params[i - 1]));
    });
    m.ldr(X16, X0, 8); // the runtime block
    m.ldr(X17, X16, RT.wasmSp);
    m.pair('stp', X17, X0, X29, EXIT_WASM_SP); // [x29-16] wasm sp, [x29-8] ctx
    m.mov(X17, SP);
    m.str(X17, X16, RT.wasmSp);
    m.mov(X1, SP);
    m.mov(X2, X29);
    m.ldr(X17, X16, RT.entrySp);
    m.mov(SP, X17);
    m.ldr(X17, X16, RT.hostCall);
    m.blr(X17); // cb(ctx, buffer, fp): x0 is still ctx
    m.subImm(SP, X29, EXIT_FRAME + buf);
    m.ldr(X16, X29, VMCTX_SLOT);
    m.ldr(X16, X16, 8);
    m.ldr(X17, X29, EXIT_WASM_SP);
    m.str(X17, X16, RT.wasmSp);
    m.cbnz(X0, threw);
    L.results.forEach((p, k) => m.toPlace(p, SP, 8 * (resultAt[k] as number), (slot) => incoming(L.stackArgs + slot), isV128(results[k])));
    m.mov(SP, X29);
    m.pair('ldp', X29, X30, SP, 16, 'post');
    m.ret();
    a.bind(threw);
    m.ldr(X0, X29, VMCTX_SLOT);
    m.movImm(X1, HOST_EXCEPTION_CODE, 32);
    m.ldr(X16, X16, RT.trapRoutine);
    m.blr(X16);
  });
}

/**
 * The wrapper of one runtime function for one engine: compiled code calls it with AAPCS64
 * (x0 = vmctx, the row's arguments after it). It builds a frame record on the wasm stack,
 * moves to the host stack at the entry sp, calls the koffi callback `callback`, comes back,
 * and returns the callback's x0 — unless the callback set the runtime block's trap code, in
 * which case it pops its frame and branches to the trap routine as if the wasm caller's `blr`
 * had been a trap stub's (x30 = the return address into wasm, x29 = the caller's frame).
 */
export function runtimeWrapper(runtimeBlock: number, callback: number, a = new Assembler()): Uint8Array {
  return assemble(a, (m) => {
    const trap = a.newLabel();
    m.pair('stp', X29, X30, SP, -16, 'pre');
    m.mov(X29, SP);
    m.movAddr(X16, runtimeBlock);
    m.ldr(X17, X16, RT.entrySp);
    m.mov(SP, X17);
    m.movAddr(X16, callback);
    m.blr(X16);
    m.mov(SP, X29);
    m.pair('ldp', X29, X30, SP, 16, 'post');
    m.movAddr(X16, runtimeBlock);
    m.ldr(X17, X16, RT.trapCode, 32);
    m.cbnz(X17, trap);
    m.ret();
    a.bind(trap);
    m.mov(X1, X17, 32);
    m.ldr(X0, X29, VMCTX_SLOT);
    m.ldr(X16, X16, RT.trapRoutine);
    m.br(X16);
  });
}
