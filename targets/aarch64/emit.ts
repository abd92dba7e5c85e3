/**
 * Emission: an allocated A64Func → machine code (targets/compiled.ts CompiledFunc), the same
 * records as targets/x86_64/emit.ts produces.
 *
 * Frame (abi.ts; AAPCS64 6.4.6 frame record): `stp x29, x30, [sp, #-16]!; mov x29, sp;
 * sub sp, sp, #frame`, then the vmctx (x0) at [x29-8] and the callee-saved registers the
 * allocation uses at [x29-16], [x29-24], … (stp pairs), then the stack check
 * `ldr x16, [x0]; cmp sp, x16; b.lo <stack overflow>` against vmctx+0. sp stays 16-byte
 * aligned (6.4.5.1); spill slot k is [sp + 8·outgoing + 8·k], the outgoing area at [sp].
 * Each block's instructions are emitted by their rules with the allocator's edits (moves,
 * reloads, spills, rematerialised constants) before and after them. Trap stubs (one per trap
 * site: `ldur x0, [x29, #-8]; mov w1, #code+1; ldr x16, [x0, #8]; ldr x16, [x16, #32];
 * blr x16`, the return address in x30 being the trap pc) follow the code; a br_table's jump
 * table (4-byte offsets from its start) is placed right after its `br`, where `adr` reaches
 * it whatever the function's size.
 *
 * Branch relaxation: b.cond, cbz/cbnz (±1 MiB) and tbz/tbnz (±32 KiB) are emitted as they
 * are; when some land out of their reach (`Assembler.outOfReach`: a tbz in a function of more
 * than 32 KiB, any conditional branch in one of more than a megabyte), the function is emitted
 * again with those branches (numbered in emission order, which does not change) inverted
 * around a `b` (±128 MiB), until every branch reaches; after MAX_PASSES, every conditional
 * branch is made far.
 */

import type { Func } from '../../compiler/ir/func.js';
import { TrapCode } from '../../compiler/ir/traps.js';
import { EditKind, RegClassId, type Allocation } from '../../compiler/regalloc/mach.js';
import type { CompiledFunc, Reloc, TrapSite } from '../compiled.js';
import { CALLEE_SAVED_GPRS, RT, SCRATCH_GPR, SCRATCH_GPR2, SCRATCH_VREG, VMCTX_SLOT } from './abi.js';
import { mov } from './alias.js';
import { Assembler, type AssemblerOptions, type ListingLine } from './asm.js';
import { BASELINE_FEATURES } from './features.js';
import { addImm, imm16, isAddImm } from './imm.js';
import type { Inst } from './inst.js';
import type { A64Func } from './mfunc.js';
import { invertCond, memIndex, memOffset, memUnscaled, pairAddr, type Addr, type Label } from './operands.js';
import { materialize } from './materialize.js';
import { FP, LR, SP, X0, X1, XZR, type Gpr, type Vreg } from './regs.js';
import { emitRule, type EmitCtx } from './rules/rule.js';
import { RULE } from './rules/index.js';
import { JumpThreads } from './threading.js';

export interface EmitOptions {
  /** keep a listing (objdump syntax) of the function */
  readonly listing?: boolean;
  readonly features?: ReadonlySet<string>;
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

/** the largest byte offset an 8-byte scaled load or store reaches */
const MAX_SCALED8 = 8 * 4095;

/** relaxation passes before every conditional branch of the function is made far */
const MAX_PASSES = 6;

/**
 * The assembler of a function's code. Conditional branches to labels are numbered as they are
 * emitted; those in `far` (or all of them, with `allFar`) become the inverted branch over an
 * unconditional `b` to the label (imm26 reach instead of imm19 or imm14). The rules emit the
 * same instructions either way.
 */
class FunctionAssembler extends Assembler {
  /** per conditional branch (in emission order): its offset when emitted as it is, else -1 */
  readonly branchAt: number[] = [];

  constructor(
    options: AssemblerOptions,
    private readonly far: ReadonlySet<number>,
    private readonly allFar: boolean,
  ) {
    super(options);
  }

  override emit(inst: Inst): void {
    if (inst.kind !== 'b_cond' && inst.kind !== 'cbz' && inst.kind !== 'tbz') {
      super.emit(inst);
      return;
    }
    const n = this.branchAt.length;
    if (!this.allFar && !this.far.has(n)) {
      this.branchAt.push(this.buf.length);
      super.emit(inst);
      return;
    }
    this.branchAt.push(-1);
    let inverted: Inst;
    if (inst.kind === 'b_cond') inverted = { kind: 'b_cond', cond: invertCond(inst.cond), target: this.newLabel() };
    else if (inst.kind === 'cbz') inverted = { ...inst, op: inst.op === 'cbz' ? 'cbnz' : 'cbz', target: this.newLabel() };
    else inverted = { ...inst, op: inst.op === 'tbz' ? 'tbnz' : 'tbz', target: this.newLabel() };
    super.emit(inverted);
    super.emit({ kind: 'b', target: inst.target });
    this.bind(inverted.target);
  }
}


export class Emitter implements EmitCtx {
  asm: FunctionAssembler = new FunctionAssembler({}, new Set(), false);
  f!: Func;
  x!: A64Func;
  private alloc!: Allocation;
  private labels: Label[] = [];
  private block = 0;
  /** the next block that emits code after the current one */
  private nextBlock = -1;
  private readonly threads = new JumpThreads();
  private traps: PendingTrap[] = [];
  /** jump tables requested by the instruction being emitted, placed right after it */
  private pendingTables: { label: Label; targets: readonly Label[] }[] = [];
  /** placed jump tables: their first byte and targets, filled in once every block is bound */
  private tables: { start: number; targets: readonly Label[] }[] = [];
  private saved: Gpr[] = [];
  private spillBase = 0;
  /** bytes from x29 down to sp after the prologue */
  private frameBelowFp = 0;
  private stackMaps: number[] = [];
  private override = -1;
  private overrideReg = -1;
  private recordFaults = false;
  private faults: number[] = [];

  /** `features`: what the code may use unless `EmitOptions.features` says otherwise (default: the baseline) */
  constructor(private readonly features: ReadonlySet<string> = BASELINE_FEATURES) {}

  emit(f: Func, x: A64Func, alloc: Allocation, index: number, options: EmitOptions = {}): EmittedFunc {
    const far = new Set<number>();
    for (let pass = 0; ; pass++) {
      const out = this.emitWith(f, x, alloc, index, options, far, pass >= MAX_PASSES);
      if (out !== null) return out;
    }
  }

  /** the function, or null when some conditional branches were out of reach (they join `far`) */
  private emitWith(f: Func, x: A64Func, alloc: Allocation, index: number, options: EmitOptions, far: Set<number>, allFar: boolean): EmittedFunc | null {
    this.asm = new FunctionAssembler({ listing: options.listing === true, features: options.features ?? this.features }, far, allFar);
    this.f = f;
    this.x = x;
    this.alloc = alloc;
    this.traps = [];
    this.tables = [];
    this.pendingTables = [];
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
      // loop headers start on a 16-byte boundary (functions are 16-byte aligned)
      if (threads.loopHead[b] === 1) this.asm.align(16);
      this.asm.bind(this.labels[b]!);
      for (let i = m.blockFirst[b] as number; i < (m.blockEnd[b] as number); i++) {
        edit = this.edits(edit, 2 * i);
        const rule = emitRule(x.rule[i] as number);
        const src = this.srcOf(i);
        if (src >= 0) lastSrc = src;
        const callsBefore = this.asm.lastCallEnd;
        if (!(rule.pure && deadDef(x, i, used))) rule.emit(this, i);
        if (this.pendingTables.length > 0) this.placeTables();
        // the address map names the wasm instruction of every call's return address
        if (this.asm.lastCallEnd !== callsBefore && lastSrc >= 0) map.push(this.asm.lastCallEnd, lastSrc);
        while (nextMap < alloc.mapCount && (alloc.mapInst[nextMap] as number) < i) nextMap++;
        if (nextMap < alloc.mapCount && alloc.mapInst[nextMap] === i) this.stackMap(nextMap);
        edit = this.edits(edit, 2 * i + 1);
      }
    }
    const sites = this.stubs();
    this.fillTables();
    if (!allFar && this.relax(far)) return null;
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
  vreg(mi: number, k: number): Vreg {
    return this.reg(mi, k) as Vreg;
  }
  private reg(mi: number, k: number): number {
    if (mi === this.override && k === 0) return this.overrideReg;
    const a = this.alloc.opAlloc[(this.x.m.instOpStart[mi] as number) + k] as number;
    if (a < 0) throw new Error(`aarch64: operand ${k} of instruction ${mi} was given a stack slot`);
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
    this.pendingTables.push({ label, targets });
    return label;
  }
  epilogue(): void {
    const asm = this.asm;
    const s = this.saved;
    // saved[k] is at [x29 - 16 - 8k]
    let k = 0;
    for (; k + 1 < s.length; k += 2) {
      asm.emit({ kind: 'ldst_pair', op: 'ldp', w: 64, rt: s[k + 1]!, rt2: s[k]!, addr: pairAddr('offset', FP, -24 - 8 * k, 8) });
    }
    if (k < s.length) asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: s[k]!, addr: memUnscaled(FP, -16 - 8 * k) });
    asm.emit(mov(64, SP, FP));
    asm.emit({ kind: 'ldst_pair', op: 'ldp', w: 64, rt: FP, rt2: LR, addr: pairAddr('post', SP, 16, 8) });
    asm.emit({ kind: 'br', op: 'ret', rn: LR });
  }

  /**
   * the stack map of the call just emitted (the allocation's map k): its return address, then
   * each reference's place — a callee-saved register number, or a spill slot's offset from x29
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
    const frame = (8 * (1 + this.saved.length) + spill + outgoing + 15) & ~15;
    this.spillBase = outgoing;
    this.frameBelowFp = frame;
    asm.emit({ kind: 'ldst_pair', op: 'stp', w: 64, rt: FP, rt2: LR, addr: pairAddr('pre', SP, -16, 8) });
    asm.emit(mov(64, FP, SP));
    this.adjustSp('sub', frame);
    // the vmctx and the saved registers, x0 first: item j at [x29 - 8 - 8j]
    const items: Gpr[] = [X0, ...this.saved];
    let j = 0;
    for (; j + 1 < items.length; j += 2) {
      asm.emit({ kind: 'ldst_pair', op: 'stp', w: 64, rt: items[j + 1]!, rt2: items[j]!, addr: pairAddr('offset', FP, -16 - 8 * j, 8) });
    }
    if (j < items.length) asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: items[j]!, addr: memUnscaled(FP, -8 - 8 * j) });
    const stackTrap = this.trap(-1, TrapCode.StackOverflow);
    asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(X0, 0, 8) });
    asm.emit({ kind: 'add_ext', op: 'subs', w: 64, rd: XZR, rn: SP, rm: SCRATCH_GPR, extend: 'uxtx' });
    asm.emit({ kind: 'b_cond', cond: 'cc', target: stackTrap });
  }

  /** sp = sp ± bytes (a multiple of 16) */
  private adjustSp(op: 'add' | 'sub', bytes: number): void {
    const asm = this.asm;
    if (bytes === 0) return;
    if (isAddImm(bytes)) {
      asm.emit({ kind: 'add_imm', op, w: 64, rd: SP, rn: SP, imm: addImm(bytes) });
    } else if (bytes < 1 << 24) {
      asm.emit({ kind: 'add_imm', op, w: 64, rd: SP, rn: SP, imm: addImm(bytes & 0xfff000) });
      asm.emit({ kind: 'add_imm', op, w: 64, rd: SP, rn: SP, imm: addImm(bytes & 0xfff) });
    } else {
      for (const inst of materialize(SCRATCH_GPR, BigInt(bytes), 64)) asm.emit(inst);
      asm.emit({ kind: 'add_ext', op, w: 64, rd: SP, rn: SP, rm: SCRATCH_GPR, extend: 'uxtx' });
    }
  }

  /** spill slot `a` (an allocation < 0); a far slot's offset goes through x17 */
  private slot(a: number): Addr {
    const bytes = this.spillBase + 8 * (-a - 1);
    if (bytes <= MAX_SCALED8) return memOffset(SP, bytes, 8);
    for (const inst of materialize(SCRATCH_GPR2, BigInt(bytes), 64)) this.asm.emit(inst);
    return memIndex(SP, SCRATCH_GPR2);
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
      if (from >= 0 && to >= 0) asm.emit(mov(64, to as Gpr, from as Gpr));
      else if (from >= 0) asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: from as Gpr, addr: this.slot(to) });
      else if (to >= 0) asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: to as Gpr, addr: this.slot(from) });
      else {
        asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: this.slot(from) });
        asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: SCRATCH_GPR, addr: this.slot(to) });
      }
      return;
    }
    if (from >= 0 && to >= 0) asm.emit({ kind: 'fp1', op: 'fmov', fw: 64, rd: to as Vreg, rn: from as Vreg });
    else if (from >= 0) asm.emit({ kind: 'fldst', op: 'str', fw: 64, rt: from as Vreg, addr: this.slot(to) });
    else if (to >= 0) asm.emit({ kind: 'fldst', op: 'ldr', fw: 64, rt: to as Vreg, addr: this.slot(from) });
    else {
      asm.emit({ kind: 'fldst', op: 'ldr', fw: 64, rt: SCRATCH_VREG, addr: this.slot(from) });
      asm.emit({ kind: 'fldst', op: 'str', fw: 64, rt: SCRATCH_VREG, addr: this.slot(to) });
    }
  }

  /** re-emit the constant defined by machine instruction mi into register `reg` */
  private remat(mi: number, reg: number): void {
    this.override = mi;
    this.overrideReg = reg;
    emitRule(this.x.rule[mi] as number).emit(this, mi);
    this.override = -1;
  }

  /** the out-of-line trap stubs; each records the return address of its call (x30) as the trap pc */
  private stubs(): TrapSite[] {
    const asm = this.asm;
    const sites: TrapSite[] = [];
    for (const t of this.traps) {
      asm.bind(t.label);
      asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X0, addr: memUnscaled(FP, VMCTX_SLOT) });
      asm.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: X1, imm: imm16(t.code + 1), shift: 0 });
      asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(X0, 8, 8) });
      asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(SCRATCH_GPR, RT.trapRoutine, 8) });
      asm.emit({ kind: 'br', op: 'blr', rn: SCRATCH_GPR });
      sites.push({ offset: asm.buf.length, code: t.code, wasmOffset: t.wasmOffset });
    }
    return sites;
  }

  /** add the conditional branches out of reach to `far`; true when there were any */
  private relax(far: Set<number>): boolean {
    const bad = this.asm.outOfReach();
    if (bad.length === 0) return false;
    const ordinal = new Map<number, number>();
    this.asm.branchAt.forEach((at, n) => {
      if (at >= 0) ordinal.set(at, n);
    });
    for (const at of bad) {
      const n = ordinal.get(at);
      // an unconditional branch or an adr out of reach: relaxation cannot help, finish() says why
      if (n === undefined) return false;
      far.add(n);
    }
    return true;
  }

  /** reserve the words of the jump tables the last instruction asked for, right after it */
  private placeTables(): void {
    const asm = this.asm;
    for (const t of this.pendingTables) {
      asm.bind(t.label);
      const start = asm.buf.length;
      for (let k = 0; k < t.targets.length; k++) asm.buf.u32(0);
      this.tables.push({ start, targets: t.targets });
    }
    this.pendingTables = [];
  }

  /** the jump tables' entries: each target's offset from its table's start (every block label is bound by now) */
  private fillTables(): void {
    const asm = this.asm;
    for (const t of this.tables) {
      t.targets.forEach((target, k) => asm.buf.patch32(t.start + 4 * k, (asm.labelOffset(target) - t.start) | 0));
    }
  }
}

/** how many times each vreg is read (operands and edge arguments) */
function useCounts(x: A64Func): Int32Array {
  const m = x.m;
  const n = new Int32Array(m.vregCount);
  for (let o = 0; o < m.opCount; o++) if ((m.opKind[o] as number) === 0) (n[m.opVreg[o] as number] as number)++;
  for (let k = 0; k < m.edgeArgPoolLen; k++) (n[m.edgeArgPool[k] as number] as number)++;
  return n;
}

/** a pure instruction whose defs are all unused */
function deadDef(x: A64Func, i: number, used: Int32Array): boolean {
  const m = x.m;
  const start = m.instOpStart[i] as number;
  for (let o = start; o < start + (m.instOpCount[i] as number); o++) {
    if ((m.opKind[o] as number) === 1 && (used[m.opVreg[o] as number] as number) > 0) return false;
  }
  return true;
}

/** callee-saved GPRs any operand or edit uses, in save order */
function usedCalleeSaved(x: A64Func, al: Allocation): Gpr[] {
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
