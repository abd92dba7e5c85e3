/**
 * The compile driver: a validated module → machine code for one ISA, function by function,
 * in the order of design.md's per-function pipeline:
 *
 *   frontend → (verify) → optimise (fold, copyprop, gvn, licm, addr, dce) → lower (target)
 *   → register allocation (→ allocation checker) → emit (target)
 *
 * Options that change the code: the ISA and its enabled CPU features (`cpuFeatures`, default
 * the ISA's pinned baseline; `resolveCpuFeatures` reads the CLI's `--cpu-features`), the
 * optimisation level (`optLevel`: which passes run, docs/passes.md), bounds and interruption
 * checks. Every stage's state (IR store, pass context, machine function, allocation) is reused
 * from one function to the next (`ModuleCompiler`), and none of it reaches the next function's
 * output: a function's code is the same whichever functions were compiled before it, so a
 * range of functions (`only`) can be compiled apart, on another thread (linker/parallel.ts),
 * and give the bytes of a whole-module compile. `onProgress` hears how far a long compile got.
 * `compileFunctionStages` runs the same pipeline for one function and keeps the text of every
 * stage, for `kiln explore` and the golden tests.
 */

import { KilnError } from '../formats/errors.js';
import type { FuncType, Module } from '../formats/wasm/types.js';
import { Frontend } from '../compiler/frontend/frontend.js';
import { printFunc } from '../compiler/ir/printer.js';
import { PassContext } from '../compiler/passes/context.js';
import { DEFAULT_OPT_LEVEL, optimize, passesOffAt, type OptLevel, type PassName } from '../compiler/passes/pipeline.js';
import { Allocation } from '../compiler/regalloc/mach.js';
import { Allocator, checkAllocation, printAllocation } from '../compiler/regalloc/index.js';
import { unsupportedV128Use } from './v128-gate.js';
import type { V128Use } from '../compiler/v128-use.js';
import { SIMD_REASON } from '../compiler/frontend/refuse.js';
import type { BoundsMode, CompiledCode, CompiledFunc, CompiledTrampoline, Isa } from './compiled.js';
import { isaFeatures } from './cpu-features.js';
import { hostCpuFeatures, hostIsa } from './host.js';
import { ProgressThrottle, type ProgressCallback } from './progress.js';
import type { Target } from './target.js';
import { x86Target } from './x86_64/target.js';
import { aarch64Target } from './aarch64/target.js';

export interface CompileOptions {
  readonly isa?: Isa;
  /**
   * the CPU features the code may use (targets/<isa>/features.ts names), the ISA's baseline
   * included; default: the baseline. `CompiledCode.features` lists those the code really uses.
   */
  readonly cpuFeatures?: readonly string[];
  /** 0: no optimisation pass; 1: fold, copyprop, dce; 2 (default): the whole pipeline */
  readonly optLevel?: OptLevel;
  /** passes to switch off (on top of those the level leaves out) */
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

type MakeTarget = (features: readonly string[]) => Target;
const TARGETS: Readonly<Record<Isa, MakeTarget | undefined>> = { x86_64: x86Target, aarch64: aarch64Target };

/** the code generator for `isa` with the enabled CPU features (default: the ISA's baseline) */
export function targetFor(isa: Isa, cpuFeatures?: readonly string[]): Target {
  const make = TARGETS[isa];
  if (make === undefined) throw new KilnError('unsupported', `no native code generator for ${isa} yet`);
  const features = isaFeatures(isa);
  return make(cpuFeatures === undefined ? features.baseline : features.check(cpuFeatures));
}

/**
 * The enabled CPU features that the CLI's `--cpu-features` value names, sorted: `undefined` or
 * `baseline` → the ISA's pinned baseline; `native` → what this host's CPU has of the features
 * kiln knows (the host must be of that ISA); otherwise a list applied to the baseline,
 * `+lzcnt,+bmi1,-popcnt`. Unknown names are usage errors, and so is a set the ISA's code
 * generator cannot work with (on x86-64, one without the whole baseline: `-popcnt` is parsed,
 * then refused).
 */
export function resolveCpuFeatures(isa: Isa, spec: string | undefined): string[] {
  const features = isaFeatures(isa);
  const s = spec?.trim();
  if (s === undefined || s === 'baseline') return [...features.baseline];
  if (s !== 'native') return features.check(features.parse(s));
  const host = hostIsa();
  if (host !== isa) throw new KilnError('usage', `--cpu-features native describes this host (${host ?? process.arch}); it cannot be used for target ${isa}`);
  return features.check(hostCpuFeatures().filter((f) => features.known.includes(f)));
}

const levelOf = (options: CompileOptions): OptLevel => {
  const level = options.optLevel ?? DEFAULT_OPT_LEVEL;
  if (level !== 0 && level !== 1 && level !== 2) throw new KilnError('usage', `the optimisation level is 0, 1 or 2, not ${String(level)}`);
  return level;
};

/** the passes the options switch off (the level's and `passesOff`) */
const passesOff = (options: CompileOptions): { off: ReadonlySet<PassName> } => ({ off: passesOffAt(levelOf(options), options.passesOff) });

/** one target per ISA with its baseline features, for questions about what it compiles */
const baselineTargets = new Map<Isa, Target>();

/** the first use of v128 in m that kiln's code generator for `isa` (baseline features) cannot compile, or null */
export function nativeV128Use(m: Module, isa: Isa): V128Use | null {
  let t = baselineTargets.get(isa);
  if (t === undefined) baselineTargets.set(isa, (t = targetFor(isa)));
  return unsupportedV128Use(m, t);
}

/** refuse a module that uses v128 in a way `target` cannot compile, naming the first such use */
export function refuseV128(m: Module, target: Target): void {
  const use = unsupportedV128Use(m, target);
  if (use === null) return;
  const where = use.offset >= 0 ? ` at 0x${use.offset.toString(16)}` : '';
  throw new KilnError('unsupported', `cannot compile ${use.what}${where}: ${SIMD_REASON}`, use.offset >= 0 ? { offset: use.offset } : {});
}

/** defined functions `from` (included) to `to` (excluded), by index among defined functions */
export interface FuncRange {
  readonly from: number;
  readonly to: number;
}

export interface ModuleCompileOptions extends CompileOptions {
  /**
   * compile only these defined functions (default: all); `CompiledCode.funcs` then holds just
   * them, in index order, and `features` those they use. A function's `CompiledFunc` is the
   * same whichever range (or thread) compiled it.
   */
  readonly only?: FuncRange;
  /** functions done so far (of the range): at most every ~1 % and 100 ms, and at the end */
  readonly onProgress?: ProgressCallback;
}

/**
 * One thread's compiler for one module: the per-stage state (frontend, pass context,
 * allocator, allocation, target) is made once and reused for every function it compiles.
 * Nothing of one function's compile reaches another's output: each function's code, tables
 * and features depend only on the module, the function and the options.
 */
export class ModuleCompiler {
  private readonly target: Target;
  private readonly passes: { off: ReadonlySet<PassName> };
  private readonly fe = new Frontend();
  private readonly ctx = new PassContext();
  private readonly allocator: Allocator;
  private readonly alloc = new Allocation();
  private readonly imported: number;
  private readonly guard: boolean;
  private readonly features = new Set<string>();

  /** refuses a module that uses v128 (refuseV128) and options that are not valid */
  constructor(
    private readonly m: Module,
    private readonly options: CompileOptions = {},
  ) {
    this.target = targetFor(options.isa ?? hostIsa() ?? 'x86_64', options.cpuFeatures);
    refuseV128(m, this.target);
    this.passes = passesOff(options);
    this.allocator = new Allocator({ validate: options.checkAllocation === true || options.verify === true });
    this.imported = m.imports.filter((i) => i.desc.kind === 'func').length;
    this.guard = (options.bounds ?? 'explicit') === 'guard';
  }

  /** the number of defined functions */
  get count(): number {
    return this.m.codes.length;
  }

  /** compile defined function `d`; the CPU features its code uses join `usedFeatures()` */
  compile(d: number): CompiledFunc {
    const { m, options, target, alloc, guard } = this;
    const f = this.fe.translate(m, d, { verify: options.verify === true, interrupts: pollsInterrupts(options, guard), bounds: guard ? 'none' : 'explicit' });
    optimize(f, this.ctx, this.passes);
    const lowered = target.lower(f);
    this.allocator.allocate(lowered.m, target.env, alloc);
    if (options.checkAllocation === true) checkAllocation(lowered.m, target.env, alloc);
    const out = target.emit(f, lowered, alloc, this.imported + d, { faultSites: guard });
    for (const x of out.features) this.features.add(x);
    return out.compiled;
  }

  /** the CPU features used by the functions compiled so far, sorted */
  usedFeatures(): string[] {
    return [...this.features].sort();
  }

  /** `funcs` (compiled by this compiler) as a CompiledCode */
  code(funcs: readonly CompiledFunc[]): CompiledCode {
    return { isa: this.target.isa, features: this.usedFeatures(), funcs, bounds: this.guard ? 'guard' : 'explicit' };
  }
}

/**
 * The trampolines an instance of `m` needs as soon as it exists, made with its code so that
 * loading makes none: an exit trampoline for each imported function's signature (binding an
 * import to a host function needs it) and an entry trampoline for each exported function's
 * (calling an export from JS needs it). One per distinct signature, named by the first type
 * index that has it; exits first, each kind in type index order.
 */
export function moduleTrampolines(m: Module, isa: Isa): CompiledTrampoline[] {
  const target = targetFor(isa);
  const imported: number[] = [];
  for (const i of m.imports) if (i.desc.kind === 'func') imported.push(i.desc.type);
  const exported: number[] = [];
  for (const e of m.exports) {
    if (e.kind !== 'func') continue;
    exported.push(e.index < imported.length ? (imported[e.index] as number) : (m.funcs[e.index - imported.length] as number));
  }
  const out: CompiledTrampoline[] = [];
  for (const [kind, types] of [['exit', imported], ['entry', exported]] as const) {
    const seen = new Set<string>();
    for (const ti of [...types].sort((a, b) => a - b)) {
      const type = m.types[ti] as FuncType;
      const key = `${type.params.join(',')}:${type.results.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind, type: ti, code: target.trampoline(kind, type) });
    }
  }
  return out;
}

/**
 * whether compiled code polls the interrupt flag (function entries, loop headers): code for
 * explicit bounds checks does when interruptible; code for guard-page bounds never needs to,
 * since interrupting it makes its pages non-executable and the fault handler, which guard
 * pages always come with, turns the next instruction fetch into the trap (loader/native/interrupt.ts)
 */
export function pollsInterrupts(options: CompileOptions, guard: boolean): boolean {
  return options.interrupts !== false && !guard;
}

/** `only`, checked against a module of `count` defined functions (default: all of them) */
export function rangeOf(only: FuncRange | undefined, count: number): FuncRange {
  if (only === undefined) return { from: 0, to: count };
  const { from, to } = only;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > count) {
    throw new KilnError('usage', `no defined functions ${String(from)} to ${String(to)} in a module of ${count}`);
  }
  return { from, to };
}

/** compile every defined function of a validated module (or those of `options.only`) */
export function compileModule(m: Module, options: ModuleCompileOptions = {}): CompiledCode {
  const compiler = new ModuleCompiler(m, options);
  const { from, to } = rangeOf(options.only, compiler.count);
  const progress = options.onProgress === undefined ? null : new ProgressThrottle(to - from, options.onProgress);
  const funcs: CompiledFunc[] = [];
  for (let d = from; d < to; d++) {
    funcs.push(compiler.compile(d));
    progress?.update(d + 1 - from);
  }
  return compiler.code(funcs);
}

export const STAGES = ['ir', 'opt', 'lower', 'regalloc', 'asm'] as const;
export type Stage = (typeof STAGES)[number];

/** compile defined function `d` keeping each stage's text */
export function compileFunctionStages(m: Module, d: number, options: CompileOptions = {}): Record<Stage, string> {
  const target = targetFor(options.isa ?? hostIsa() ?? 'x86_64', options.cpuFeatures);
  refuseV128(m, target);
  const guard = options.bounds === 'guard';
  const f = new Frontend().translate(m, d, { verify: true, interrupts: pollsInterrupts(options, guard), bounds: guard ? 'none' : 'explicit' });
  const ir = printFunc(f);
  optimize(f, new PassContext(), passesOff(options));
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
