/**
 * Emission: an allocated X86Func → machine code (targets/compiled.ts CompiledFunc).
 *
 * Frame (docs/native-abi.md): push rbp; mov rbp, rsp; push rdi (the vmctx, at [rbp-8]); push
 * the callee-saved registers the allocation uses; sub rsp for spill slots and the outgoing
 * area (padded so rsp stays 16-byte aligned); then the stack check against vmctx+0. Spill slot
 * k is [rsp + 8·outgoing + 8·k]. Each block's instructions are emitted by their rules with
 * the allocator's edits (moves, reloads, spills, rematerialised constants) before and after
 * them. Trap stubs and jump tables follow the code.
 */

import type { Func } from '../../compiler/ir/func.js';
import { TrapCode } from '../../compiler/ir/traps.js';
import { EditKind, RegClassId, type Allocation } from '../../compiler/regalloc/mach.js';
import type { CompiledFunc, Reloc, TrapSite } from '../compiled.js';
import { Assembler, type ListingLine } from './asm.js';
import { CALLEE_SAVED_GPRS, RT, SCRATCH_GPR, SCRATCH_XMM, VMCTX_SLOT } from './abi.js';
import { imm32 } from './imm.js';
import type { X86Func } from './mfunc.js';
import { mem, type BaseMem, type Label } from './operands.js';
import { RAX, RBP, RDI, RSI, RSP, type Gpr, type Xmm } from './regs.js';
import { emitRule, type EmitCtx } from './rules/rule.js';
import { RULE } from './rules/index.js';
import { JumpThreads } from './threading.js';
import { BASELINE_FEATURES, type CpuFeature } from './features.js';

export interface EmitOptions {
  /** keep a listing (objdump syntax) of the function */
  readonly listing?: boolean;
  readonly features?: ReadonlySet<CpuFeature>;
  /** record a fault site for every linear-memory access (guard-page bounds) */
  readonly faultSites?: boolean;
}

export interface EmittedFunc {
  readonly compiled: CompiledFunc;
  readonly features: readonly string[];
  readonly listing: readonly ListingLine[] | null;
}

interface PendingTrap {
  readonly label: Label;
  readonly code: number;
  readonly wasmOffset: number;
}

export class Emitter implements EmitCtx {
  asm = new Assembler();
  f!: Func;
  x!: X86Func;
  private alloc!: Allocation;
  private labels: Label[] = [];
  private block = 0;
  /** the next block that emits code after the current one */
  private nextBlock = -1;
  private readonly threads = new JumpThreads();
  private traps: PendingTrap[] = [];
  private tables: { label: Label; targets: readonly Label[] }[] = [];
  private saved: Gpr[] = [];
  private spillBase = 0;
  /** bytes from rbp down to rsp after the prologue */
  private frameBelowFp = 0;
  private stackMaps: number[] = [];
  private override = -1;
  private overrideReg = -1;
  private stackTrap: Label | null = null;
  private recordFaults = false;
  private faults: number[] = [];

  /** `features`: what the code may use unless `EmitOptions.features` says otherwise (default: the baseline) */
  constructor(private readonly features: ReadonlySet<CpuFeature> = BASELINE_FEATURES) {}

  emit(f: Func, x: X86Func, alloc: Allocation, index: number, options: EmitOptions = {}): EmittedFunc {
    this.asm = new Assembler({ listing: options.listing === true, features: options.features ?? this.features });
    this.f = f;
    this.x = x;
    this.alloc = alloc;
    this.traps = [];
    this.tables = [];
    this.recordFaults = options.faultSites === true;
    this.faults = [];
    this.stackMaps = [];
    const m = x.m;
    let nextMap = 0;
    this.labels = [];
    for (let b = 0; b < m.blockCount; b++) this.labels.push(this.asm.newLabel());
    this.prologue();
    const used = useCounts(x);
    const map: number[] = [];
    let lastSrc = -1;
    let edit = 0;
    const threads = this.threads;
    threads.compute(x, alloc, RULE.jump);
    for (let b = 0; b < m.blockCount; b++) {
      if (threads.to[b] !== b) continue;
      this.block = b;
      this.nextBlock = threads.nextEmitted(b, m.blockCount);
      // loop headers start on a 16-byte boundary (functions are 16-byte aligned): the nops run
      // once per entry into the loop, and a loop's speed no longer depends on where the code
      // before it happened to end
      if (threads.loopHead[b] === 1) this.asm.align(16);
      this.asm.bind(this.labels[b]!);
      for (let i = m.blockFirst[b] as number; i < (m.blockEnd[b] as number); i++) {
        edit = this.edits(edit, 2 * i);
        const rule = emitRule(x.rule[i] as number);
        const src = this.srcOf(i);
        if (src >= 0) lastSrc = src;
        const callsBefore = this.asm.lastCallEnd;
        if (!(rule.pure && deadDef(x, i, used))) rule.emit(this, i);
        // the address map names the wasm instruction of every call's return address
        if (this.asm.lastCallEnd !== callsBefore && lastSrc >= 0) map.push(this.asm.lastCallEnd, lastSrc);
        while (nextMap < alloc.mapCount && (alloc.mapInst[nextMap] as number) < i) nextMap++;
        if (nextMap < alloc.mapCount && alloc.mapInst[nextMap] === i) this.stackMap(nextMap);
        edit = this.edits(edit, 2 * i + 1);
      }
    }
    const sites = this.stubs();
    this.emitTables();
    const done = this.asm.finish();
    const relocs: Reloc[] = done.relocs.map((r) => ({ kind: 'call_func', offset: r.offset, target: Number(r.symbol.slice(1)) }));
    const compiled: CompiledFunc = {
      index,
      name: f.name,
      code: done.code,
      relocs,
      trapSites: sites,
      addressMap: Int32Array.from(map),
      ...(this.recordFaults ? { faultSites: Int32Array.from(this.faults) } : {}),
      stackMaps: Int32Array.from(this.stackMaps),
      savedRegs: Int32Array.from(this.saved.flatMap((r, j) => [r, VMCTX_SLOT - 8 * (j + 1)])),
    };
    return { compiled, features: done.featuresUsed, listing: options.listing === true ? this.asm.listing() : null };
  }

  // ---- EmitCtx ----

  gpr(mi: number, k: number): Gpr {
    return this.reg(mi, k) as Gpr;
  }
  xmm(mi: number, k: number): Xmm {
    return this.reg(mi, k) as Xmm;
  }
  private reg(mi: number, k: number): number {
    if (mi === this.override && k === 0) return this.overrideReg;
    const a = this.alloc.opAlloc[(this.x.m.instOpStart[mi] as number) + k] as number;
    if (a < 0) throw new Error(`x86_64: operand ${k} of instruction ${mi} was given a stack slot`);
    return a;
  }
  trap(mi: number, code: number): Label {
    const label = this.asm.newLabel();
    this.traps.push({ label, code, wasmOffset: mi < 0 ? -1 : this.srcOf(mi) });
    return label;
  }
  faultSite(mi: number): void {
    if (this.recordFaults) this.faults.push(this.asm.buf.length, this.srcOf(mi));
  }
  /** wasm byte offset of the instruction machine instruction mi came from, or -1 */
  private srcOf(mi: number): number {
    const ir = this.x.ir[mi] as number;
    return ir < 0 ? -1 : (this.f.instSrc[ir] as number);
  }
  blockLabel(b: number): Label {
    return this.labels[this.threads.to[b] as number]!;
  }
  isNext(b: number): boolean {
    return this.threads.to[b] === this.nextBlock;
  }
  succ(k: number): number {
    const m = this.x.m;
    return m.edgeTarget[(m.blockSuccStart[this.block] as number) + k] as number;
  }
  jumpTable(targets: readonly Label[]): Label {
    const label = this.asm.newLabel();
    this.tables.push({ label, targets });
    return label;
  }
  epilogue(): void {
    const asm = this.asm;
    if (this.saved.length > 0) {
      asm.emit({ kind: 'lea', w: 64, dst: RSP, src: mem(RBP, VMCTX_SLOT - 8 * this.saved.length) });
      for (let k = this.saved.length - 1; k >= 0; k--) asm.emit({ kind: 'pop', reg: this.saved[k]! });
    }
    asm.emit({ kind: 'mov', w: 64, dst: RSP, src: RBP });
    asm.emit({ kind: 'pop', reg: RBP });
    asm.emit({ kind: 'ret' });
  }

  /**
   * the stack map of the call just emitted (the allocation's map k): its return address, then
   * each reference's place — a callee-saved register number, or a spill slot's offset from rbp
   * (negative) — and its RefKind
   */
  private stackMap(k: number): void {
    const al = this.alloc;
    const start = al.mapStart[k] as number;
    const n = al.mapLen[k] as number;
    this.stackMaps.push(this.asm.lastCallEnd, n);
    for (let e = start; e < start + n; e++) {
      const loc = al.mapLoc[e] as number;
      const place = loc >= 0 ? loc : this.spillBase + 8 * (-loc - 1) - this.frameBelowFp;
      this.stackMaps.push(place, al.mapKind[e] as number);
    }
  }

  // ---- frame ----

  private prologue(): void {
    const asm = this.asm;
    this.saved = usedCalleeSaved(this.x, this.alloc);
    const spill = 8 * this.alloc.spillSlots;
    const outgoing = 8 * this.x.outgoing;
    let frame = spill + outgoing;
    if ((8 * (1 + this.saved.length) + frame) % 16 !== 0) frame += 8;
    this.spillBase = outgoing;
    this.frameBelowFp = 8 + 8 * this.saved.length + frame;
    asm.emit({ kind: 'push', reg: RBP });
    asm.emit({ kind: 'mov', w: 64, dst: RBP, src: RSP });
    asm.emit({ kind: 'push', reg: RDI });
    for (const r of this.saved) asm.emit({ kind: 'push', reg: r });
    if (frame > 0) asm.emit({ kind: 'alu_imm', op: 'sub', w: 64, dst: RSP, imm: imm32(frame) });
    this.stackTrap = this.trap(-1, TrapCode.StackOverflow);
    asm.emit({ kind: 'alu', op: 'cmp', w: 64, dst: RSP, src: mem(RDI, 0) });
    asm.emit({ kind: 'jcc', cc: 'b', target: this.stackTrap, short: false });
  }

  private slot(a: number): BaseMem {
    return mem(RSP, this.spillBase + 8 * (-a - 1));
  }

  /** emit the allocator's edits at `point`, starting from edit index e; returns the next index */
  private edits(e: number, point: number): number {
    const al = this.alloc;
    while (e < al.editCount && (al.editPoint[e] as number) === point) {
      if ((al.editKind[e] as number) === EditKind.Remat) this.remat(al.editFrom[e] as number, al.editTo[e] as number);
      else this.move(al.editClass[e] as number, al.editFrom[e] as number, al.editTo[e] as number);
      e++;
    }
    return e;
  }

  private move(cls: number, from: number, to: number): void {
    if (from === to) return;
    const asm = this.asm;
    if (cls === RegClassId.Int) {
      if (from >= 0 && to >= 0) asm.emit({ kind: 'mov', w: 64, dst: to as Gpr, src: from as Gpr });
      else if (from >= 0) asm.emit({ kind: 'store', w: 64, dst: this.slot(to), src: from as Gpr });
      else if (to >= 0) asm.emit({ kind: 'mov', w: 64, dst: to as Gpr, src: this.slot(from) });
      else {
        asm.emit({ kind: 'mov', w: 64, dst: SCRATCH_GPR, src: this.slot(from) });
        asm.emit({ kind: 'store', w: 64, dst: this.slot(to), src: SCRATCH_GPR });
      }
      return;
    }
    if (from >= 0 && to >= 0) asm.emit({ kind: 'sse', op: 'movaps', dst: to as Xmm, src: from as Xmm });
    else if (from >= 0) asm.emit({ kind: 'sse_store', op: 'movsd', dst: this.slot(to), src: from as Xmm });
    else if (to >= 0) asm.emit({ kind: 'sse', op: 'movsd', dst: to as Xmm, src: this.slot(from) });
    else {
      asm.emit({ kind: 'sse', op: 'movsd', dst: SCRATCH_XMM, src: this.slot(from) });
      asm.emit({ kind: 'sse_store', op: 'movsd', dst: this.slot(to), src: SCRATCH_XMM });
    }
  }

  /** re-emit the constant defined by machine instruction mi into register `reg` */
  private remat(mi: number, reg: number): void {
    this.override = mi;
    this.overrideReg = reg;
    emitRule(this.x.rule[mi] as number).emit(this, mi);
    this.override = -1;
  }

  /** the out-of-line trap stubs; each records the return address of its call as the trap pc */
  private stubs(): TrapSite[] {
    const asm = this.asm;
    const sites: TrapSite[] = [];
    for (const t of this.traps) {
      asm.bind(t.label);
      asm.emit({ kind: 'mov', w: 64, dst: RDI, src: mem(RBP, VMCTX_SLOT) });
      asm.emit({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(t.code + 1) });
      asm.emit({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 8) });
      asm.emit({ kind: 'call_ind', target: mem(RAX, RT.trapRoutine) });
      sites.push({ offset: asm.buf.length, code: t.code, wasmOffset: t.wasmOffset });
    }
    return sites;
  }

  private emitTables(): void {
    const asm = this.asm;
    for (const t of this.tables) {
      asm.align(4, 'int3');
      asm.bind(t.label);
      const start = asm.buf.length;
      for (const target of t.targets) {
        const at = asm.buf.length;
        asm.buf.u32(0);
        asm.labelFixup(at, 4, target, at - start);
      }
    }
  }
}

/** how many times each vreg is read (operands and edge arguments) */
function useCounts(x: X86Func): Int32Array {
  const m = x.m;
  const n = new Int32Array(m.vregCount);
  for (let o = 0; o < m.opCount; o++) if ((m.opKind[o] as number) === 0) (n[m.opVreg[o] as number] as number)++;
  for (let k = 0; k < m.edgeArgPoolLen; k++) (n[m.edgeArgPool[k] as number] as number)++;
  return n;
}

/** a pure instruction whose defs are all unused */
function deadDef(x: X86Func, i: number, used: Int32Array): boolean {
  const m = x.m;
  const start = m.instOpStart[i] as number;
  for (let o = start; o < start + (m.instOpCount[i] as number); o++) {
    if ((m.opKind[o] as number) === 1 && (used[m.opVreg[o] as number] as number) > 0) return false;
  }
  return true;
}

/** callee-saved GPRs any operand or edit uses, in push order */
function usedCalleeSaved(x: X86Func, al: Allocation): Gpr[] {
  const m = x.m;
  let mask = 0;
  for (let o = 0; o < m.opCount; o++) {
    if ((m.vregClass[m.opVreg[o] as number] as number) === RegClassId.Int && (al.opAlloc[o] as number) >= 0) mask |= 1 << (al.opAlloc[o] as number);
  }
  for (let e = 0; e < al.editCount; e++) {
    if ((al.editClass[e] as number) !== RegClassId.Int) continue;
    if ((al.editTo[e] as number) >= 0) mask |= 1 << (al.editTo[e] as number);
    if ((al.editKind[e] as number) === EditKind.Move && (al.editFrom[e] as number) >= 0) mask |= 1 << (al.editFrom[e] as number);
  }
  return CALLEE_SAVED_GPRS.filter((r) => (mask & (1 << r)) !== 0);
}
