/**
 * Emission: an allocated A64Func → machine code (targets/compiled.ts CompiledFunc). The block
 * walk, the allocator's edits, stack maps, trap-stub bookkeeping and the record are
 * targets/emit-driver.ts, shared with x86-64; this file gives it the AArch64 frame, moves,
 * trap stubs, jump tables and branch relaxation.
 *
 * Frame (abi.ts; AAPCS64 6.4.6 frame record): `stp x29, x30, [sp, #-16]!; mov x29, sp;
 * sub sp, sp, #frame`, then the vmctx (x0) at [x29-8] and the callee-saved registers the
 * allocation uses at [x29-16], [x29-24], … (stp pairs), then the stack check
 * `ldr x16, [x0]; cmp sp, x16; b.lo <stack overflow>` against vmctx+0. sp stays 16-byte
 * aligned (6.4.5.1); spill slot k is [sp + 8·outgoing + 8·k], the outgoing area at [sp]. In a
 * function with v128 values every float-class move copies all 128 bits (`mov vd.16b, vn.16b`,
 * `ldr q` / `str q`), such a spill takes two slots from an even one, and the spill area starts
 * 16-byte aligned so the scaled `q` offset reaches it.
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
import { RegClassId, type Allocation } from '../../compiler/regalloc/mach.js';
import { EmitDriver, usedCalleeSaved, type DriverEmitOptions, type DriverEmittedFunc } from '../emit-driver.js';
import { CALLEE_SAVED_GPRS, RT, SCRATCH_GPR, SCRATCH_GPR2, SCRATCH_VREG, VMCTX_SLOT } from './abi.js';
import { mov } from './alias.js';
import { vmov } from './alias-simd.js';
import { Assembler, type AssemblerOptions, type ListingLine } from './asm.js';
import { BASELINE_FEATURES } from './features.js';
import { addImm, imm16, isAddImm } from './imm.js';
import type { Inst } from './inst.js';
import type { A64Func } from './mfunc.js';
import { invertCond, memIndex, memOffset, memUnscaled, pairAddr, type Addr, type Label } from './operands.js';
import { materialize } from './materialize.js';
import { FP, LR, SP, X0, X1, XZR, type Gpr, type Vreg } from './regs.js';
import { emitRule, type EmitCtx, type EmitRule } from './rules/rule.js';
import { RULE } from './rules/index.js';
import { JumpThreads } from '../threading.js';

export type EmitOptions = DriverEmitOptions<string>;

export type EmittedFunc = DriverEmittedFunc<ListingLine>;

/** the largest byte offset an 8-byte (16-byte) scaled load or store reaches */
const MAX_SCALED8 = 8 * 4095;
const MAX_SCALED16 = 16 * 4095;

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


export class Emitter extends EmitDriver<A64Func, Label, FunctionAssembler, Gpr> implements EmitCtx {
  override asm: FunctionAssembler = new FunctionAssembler({}, new Set(), false);
  /** placed jump tables: their first byte and targets, filled in once every block is bound */
  private tables: { start: number; targets: readonly Label[] }[] = [];

  /** `features`: what the code may use unless `EmitOptions.features` says otherwise (default: the baseline) */
  constructor(private readonly features: ReadonlySet<string> = BASELINE_FEATURES) {
    super(new JumpThreads(), 'aarch64', RULE.jump);
  }

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
    this.tables = [];
    const map = this.emitBody(f, x, alloc, options.faultSites === true);
    const sites = this.stubs();
    this.fillTables();
    if (!allFar && this.relax(far)) return null;
    const done = this.asm.finish();
    const compiled = this.compiledFunc(done, index, sites, map, VMCTX_SLOT);
    return { compiled, features: done.featuresUsed, listing: options.listing === true ? this.asm.listing() : null };
  }

  protected override ruleOf(id: number): EmitRule {
    return emitRule(id);
  }

  /** a br_table's jump table goes right after its instruction */
  protected override afterInst(): void {
    if (this.jumpTables.length > 0) this.placeTables();
  }

  // ---- EmitCtx ----

  vreg(mi: number, k: number): Vreg {
    return this.reg(mi, k) as Vreg;
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

  // ---- frame ----

  protected override prologue(): void {
    const asm = this.asm;
    this.saved = usedCalleeSaved(this.x, this.alloc, CALLEE_SAVED_GPRS);
    const spill = 8 * this.alloc.spillSlots;
    // with v128 values a float spill takes an even pair of slots: a 16-byte aligned base keeps
    // each one at a multiple of 16 from sp (the scaled offset of `ldr q` / `str q`)
    const outgoing = this.x.m.wideFloat ? (8 * this.x.outgoing + 15) & ~15 : 8 * this.x.outgoing;
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

  /** spill slot `a` (an allocation < 0) for an access of `size` bytes; a far slot's offset goes through x17 */
  private slot(a: number, size: 8 | 16 = 8): Addr {
    const bytes = this.spillBase + 8 * (-a - 1);
    if (size === 8 && bytes <= MAX_SCALED8) return memOffset(SP, bytes, 8);
    if (size === 16 && bytes % 16 === 0 && bytes <= MAX_SCALED16) return memOffset(SP, bytes, 16);
    for (const inst of materialize(SCRATCH_GPR2, BigInt(bytes), 64)) this.asm.emit(inst);
    return memIndex(SP, SCRATCH_GPR2);
  }

  protected override move(cls: number, from: number, to: number): void {
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
    // 64 bits (fmov d, ldr/str d) in scalar functions, all 128 (mov .16b, ldr/str q) in a function with v128 values
    const wide = this.x.m.wideFloat;
    const fw = wide ? 128 : 64;
    const size = wide ? 16 : 8;
    if (from >= 0 && to >= 0) asm.emit(wide ? vmov(to as Vreg, from as Vreg) : { kind: 'fp1', op: 'fmov', fw: 64, rd: to as Vreg, rn: from as Vreg });
    else if (from >= 0) asm.emit({ kind: 'fldst', op: 'str', fw, rt: from as Vreg, addr: this.slot(to, size) });
    else if (to >= 0) asm.emit({ kind: 'fldst', op: 'ldr', fw, rt: to as Vreg, addr: this.slot(from, size) });
    else {
      asm.emit({ kind: 'fldst', op: 'ldr', fw, rt: SCRATCH_VREG, addr: this.slot(from, size) });
      asm.emit({ kind: 'fldst', op: 'str', fw, rt: SCRATCH_VREG, addr: this.slot(to, size) });
    }
  }

  /** a trap stub: trapRoutine(vmctx, code + 1) by blr, the return address in x30 being the trap pc */
  protected override trapStub(code: number): void {
    const asm = this.asm;
    asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: X0, addr: memUnscaled(FP, VMCTX_SLOT) });
    asm.emit({ kind: 'mov_wide', op: 'movz', w: 32, rd: X1, imm: imm16(code + 1), shift: 0 });
    asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(X0, 8, 8) });
    asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(SCRATCH_GPR, RT.trapRoutine, 8) });
    asm.emit({ kind: 'br', op: 'blr', rn: SCRATCH_GPR });
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
    for (const t of this.jumpTables) {
      asm.bind(t.label);
      const start = asm.buf.length;
      for (let k = 0; k < t.targets.length; k++) asm.buf.u32(0);
      this.tables.push({ start, targets: t.targets });
    }
    this.jumpTables = [];
  }

  /** the jump tables' entries: each target's offset from its table's start (every block label is bound by now) */
  private fillTables(): void {
    const asm = this.asm;
    for (const t of this.tables) {
      t.targets.forEach((target, k) => asm.buf.patch32(t.start + 4 * k, (asm.labelOffset(target) - t.start) | 0));
    }
  }
}
