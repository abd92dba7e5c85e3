/**
 * The pass driver: the optimisation pipeline as a plain list of pass calls, in the order of
 * design.md ("Per-function pipeline"). Any pass can be switched off by name, and a hook runs
 * after every pass (tests run the verifier there, dumps print there).
 *
 * Requires: a verified function (the frontend's output). Produces: the optimised function,
 * still verified, and per pass the number of changes it made (instructions removed or
 * rewritten, params removed). Invalidates: whatever each pass says; nothing survives the
 * pipeline but the function itself.
 */

import type { Func } from '../ir/func.js';
import { PassContext } from './context.js';
import { foldAddresses } from './addr.js';
import { bce } from './bce.js';
import { forward } from './forward.js';
import { copyProp } from './copy-prop.js';
import { dce } from './dce.js';
import { fold } from './fold.js';
import { gvn } from './gvn.js';
import { licm } from './licm.js';
import { propagateRefs } from '../ir/refs.js';

/** the passes, in pipeline order */
export const PASS_NAMES = ['fold', 'copyprop', 'forward', 'gvn', 'bce', 'licm', 'addr', 'dce'] as const;
export type PassName = (typeof PASS_NAMES)[number];

export type PassStats = Record<PassName, number>;

/**
 * Optimisation levels (docs/passes.md, "Optimisation levels"): 0 runs no pass (lowering needs
 * none of them for correctness), 1 the cheap local clean-up (fold, copyprop, dce), 2 the whole
 * pipeline.
 */
export type OptLevel = 0 | 1 | 2;
export const OPT_LEVELS: readonly OptLevel[] = [0, 1, 2];
export const DEFAULT_OPT_LEVEL: OptLevel = 2;
const LEVEL_PASSES: Readonly<Record<OptLevel, readonly PassName[]>> = {
  0: [],
  1: ['fold', 'copyprop', 'dce'],
  2: PASS_NAMES,
};

/** the passes level `level` leaves out, plus those in `off` */
export function passesOffAt(level: OptLevel, off: ReadonlySet<PassName> = new Set()): Set<PassName> {
  const on = LEVEL_PASSES[level];
  const out = new Set<PassName>(off);
  for (const p of PASS_NAMES) if (!on.includes(p)) out.add(p);
  return out;
}

export interface PipelineOptions {
  /** passes to skip */
  readonly off?: ReadonlySet<PassName>;
  /** called after each pass that ran (tests: the verifier) */
  readonly after?: (pass: PassName, f: Func) => void;
  /** changes are added here per pass */
  readonly stats?: PassStats;
}

export function emptyStats(): PassStats {
  const s = {} as PassStats;
  for (const p of PASS_NAMES) s[p] = 0;
  return s;
}

type Pass = (f: Func, ctx: PassContext) => number;

function step(name: PassName, pass: Pass, f: Func, ctx: PassContext, opts: PipelineOptions): void {
  if (opts.off?.has(name) === true) return;
  const n = pass(f, ctx);
  if (opts.stats !== undefined) opts.stats[name] += n;
  opts.after?.(name, f);
}

/** optimise f in place; ctx is reused from one function to the next */
export function optimize(f: Func, ctx: PassContext = new PassContext(), opts: PipelineOptions = {}): void {
  step('fold', fold, f, ctx, opts);
  step('copyprop', copyProp, f, ctx, opts);
  step('forward', forward, f, ctx, opts);
  step('gvn', gvn, f, ctx, opts);
  step('bce', bce, f, ctx, opts);
  step('licm', licm, f, ctx, opts);
  step('addr', foldAddresses, f, ctx, opts);
  step('dce', dce, f, ctx, opts);
  // not a pass: whatever passes ran, complete the reference marks the allocator's stack maps need
  propagateRefs(f);
}
