/**
 * The engine-generated AArch64 routines (targets/aarch64/trampolines.ts, native.ts) run
 * in-process on an arm64 Node under qemu-aarch64, called through koffi as the engine calls
 * them: entry trampolines into hand-assembled kiln-cc functions (register and stack
 * arguments, register and memory results, both classes), traps through the trap routine
 * (the code, the trap pc and fp, the entry sp and every AAPCS64 callee-saved register
 * restored, nested entries), exit trampolines calling a koffi callback (and a throwing
 * one), a runtime wrapper (a result, and a trap raised by the callback), and the fault
 * handler installed with sigaction: claiming a fault at a registered site, turning an
 * instruction-fetch fault in registered code into "interrupted", and chaining faults it
 * does not own to the handler installed before it.
 */

import { TrapCode } from '../../../compiler/ir/traps.js';
import type { ValType } from '../../../formats/wasm/types.js';
import { mapPages, NativeBlock, OS_PAGE, pageAlign, protectPages, viewOf } from '../../../loader/native/native-mem.js';
import { libc, PROT_NONE, PROT_READ, PROT_WRITE, PROT_EXEC, SIGSEGV } from '../../../loader/sys/libc.js';
import { FAULT_DIR_HEADER, FAULT_ENTRY } from '../../../targets/native-isa.js';
import { RT } from '../../../targets/runtime-block.js';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { addImm, imm16 } from '../../../targets/aarch64/imm.js';
import { aarch64Native, UC_PC } from '../../../targets/aarch64/native.js';
import { Emitter, EXIT_SAVED, HOST_EXCEPTION_CODE } from '../../../targets/aarch64/trampolines.js';
import {
  SP, X0, X1, X10, X11, X12, X16, X17, X2, X29, X3, X30, X4, X5, X9, gpr, type Gpr, type Vreg,
} from '../../../targets/aarch64/regs.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';

const I32: ValType = 0x7f;
const I64: ValType = 0x7e;
const F32: ValType = 0x7d;
const F64: ValType = 0x7c;

type Koffi = ReturnType<typeof libc>['koffi'];
type EntryFn = (vmctx: number, code: number, args: number, results: number) => number;
type HarnessFn = (entry: number, vmctx: number, code: number, args: number, results: number, out: number) => number;

const isa = aarch64Native;
const v = (n: number): Vreg => n as Vreg;

/** code placed in its own RX pages (instruction cache synchronised by the ISA's routine) */
class Placer {
  private sync: ((start: number, length: number) => void) | null = null;
  constructor(private readonly k: Koffi) {}

  place(code: Uint8Array): number {
    const len = pageAlign(Math.max(code.length, 1));
    const at = mapPages(len, PROT_READ | PROT_WRITE, 'test code');
    new Uint8Array(viewOf(at, code.length)).set(code);
    ok(protectPages(at, len, PROT_READ | PROT_EXEC), 'mprotect RX');
    this.syncer()(at, code.length);
    return at;
  }

  private syncer(): (start: number, length: number) => void {
    if (this.sync !== null) return this.sync;
    const routine = isa.cacheSync();
    if (routine === null) return (this.sync = () => undefined);
    const len = pageAlign(routine.length);
    const at = mapPages(len, PROT_READ | PROT_WRITE, 'the cache sync routine');
    new Uint8Array(viewOf(at, routine.length)).set(routine);
    ok(protectPages(at, len, PROT_READ | PROT_EXEC), 'mprotect RX');
    const fn = this.k.decode(at, this.k.proto('void kiln_a64_test_sync(uintptr_t start, uintptr_t length)')) as (s: number, l: number) => void;
    fn(at, routine.length);
    return (this.sync = fn);
  }
}

/** a hand-assembled function: `body` between kiln's prologue ([x29-8] = vmctx) and epilogue */
function kilnFunc(body: (m: Emitter, a: Assembler) => void): { code: Uint8Array; a: Assembler } {
  const a = new Assembler();
  const m = new Emitter(a);
  m.pair('stp', X29, X30, SP, -16, 'pre');
  m.mov(X29, SP);
  m.subImm(SP, SP, 16);
  m.str(X0, X29, -8);
  body(m, a);
  m.mov(SP, X29);
  m.pair('ldp', X29, X30, SP, 16, 'post');
  m.ret();
  return { code: a.finish().code, a };
}

/** the trap stub sequence of docs (x0 = [x29-8], w1 = code + 1, blr [[x0+8]+32]); returns the offset after the blr */
function trapStub(m: Emitter, a: Assembler, code: number): number {
  m.ldr(X0, X29, -8);
  m.movImm(X1, code + 1, 32);
  m.ldr(X16, X0, 8);
  m.ldr(X16, X16, RT.trapRoutine);
  m.blr(X16);
  return a.buf.length;
}

/** x19–x28 get distinct 64-bit patterns, d8–d15 those of x19–x26 */
const PATTERN = (k: number): bigint => 0xabcd_0000_0000_1900n + BigInt(k) * 0x1_0001_0001n;

/** rd = a 64-bit value (movz + three movk) */
function movBig(m: Emitter, rd: Gpr, value: bigint): void {
  const chunk = (c: number): number => Number((value >> BigInt(16 * c)) & 0xffffn);
  m.i({ kind: 'mov_wide', op: 'movz', w: 64, rd, imm: imm16(chunk(0)), shift: 0 });
  for (const c of [1, 2, 3] as const) m.i({ kind: 'mov_wide', op: 'movk', w: 64, rd, imm: imm16(chunk(c)), shift: (16 * c) as 16 | 32 | 48 });
}

function setPatterns(m: Emitter, salt: number): void {
  for (let k = 0; k < 10; k++) movBig(m, gpr(19 + k), PATTERN(k) + BigInt(salt));
  for (let k = 0; k < 8; k++) m.i({ kind: 'fmov_to_fp', w: 64, rd: v(8 + k), rn: gpr(19 + k) });
}

/**
 * `int32 harness(entry, vmctx, code, args, results, out)`: a C caller that puts patterns in
 * every AAPCS64 callee-saved register, calls the entry trampoline, and writes what it finds
 * afterwards to `out`: [0] the result, [8] sp after, [16..96) x19–x28, [96..160) d8–d15,
 * [160] sp before
 */
function harness(): Uint8Array {
  const a = new Assembler();
  const m = new Emitter(a);
  m.pair('stp', X29, X30, SP, -176, 'pre');
  m.mov(X29, SP);
  for (let k = 0; k < 5; k++) m.pair('stp', gpr(19 + 2 * k), gpr(20 + 2 * k), SP, 16 + 16 * k);
  for (let k = 0; k < 4; k++) m.fpair('stp', v(8 + 2 * k), v(9 + 2 * k), SP, 96 + 16 * k);
  m.str(X5, SP, 160);
  m.mov(X16, SP);
  m.str(X16, SP, 168);
  setPatterns(m, 0);
  m.mov(X16, X0);
  m.mov(X0, X1);
  m.mov(X1, X2);
  m.mov(X2, X3);
  m.mov(X3, X4);
  m.blr(X16);
  m.ldr(X16, X29, 160);
  m.str(X0, X16, 0);
  m.mov(X17, SP);
  m.str(X17, X16, 8);
  m.ldr(X17, X29, 168);
  m.str(X17, X16, 160);
  for (let k = 0; k < 5; k++) m.pair('stp', gpr(19 + 2 * k), gpr(20 + 2 * k), X16, 16 + 16 * k);
  for (let k = 0; k < 4; k++) m.fpair('stp', v(8 + 2 * k), v(9 + 2 * k), X16, 96 + 16 * k);
  m.mov(SP, X29);
  for (let k = 0; k < 4; k++) m.fpair('ldp', v(8 + 2 * k), v(9 + 2 * k), SP, 96 + 16 * k);
  for (let k = 0; k < 5; k++) m.pair('ldp', gpr(19 + 2 * k), gpr(20 + 2 * k), SP, 16 + 16 * k);
  m.ldr(X0, X16, 0, 32);
  m.pair('ldp', X29, X30, SP, 176, 'post');
  m.ret();
  return a.finish().code;
}

/** the ten integer and ten float parameters, nine results of each class (both spill) */
const MANY_PARAMS: readonly ValType[] = [...Array<ValType>(10).fill(I64), ...Array<ValType>(10).fill(F64)];
const MANY_RESULTS: readonly ValType[] = [...Array<ValType>(9).fill(I64), ...Array<ValType>(9).fill(F64)];

/**
 * kiln-cc `(a0..a9 i64, f0..f9 f64) -> (r0..r8 i64, g0..g8 f64)` with r_k = a_k + a_(k+1),
 * g_k = 2 f_k + f_(k+1): a0–a6 in x1–x7, f0–f7 in d0–d7, then stack slots a7 a8 a9 f8 f9
 * ([x29+16..48]); r0–r7 in x0–x7, g0–g7 in d0–d7, r8 and g8 in memory ([x29+56], [x29+64])
 */
function manyFunc(): Uint8Array {
  return kilnFunc((m) => {
    m.ldr(X9, X29, 16);
    m.ldr(X10, X29, 24);
    m.ldr(X11, X29, 32);
    m.fldr(v(16), X29, 40, 64);
    m.fldr(v(17), X29, 48, 64);
    const add = (rd: Gpr, rn: Gpr, rm: Gpr): void => m.i({ kind: 'add_reg', op: 'add', w: 64, rd, rn, rm });
    for (let k = 0; k < 6; k++) add(gpr(k), gpr(k + 1), gpr(k + 2));
    add(gpr(6), gpr(7), X9);
    add(gpr(7), X9, X10);
    add(X12, X10, X11);
    m.str(X12, X29, 56);
    const fadd = (rd: number, rn: number, rm: number): void => m.i({ kind: 'fp2', op: 'fadd', fw: 64, rd: v(rd), rn: v(rn), rm: v(rm) });
    for (let k = 0; k < 8; k++) {
      fadd(k, k, k);
      fadd(k, k, k < 7 ? k + 1 : 16);
    }
    fadd(18, 16, 16);
    fadd(18, 18, 17);
    m.fstr(v(18), X29, 64, 64);
  }).code;
}

/** kiln-cc `(i32 a, f32 b) -> (i32, f32)`: a + 1 computed at 64 bits (a dirty upper half stays), 2b */
function narrowFunc(): Uint8Array {
  return kilnFunc((m) => {
    m.i({ kind: 'add_imm', op: 'add', w: 64, rd: X0, rn: X1, imm: addImm(1) });
    m.i({ kind: 'fp2', op: 'fadd', fw: 32, rd: v(0), rn: v(0), rm: v(0) });
  }).code;
}

/** kiln-cc `() -> i32` that clobbers x19–x28 and d8–d15, then traps with `code` */
function trapFunc(code: number): { code: Uint8Array; pcOffset: number } {
  let pcOffset = -1;
  const f = kilnFunc((m, a) => {
    setPatterns(m, 0x5a5a);
    pcOffset = trapStub(m, a, code);
  });
  return { code: f.code, pcOffset };
}

/** kiln-cc `(i64 a) -> i64` calling runtime function 0 with (vmctx, a), then adding 1 */
function runtimeCaller(): { code: Uint8Array; retOffset: number } {
  let retOffset = -1;
  const f = kilnFunc((m, a) => {
    m.ldr(X16, X0, 8);
    m.ldr(X16, X16, RT.functions);
    m.blr(X16);
    retOffset = a.buf.length;
    m.i({ kind: 'add_imm', op: 'add', w: 64, rd: X0, rn: X0, imm: addImm(1) });
  });
  return { code: f.code, retOffset };
}

/** kiln-cc `(i64 addr) -> i64` loading [addr] at the returned offset (a fault site) */
function loadFunc(): { code: Uint8Array; siteOffset: number } {
  let siteOffset = -1;
  const f = kilnFunc((m, a) => {
    siteOffset = a.buf.length;
    m.ldr(X0, X1, 0);
  });
  return { code: f.code, siteOffset };
}

/** `void skip(int, siginfo_t *, ucontext_t *uc)`: counts in `cell` and resumes after the faulting instruction */
function skipHandler(cell: number): Uint8Array {
  const a = new Assembler();
  const m = new Emitter(a);
  m.ldr(X3, X2, UC_PC);
  m.i({ kind: 'add_imm', op: 'add', w: 64, rd: X3, rn: X3, imm: addImm(4) });
  m.str(X3, X2, UC_PC);
  m.movAddr(X4, cell);
  m.ldr(X5, X4, 0);
  m.i({ kind: 'add_imm', op: 'add', w: 64, rd: X5, rn: X5, imm: addImm(1) });
  m.str(X5, X4, 0);
  m.ret();
  return a.finish().code;
}

const u64 = (b: NativeBlock, off: number): bigint => b.dv.getBigUint64(off, true);

/** everything one run of the suite shares: the runtime block, the wasm stack, the callers */
class World {
  readonly k: Koffi;
  readonly placer: Placer;
  readonly rt: NativeBlock;
  /** a vmctx-shaped record: [8] = the runtime block */
  readonly vmctx: NativeBlock;
  readonly stackTop: number;
  readonly stackBottom: number;
  private readonly entries = new Map<string, number>();
  private readonly entryProto: unknown;
  readonly callHarness: HarnessFn;
  readonly harnessAt: number;
  readonly args = new NativeBlock(8 * 32, 'arguments');
  readonly results = new NativeBlock(8 * 32, 'results');
  readonly out = new NativeBlock(176, 'harness output');

  constructor() {
    this.k = libc().koffi;
    this.placer = new Placer(this.k);
    this.rt = new NativeBlock(RT.functions + 8 * 4, 'runtime block');
    this.vmctx = new NativeBlock(24, 'vmctx');
    this.vmctx.setWord(8, this.rt.addr);
    const size = 1 << 20;
    this.stackBottom = mapPages(size, PROT_READ | PROT_WRITE, 'wasm stack');
    this.stackTop = this.stackBottom + size;
    this.rt.setWord(RT.wasmSp, this.stackTop);
    this.rt.setWord(RT.trapRoutine, this.placer.place(isa.trapRoutine()));
    this.entryProto = this.k.proto('int32_t kiln_a64_test_entry(uintptr_t vmctx, uintptr_t code, uintptr_t args, uintptr_t results)');
    this.harnessAt = this.placer.place(harness());
    this.callHarness = this.k.decode(
      this.harnessAt,
      this.k.proto('int32_t kiln_a64_test_harness(uintptr_t entry, uintptr_t vmctx, uintptr_t code, uintptr_t args, uintptr_t results, uintptr_t out)'),
    ) as HarnessFn;
  }

  entryOf(params: readonly ValType[], results: readonly ValType[]): number {
    const key = `${params.join(',')}>${results.join(',')}`;
    let at = this.entries.get(key);
    if (at === undefined) {
      at = this.placer.place(isa.trampoline('entry', { params, results } as never));
      this.entries.set(key, at);
    }
    return at;
  }

  /** a JS function calling the entry trampoline at `at` directly (no harness) */
  entryFn(at: number): EntryFn {
    return this.k.decode(at, this.entryProto as never) as EntryFn;
  }

  exitOf(params: readonly ValType[], results: readonly ValType[]): number {
    return this.placer.place(isa.trampoline('exit', { params, results } as never));
  }

  /** calls `code` through the harness; checks the callee-saved registers and sp came back, returns the result */
  enter(params: readonly ValType[], results: readonly ValType[], code: number, vmctx = this.vmctx.addr): number {
    const rc = this.callHarness(this.entryOf(params, results), vmctx, code, this.args.addr, this.results.addr, this.out.addr);
    equal(this.out.dv.getInt32(0, true), rc, 'this.out.dv.getInt32(0, true)');
    equal(u64(this.out, 8), u64(this.out, 160), 'sp restored');
    for (let k = 0; k < 10; k++) equal(u64(this.out, 16 + 8 * k), PATTERN(k), `x${19 + k} preserved`);
    for (let k = 0; k < 8; k++) equal(u64(this.out, 96 + 8 * k), PATTERN(k), `d${8 + k} preserved`);
    equal(this.rt.word(RT.entrySp), 0, 'entry sp back to 0 outside wasm');
    equal(this.rt.word(RT.wasmSp), this.stackTop, 'wasm sp back at the top');
    return rc;
  }

  register(fn: (...args: never[]) => unknown, proto: string): number {
    return Number(this.k.register(fn as (...a: unknown[]) => unknown, this.k.pointer(this.k.proto(proto))));
  }

  clearTrap(): void {
    for (const off of [RT.trapCode, RT.trapPc, RT.trapFp]) this.rt.setWord(off, 0);
  }
}

function entryAndResults(w: World): void {
  const code = w.placer.place(manyFunc());
  const a = w.args.dv;
  for (let k = 0; k < 10; k++) a.setBigUint64(8 * k, 0x1_0000_0000n * BigInt(k + 1) + BigInt(k * 7), true);
  for (let k = 0; k < 10; k++) a.setFloat64(80 + 8 * k, 1.5 * (k + 1), true);
  equal(w.enter(MANY_PARAMS, MANY_RESULTS, code), 0, 'w.enter(MANY_PARAMS, MANY_RESULTS, code)');
  const r = w.results.dv;
  const ai = (k: number): bigint => a.getBigUint64(8 * k, true);
  const af = (k: number): number => a.getFloat64(80 + 8 * k, true);
  for (let k = 0; k < 9; k++) equal(r.getBigUint64(8 * k, true), ai(k) + ai(k + 1), `r${k}`);
  for (let k = 0; k < 9; k++) equal(r.getFloat64(72 + 8 * k, true), 2 * af(k) + af(k + 1), `g${k}`);

  const narrow = w.placer.place(narrowFunc());
  a.setBigUint64(0, 0xdead_beef_0000_0029n, true);
  a.setFloat32(8, 1.25, true);
  a.setUint32(12, 0xffff_ffff, true);
  new Uint8Array(w.results.buffer).fill(0xff);
  equal(w.enter([I32, F32], [I32, F32], narrow), 0, 'w.enter([I32, F32], [I32, F32], narrow)');
  equal(r.getUint32(0, true), 0x2a, 'r.getUint32(0, true)');
  equal(r.getUint32(4, true), 0, 'i32 result: zero upper word');
  equal(r.getFloat32(8, true), 2.5, 'r.getFloat32(8, true)');
  equal(r.getUint32(12, true), 0, 'f32 result: zero upper word');
}

function traps(w: World): void {
  const t = trapFunc(TrapCode.IntegerDivideByZero);
  const at = w.placer.place(t.code);
  w.clearTrap();
  equal(w.enter([], [I32], at), TrapCode.IntegerDivideByZero + 1, 'w.enter([], [I32], at)');
  equal(w.rt.dv.getInt32(RT.trapCode, true), TrapCode.IntegerDivideByZero + 1, 'w.rt.dv.getInt32(RT.trapCode, true)');
  equal(w.rt.word(RT.trapPc), at + t.pcOffset, 'trap pc: the return address of the stub');
  // the trapping frame sits right below the wasm stack's top (no stack arguments)
  equal(w.rt.word(RT.trapFp), w.stackTop - 16, 'trap fp: the trapping frame');
  // 200 traps in a row leave nothing behind
  for (let n = 0; n < 200; n++) equal(w.enter([], [I32], at), TrapCode.IntegerDivideByZero + 1, 'w.enter([], [I32], at)');
  w.clearTrap();
}

/** entry → exit trampoline → koffi callback, with stack arguments and memory results both ways; nested entries and a trap inside */
function exitsAndNesting(w: World): void {
  const hostCtx = new NativeBlock(24, 'host context');
  hostCtx.setWord(8, w.rt.addr);
  const exit = w.exitOf(MANY_PARAMS, MANY_RESULTS);
  const inner = trapFunc(TrapCode.Unreachable);
  const innerAt = w.placer.place(inner.code);
  const innerArgs = new NativeBlock(8, 'inner args');
  const innerResults = new NativeBlock(8, 'inner results');
  const innerEntry = w.entryFn(w.entryOf([], [I32]));
  const seen: string[] = [];
  let mode: 'ok' | 'throw' = 'ok';
  const cb = w.register((ctx: number, buf: number, fp: number): number => {
    equal(ctx, hostCtx.addr, 'ctx');
    equal(w.rt.word(RT.wasmSp), buf, 'nested entries continue below the buffer');
    const frame = new DataView(viewOf(fp - 96, 112));
    equal(Number(frame.getBigUint64(96 - 8, true)), ctx, '[fp-8] = ctx');
    equal(Number(frame.getBigUint64(96 - 16, true)), w.stackTop, '[fp-16] = the saved wasm sp');
    // the entry trampoline keeps the runtime block, the code and the arguments in x19–x21; the rest are the harness's
    const expected = (reg: number): bigint => [BigInt(w.rt.addr), BigInt(exit), BigInt(w.args.addr)][reg - 19] ?? PATTERN(reg - 19);
    for (const [reg, off] of EXIT_SAVED) equal(frame.getBigUint64(96 + off, true), expected(reg), `x${reg} at fp${off}`);
    const outerEntrySp = w.rt.word(RT.entrySp);
    ok(outerEntrySp !== 0, 'an entry sp while wasm runs');
    // a nested entry that traps returns its code and leaves the outer entry sp in place
    const rc = innerEntry(w.vmctx.addr, innerAt, innerArgs.addr, innerResults.addr);
    equal(rc, TrapCode.Unreachable + 1, 'rc');
    equal(w.rt.word(RT.trapPc), innerAt + inner.pcOffset, 'w.rt.word(RT.trapPc)');
    equal(w.rt.word(RT.trapFp), buf - 16, 'the nested frame starts just below the buffer');
    equal(w.rt.word(RT.entrySp), outerEntrySp, 'the outer entry sp is back');
    equal(w.rt.word(RT.wasmSp), buf, 'w.rt.word(RT.wasmSp)');
    w.clearTrap();
    if (mode === 'throw') {
      w.rt.dv.setInt32(RT.hostException, 7, true);
      return 1;
    }
    const b = new DataView(viewOf(buf, 8 * 20));
    const ai = (k: number): bigint => b.getBigUint64(8 * k, true);
    const af = (k: number): number => b.getFloat64(80 + 8 * k, true);
    const rs = Array.from({ length: 9 }, (_, k) => ai(k) * 3n + BigInt(k));
    const fs = Array.from({ length: 9 }, (_, k) => af(k) * 4 + af(k + 1));
    rs.forEach((x, k) => b.setBigUint64(8 * k, x, true));
    fs.forEach((x, k) => b.setFloat64(72 + 8 * k, x, true));
    seen.push('called');
    return 0;
  }, 'int32_t kiln_a64_test_host(uintptr_t ctx, uintptr_t buffer, uintptr_t fp)');
  w.rt.setWord(RT.hostCall, cb);

  const a = w.args.dv;
  for (let k = 0; k < 10; k++) a.setBigUint64(8 * k, 0x2_0000_0001n * BigInt(k + 3), true);
  for (let k = 0; k < 10; k++) a.setFloat64(80 + 8 * k, 0.25 * (k + 2), true);
  const ai = (k: number): bigint => a.getBigUint64(8 * k, true);
  const af = (k: number): number => a.getFloat64(80 + 8 * k, true);
  // the harness's patterns reach the exit trampoline untouched: the entry passes x19–x28 through
  equal(w.enter(MANY_PARAMS, MANY_RESULTS, exit, hostCtx.addr), 0, 'w.enter(MANY_PARAMS, MANY_RESULTS, exit, hostCtx.addr)');
  equal(seen, ['called'], 'host calls');
  const r = w.results.dv;
  for (let k = 0; k < 9; k++) equal(r.getBigUint64(8 * k, true), ai(k) * 3n + BigInt(k), `r${k}`);
  for (let k = 0; k < 9; k++) equal(r.getFloat64(72 + 8 * k, true), af(k) * 4 + af(k + 1), `g${k}`);

  mode = 'throw';
  equal(w.enter(MANY_PARAMS, MANY_RESULTS, exit, hostCtx.addr), HOST_EXCEPTION_CODE, 'w.enter(MANY_PARAMS, MANY_RESULTS, exit, hostCtx.addr)');
  equal(w.rt.dv.getInt32(RT.hostException, true), 7, 'w.rt.dv.getInt32(RT.hostException, true)');
  w.rt.dv.setInt32(RT.hostException, 0, true);
  w.clearTrap();
}

function runtimeWrappers(w: World): void {
  let trap = false;
  const cb = w.register((vmctx: number, x: number): number => {
    equal(vmctx, w.vmctx.addr, 'vmctx');
    if (trap) {
      w.rt.dv.setInt32(RT.trapCode, TrapCode.TableOutOfBounds + 1, true);
      return 0;
    }
    return x * 3;
  }, 'uintptr_t kiln_a64_test_rt(uintptr_t vmctx, uintptr_t x)');
  w.rt.setWord(RT.functions, w.placer.place(isa.runtimeWrapper(w.rt.addr, cb)));
  const f = runtimeCaller();
  const at = w.placer.place(f.code);
  w.args.setWord(0, 1000);
  equal(w.enter([I64], [I64], at), 0, 'w.enter([I64], [I64], at)');
  equal(w.results.word(0), 3001, 'w.results.word(0)');
  trap = true;
  equal(w.enter([I64], [I64], at), TrapCode.TableOutOfBounds + 1, 'w.enter([I64], [I64], at)');
  equal(w.rt.word(RT.trapPc), at + f.retOffset, 'trap pc: the return address of the call_runtime');
  equal(w.rt.word(RT.trapFp), w.stackTop - 16, 'trap fp: the calling frame');
  w.clearTrap();
}

/** the fault handler: claims a registered site, interrupts registered code, chains the rest */
function faults(w: World): void {
  const c = libc();
  const size = isa.sigaction.size;
  const original = new NativeBlock(size, 'the original action');
  equal(c.sigaction(SIGSEGV, 0, original.addr), 0, 'c.sigaction(SIGSEGV, 0, original.addr)');
  // a previous handler of our own, which skips the faulting instruction
  const skipped = new NativeBlock(8, 'skips');
  const skipAct = new NativeBlock(size, 'skip action');
  skipAct.setWord(0, w.placer.place(skipHandler(skipped.addr)));
  skipAct.dv.setInt32(isa.sigaction.flagsAt, isa.sigaction.saSiginfo, true);
  equal(c.sigaction(SIGSEGV, skipAct.addr, 0), 0, 'c.sigaction(SIGSEGV, skipAct.addr, 0)');
  try {
    // the fault table: one entry over two functions (a load at a site, a load at no site), then
    // an entry over a function made non-executable
    const f = loadFunc();
    const blob = new Uint8Array(OS_PAGE);
    blob.set(f.code, 0);
    blob.set(f.code, 256);
    const region = w.placer.place(blob);
    const sites = new NativeBlock(4, 'sites');
    sites.dv.setUint32(0, f.siteOffset, true);
    const fetched = w.placer.place(f.code);
    const record = new NativeBlock(24, 'trap record');
    record.setWord(8, w.rt.addr);
    const dir = new NativeBlock(FAULT_DIR_HEADER + 2 * FAULT_ENTRY, 'directory');
    dir.setWord(0, 2);
    dir.setWord(8, 2);
    const entry = (k: number, start: number, length: number, sitesAt: number, count: number): void => {
      const e = FAULT_DIR_HEADER + FAULT_ENTRY * k;
      [start, length, sitesAt, count, record.addr].forEach((x, i) => dir.setWord(e + 8 * i, x));
    };
    entry(0, region, OS_PAGE, sites.addr, 1);
    entry(1, fetched, OS_PAGE, sites.addr, 0);
    const root = new NativeBlock(8, 'root');
    root.setWord(0, dir.addr);
    const counters = new NativeBlock(16, 'counters');
    const previous = new NativeBlock(size, 'previous');
    const defaultAction = new NativeBlock(isa.sigaction.kernelSize, 'SIG_DFL');
    const handler = w.placer.place(isa.faultHandler({ root: root.addr, previous: previous.addr, claimed: counters.addr, chained: counters.addr + 8, defaultAction: defaultAction.addr }));
    equal(c.sigaction(SIGSEGV, 0, previous.addr), 0, 'c.sigaction(SIGSEGV, 0, previous.addr)');
    const act = new NativeBlock(size, 'kiln action');
    act.setWord(0, handler);
    act.dv.setInt32(isa.sigaction.flagsAt, isa.sigaction.saSiginfo | isa.sigaction.saOnstack, true);
    equal(c.sigaction(SIGSEGV, act.addr, previous.addr), 0, 'c.sigaction(SIGSEGV, act.addr, previous.addr)');
    equal(previous.word(0), skipAct.word(0), 'the previous handler is ours');

    const guard = mapPages(OS_PAGE, PROT_NONE, 'an inaccessible page');
    const readable = new NativeBlock(8, 'a readable word');
    readable.setWord(0, 0x1234);
    // in bounds: no fault
    w.args.setWord(0, readable.addr);
    equal(w.enter([I64], [I64], region), 0, 'w.enter([I64], [I64], region)');
    equal(w.results.word(0), 0x1234, 'w.results.word(0)');
    // a fault at the registered site: "out of bounds memory access" at the access
    w.args.setWord(0, guard + 8);
    equal(w.enter([I64], [I64], region), TrapCode.HeapOutOfBounds + 1, 'w.enter([I64], [I64], region)');
    equal(w.rt.word(RT.trapPc), region + f.siteOffset, 'trap pc: the faulting access');
    equal(w.rt.word(RT.trapFp), w.stackTop - 16, 'w.rt.word(RT.trapFp)');
    equal(counters.word(0), 1, 'claimed');
    equal(counters.word(8), 0, 'nothing chained yet');
    for (let n = 0; n < 50; n++) equal(w.enter([I64], [I64], region), TrapCode.HeapOutOfBounds + 1, 'w.enter([I64], [I64], region)');
    equal(counters.word(0), 51, 'counters.word(0)');
    w.clearTrap();
    // a fault in registered code at no site goes to the previous handler, which skips the load
    equal(w.enter([I64], [I64], region + 256), 0, 'w.enter([I64], [I64], region + 256)');
    equal(counters.word(8), 1, 'chained');
    equal(skipped.word(0), 1, 'the previous handler ran');
    // a fault outside every registered range: the same
    const outside = w.placer.place(f.code);
    equal(w.enter([I64], [I64], outside), 0, 'w.enter([I64], [I64], outside)');
    equal(counters.word(8), 2, 'counters.word(8)');
    equal(skipped.word(0), 2, 'skipped.word(0)');
    // an instruction fetch from registered code made non-executable: "interrupted" at its pc
    ok(protectPages(fetched, OS_PAGE, PROT_NONE), 'mprotect PROT_NONE');
    equal(w.enter([I64], [I64], fetched), TrapCode.Interrupted + 1, 'w.enter([I64], [I64], fetched)');
    equal(w.rt.word(RT.trapPc), fetched, 'trap pc: the interrupted pc');
    ok(protectPages(fetched, OS_PAGE, PROT_READ | PROT_EXEC), 'mprotect RX');
    w.args.setWord(0, readable.addr);
    equal(w.enter([I64], [I64], fetched), 0, 'runs again once executable');
    equal(counters.word(0), 51, 'interruptions are not counted as claimed faults');
    w.clearTrap();
  } finally {
    equal(c.sigaction(SIGSEGV, original.addr, 0), 0, 'c.sigaction(SIGSEGV, original.addr, 0)');
  }
}

/**
 * with SIG_IGN installed before it, a signal the handler does not own (one sent by the process
 * itself: si_code <= 0) resets the disposition to SIG_DFL with rt_sigaction and returns (an
 * access would then fault again and end the process: that is the point, and cannot be watched
 * from inside)
 */
function resetsToDefault(w: World): void {
  const c = libc();
  const size = isa.sigaction.size;
  const raise = c.koffi.load('libc.so.6').func('int raise(int sig)') as (sig: number) => number;
  const original = new NativeBlock(size, 'the original action');
  equal(c.sigaction(SIGSEGV, 0, original.addr), 0, 'query');
  try {
    const ignore = new NativeBlock(size, 'SIG_IGN');
    ignore.setWord(0, 1);
    equal(c.sigaction(SIGSEGV, ignore.addr, 0), 0, 'SIG_IGN installed');
    const root = new NativeBlock(8, 'an empty root');
    const counters = new NativeBlock(16, 'counters');
    const previous = new NativeBlock(size, 'previous');
    const defaultAction = new NativeBlock(isa.sigaction.kernelSize, 'SIG_DFL');
    const handler = w.placer.place(isa.faultHandler({ root: root.addr, previous: previous.addr, claimed: counters.addr, chained: counters.addr + 8, defaultAction: defaultAction.addr }));
    const act = new NativeBlock(size, 'kiln action');
    act.setWord(0, handler);
    act.dv.setInt32(isa.sigaction.flagsAt, isa.sigaction.saSiginfo | isa.sigaction.saOnstack, true);
    equal(c.sigaction(SIGSEGV, act.addr, previous.addr), 0, 'kiln installed');
    equal(previous.word(0), 1, 'the previous disposition is SIG_IGN');
    equal(raise(SIGSEGV), 0, 'raise');
    equal(counters.word(8), 1, 'chained');
    equal(counters.word(0), 0, 'not claimed');
    const now = new NativeBlock(size, 'the disposition now');
    equal(c.sigaction(SIGSEGV, 0, now.addr), 0, 'query');
    equal(now.word(0), 0, 'SIG_DFL restored by the handler');
  } finally {
    equal(c.sigaction(SIGSEGV, original.addr, 0), 0, 'original restored');
  }
}

/** the suite's cases, in order (they share one World) */
export const RUNTIME_CASES: ReadonlyArray<readonly [string, (w: World) => void]> = [
  ['entry trampoline: register and stack arguments, register and memory results, i32/f32 upper words', entryAndResults],
  ['trap routine: code, trap pc and fp, entry sp and AAPCS64 callee-saved registers restored', traps],
  ['exit trampoline: koffi callback, buffer, saved registers, nested entry trapping, host exception', exitsAndNesting],
  ['runtime wrapper: result, and a trap raised by the callback', runtimeWrappers],
  ['fault handler: a claimed site, an interruption, chaining to the previous handler', faults],
  ['fault handler: SIG_IGN before it is reset to SIG_DFL (rt_sigaction, system call 134)', resetsToDefault],
];

export const suite: Suite = {
  description: 'the AArch64 trampolines, trap routine, runtime wrapper and fault handler (targets/aarch64/trampolines.ts, native.ts) run in-process',
  async run(t: Reporter): Promise<void> {
    const w = new World();
    for (const [name, run] of RUNTIME_CASES) await t.test(name, () => run(w));
  },
};
