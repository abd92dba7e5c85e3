/**
 * Emission: an allocated X86Func → machine code (targets/compiled.ts CompiledFunc). The block
 * walk, the allocator's edits, stack maps, trap-stub bookkeeping and the record are
 * targets/emit-driver.ts; this file gives it the x86-64 frame, moves, trap stubs and jump tables.
 *
 * Frame (docs/native-abi.md): push rbp; mov rbp, rsp; push rdi (the vmctx, at [rbp-8]); push
 * the callee-saved registers the allocation uses; sub rsp for spill slots and the outgoing
 * area (padded so rsp stays 16-byte aligned); then the stack check against vmctx+0. Spill slot
 * k is [rsp + 8·outgoing + 8·k]. Each block's instructions are emitted by their rules with
 * the allocator's edits (moves, reloads, spills, rematerialised constants) before and after
 * them. Trap stubs, jump tables and the function's 16-byte constants (v128 constants and
 * shuffle masks, `constV128`, read RIP-relative) follow the code.
 */

import type { Func } from '../../compiler/ir/func.js';
import { TrapCode } from '../../compiler/ir/traps.js';
import { RegClassId, type Allocation } from '../../compiler/regalloc/mach.js';
import { EmitDriver, usedCalleeSaved, type DriverEmitOptions, type DriverEmittedFunc } from '../emit-driver.js';
import { Assembler, type ListingLine } from './asm.js';
import { CALLEE_SAVED_GPRS, RT, SCRATCH_GPR, SCRATCH_XMM, VMCTX_SLOT } from './abi.js';
import { imm32 } from './imm.js';
import type { X86Func } from './mfunc.js';
import { mem, type BaseMem, type Label } from './operands.js';
import { RAX, RBP, RDI, RSI, RSP, type Gpr, type Xmm } from './regs.js';
import { emitRule, type EmitCtx, type EmitRule } from './rules/rule.js';
import { RULE } from './rules/index.js';
import { JumpThreads } from '../threading.js';
import { BASELINE_FEATURES, type CpuFeature } from './features.js';

export type EmitOptions = DriverEmitOptions<CpuFeature>;

export type EmittedFunc = DriverEmittedFunc<ListingLine>;

export class Emitter extends EmitDriver<X86Func, Label, Assembler, Gpr> implements EmitCtx {
  override asm = new Assembler();
  private stackTrap: Label | null = null;
  /** this function's 16-byte constants (constV128), placed after its jump tables */
  private pool: { label: Label; bytes: Uint8Array }[] = [];
  private poolKeys = new Map<string, Label>();

  /** `features`: what the code may use unless `EmitOptions.features` says otherwise (default: the baseline) */
  constructor(private readonly features: ReadonlySet<CpuFeature> = BASELINE_FEATURES) {
    super(new JumpThreads(), 'x86_64', RULE.jump);
  }

  emit(f: Func, x: X86Func, alloc: Allocation, index: number, options: EmitOptions = {}): EmittedFunc {
    this.asm = new Assembler({ listing: options.listing === true, features: options.features ?? this.features });
    this.pool = [];
    this.poolKeys.clear();
    const map = this.emitBody(f, x, alloc, options.faultSites === true);
    const sites = this.stubs();
    this.emitTables();
    const done = this.asm.finish();
    const compiled = this.compiledFunc(done, index, sites, map, VMCTX_SLOT);
    return { compiled, features: done.featuresUsed, listing: options.listing === true ? this.asm.listing() : null };
  }

  protected override ruleOf(id: number): EmitRule {
    return emitRule(id);
  }

  // ---- EmitCtx ----

  xmm(mi: number, k: number): Xmm {
    return this.reg(mi, k) as Xmm;
  }
  constV128(bytes: Uint8Array): Label {
    let key = '';
    for (let k = 0; k < 16; k++) key += String.fromCharCode(bytes[k] as number);
    let label = this.poolKeys.get(key);
    if (label === undefined) {
      label = this.asm.newLabel();
      this.poolKeys.set(key, label);
      this.pool.push({ label, bytes: bytes.slice(0, 16) });
    }
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

  // ---- frame ----

  protected override prologue(): void {
    const asm = this.asm;
    this.saved = usedCalleeSaved(this.x, this.alloc, CALLEE_SAVED_GPRS);
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

  protected override move(cls: number, from: number, to: number): void {
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
    // 64 bits (movsd) in scalar functions, all 128 (movups) in a function with v128 values
    const wide = this.x.m.wideFloat;
    if (from >= 0 && to >= 0) asm.emit({ kind: 'sse', op: 'movaps', dst: to as Xmm, src: from as Xmm });
    else if (from >= 0) asm.emit({ kind: 'sse_store', op: wide ? 'movups' : 'movsd', dst: this.slot(to), src: from as Xmm });
    else if (to >= 0) asm.emit({ kind: 'sse', op: wide ? 'movups' : 'movsd', dst: to as Xmm, src: this.slot(from) });
    else {
      asm.emit({ kind: 'sse', op: wide ? 'movups' : 'movsd', dst: SCRATCH_XMM, src: this.slot(from) });
      asm.emit({ kind: 'sse_store', op: wide ? 'movups' : 'movsd', dst: this.slot(to), src: SCRATCH_XMM });
    }
  }

  /** a trap stub: trapRoutine(vmctx, code + 1) */
  protected override trapStub(code: number): void {
    const asm = this.asm;
    asm.emit({ kind: 'mov', w: 64, dst: RDI, src: mem(RBP, VMCTX_SLOT) });
    asm.emit({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(code + 1) });
    asm.emit({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 8) });
    asm.emit({ kind: 'call_ind', target: mem(RAX, RT.trapRoutine) });
  }

  private emitTables(): void {
    const asm = this.asm;
    if (this.pool.length > 0) {
      // 16-byte aligned in the function, and functions start 16-byte aligned (linker/link.ts)
      asm.align(16, 'int3');
      for (const c of this.pool) {
        asm.bind(c.label);
        for (const b of c.bytes) asm.buf.u8(b);
      }
    }
    for (const t of this.jumpTables) {
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
