/**
 * Engine-generated x86-64 code that joins kiln-cc (compiled wasm) and the C ABI (koffi calls
 * and callbacks): the entry trampoline per function type, the exit trampoline per function
 * type, the trap routine and the runtime-function wrappers. docs/native-abi.md is the
 * contract; docs/native.md explains the two stacks they switch between:
 *
 * - the **host stack** (koffi's call stack, where C code and koffi's callback relay run), and
 * - the **wasm stack**, a mapping of the engine's own, sized for the call-depth limit. Entry
 *   trampolines move onto it, and every call out of wasm (exit trampolines, runtime wrappers)
 *   moves back to the host stack first, at the entry sp, so JS never runs on the wasm stack
 *   and koffi's relay finds the stack it expects.
 *
 * Everything here is position independent. Entry and exit trampolines and the trap routine
 * find the runtime block through a vmctx-shaped record ([rdi+8]); a runtime wrapper embeds
 * its runtime block and koffi callback addresses as immediates, so wrappers are per engine.
 */

import { Type } from '../../compiler/ir/types.js';
import { RegClassId } from '../../compiler/regalloc/mach.js';
import type { ValType } from '../../formats/wasm/types.js';
import { kilnCC, type CallLayout, type Place } from './abi.js';
import { Assembler } from './asm.js';
import { imm32, imm64 } from './imm.js';
import { RT } from './abi.js';
import type { Inst } from './inst.js';
import { mem, type Mem } from './operands.js';
import { R10, R11, R12, R13, R14, R15, RAX, RBP, RBX, RCX, RDI, RDX, RSI, RSP, xmm, type Gpr } from './regs.js';
import { bufferSlots, irTypeOf } from '../call-conv.js';


/** the trap code an exit trampoline reports when the host function threw */
export const HOST_EXCEPTION_CODE = 255;

/** callee-saved registers the entry trampoline pushes after rbp, in push order */
const SAVED: readonly Gpr[] = [RBX, R12, R13, R14, R15];

/** where an exit trampoline stores each callee-saved register: [register, offset from its rbp] */
export const EXIT_SAVED: ReadonlyArray<readonly [Gpr, number]> = SAVED.map((r, k) => [r, -24 - 8 * k] as const);
/** bytes of an exit trampoline's frame below rbp, before its buffer (a multiple of 16) */
const EXIT_FRAME = 64;
/** host-stack words above the entry sp: [sp] padding, [sp+8] results ptr, [sp+16] previous entry sp */
const AT_RESULTS = 8;
const AT_PREV = 16;

export { irTypeOf } from '../call-conv.js';

/** kiln-cc layout of a wasm function type (the vmctx comes first) */
export function wasmLayout(params: readonly ValType[], results: readonly ValType[]): CallLayout {
  return kilnCC([Type.PTR, ...params.map(irTypeOf)], results.map(irTypeOf));
}

const align16 = (n: number): number => (n + 15) & ~15;

/** a thin layer over the assembler for the few forms trampolines use */
class Emitter {
  readonly a = new Assembler();

  i(inst: Inst): void {
    this.a.emit(inst);
  }
  push(r: Gpr): void {
    this.i({ kind: 'push', reg: r });
  }
  pop(r: Gpr): void {
    this.i({ kind: 'pop', reg: r });
  }
  mov(dst: Gpr, src: Gpr): void {
    this.i({ kind: 'mov', w: 64, dst, src });
  }
  load(dst: Gpr, src: Mem): void {
    this.i({ kind: 'mov', w: 64, dst, src });
  }
  store(dst: Mem, src: Gpr, w: 32 | 64 = 64): void {
    this.i({ kind: 'store', w, dst, src });
  }
  subRsp(n: number): void {
    if (n > 0) this.i({ kind: 'alu_imm', op: 'sub', w: 64, dst: RSP, imm: imm32(n) });
  }
  addRsp(n: number): void {
    if (n > 0) this.i({ kind: 'alu_imm', op: 'add', w: 64, dst: RSP, imm: imm32(n) });
  }
  movabs(dst: Gpr, v: number): void {
    this.i({ kind: 'movabs', dst, imm: imm64(BigInt(v)) });
  }
  /** value `place` ← 8 bytes at `src` (16 for a v128; stack places go through r11) */
  toPlace(p: Place, src: Mem, stackAt: (slot: number) => Mem, wide = false): void {
    if (p.reg < 0) {
      this.load(R11, src);
      this.store(stackAt(p.slot), R11);
      if (!wide) return;
      this.load(R11, upperWord(src, 8));
      this.store(stackAt(p.slot + 1), R11);
    } else if (p.cls === RegClassId.Float) {
      this.i({ kind: 'sse', op: wide ? 'movdqu' : 'movsd', dst: xmm(p.reg), src });
    } else {
      this.load(p.reg as Gpr, src);
    }
  }
  /**
   * 8 bytes at `dst` ← value `place` (16 for a v128; stack places through r11); `narrow`
   * stores the low 32 bits and a zero word
   */
  fromPlace(p: Place, dst: Mem, stackAt: (slot: number) => Mem, narrow: boolean, wide = false): void {
    let reg: Gpr = R11;
    if (p.reg < 0) {
      this.load(R11, stackAt(p.slot));
      if (wide) {
        this.store(dst, R11);
        this.load(R11, stackAt(p.slot + 1));
        this.store(upperWord(dst, 8), R11);
        return;
      }
    } else if (p.cls === RegClassId.Float) {
      this.i({ kind: 'sse_store', op: wide ? 'movdqu' : 'movsd', dst, src: xmm(p.reg) });
      if (narrow) this.i({ kind: 'store_imm', w: 32, dst: upperWord(dst), imm: imm32(0) });
      return;
    } else reg = p.reg as Gpr;
    if (narrow) {
      this.store(dst, reg, 32);
      this.i({ kind: 'store_imm', w: 32, dst: upperWord(dst), imm: imm32(0) });
    } else this.store(dst, reg);
  }
  finish(): Uint8Array {
    return this.a.finish().code;
  }
}

/** `by` bytes into a slot: its upper 4 bytes (by 4), or the second 8 of a 16-byte slot (by 8) */
function upperWord(slot: Mem, by = 4): Mem {
  if (slot.kind !== 'mem') throw new RangeError('trampoline slots are base + displacement');
  return mem(slot.base, slot.disp + by);
}

const isV128 = (t: ValType | undefined): boolean => t === 0x7b;

const narrowType = (t: ValType): boolean => t === 0x7f || t === 0x7d;

/**
 * `int32 entry(ptr vmctx, ptr code, ptr args, ptr results)` for one function type. On the host
 * stack it saves rbp, the callee-saved registers and the previous entry sp, and records its sp
 * as the entry sp; then it moves to the wasm stack at the runtime block's wasm sp, loads the
 * arguments from `args` (8 bytes each) into their kiln-cc places, calls `code`, stores the
 * results to `results` (8 bytes each; i32 and f32 with a zero upper word), restores the
 * previous entry sp and returns 0. The trap routine leaves through the same epilogue.
 */
export function entryTrampoline(params: readonly ValType[], results: readonly ValType[]): Uint8Array {
  const L = wasmLayout(params, results);
  const m = new Emitter();
  m.push(RBP);
  m.mov(RBP, RSP);
  for (const r of SAVED) m.push(r); // rsp ≡ 8 (mod 16)
  m.mov(R12, RSI); // code
  m.mov(R10, RDX); // args
  m.load(RBX, mem(RDI, 8)); // runtime block, kept in rbx
  m.load(R11, mem(RBX, RT.entrySp));
  m.push(R11); // [entry sp + 16]: previous entry sp
  m.push(RCX); // [entry sp + 8]: results ptr
  m.subRsp(8); // rsp ≡ 0 (mod 16): the entry sp, where calls out of wasm run
  m.store(mem(RBX, RT.entrySp), RSP);
  // to the wasm stack, with room for stack arguments and memory results
  m.load(RSP, mem(RBX, RT.wasmSp));
  m.subRsp(align16(8 * (L.stackArgs + L.memResults)));
  const stackAt = (slot: number): Mem => mem(RSP, 8 * slot);
  const argAt = bufferSlots(params);
  const resultAt = bufferSlots(results);
  L.args.forEach((p, i) => {
    if (i > 0) m.toPlace(p, mem(R10, 8 * (argAt[i - 1] as number)), stackAt, isV128(params[i - 1]));
  });
  m.i({ kind: 'call_ind', target: R12 });
  m.load(R10, mem(RBX, RT.entrySp));
  m.load(R10, mem(R10, AT_RESULTS));
  // memory results follow the stack arguments in the area
  const resAt = (slot: number): Mem => mem(RSP, 8 * (L.stackArgs + slot));
  L.results.forEach((p, k) => m.fromPlace(p, mem(R10, 8 * (resultAt[k] as number)), resAt, narrowType(results[k] as ValType), isV128(results[k])));
  m.load(RSP, mem(RBX, RT.entrySp));
  leaveEntry(m, RBX);
  m.i({ kind: 'alu', op: 'xor', w: 32, dst: RAX, src: RAX });
  m.i({ kind: 'ret' });
  return m.finish();
}

/** with rsp at the entry sp and `rt` holding the runtime block: restore the previous entry sp and the saved registers */
function leaveEntry(m: Emitter, rt: Gpr): void {
  m.load(R11, mem(RSP, AT_PREV));
  m.store(mem(rt, RT.entrySp), R11);
  m.addRsp(AT_PREV + 8);
  for (const r of [...SAVED].reverse()) m.pop(r);
  m.pop(RBP);
}

/**
 * The trap routine, reached by `call` from a trap stub (rdi = a vmctx, esi = code + 1) or by
 * `jmp` from a runtime wrapper (the return address into wasm on the stack). It records the
 * code, the trap pc (the return address on the stack) and the trap fp (rbp) in the runtime
 * block, moves to the entry sp and returns the code from the innermost entry trampoline.
 */
export function trapRoutine(): Uint8Array {
  const m = new Emitter();
  m.load(RAX, mem(RDI, 8));
  m.store(mem(RAX, RT.trapCode), RSI, 32);
  m.pop(RCX);
  m.store(mem(RAX, RT.trapPc), RCX);
  m.store(mem(RAX, RT.trapFp), RBP);
  m.load(RSP, mem(RAX, RT.entrySp));
  leaveEntry(m, RAX);
  m.i({ kind: 'mov', w: 32, dst: RAX, src: RSI });
  m.i({ kind: 'ret' });
  return m.finish();
}

/**
 * The exit trampoline of one function type: a kiln-cc function whose vmctx argument is a host
 * context record ([ctx+8] = the runtime block). It spills the arguments to a buffer of 8-byte
 * slots in its frame, lets nested entries continue below that buffer (runtime block wasm sp),
 * stores the callee-saved registers in its frame (where a collection walking the wasm frames
 * finds references the caller keeps in them: EXIT_SAVED), calls the host callback on the host
 * stack as `int32 cb(ctx, buffer, fp)` (fp: this frame's rbp), and loads the results the
 * callback left in the buffer into their kiln-cc places. A non-zero return means the host
 * threw: the trap routine then ends the innermost entry with HOST_EXCEPTION_CODE.
 *
 * Frame: [rbp-8] ctx (as every kiln frame), [rbp-16] the saved wasm sp, [rbp-24..-56] rbx,
 * r12–r15, [rbp-64] padding, buffer at rsp.
 */
export function exitTrampoline(params: readonly ValType[], results: readonly ValType[]): Uint8Array {
  const L = wasmLayout(params, results);
  const argAt = bufferSlots(params);
  const resultAt = bufferSlots(results);
  const buf = align16(8 * Math.max(argAt[params.length] as number, resultAt[results.length] as number, 1));
  const m = new Emitter();
  const threw = m.a.newLabel();
  m.push(RBP);
  m.mov(RBP, RSP);
  m.push(RDI);
  m.subRsp(EXIT_FRAME - 8 + buf);
  EXIT_SAVED.forEach(([r, at]) => m.store(mem(RBP, at), r));
  const incoming = (slot: number): Mem => mem(RBP, 16 + 8 * slot);
  L.args.forEach((p, i) => {
    if (i > 0) m.fromPlace(p, mem(RSP, 8 * (argAt[i - 1] as number)), incoming, false, isV128(params[i - 1]));
  });
  m.load(RAX, mem(RDI, 8));
  m.load(R11, mem(RAX, RT.wasmSp));
  m.store(mem(RBP, -16), R11);
  m.store(mem(RAX, RT.wasmSp), RSP);
  m.mov(RSI, RSP);
  m.mov(RDX, RBP);
  m.load(RSP, mem(RAX, RT.entrySp));
  m.i({ kind: 'call_ind', target: mem(RAX, RT.hostCall) });
  m.i({ kind: 'lea', w: 64, dst: RSP, src: mem(RBP, -EXIT_FRAME - buf) });
  m.load(RDI, mem(RBP, -8));
  m.load(R11, mem(RDI, 8));
  m.load(R10, mem(RBP, -16));
  m.store(mem(R11, RT.wasmSp), R10);
  m.i({ kind: 'alu', op: 'test', w: 32, dst: RAX, src: RAX });
  m.i({ kind: 'jcc', cc: 'ne', target: threw, short: false });
  // memory results first (through r10), then the register results
  const resultSlot = (slot: number): Mem => incoming(L.stackArgs + slot);
  L.results.forEach((p, k) => {
    if (p.reg < 0) m.toPlace(p, mem(RSP, 8 * (resultAt[k] as number)), resultSlot, isV128(results[k]));
  });
  L.results.forEach((p, k) => {
    if (p.reg >= 0) m.toPlace(p, mem(RSP, 8 * (resultAt[k] as number)), incoming, isV128(results[k]));
  });
  m.mov(RSP, RBP);
  m.pop(RBP);
  m.i({ kind: 'ret' });
  m.a.bind(threw);
  m.i({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(HOST_EXCEPTION_CODE) });
  m.i({ kind: 'call_ind', target: mem(R11, RT.trapRoutine) });
  return m.finish();
}

/**
 * The wrapper of one runtime function for one engine: compiled code calls it with the C ABI
 * (vmctx in rdi, the row's arguments after it). It moves to the host stack, calls the koffi
 * callback `callback`, comes back, and returns the callback's rax — unless the callback set
 * the runtime block's trap code, in which case it leaves its frame and jumps to the trap
 * routine as if the wasm caller's `call` had been a trap stub's.
 */
export function runtimeWrapper(runtimeBlock: number, callback: number): Uint8Array {
  const m = new Emitter();
  const trap = m.a.newLabel();
  m.push(RBP);
  m.mov(RBP, RSP);
  m.movabs(RAX, runtimeBlock);
  m.load(RSP, mem(RAX, RT.entrySp));
  m.movabs(RAX, callback);
  m.i({ kind: 'call_ind', target: RAX });
  m.mov(RSP, RBP);
  m.pop(RBP);
  m.movabs(R11, runtimeBlock);
  m.i({ kind: 'alu_imm', op: 'cmp', w: 32, dst: mem(R11, RT.trapCode), imm: imm32(0) });
  m.i({ kind: 'jcc', cc: 'ne', target: trap, short: false });
  m.i({ kind: 'ret' });
  m.a.bind(trap);
  m.i({ kind: 'mov', w: 32, dst: RSI, src: mem(R11, RT.trapCode) });
  m.load(RDI, mem(RBP, -8));
  m.i({ kind: 'jmp_ind', target: mem(R11, RT.trapRoutine) });
  return m.finish();
}

