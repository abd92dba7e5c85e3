/**
 * Copy propagation.
 *
 * Requires: a verified function. Produces: no `copy` instruction, and no param of a reachable
 * block that receives the same value on every incoming edge (or itself, around a loop): each
 * use of such a copy or param now uses the value directly. Invalidates: use counts,
 * block-call lists (args are removed with the params).
 *
 * Algorithm: a `copy`'s result is aliased to its operand and the copy removed. A block param
 * is the IR's phi: when every incoming block call passes one value v, or the param itself,
 * the param is v ("trivial phi", as in Braun, Buchwald, Hack, Leißa, Mallon and Zwinkau,
 * "Simple and Efficient Construction of Static Single Assignment Form", CC 2013, section 3.1).
 * v dominates every reachable predecessor, hence the block, so the replacement keeps SSA
 * dominance. Removing a param can make another trivial, so the scan repeats until nothing
 * changes; aliases are followed with path shortening, and all uses are rewritten once at the
 * end. Blocks unreachable from the entry are left for DCE.
 */

import { Func, NO } from '../ir/func.js';
import type { PassContext } from './context.js';
import { applyAliases, clearAliases, computeCallsTo, COPY_OP, removeBlockParam, resolve } from './graph.js';

/** propagate copies; returns the number of copies and params removed */
export function copyProp(f: Func, ctx: PassContext): number {
  clearAliases(f, ctx);
  let changed = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; ) {
      const next = f.instNext[i] as number;
      if (COPY_OP[f.instOp[i] as number] === 1) {
        ctx.alias[f.result(i, 0)] = f.operand(i, 0);
        f.removeInst(i);
        changed++;
      }
      i = next;
    }
  }
  ctx.dom.compute(f);
  computeCallsTo(f, ctx);
  for (let again = true; again; ) {
    again = false;
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      if (b === f.firstBlock || !ctx.dom.reachable(b)) continue;
      for (let k = (f.blockParamCount[b] as number) - 1; k >= 0; k--) {
        const same = trivialValue(f, ctx, b, k);
        if (same === NO) continue;
        ctx.alias[f.blockParam(b, k)] = same;
        removeBlockParam(f, ctx, b, k);
        changed++;
        again = true;
      }
    }
  }
  applyAliases(f, ctx);
  return changed;
}

/** the one value every call to b passes as param k (ignoring the param itself), or -1 */
function trivialValue(f: Func, ctx: PassContext, b: number, k: number): number {
  const p = f.blockParam(b, k);
  let same = NO;
  for (let q = ctx.callsStart[b] as number; q < (ctx.callsStart[b + 1] as number); q++) {
    const a = resolve(ctx, f.callArg(ctx.callsTo[q] as number, k));
    if (a === p || a === same) continue;
    if (same !== NO) return NO;
    same = a;
  }
  return same;
}
