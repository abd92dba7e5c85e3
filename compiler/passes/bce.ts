/**
 * Bounds-check elimination for explicit bounds (`heap_check idx+end, bound`: trap unless
 * zext(idx) + end <= bound, the memory size in bytes).
 *
 * Requires: a verified function. Produces: no `heap_check` that a dominating check already
 * proves. Linear memory never shrinks, so a check that passed stays true whatever the memory
 * size operand says later (its `bound` may be a newer reading after `memory.grow`). A check
 * `heap_check i+k2` is redundant when a check that runs before it on every path (in a
 * dominating block, or earlier in the same block) is
 * - `heap_check i+k1` on the same index value with k1 >= k2; or
 * - `heap_check r+k1` where i = `iadd.i32 r, c` with a constant 0 <= c < 2^31 and
 *   c + k2 <= k1. The earlier check proves r + k1 <= size <= 2^32, so r + c does not wrap and
 *   i + k2 = r + c + k2 <= size.
 * Invalidates: nothing beyond the removed instructions (checks define no values).
 *
 * What it does not do: widen a check to cover later ones (that would trap before effects
 * that should happen first), reason about loop induction variables, or use the memory's
 * minimum size for constant addresses.
 */

import { Func, NO } from '../ir/func.js';
import { grow } from '../ir/growable.js';
import { OPCODES } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import type { PassContext } from './context.js';
import { defOf } from './fold-values.js';

const CHECK = new Uint8Array(OPCODES.length);
const IADD32 = new Uint8Array(OPCODES.length);
const ICONST32 = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (r.base === 'heap_check') CHECK[r.id] = 1;
  if (r.base === 'iadd' && r.type === Type.I32) IADD32[r.id] = 1;
  if (r.base === 'iconst' && r.type === Type.I32) ICONST32[r.id] = 1;
}
/** dominating checks examined per query (keeps a pathological function linear) */
const MAX_CANDIDATES = 16;

/** the checks of a function grouped by index value, kept between functions */
class Checks {
  /** per value: first check on it, or -1; per check: the next on the same value */
  head = new Int32Array(64);
  next = new Int32Array(64);
  /** per instruction: its position in its block, and (checks) its block: a removed check still
   * proves what it proved, through the check that made it redundant */
  order = new Int32Array(64);
  block = new Int32Array(64);
}
const checks = new Checks();

/** remove heap checks that dominating checks prove; returns the number removed */
export function bce(f: Func, ctx: PassContext): number {
  ctx.dom.compute(f);
  const dom = ctx.dom;
  checks.head = grow(checks.head, f.valueCount);
  checks.head.fill(-1, 0, f.valueCount);
  checks.next = grow(checks.next, f.instCount);
  checks.order = grow(checks.order, f.instCount);
  checks.block = grow(checks.block, f.instCount);
  let any = false;
  for (let k = 0; k < dom.rpoCount; k++) {
    const b = dom.rpo[k] as number;
    let n = 0;
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
      checks.order[i] = n++;
      if (CHECK[f.instOp[i] as number] !== 1) continue;
      const v = f.operand(i, 0);
      checks.block[i] = b;
      checks.next[i] = checks.head[v] as number;
      checks.head[v] = i;
      any = true;
    }
  }
  if (!any) return 0;
  let removed = 0;
  for (let k = 0; k < dom.rpoCount; k++) {
    const b = dom.rpo[k] as number;
    for (let i = f.blockFirst[b] as number; i !== NO; ) {
      const next = f.instNext[i] as number;
      if (CHECK[f.instOp[i] as number] === 1 && proven(f, ctx, i)) {
        f.removeInst(i);
        removed++;
      }
      i = next;
    }
  }
  return removed;
}

/** the check's end (offset + access size), as a number (the immediate is a u64) */
function endOf(f: Func, i: number): number {
  return ((f.instImm0[i] as number) >>> 0) + ((f.instImm1[i] as number) >>> 0) * 2 ** 32;
}

/** does a check that runs before check i, on its index or the root of an iadd, prove it? */
function proven(f: Func, ctx: PassContext, i: number): boolean {
  const idx = f.operand(i, 0);
  const need = endOf(f, i);
  if (covered(f, ctx, i, idx, need)) return true;
  const add = defOf(f, idx);
  if (add < 0 || IADD32[f.instOp[add] as number] !== 1) return false;
  for (let side = 0; side < 2; side++) {
    const c = constOf(f, f.operand(add, 1 - side));
    if (c >= 0 && covered(f, ctx, i, f.operand(add, side), c + need)) return true;
  }
  return false;
}

/** the value of an i32 constant in [0, 2^31), or -1 */
function constOf(f: Func, v: number): number {
  const d = defOf(f, v);
  if (d < 0 || ICONST32[f.instOp[d] as number] !== 1) return -1;
  const c = f.instImm0[d] as number;
  return c >= 0 ? c : -1;
}

/** is there a check on value v with end >= need that runs before instruction i on every path? */
function covered(f: Func, ctx: PassContext, i: number, v: number, need: number): boolean {
  const bi = checks.block[i] as number;
  let seen = 0;
  for (let j = checks.head[v] as number; j >= 0 && seen < MAX_CANDIDATES; j = checks.next[j] as number, seen++) {
    if (j === i || endOf(f, j) < need) continue;
    const bj = checks.block[j] as number;
    if (bj === bi ? (checks.order[j] as number) < (checks.order[i] as number) : ctx.dom.dominates(bj, bi)) return true;
  }
  return false;
}
