/**
 * The target-neutral emission driver: an allocated machine function → machine code
 * (targets/compiled.ts CompiledFunc). Each target's emit.ts extends `EmitDriver` with its
 * frame (prologue, epilogue), its moves between registers and spill slots, its trap stubs and
 * jump tables; nothing here depends on the ISA.
 *
 * Each block that emits code (jump threading: threading.ts) is bound to its label, loop headers
 * aligned to 16 bytes; each of its instructions is emitted by its rule (a pure one whose defs
 * are all unused is skipped) with the allocator's edits (moves, reloads, spills,
 * rematerialised constants) before and after it, and the address map and stack maps record
 * the calls. Trap stubs follow the code.
 */

import type { Func } from '../compiler/ir/func.js';
import { EditKind, RegClassId, type Allocation, type MachFunc } from '../compiler/regalloc/mach.js';
import type { CompiledFunc, Reloc, TrapSite } from './compiled.js';

export interface DriverEmitOptions<F extends string> {
  /** keep a listing (objdump syntax) of the function */
  readonly listing?: boolean;
  readonly features?: ReadonlySet<F>;
  /** record a fault site for every linear-memory access (guard-page bounds) */
  readonly faultSites?: boolean;
}

export interface DriverEmittedFunc<Line> {
  readonly compiled: CompiledFunc;
  readonly features: readonly string[];
  readonly listing: readonly Line[] | null;
}

/** what the driver needs of a target's machine function */
export interface EmitMFunc {
  readonly m: MachFunc;
  readonly rule: Uint16Array;
  readonly ir: Int32Array;
}

/** what the driver needs of a target's assembler */
export interface DriverAssembler<L> {
  readonly buf: { readonly length: number };
  readonly lastCallEnd: number;
  newLabel(): L;
  bind(label: L): void;
  align(boundary: number): void;
}

/** what the driver needs of a target's assembled code */
export interface DriverAssembled {
  readonly code: Uint8Array;
  readonly relocs: readonly { readonly offset: number; readonly symbol: string }[];
}

/** a target's jump threading (threading.ts) */
export interface DriverThreads<X> {
  readonly to: Int32Array;
  readonly loopHead: Uint8Array;
  compute(x: X, alloc: Allocation, jumpRule: number): void;
  nextEmitted(b: number, count: number): number;
}

/** a target's emit rule, as the driver runs it */
export interface DriverEmitRule<C> {
  readonly emit: (e: C, mi: number) => void;
  readonly pure: boolean;
}

interface PendingTrap<L> {
  readonly label: L;
  readonly code: number;
  readonly wasmOffset: number;
}

export abstract class EmitDriver<X extends EmitMFunc, L, A extends DriverAssembler<L>, G extends number> {
  abstract asm: A;
  f!: Func;
  x!: X;
  protected alloc!: Allocation;
  private labels: L[] = [];
  private block = 0;
  /** the next block that emits code after the current one */
  private nextBlock = -1;
  private traps: PendingTrap<L>[] = [];
  /** jump tables the rules asked for (since the target last placed them) */
  protected jumpTables: { label: L; targets: readonly L[] }[] = [];
  /** the callee-saved registers the prologue saves, in save order */
  protected saved: G[] = [];
  /** bytes from the stack pointer up to spill slot 0 */
  protected spillBase = 0;
  /** bytes from the frame pointer down to the stack pointer after the prologue */
  protected frameBelowFp = 0;
  private stackMaps: number[] = [];
  private override = -1;
  private overrideReg = -1;
  private recordFaults = false;
  private faults: number[] = [];

  /** `isa`: the name error messages give; `jumpRule`: the target's unconditional jump rule */
  constructor(
    private readonly threads: DriverThreads<X>,
    private readonly isa: string,
    private readonly jumpRule: number,
  ) {}

  /** the emit rule with id `id` */
  protected abstract ruleOf(id: number): DriverEmitRule<this>;
  /** the frame set-up and stack check; sets saved, spillBase and frameBelowFp */
  protected abstract prologue(): void;
  /** an allocator move of register class `cls` (a register ≥ 0, a spill slot < 0) */
  protected abstract move(cls: number, from: number, to: number): void;
  /** a trap stub's code after its label: raise trap `code`, the call's return address being the trap pc */
  protected abstract trapStub(code: number): void;
  /** after each machine instruction's rule */
  protected afterInst(): void {}

  /**
   * the prologue and every block's code into `this.asm` (fresh); returns the address map
   * (return address, wasm offset pairs)
   */
  protected emitBody(f: Func, x: X, alloc: Allocation, faultSites: boolean): number[] {
    this.f = f;
    this.x = x;
    this.alloc = alloc;
    this.traps = [];
    this.jumpTables = [];
    this.recordFaults = faultSites;
    this.faults = [];
    this.stackMaps = [];
    const m = x.m;
    let nextMap = 0;
    this.labels = [];
    for (let b = 0; b < m.blockCount; b++) this.labels.push(this.asm.newLabel());
    this.prologue();
    const used = useCounts(m);
    const map: number[] = [];
    let lastSrc = -1;
    let edit = 0;
    const threads = this.threads;
    threads.compute(x, alloc, this.jumpRule);
    for (let b = 0; b < m.blockCount; b++) {
      if (threads.to[b] !== b) continue;
      this.block = b;
      this.nextBlock = threads.nextEmitted(b, m.blockCount);
      // loop headers start on a 16-byte boundary (functions are 16-byte aligned): the padding
      // runs once per entry into the loop, and a loop's speed no longer depends on where the
      // code before it happened to end
      if (threads.loopHead[b] === 1) this.asm.align(16);
      this.asm.bind(this.labels[b]!);
      for (let i = m.blockFirst[b] as number; i < (m.blockEnd[b] as number); i++) {
        edit = this.edits(edit, 2 * i);
        const rule = this.ruleOf(x.rule[i] as number);
        const src = this.srcOf(i);
        if (src >= 0) lastSrc = src;
        const callsBefore = this.asm.lastCallEnd;
        if (!(rule.pure && deadDef(m, i, used))) rule.emit(this, i);
        this.afterInst();
        // the address map names the wasm instruction of every call's return address
        if (this.asm.lastCallEnd !== callsBefore && lastSrc >= 0) map.push(this.asm.lastCallEnd, lastSrc);
        while (nextMap < alloc.mapCount && (alloc.mapInst[nextMap] as number) < i) nextMap++;
        if (nextMap < alloc.mapCount && alloc.mapInst[nextMap] === i) this.stackMap(nextMap);
        edit = this.edits(edit, 2 * i + 1);
      }
    }
    return map;
  }

  /** the function's record once its code is finished; `vmctxSlot`: the vmctx's offset from the frame pointer */
  protected compiledFunc(done: DriverAssembled, index: number, sites: TrapSite[], map: number[], vmctxSlot: number): CompiledFunc {
    const relocs: Reloc[] = done.relocs.map((r) => ({ kind: 'call_func', offset: r.offset, target: Number(r.symbol.slice(1)) }));
    return {
      index,
      name: this.f.name,
      code: done.code,
      relocs,
      trapSites: sites,
      addressMap: Int32Array.from(map),
      ...(this.recordFaults ? { faultSites: Int32Array.from(this.faults) } : {}),
      stackMaps: Int32Array.from(this.stackMaps),
      savedRegs: Int32Array.from(this.saved.flatMap((r, j) => [r, vmctxSlot - 8 * (j + 1)])),
    };
  }

  // ---- EmitCtx ----

  /** operand k of machine instruction mi, allocated to a general-purpose register */
  gpr(mi: number, k: number): G {
    return this.reg(mi, k) as G;
  }
  /** operand k of machine instruction mi: its register */
  protected reg(mi: number, k: number): number {
    if (mi === this.override && k === 0) return this.overrideReg;
    const a = this.alloc.opAlloc[(this.x.m.instOpStart[mi] as number) + k] as number;
    if (a < 0) throw new Error(`${this.isa}: operand ${k} of instruction ${mi} was given a stack slot`);
    return a;
  }
  trap(mi: number, code: number): L {
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
  blockLabel(b: number): L {
    return this.labels[this.threads.to[b] as number]!;
  }
  isNext(b: number): boolean {
    return this.threads.to[b] === this.nextBlock;
  }
  /** a jump table of 4-byte offsets to `targets`, placed where the target chooses */
  jumpTable(targets: readonly L[]): L {
    const label = this.asm.newLabel();
    this.jumpTables.push({ label, targets });
    return label;
  }
  succ(k: number): number {
    const m = this.x.m;
    return m.edgeTarget[(m.blockSuccStart[this.block] as number) + k] as number;
  }

  /**
   * the stack map of the call just emitted (the allocation's map k): its return address, then
   * each reference's place — a callee-saved register number, or a spill slot's offset from the
   * frame pointer (negative) — and its RefKind
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

  /** re-emit the constant defined by machine instruction mi into register `reg` */
  private remat(mi: number, reg: number): void {
    this.override = mi;
    this.overrideReg = reg;
    this.ruleOf(this.x.rule[mi] as number).emit(this, mi);
    this.override = -1;
  }

  /** the out-of-line trap stubs; each records the return address of its call as the trap pc */
  protected stubs(): TrapSite[] {
    const asm = this.asm;
    const sites: TrapSite[] = [];
    for (const t of this.traps) {
      asm.bind(t.label);
      this.trapStub(t.code);
      sites.push({ offset: asm.buf.length, code: t.code, wasmOffset: t.wasmOffset });
    }
    return sites;
  }
}

/** how many times each vreg is read (operands and edge arguments) */
function useCounts(m: MachFunc): Int32Array {
  const n = new Int32Array(m.vregCount);
  for (let o = 0; o < m.opCount; o++) if ((m.opKind[o] as number) === 0) (n[m.opVreg[o] as number] as number)++;
  for (let k = 0; k < m.edgeArgPoolLen; k++) (n[m.edgeArgPool[k] as number] as number)++;
  return n;
}

/** a pure instruction whose defs are all unused */
function deadDef(m: MachFunc, i: number, used: Int32Array): boolean {
  const start = m.instOpStart[i] as number;
  for (let o = start; o < start + (m.instOpCount[i] as number); o++) {
    if ((m.opKind[o] as number) === 1 && (used[m.opVreg[o] as number] as number) > 0) return false;
  }
  return true;
}

/** the registers of `calleeSaved` (in its order) any integer operand or edit of x uses */
export function usedCalleeSaved<G extends number>(x: EmitMFunc, al: Allocation, calleeSaved: readonly G[]): G[] {
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
  return calleeSaved.filter((r) => (mask & (1 << r)) !== 0);
}
