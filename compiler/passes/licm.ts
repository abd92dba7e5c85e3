/**
 * Loop-invariant code motion.
 *
 * Requires: a verified function. Produces: instructions of a loop whose operands are all
 * defined outside the loop moved to the loop's preheader, when that cannot change behaviour:
 * - pure instructions (no effects, no traps) always;
 * - reads of the VM context when nothing in the loop writes it (WRITES_STATE, GROWS_HEAP);
 * - instructions that may trap (divisions, conversions, checks, loads; loads also need no
 *   memory write in the loop) only from the loop header and only before any instruction of
 *   the header that stays and has an effect: the header runs whenever the preheader does, so
 *   such an instruction was going to run first anyway, with the same operands.
 * A preheader is the one block outside the loop that jumps to the header, if there is exactly
 * one entering edge and it is a `jump`; otherwise a new block is placed before the header,
 * taking the header's params and jumping to it, and the entering edges are redirected to it
 * (only when something is hoisted). Invalidates: the dominator tree and block-call lists
 * (blocks may be added), use positions.
 *
 * Algorithm: natural loops from back edges (an edge p → h where h dominates p; Aho, Lam,
 * Sethi and Ullman, "Compilers", 2nd ed., section 9.6.6); the body is h plus every block that
 * reaches a back-edge source without passing h. Loops are processed outermost first (headers
 * in reverse postorder), so an instruction invariant in several nested loops goes straight to
 * the outermost preheader it can reach; blocks of a loop are scanned in reverse postorder, so
 * an instruction hoisted earlier is already outside when its users are considered.
 */

import { Effect } from '../ir/effects.js';
import { Func, NO, ValueKind } from '../ir/func.js';
import { op } from '../ir/opcodes.js';
import type { Type } from '../ir/types.js';
import { instEffects } from '../ir/view.js';
import type { PassContext } from './context.js';
import { computeCallsTo } from './graph.js';

const JUMP = op('jump');
const READS = Effect.READS_HEAP | Effect.READS_STATE | Effect.MAY_TRAP;

interface Loop {
  header: number;
  stamp: number;
  /** OR of the effects of the loop's instructions */
  effects: number;
  /** the preheader, once known */
  pre: number;
}

/** hoist loop-invariant instructions; returns the number moved */
export function licm(f: Func, ctx: PassContext): number {
  ctx.dom.compute(f);
  computeCallsTo(f, ctx);
  const known = f.blockCount; // blocks the dominator tree knows about
  ctx.blockMark.fill(0, 0, known);
  let moved = 0;
  for (let k = 0; k < ctx.dom.rpoCount; k++) {
    const h = ctx.dom.rpo[k] as number;
    if (!collectBody(f, ctx, h, k + 1, known)) continue;
    const loop: Loop = { header: h, stamp: k + 1, effects: loopEffects(f, ctx, k + 1), pre: NO };
    moved += hoistFrom(f, ctx, loop);
    if (loop.pre !== NO && (loop.pre as number) >= known) computeCallsTo(f, ctx);
  }
  return moved;
}

/** stamp the natural loop of h with `stamp`; false when h heads no loop */
function collectBody(f: Func, ctx: PassContext, h: number, stamp: number, known: number): boolean {
  const mark = ctx.blockMark;
  const work = ctx.work;
  let top = 0;
  for (let q = ctx.callsStart[h] as number; q < (ctx.callsStart[h + 1] as number); q++) {
    const p = ctx.preds[q] as number;
    if (p < known && ctx.dom.dominates(h, p) && mark[p] !== stamp) {
      mark[p] = stamp;
      work[top++] = p;
    }
  }
  if (top === 0) return false;
  mark[h] = stamp;
  while (top > 0) {
    const b = work[--top] as number;
    if (b === h) continue;
    for (let q = ctx.callsStart[b] as number; q < (ctx.callsStart[b + 1] as number); q++) {
      const p = ctx.preds[q] as number;
      if (mark[p] === stamp || (p < known && !ctx.dom.reachable(p))) continue;
      mark[p] = stamp;
      work[top++] = p;
    }
  }
  return true;
}

function loopEffects(f: Func, ctx: PassContext, stamp: number): number {
  let e = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    if (ctx.blockMark[b] !== stamp) continue;
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) e |= instEffects(f, i);
  }
  return e;
}

function defBlock(f: Func, v: number): number {
  const d = f.valueDef[v] as number;
  return f.valueKind[v] === ValueKind.Param ? d : (f.instBlock[d] as number);
}

function invariantOperands(f: Func, ctx: PassContext, i: number, stamp: number): boolean {
  for (let k = 0; k < (f.instOperandCount[i] as number); k++) {
    if (ctx.blockMark[defBlock(f, f.operand(i, k))] === stamp) return false;
  }
  return true;
}

/** may i move out of the loop (its operands aside)? `first`: i is in the header before any effect */
function movable(e: number, loop: Loop, first: boolean): boolean {
  if (e === 0) return true;
  if ((e & ~READS) !== 0) return false;
  if ((e & Effect.READS_STATE) !== 0 && (loop.effects & (Effect.WRITES_STATE | Effect.GROWS_HEAP)) !== 0) return false;
  if ((e & Effect.READS_HEAP) !== 0 && (loop.effects & (Effect.WRITES_HEAP | Effect.GROWS_HEAP)) !== 0) return false;
  return (e & Effect.MAY_TRAP) === 0 || first;
}

function hoistFrom(f: Func, ctx: PassContext, loop: Loop): number {
  let moved = 0;
  for (let k = 0; k < ctx.dom.rpoCount; k++) {
    const b = ctx.dom.rpo[k] as number;
    if (ctx.blockMark[b] !== loop.stamp) continue;
    let first = b === loop.header;
    for (let i = f.blockFirst[b] as number; i !== NO; ) {
      const next = f.instNext[i] as number;
      const e = instEffects(f, i);
      if (next !== NO && invariantOperands(f, ctx, i, loop.stamp) && movable(e, loop, first)) {
        const pre = preheader(f, ctx, loop);
        f.removeInst(i);
        f.insertBefore(i, f.blockLast[pre] as number);
        moved++;
      } else if (e !== 0) first = false;
      i = next;
    }
  }
  return moved;
}

/** the loop's preheader, made on first use */
function preheader(f: Func, ctx: PassContext, loop: Loop): number {
  if (loop.pre !== NO) return loop.pre;
  const h = loop.header;
  let entering = 0;
  let from = NO;
  for (let q = ctx.callsStart[h] as number; q < (ctx.callsStart[h + 1] as number); q++) {
    const p = ctx.preds[q] as number;
    if (ctx.blockMark[p] === loop.stamp) continue;
    entering++;
    from = p;
  }
  const last = f.blockLast[from] as number;
  if (entering === 1 && f.instOp[last] === JUMP) return (loop.pre = from);
  const pre = f.newBlock();
  ctx.fit(f);
  ctx.blockMark[pre] = 0;
  f.placeBlock(pre, f.blockPrev[h] as number);
  const n = f.blockParamCount[h] as number;
  for (let k = 0; k < n; k++) f.addBlockParam(pre, f.valueType[f.blockParam(h, k)] as Type);
  for (let q = ctx.callsStart[h] as number; q < (ctx.callsStart[h + 1] as number); q++) {
    if (ctx.blockMark[ctx.preds[q] as number] !== loop.stamp) f.callBlock[ctx.callsTo[q] as number] = pre;
  }
  const jump = f.newInst(JUMP, 0, 0);
  const c = f.newBlockCalls(1);
  f.setBlockCall(c, h, n);
  for (let k = 0; k < n; k++) f.setCallArg(c, k, f.blockParam(pre, k));
  f.instImm0[jump] = c;
  f.instImm1[jump] = 1;
  f.appendInst(pre, jump);
  return (loop.pre = pre);
}

