/**
 * One native engine's runtime (per thread): the runtime block (docs/native-abi.md), the wasm
 * stack, the trap routine, the koffi callbacks and the wrappers of the runtime functions, the
 * entry/exit trampolines per function type, the argument buffer of calls from JS, the
 * pending host exceptions and the code map for backtraces. NativeRuntime.invoke is the one
 * way JS calls compiled code.
 */

import { KilnError } from '../../formats/errors.js';
import type { FuncType, ValType } from '../../formats/wasm/types.js';
import { TRAP_KINDS, type TrapKind } from '../../formats/traps.js';
import { RUNTIME } from '../../compiler/ir/runtime.js';
import { Type } from '../../compiler/ir/types.js';
import { hostNativeIsa } from '../../targets/native-isas.js';
import { RT } from '../../targets/runtime-block.js';
import type { TrampolineKind } from '../../targets/compiled.js';
import type { RawValue, WasmFunction } from '../api.js';
import { typeKey, typeIdOf } from '../instance/func.js';
import { libc } from '../sys/libc.js';
import { KilnTrap } from '../trap.js';
import { CodeRegionBuilder, type CodeRegion } from './code-region.js';
import { trapRoute, walkFrames, type CodeMap } from './backtrace.js';
import { GuardHandler, probeReservation } from './guard.js';
import { resumeAfterInterrupt } from './interrupt.js';
import { NativeBlock } from './native-mem.js';
import { RefTable } from './refs.js';
import { StackRoots } from './gc.js';
import { SlotView } from './slots.js';
import { bufferSlots } from '../../targets/call-conv.js';

/** 8-byte slots of a call buffer of type t: arguments or results, whichever is more (a v128 takes two) */
const bufferSize = (t: FuncType): number => Math.max(bufferSlots(t.params).at(-1) as number, bufferSlots(t.results).at(-1) as number);
import { WasmStack } from './stack.js';

type KoffiModule = ReturnType<typeof libc>['koffi'];
type EntryFn = (vmctx: number, code: number, args: number, results: number) => number;

/** a host function reachable from wasm through an exit trampoline */
export interface HostTarget {
  readonly type: FuncType;
  call(args: RawValue[]): RawValue[];
}

/** the JS side of each runtime function of compiler/ir/runtime.ts, by id */
export type RuntimeImpl = (...args: number[]) => number | void;

/** a host function's funcref record and the code and vmctx it holds */
export interface HostRecord {
  readonly record: number;
  readonly code: number;
  readonly vmctx: number;
}



/** bytes of a host context record: [0] 0, [8] runtime block, [16] unused; then the funcref record */
const HOST_CTX = 24;
const FUNCREF = 24;

const cType = (t: Type): string => (t === Type.I32 ? 'int32_t' : 'uintptr_t');

export class NativeRuntime {
  readonly koffi: KoffiModule;
  /** what the engine needs of the host's ISA (trampolines, trap routine, wrappers) */
  private readonly isa = hostNativeIsa();
  readonly block: NativeBlock;
  readonly stack: WasmStack;
  readonly stackSlots: SlotView;
  readonly refs: RefTable;
  readonly codeMap: CodeMap = { texts: [] };
  /** "out of bounds memory access" traps so far, by how they were raised (tests, docs/native.md) */
  readonly outOfBounds = { fault: 0, stub: 0, runtime: 0 };
  private guardState: GuardHandler | string | null = null;
  private trapRecordBlock: NativeBlock | null = null;
  private scratch: NativeBlock;
  private scratchSlots: SlotView;
  /** every scratch buffer ever used: an outer call may still write its results to an old one */
  private readonly oldScratch: NativeBlock[] = [];
  /** trampoline addresses by kind and type key, each made when first needed */
  private readonly tramps: Record<TrampolineKind, Map<string, number>> = { entry: new Map(), exit: new Map() };
  /** the JS function calling each entry trampoline (koffi's decode is not free: made on first call) */
  private readonly entries = new Map<string, EntryFn>();
  private readonly hosts = new Map<number, HostTarget>();
  private readonly exceptions = new Map<number, unknown>();
  private nextException = 1;
  private readonly regions: CodeRegion[] = [];
  private readonly entryProto: unknown;
  private readonly callbacks: bigint[] = [];
  /** the frame pointers of the exit trampolines of the host calls now running, innermost last */
  private readonly exitFps: number[] = [];

  constructor(impls: readonly RuntimeImpl[]) {
    this.koffi = libc().koffi;
    const k = this.koffi;
    this.block = new NativeBlock(RT.functions + 8 * RUNTIME.length, 'the runtime block');
    this.stack = new WasmStack();
    this.stackSlots = new SlotView(this.stack.buffer);
    this.block.setWord(RT.wasmSp, this.stack.top);
    this.scratch = new NativeBlock(4096, 'call arguments');
    this.scratchSlots = new SlotView(this.scratch.buffer);
    this.refs = new RefTable((f) => this.foreignRecord(f));
    const roots = new StackRoots(this.codeMap, this.stack, this.stackSlots, this.isa.exitSaved);
    this.refs.setStackRoots((mark) => {
      for (const fp of this.exitFps) roots.walk(fp, mark);
    });
    this.entryProto = k.proto('int32_t kiln_entry(uintptr_t vmctx, uintptr_t code, uintptr_t args, uintptr_t results)');

    const hostProto = k.proto('int32_t kiln_host_call(uintptr_t ctx, uintptr_t buffer, uintptr_t fp)');
    // koffi's type names are process-wide: one NativeRuntime per thread (backend.ts)
    const hostCb = this.register((ctx: number, buf: number, fp: number) => this.hostCall(ctx, buf, fp), hostProto);
    this.block.setWord(RT.hostCall, hostCb);

    // the trap routine and one wrapper per runtime function, in one region
    const b = new CodeRegionBuilder();
    const trapAt = b.add(this.isa.trapRoutine());
    const wrapperAt = RUNTIME.map((row) => {
      const impl = impls[row.id];
      if (impl === undefined) throw new Error(`native runtime: no implementation of ${row.name}`);
      const ret = row.results.length === 0 ? 'void' : cType(row.results[0] as Type);
      const proto = k.proto(`${ret} kiln_rt_${row.name}(${row.params.map((p, i) => `${cType(p)} a${i}`).join(', ')})`);
      return b.add(this.isa.runtimeWrapper(this.block.addr, this.register(impl, proto)));
    });
    const region = b.seal('the native runtime');
    this.regions.push(region);
    this.block.setWord(RT.trapRoutine, region.base + trapAt);
    wrapperAt.forEach((at, id) => this.block.setWord(RT.functions + 8 * id, region.base + at));
  }

  private register(fn: (...args: never[]) => unknown, proto: unknown): number {
    const p = this.koffi.register(fn as (...a: unknown[]) => unknown, this.koffi.pointer(proto as never));
    this.callbacks.push(p);
    return Number(p);
  }

  /**
   * makes sure the `kind` trampolines of `types` exist, the missing ones made in one code region
   * (exit trampolines of a module's imports are made together when it is loaded)
   */
  prepare(types: readonly FuncType[], kind: TrampolineKind): void {
    const have = this.tramps[kind];
    const missing = new Map<string, FuncType>();
    for (const t of types) {
      const key = typeKey(t);
      if (!have.has(key)) missing.set(key, t);
      this.ensureScratch(bufferSize(t));
    }
    if (missing.size === 0) return;
    const isa = this.isa;
    const b = new CodeRegionBuilder();
    const at = [...missing].map(([key, t]) => [key, b.add(isa.trampoline(kind, t))] as const);
    const region = b.seal(`${kind} trampolines`);
    this.regions.push(region);
    for (const [key, off] of at) have.set(key, region.base + off);
  }

  /**
   * trampolines that came with a module's code (linker/link.ts: made at compile time, so
   * loading generates none), at their addresses; each serves every type of its signature.
   * Code regions are never unmapped, so the addresses stay valid.
   */
  adoptTrampolines(ts: readonly { readonly kind: TrampolineKind; readonly type: FuncType; readonly addr: number }[]): void {
    for (const t of ts) {
      const have = this.tramps[t.kind];
      const key = typeKey(t.type);
      if (!have.has(key)) have.set(key, t.addr);
      this.ensureScratch(bufferSize(t.type));
    }
  }

  private trampoline(type: FuncType, kind: TrampolineKind): number {
    const key = typeKey(type);
    let at = this.tramps[kind].get(key);
    if (at === undefined) {
      this.prepare([type], kind);
      at = this.tramps[kind].get(key) as number;
    }
    return at;
  }

  private entryFn(type: FuncType): EntryFn {
    const key = typeKey(type);
    let fn = this.entries.get(key);
    if (fn === undefined) {
      fn = this.koffi.decode(this.trampoline(type, 'entry'), this.entryProto as never) as EntryFn;
      this.entries.set(key, fn);
    }
    return fn;
  }

  /** `slots` 8-byte slots of call arguments and results */
  private ensureScratch(slots: number): void {
    if (8 * slots <= this.scratch.size) return;
    this.oldScratch.push(this.scratch);
    this.scratch = new NativeBlock(8 * slots, 'call arguments');
    this.scratchSlots = new SlotView(this.scratch.buffer);
  }

  /** calls compiled code `code` of `type` with `vmctx`; throws KilnTrap or the host's exception */
  invoke(type: FuncType, code: number, vmctx: number, args: readonly RawValue[]): RawValue[] {
    return this.caller(type)(code, vmctx, args);
  }

  /** `invoke` for one function type, with its trampoline looked up once */
  caller(type: FuncType): (code: number, vmctx: number, args: readonly RawValue[]) => RawValue[] {
    const entry = this.entryFn(type);
    const ps = type.params;
    const rs = type.results;
    const argAt = bufferSlots(ps);
    const resultAt = bufferSlots(rs);
    return (code, vmctx, args) => {
      // the buffer of this call: a nested call may replace this.scratch meanwhile
      const s = this.scratchSlots;
      const buf = this.scratch.addr;
      for (let i = 0; i < ps.length; i++) s.write(argAt[i] as number, ps[i] as ValType, args[i] as RawValue, this.refs);
      this.refs.settle();
      const rc = entry(vmctx, code, buf, buf);
      if (rc !== 0) throw this.failure(rc);
      const out = new Array<RawValue>(rs.length).fill(null);
      for (let i = 0; i < rs.length; i++) out[i] = s.read(resultAt[i] as number, rs[i] as ValType, this.refs);
      return out;
    };
  }

  /** the exception for a non-zero entry result: the host's own, or a trap with its backtrace */
  private failure(rc: number): unknown {
    const dv = this.block.dv;
    dv.setInt32(RT.trapCode, 0, true);
    if (rc === this.isa.hostExceptionCode) {
      const id = dv.getInt32(RT.hostException, true);
      dv.setInt32(RT.hostException, 0, true);
      const e = this.exceptions.get(id);
      this.exceptions.delete(id);
      return e ?? new KilnError('trap', 'native engine: a host function failed without an exception');
    }
    const kind = TRAP_KINDS[rc - 1] as TrapKind | undefined;
    if (kind === undefined) return new KilnError('trap', `native engine: unknown trap code ${rc}`);
    // an interruption is answered once: the next call runs again
    if (kind === 'interrupted') resumeAfterInterrupt(this.block.addr);
    if (kind === 'out of bounds memory access') this.outOfBounds[trapRoute(this.codeMap, this.block.word(RT.trapPc))]++;
    // an interruption by the fault handler stopped at any instruction, even a function's first:
    // its pc is where the function was, not a return address
    const at = kind === 'interrupted' ? 'instruction' : 'return';
    const frames = walkFrames(this.codeMap, this.stackSlots, this.stack, this.block.word(RT.trapPc), this.block.word(RT.trapFp), at);
    return new KilnTrap(kind, frames);
  }

  /**
   * this thread's guard-page fault handler (guard.ts), installed on first use; or why guard
   * pages cannot be used (no 8 GiB reservation, or sigaction failed)
   */
  guard(): GuardHandler | string {
    if (this.guardState === null) {
      this.guardState = probeReservation() ?? GuardHandler.install();
      if (typeof this.guardState !== 'string') this.block.setWord(RT.faultRoot, this.guardState.table.root.addr);
    }
    return this.guardState;
  }

  /**
   * a vmctx-shaped record of this runtime ([8] = the runtime block) for the fault handler's
   * interrupt landing, which has no frame to take a vmctx from
   */
  get trapRecord(): number {
    return (this.trapRecordBlock ??= this.makeTrapRecord()).addr;
  }

  private makeTrapRecord(): NativeBlock {
    const b = new NativeBlock(24, 'the trap record');
    b.setWord(8, this.block.addr);
    return b;
  }

  /** raises a trap from a runtime function: the wrapper sees the code when the callback returns */
  setTrap(kind: TrapKind): void {
    this.block.dv.setInt32(RT.trapCode, TRAP_KINDS.indexOf(kind) + 1, true);
  }

  /**
   * the koffi callback behind every exit trampoline; `fp` is the trampoline's frame pointer,
   * where a collection starts walking this activation's wasm frames
   */
  private hostCall(ctx: number, buf: number, fp: number): number {
    this.exitFps.push(fp);
    try {
      const target = this.hosts.get(ctx);
      if (target === undefined) throw new Error(`native engine: no host function at 0x${ctx.toString(16)}`);
      const s = this.stackSlots;
      const at = (buf - this.stack.bottom) / 8;
      const ps = target.type.params;
      const argAt = bufferSlots(ps);
      const args = new Array<RawValue>(ps.length).fill(null);
      for (let i = 0; i < ps.length; i++) args[i] = s.read(at + (argAt[i] as number), ps[i] as ValType, this.refs);
      const out = target.call(args);
      const rs = target.type.results;
      const resultAt = bufferSlots(rs);
      for (let i = 0; i < rs.length; i++) s.write(at + (resultAt[i] as number), rs[i] as ValType, out[i] as RawValue, this.refs);
      this.refs.settle();
      return 0;
    } catch (e) {
      const id = this.nextException++;
      this.exceptions.set(id, e);
      this.block.dv.setInt32(RT.hostException, id, true);
      return 1;
    } finally {
      this.exitFps.pop();
    }
  }

  /**
   * a funcref record (and its host context) for a host function: code = the exit trampoline
   * of its type, vmctx = the context record; returns the record's address
   */
  hostRecord(target: HostTarget): HostRecord {
    const blk = new NativeBlock(HOST_CTX + FUNCREF, 'a host function record');
    blk.setWord(8, this.block.addr);
    const rec = blk.addr + HOST_CTX;
    const exit = this.trampoline(target.type, 'exit');
    blk.setWord(HOST_CTX, exit);
    blk.setWord(HOST_CTX + 8, blk.addr);
    blk.dv.setInt32(HOST_CTX + 16, typeIdOf(target.type), true);
    this.hosts.set(blk.addr, target);
    return { record: rec, code: exit, vmctx: blk.addr };
  }

  private foreignRecord(f: WasmFunction): number {
    return this.hostRecord({ type: f.type, call: (args) => f.callRaw(args) }).record;
  }

  /** true while compiled code is running on this thread (an entry is active) */
  get inWasm(): boolean {
    return this.block.word(RT.entrySp) !== 0;
  }

  /** the runtime function pointer table's address (for tests) */
  runtimeFunction(id: number): number {
    return this.block.word(RT.functions + 8 * id);
  }
}
