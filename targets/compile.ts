/**
 * The compile driver: a validated module → machine code for one ISA, function by function,
 * in the order of design.md's per-function pipeline:
 *
 *   frontend → (verify) → optimise (fold, copyprop, gvn, licm, addr, dce) → lower (target)
 *   → register allocation (→ allocation checker) → emit (target)
 *
 * Every stage's state (IR store, pass context, machine function, allocation) is reused from
 * one function to the next. `compileFunctionStages` runs the same pipeline for one function
 * and keeps the text of every stage, for `kiln explore` and the golden tests.
 */

import { KilnError } from '../formats/errors.js';
import type { Module } from '../formats/wasm/types.js';
import { Frontend } from '../compiler/frontend/frontend.js';
import { printFunc } from '../compiler/ir/printer.js';
import { PassContext } from '../compiler/passes/context.js';
import { optimize, type PassName } from '../compiler/passes/pipeline.js';
import { Allocation } from '../compiler/regalloc/mach.js';
import { Allocator, checkAllocation, printAllocation } from '../compiler/regalloc/index.js';
import { firstV128Use } from '../compiler/v128-use.js';
import { SIMD_REASON } from '../compiler/frontend/refuse.js';
import type { BoundsMode, CompiledCode, CompiledFunc, Isa } from './compiled.js';
import type { Target } from './target.js';
import { x86Target } from './x86_64/target.js';

export interface CompileOptions {
  readonly isa?: Isa;
  /** passes to switch off */
  readonly passesOff?: ReadonlySet<PassName>;
  /** run the IR verifier after the frontend (default false: tests turn it on) */
  readonly verify?: boolean;
  /** run the allocation checker on every function (default false: tests turn it on) */
  readonly checkAllocation?: boolean;
  /** check the interrupt flag at function entries and loop headers (default true) */
  readonly interrupts?: boolean;
  /**
   * 'explicit' (default): a bounds check before every linear-memory access; 'guard': none,
   * and a fault site per access for the engine's fault handler (docs/native.md, "Guard pages")
   */
  readonly bounds?: BoundsMode;
}

const TARGETS: Readonly<Record<Isa, (() => Target) | undefined>> = { x86_64: x86Target, aarch64: undefined };

export function targetFor(isa: Isa): Target {
  const make = TARGETS[isa];
  if (make === undefined) throw new KilnError('unsupported', `no native code generator for ${isa} yet`);
  return make();
}

/** refuse a module that uses v128 anywhere, naming the first use */
export function refuseV128(m: Module): void {
  const use = firstV128Use(m);
  if (use === null) return;
  const where = use.offset >= 0 ? ` at 0x${use.offset.toString(16)}` : '';
  throw new KilnError('unsupported', `cannot compile ${use.what}${where}: ${SIMD_REASON}`, use.offset >= 0 ? { offset: use.offset } : {});
}

/** compile every defined function of a validated module */
export function compileModule(m: Module, options: CompileOptions = {}): CompiledCode {
  refuseV128(m);
  const target = targetFor(options.isa ?? 'x86_64');
  const fe = new Frontend();
  const ctx = new PassContext();
  const allocator = new Allocator({ validate: options.checkAllocation === true || options.verify === true });
  const alloc = new Allocation();
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const funcs: CompiledFunc[] = [];
  const features = new Set<string>();
  const bounds = options.bounds ?? 'explicit';
  const guard = bounds === 'guard';
  for (let d = 0; d < m.codes.length; d++) {
    const f = fe.translate(m, d, { verify: options.verify === true, interrupts: options.interrupts !== false, bounds: guard ? 'none' : 'explicit' });
    optimize(f, ctx, options.passesOff ? { off: options.passesOff } : {});
    const lowered = target.lower(f);
    allocator.allocate(lowered.m, target.env, alloc);
    if (options.checkAllocation === true) checkAllocation(lowered.m, target.env, alloc);
    const out = target.emit(f, lowered, alloc, imported + d, { faultSites: guard });
    funcs.push(out.compiled);
    for (const x of out.features) features.add(x);
  }
  return { isa: target.isa, features: [...features].sort(), funcs, bounds };
}

export const STAGES = ['ir', 'opt', 'lower', 'regalloc', 'asm'] as const;
export type Stage = (typeof STAGES)[number];

/** compile defined function `d` keeping each stage's text */
export function compileFunctionStages(m: Module, d: number, options: CompileOptions = {}): Record<Stage, string> {
  refuseV128(m);
  const target = targetFor(options.isa ?? 'x86_64');
  const guard = options.bounds === 'guard';
  const f = new Frontend().translate(m, d, { verify: true, interrupts: options.interrupts !== false, bounds: guard ? 'none' : 'explicit' });
  const ir = printFunc(f);
  optimize(f, new PassContext(), options.passesOff ? { off: options.passesOff } : {});
  const opt = printFunc(f);
  const lowered = target.lower(f);
  const lower = target.printLowered(f, lowered);
  const alloc = new Allocation();
  new Allocator().allocate(lowered.m, target.env, alloc);
  checkAllocation(lowered.m, target.env, alloc);
  const regalloc = printAllocation(lowered.m, target.env, alloc);
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const out = target.emit(f, lowered, alloc, imported + d, { listing: true, faultSites: guard });
  return { ir, opt, lower, regalloc, asm: (out.listing ?? []).join('\n') + '\n' };
}
