/**
 * Forwarding of VM-context slots: a `vmctx_load` is replaced by the value the slot is known to
 * hold on every path to it, either because an earlier load read it or because a `vmctx_store`
 * wrote it, with nothing in between that may change the slot.
 *
 * Requires: a verified function. Produces:
 * - the memory base (vmctx+MEM_BASE, docs/native-abi.md: constant for an instance's life,
 *   since a memory never moves) read once, at the top of the entry block, and every other
 *   read of it replaced by that value;
 * - every other `vmctx_load` whose slot is available replaced by the available value. A slot's
 *   value is killed by a `vmctx_store` to another value of it and by any instruction that may
 *   write the VM context otherwise: calls (CALL), `memory.grow` (GROWS_HEAP), and any other
 *   WRITES_STATE row. Stores through pointers (WRITES_HEAP) never reach the VM context of the
 *   function's own instance: a module cannot import its own globals, and another instance only
 *   runs during a call.
 * Invalidates: use counts (values are replaced); nothing else (no block or edge changes).
 *
 * Why: GVN merges reads of the VM context only when nothing in the whole function writes it,
 * and C code writes its stack-pointer global in nearly every function. Without this pass each
 * loop kept its own copies of the memory base and size, hoisted side by side by LICM, and the
 * register allocator spilled them in the hottest loops.
 *
 * Algorithm: available values as a forward must-dataflow problem (Aho, Lam, Sethi and
 * Ullman, "Compilers", 2nd ed., section 9.2.6, with values instead of expressions): per block
 * and slot, the value the slot holds at the block's end, TOP (no path seen yet) or NONE; the
 * meet of two different values is NONE. Blocks are iterated in reverse postorder until
 * nothing changes (optimistic start, so a loop that does not write a slot keeps it available).
 * A value available at a block's start is defined on every path to it, so its definition
 * dominates the block.
 */

import { Effect } from '../ir/effects.js';
import { Func, NO } from '../ir/func.js';
import { grow } from '../ir/growable.js';
import { op, OPCODES } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { instEffects } from '../ir/view.js';
import { VMCTX_MEM_BASE } from '../vmctx.js';
import type { PassContext } from './context.js';
import { applyAliases, clearAliases, computeCallsTo } from './graph.js';

const TOP = -2;
const NONE = -1;
const LOAD = new Uint8Array(OPCODES.length);
const STORE = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (r.base === 'vmctx_load') LOAD[r.id] = 1;
  if (r.base === 'vmctx_store') STORE[r.id] = 1;
}
const LOAD_PTR = op('vmctx_load.ptr');
const KILLS = Effect.CALL | Effect.GROWS_HEAP | Effect.WRITES_STATE;

/** per-function state, kept between functions */
class Slots {
  /** slot number of each vmctx offset read in the function */
  readonly index = new Map<number, number>();
  count = 0;
  /** the memory base's slot number, or -1 */
  base = -1;
  /** per reachable block (by rpo position) × slot: the value at the block's end */
  out = new Int32Array(64);
  /** the state while walking a block */
  cur = new Int32Array(8);

  reset(): void {
    this.index.clear();
    this.count = 0;
    this.base = -1;
  }
}
const slots = new Slots();

/** forward vmctx slots; returns the number of loads removed */
export function forward(f: Func, ctx: PassContext): number {
  slots.reset();
  ctx.dom.compute(f);
  const dom = ctx.dom;
  for (let k = 0; k < dom.rpoCount; k++) {
    const b = dom.rpo[k] as number;
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
      if (LOAD[f.instOp[i] as number] !== 1) continue;
      const off = f.instImm0[i] as number;
      if (!slots.index.has(off)) slots.index.set(off, slots.count++);
    }
  }
  if (slots.count === 0) return 0;
  computeCallsTo(f, ctx);
  clearAliases(f, ctx);
  const n = slots.count;
  slots.out = grow(slots.out, dom.rpoCount * n);
  slots.out.fill(TOP, 0, dom.rpoCount * n);
  slots.cur = grow(slots.cur, n);

  // the memory base: read once at the top of the entry block
  let baseValue = NONE;
  const baseSlot = slots.index.get(VMCTX_MEM_BASE);
  if (baseSlot !== undefined) {
    slots.base = baseSlot;
    baseValue = baseAtEntry(f, ctx, dom.rpo[0] as number);
  }

  // the fixpoint, without rewriting
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < dom.rpoCount; k++) {
      entryState(f, ctx, k, baseValue);
      walk(f, dom.rpo[k] as number, ctx, false);
      const at = k * n;
      for (let s = 0; s < n; s++) {
        if (slots.out[at + s] !== slots.cur[s]) {
          slots.out[at + s] = slots.cur[s] as number;
          changed = true;
        }
      }
    }
  }

  // the rewrite
  let removed = 0;
  for (let k = 0; k < dom.rpoCount; k++) {
    entryState(f, ctx, k, baseValue);
    removed += walk(f, dom.rpo[k] as number, ctx, true);
  }
  applyAliases(f, ctx);
  return removed;
}

/** the memory base read at the top of the entry block: the entry's first read moved there, or a new one */
function baseAtEntry(f: Func, ctx: PassContext, entry: number): number {
  const first = f.blockFirst[entry] as number;
  let load = first;
  while (load !== NO && !(LOAD[f.instOp[load] as number] === 1 && f.instImm0[load] === VMCTX_MEM_BASE)) load = f.instNext[load] as number;
  if (load === first) return f.result(load, 0);
  if (load !== NO) {
    f.removeInst(load);
  } else {
    load = f.newInst(LOAD_PTR, 1, 0, VMCTX_MEM_BASE);
    f.makeResult(load, 0, Type.PTR);
    f.instSrc[load] = f.instSrc[first] as number;
    ctx.fit(f);
    ctx.alias[f.result(load, 0)] = NO;
  }
  f.insertBefore(load, first);
  return f.result(load, 0);
}

/** slots.cur = the meet of the predecessors' end states (the entry: nothing but the base) */
function entryState(f: Func, ctx: PassContext, k: number, baseValue: number): void {
  const n = slots.count;
  const cur = slots.cur;
  const dom = ctx.dom;
  const b = dom.rpo[k] as number;
  if (k === 0) {
    cur.fill(NONE, 0, n);
  } else {
    cur.fill(TOP, 0, n);
    for (let q = ctx.callsStart[b] as number; q < (ctx.callsStart[b + 1] as number); q++) {
      const p = ctx.preds[q] as number;
      const pk = dom.rpoIndex[p] as number;
      if (pk < 0) continue;
      const at = pk * n;
      for (let s = 0; s < n; s++) {
        const v = slots.out[at + s] as number;
        const c = cur[s] as number;
        if (v === TOP || c === v) continue;
        cur[s] = c === TOP ? v : NONE;
      }
    }
    // a block whose predecessors are all unseen yet starts optimistic; the entry has none
  }
  if (slots.base >= 0) cur[slots.base] = baseValue;
}

/** runs block b from slots.cur; with `rewrite`, aliases every available load (returns how many) */
function walk(f: Func, b: number, ctx: PassContext, rewrite: boolean): number {
  const cur = slots.cur;
  const n = slots.count;
  let removed = 0;
  for (let i = f.blockFirst[b] as number; i !== NO; ) {
    const next = f.instNext[i] as number;
    const o = f.instOp[i] as number;
    if (LOAD[o] === 1) {
      const s = slots.index.get(f.instImm0[i] as number) as number;
      const r = f.result(i, 0);
      const v = cur[s] as number;
      if (v >= 0 && v !== r && f.valueType[v] === f.valueType[r]) {
        if (rewrite) {
          ctx.alias[r] = v;
          f.removeInst(i);
          removed++;
        }
      } else {
        cur[s] = r;
      }
    } else if (STORE[o] === 1) {
      const s = slots.index.get(f.instImm0[i] as number);
      if (s !== undefined && s !== slots.base) cur[s] = f.operand(i, 0);
    } else if ((instEffects(f, i) & KILLS) !== 0) {
      for (let s = 0; s < n; s++) if (s !== slots.base) cur[s] = NONE;
    }
    i = next;
  }
  return removed;
}
