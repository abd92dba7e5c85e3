/**
 * Global value numbering.
 *
 * Requires: a verified function. Produces: no instruction that recomputes a value an
 * identical instruction in a dominating position already computed. Candidates are
 * - pure instructions (no effects, no traps), constants included;
 * - reads of the VM context (`vmctx_load`) and of linear memory (loads), when no instruction
 *   between the two can write what they read: either nothing in the whole function writes it
 *   (by the effect flags: WRITES_HEAP / GROWS_HEAP for memory, WRITES_STATE / GROWS_HEAP for
 *   the VM context, which calls carry), or both are in one block with no such write between.
 *   A load that did not trap proves the second, same access cannot trap either;
 * - the explicit checks `trapnz`, `trapz` and `heap_check`: a dominating identical check
 *   already trapped if this one would.
 * Commutative integer operations (add, mul, and, or, xor, icmp eq / ne) match with their
 * operands in either order. Invalidates: use counts (values are replaced).
 *
 * Algorithm: dominator-based value numbering (Briggs, Cooper and Simpson, "Value
 * Numbering", Software Practice and Experience 27(6), 1997, the dominator-tree variant; also
 * Click, "Global Code Motion / Global Value Numbering", PLDI 1995, for the hash-table form):
 * blocks are visited in reverse postorder, so a block's dominators come first; each candidate
 * is hashed on (opcode, immediates, operands after replacement) into one open-addressing table
 * of instruction numbers. A hit whose block dominates the current one (or precedes it in the
 * same block) replaces the current instruction; a hit that does not dominate is stale and is
 * overwritten. The table is an Int32Array kept in the context.
 */

import { Effect } from '../ir/effects.js';
import { Func, NO } from '../ir/func.js';
import { OPCODES } from '../ir/opcodes.js';
import { IntCC } from '../ir/conds.js';
import { Type } from '../ir/types.js';
import { instEffects } from '../ir/view.js';
import type { PassContext } from './context.js';
import { applyAliases, callRange, clearAliases, PURE_OP, resolve } from './graph.js';

const Kind = { None: 0, Pure: 1, ReadsState: 2, ReadsHeap: 3, Check: 4 } as const;
const KIND = new Uint8Array(OPCODES.length);
const COMMUTATIVE = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (PURE_OP[r.id] === 1 && r.results?.length === 1) KIND[r.id] = Kind.Pure;
  else if (r.base === 'vmctx_load') KIND[r.id] = Kind.ReadsState;
  else if (r.effects === (Effect.READS_HEAP | Effect.MAY_TRAP) && r.results?.length === 1) KIND[r.id] = Kind.ReadsHeap;
  else if (r.base === 'trapnz' || r.base === 'trapz' || r.base === 'heap_check') KIND[r.id] = Kind.Check;
  const int = r.type === Type.I32 || r.type === Type.I64;
  if (int && ['iadd', 'imul', 'band', 'bor', 'bxor'].includes(r.base)) COMMUTATIVE[r.id] = 1;
}
const ICMP = new Uint8Array(OPCODES.length);
for (const r of OPCODES) if (r.base === 'icmp') ICMP[r.id] = 1;

const HEAP_WRITE = Effect.WRITES_HEAP | Effect.GROWS_HEAP;
const STATE_WRITE = Effect.WRITES_STATE | Effect.GROWS_HEAP;

function commutes(f: Func, i: number): boolean {
  const op = f.instOp[i] as number;
  if (COMMUTATIVE[op] === 1) return true;
  const cc = f.instImm0[i] as number;
  return ICMP[op] === 1 && (cc === IntCC.eq || cc === IntCC.ne);
}

function hash(f: Func, i: number): number {
  let h = Math.imul((f.instOp[i] as number) + 1, 0x9e3779b1);
  h = Math.imul(h ^ (f.instImm0[i] as number), 0x85ebca6b);
  h = Math.imul(h ^ (f.instImm1[i] as number), 0xc2b2ae35);
  const n = f.instOperandCount[i] as number;
  if (n === 2 && commutes(f, i)) {
    const a = f.operand(i, 0);
    const b = f.operand(i, 1);
    h = Math.imul(h ^ Math.min(a, b), 0x27d4eb2f);
    return Math.imul(h ^ Math.max(a, b), 0x165667b1);
  }
  for (let k = 0; k < n; k++) h = Math.imul(h ^ f.operand(i, k), 0x27d4eb2f);
  return h ^ (h >>> 15);
}

function same(f: Func, i: number, j: number): boolean {
  const n = f.instOperandCount[i] as number;
  if (f.instOp[i] !== f.instOp[j] || f.instImm0[i] !== f.instImm0[j] || f.instImm1[i] !== f.instImm1[j] || f.instOperandCount[j] !== n) return false;
  let equal = true;
  for (let k = 0; k < n && equal; k++) equal = f.operand(i, k) === f.operand(j, k);
  if (equal) return true;
  return n === 2 && commutes(f, i) && f.operand(i, 0) === f.operand(j, 1) && f.operand(i, 1) === f.operand(j, 0);
}

/** OR of the effects of every instruction in placed blocks */
function functionEffects(f: Func): number {
  let e = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) e |= instEffects(f, i);
  }
  return e;
}

/** number values; returns the number of instructions removed */
export function gvn(f: Func, ctx: PassContext): number {
  ctx.dom.compute(f);
  clearAliases(f, ctx);
  let size = 256;
  while (size < 2 * f.instCount) size *= 2;
  if (ctx.table.length < size) ctx.table = new Int32Array(size);
  const table = ctx.table;
  table.fill(NO, 0, size);
  const mask = size - 1;
  const effects = functionEffects(f);
  const stateStable = (effects & STATE_WRITE) === 0;
  const heapStable = (effects & HEAP_WRITE) === 0;
  /** per instruction: the write generation when it was entered */
  const gen = ctx.instMark;
  let stateGen = 0;
  let heapGen = 0;
  let removed = 0;
  for (let k = 0; k < ctx.dom.rpoCount; k++) {
    const b = ctx.dom.rpo[k] as number;
    for (let i = f.blockFirst[b] as number; i !== NO; ) {
      const next = f.instNext[i] as number;
      for (let q = 0; q < (f.instOperandCount[i] as number); q++) f.setOperand(i, q, resolve(ctx, f.operand(i, q)));
      const op = f.instOp[i] as number;
      const kind = KIND[op] as number;
      if (kind === Kind.None) {
        const e = instEffects(f, i);
        if ((e & STATE_WRITE) !== 0) stateGen++;
        if ((e & HEAP_WRITE) !== 0) heapGen++;
        i = next;
        continue;
      }
      gen[i] = kind === Kind.ReadsHeap ? heapGen : stateGen;
      for (let slot = hash(f, i) & mask; ; slot = (slot + 1) & mask) {
        const j = table[slot] as number;
        if (j === NO) {
          table[slot] = i;
          break;
        }
        if (!same(f, i, j)) continue;
        const jb = f.instBlock[j] as number;
        let ok = jb === b || ctx.dom.dominates(jb, b);
        if (ok && kind === Kind.ReadsState) ok = stateStable || (jb === b && gen[j] === stateGen);
        if (ok && kind === Kind.ReadsHeap) ok = heapStable || (jb === b && gen[j] === heapGen);
        if (!ok) {
          table[slot] = i;
          break;
        }
        if ((f.instResultCount[i] as number) === 1) ctx.alias[f.result(i, 0)] = f.result(j, 0);
        f.removeInst(i);
        removed++;
        break;
      }
      i = next;
    }
    const [c0, c1] = callRange(f, b);
    for (let c = c0; c < c1; c++) {
      for (let q = 0; q < (f.callArgCount[c] as number); q++) f.setCallArg(c, q, resolve(ctx, f.callArg(c, q)));
    }
  }
  applyAliases(f, ctx);
  return removed;
}
