/**
 * Whole-function facts the passes share, computed into a PassContext's arrays: which opcodes
 * are branches and which are pure, the block calls and predecessors of each block, the use
 * count of each value, and rewriting every use through the alias array.
 *
 * Requires: a verified function. Produces: ctx.callsTo / ctx.preds (placed blocks only),
 * ctx.useCount. Invalidates: nothing (these only read, except `applyAliases` and
 * `removeBlockParam`, which edit uses and block params as they say).
 */

import { Effect } from '../ir/effects.js';
import { Func, NO } from '../ir/func.js';
import { OPCODES } from '../ir/opcodes.js';
import type { PassContext } from './context.js';

/** per opcode: 1 for jump, brif and br_table (their block calls are imm0 .. imm0 + imm1) */
export const BRANCH = new Uint8Array(OPCODES.length);
/** per opcode: 1 for rows with no effects and no traps (deletable when unused, freely movable) */
export const PURE_OP = new Uint8Array(OPCODES.length);
/** per opcode: 1 for rows that only read (or do nothing) and cannot trap: deletable when unused */
export const DELETABLE = new Uint8Array(OPCODES.length);
/** per opcode: 1 for `copy` rows */
export const COPY_OP = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (r.imm === 'jump' || r.imm === 'brif' || r.imm === 'br_table') BRANCH[r.id] = 1;
  if (r.effects === 0 && r.traps === 0) PURE_OP[r.id] = 1;
  if ((r.effects & ~(Effect.READS_HEAP | Effect.READS_STATE)) === 0 && r.traps === 0) DELETABLE[r.id] = 1;
  if (r.base === 'copy') COPY_OP[r.id] = 1;
}

/** the block calls of b's terminator as [first, end), or [0, 0) when it has none */
export function callRange(f: Func, b: number): [number, number] {
  const last = f.blockLast[b] as number;
  if (last === NO || BRANCH[f.instOp[last] as number] !== 1) return [0, 0];
  const first = f.instImm0[last] as number;
  return [first, first + (f.instImm1[last] as number)];
}

/**
 * ctx.callsTo: for each block, the block calls (from placed blocks) that target it; and
 * ctx.preds: the calling block of each of those calls, at the same positions.
 */
export function computeCallsTo(f: Func, ctx: PassContext): void {
  ctx.fit(f);
  const n = f.blockCount;
  const start = ctx.callsStart;
  start.fill(0, 0, n + 1);
  let edges = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    const [c0, c1] = callRange(f, b);
    for (let c = c0; c < c1; c++) {
      const t = f.callBlock[c] as number;
      start[t + 1] = (start[t + 1] as number) + 1;
      edges++;
    }
  }
  for (let b = 0; b < n; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  if (ctx.callsTo.length < edges) {
    ctx.callsTo = new Int32Array(Math.max(edges, ctx.callsTo.length * 2));
    ctx.preds = new Int32Array(ctx.callsTo.length);
  }
  const fill = ctx.blockAux;
  fill.set(start.subarray(0, n));
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    const [c0, c1] = callRange(f, b);
    for (let c = c0; c < c1; c++) {
      const t = f.callBlock[c] as number;
      const k = fill[t] as number;
      ctx.callsTo[k] = c;
      ctx.preds[k] = b;
      fill[t] = k + 1;
    }
  }
}

/** ctx.useCount: uses of each value by instructions and block calls in placed blocks */
export function countUses(f: Func, ctx: PassContext): void {
  ctx.fit(f);
  const uses = ctx.useCount;
  uses.fill(0, 0, f.valueCount);
  const pool = f.argPool;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
      const s = (f.instArgStart[i] as number) + (f.instResultCount[i] as number);
      for (let k = s; k < s + (f.instOperandCount[i] as number); k++) uses[pool[k] as number]++;
    }
    const [c0, c1] = callRange(f, b);
    for (let c = c0; c < c1; c++) {
      const s = f.callArgStart[c] as number;
      for (let k = s; k < s + (f.callArgCount[c] as number); k++) uses[pool[k] as number]++;
    }
  }
}

/** clear ctx.alias for every value of f */
export function clearAliases(f: Func, ctx: PassContext): void {
  ctx.fit(f);
  ctx.alias.fill(NO, 0, f.valueCount);
}

/** the value v stands for after following ctx.alias (chains are shortened on the way) */
export function resolve(ctx: PassContext, v: number): number {
  const alias = ctx.alias;
  let r = v;
  while ((alias[r] as number) !== NO) r = alias[r] as number;
  while (v !== r) {
    const next = alias[v] as number;
    alias[v] = r;
    v = next;
  }
  return r;
}

/** rewrite every operand and block-call arg in placed blocks through ctx.alias */
export function applyAliases(f: Func, ctx: PassContext): void {
  const pool = f.argPool;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
      const s = (f.instArgStart[i] as number) + (f.instResultCount[i] as number);
      for (let k = s; k < s + (f.instOperandCount[i] as number); k++) pool[k] = resolve(ctx, pool[k] as number);
    }
    const [c0, c1] = callRange(f, b);
    for (let c = c0; c < c1; c++) {
      const s = f.callArgStart[c] as number;
      for (let k = s; k < s + (f.callArgCount[c] as number); k++) pool[k] = resolve(ctx, pool[k] as number);
    }
  }
}

/**
 * Remove param k of block b, and arg k of every block call to b (ctx.callsTo must be current
 * for b). The removed value keeps its stale def record; nothing may use it any more.
 */
export function removeBlockParam(f: Func, ctx: PassContext, b: number, k: number): void {
  const ps = f.blockParamStart[b] as number;
  const n = f.blockParamCount[b] as number;
  for (let j = k; j < n - 1; j++) {
    const v = f.paramPool[ps + j + 1] as number;
    f.paramPool[ps + j] = v;
    f.valueNum[v] = j;
  }
  f.blockParamCount[b] = n - 1;
  for (let q = ctx.callsStart[b] as number; q < (ctx.callsStart[b + 1] as number); q++) {
    const c = ctx.callsTo[q] as number;
    const s = f.callArgStart[c] as number;
    const m = f.callArgCount[c] as number;
    f.argPool.copyWithin(s + k, s + k + 1, s + m);
    f.callArgCount[c] = m - 1;
  }
}
