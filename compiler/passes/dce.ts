/**
 * Dead code elimination.
 *
 * Requires: a verified function. Produces: no block unreachable from the entry, no pure
 * instruction whose result is unused, no block param (other than the entry's) whose value
 * is unused except to pass itself around. Invalidates: the dominator tree (blocks leave the
 * layout), use counts, block-call lists.
 *
 * Algorithm: unreachable blocks are taken out of the layout (reachability from the dominator
 * tree's depth-first walk). Liveness is then "mark and sweep" in the style of aggressive DCE
 * (Cytron, Ferrante, Rosen, Wegman and Zadeck, "Efficiently Computing Static Single
 * Assignment Form and the Control Dependence Graph", TOPLAS 1991, section 7.1) without the
 * control-dependence part, since branches are kept: every operand of an instruction that
 * writes, calls or may trap (terminators included) is live; a live result of a deletable (pure, or only reading, and not trapping) instruction
 * makes its operands live; a live param of a block makes the matching arg of every block call
 * to it live. Pure instructions and non-entry params left unmarked are removed, so cycles of
 * params that only feed each other around a loop go too.
 */

import { Func, NO, ValueKind } from '../ir/func.js';
import type { PassContext } from './context.js';
import { computeCallsTo, DELETABLE, removeBlockParam } from './graph.js';

/** remove dead code; returns the number of instructions, block params and blocks removed */
export function dce(f: Func, ctx: PassContext): number {
  let changed = removeUnreachable(f, ctx);
  computeCallsTo(f, ctx);
  markLive(f, ctx);
  changed += sweep(f, ctx);
  return changed;
}

function removeUnreachable(f: Func, ctx: PassContext): number {
  ctx.dom.compute(f);
  let removed = 0;
  for (let b = f.firstBlock; b !== NO; ) {
    const next = f.blockNext[b] as number;
    if (!ctx.dom.reachable(b)) {
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) removed++;
      f.unplaceBlock(b);
      removed++;
    }
    b = next;
  }
  return removed;
}

/** ctx.valueMark[v] = 1 for every live value */
function markLive(f: Func, ctx: PassContext): void {
  const live = ctx.valueMark;
  live.fill(0, 0, f.valueCount);
  const work = ctx.work;
  const pool = f.argPool;
  let top = 0;
  const mark = (v: number): void => {
    if (live[v] === 1) return;
    live[v] = 1;
    work[top++] = v;
  };
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
      if (DELETABLE[f.instOp[i] as number] === 1) continue;
      const s = (f.instArgStart[i] as number) + (f.instResultCount[i] as number);
      for (let k = s; k < s + (f.instOperandCount[i] as number); k++) mark(pool[k] as number);
    }
  }
  while (top > 0) {
    const v = work[--top] as number;
    const def = f.valueDef[v] as number;
    if (f.valueKind[v] === ValueKind.Result) {
      if (DELETABLE[f.instOp[def] as number] !== 1) continue;
      const s = (f.instArgStart[def] as number) + (f.instResultCount[def] as number);
      for (let k = s; k < s + (f.instOperandCount[def] as number); k++) mark(pool[k] as number);
    } else if (f.valueKind[v] === ValueKind.Param && def !== f.firstBlock) {
      const k = f.valueNum[v] as number;
      for (let q = ctx.callsStart[def] as number; q < (ctx.callsStart[def + 1] as number); q++) {
        mark(f.callArg(ctx.callsTo[q] as number, k));
      }
    }
  }
}

function sweep(f: Func, ctx: PassContext): number {
  const live = ctx.valueMark;
  let removed = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    if (b !== f.firstBlock) {
      for (let k = (f.blockParamCount[b] as number) - 1; k >= 0; k--) {
        if (live[f.blockParam(b, k)] === 1) continue;
        removeBlockParam(f, ctx, b, k);
        removed++;
      }
    }
    for (let i = f.blockFirst[b] as number; i !== NO; ) {
      const next = f.instNext[i] as number;
      if (DELETABLE[f.instOp[i] as number] === 1 && !anyLiveResult(f, i, live)) {
        f.removeInst(i);
        removed++;
      }
      i = next;
    }
  }
  return removed;
}

function anyLiveResult(f: Func, i: number, live: Int32Array): boolean {
  for (let k = 0; k < (f.instResultCount[i] as number); k++) if (live[f.result(i, k)] === 1) return true;
  return false;
}
