/**
 * After the scan: every vreg piece has a register or is spilled. This pass turns that into
 * the Allocation: operand allocations, and the moves, in order —
 * - split moves where a vreg changes location inside a block (at a B or A position);
 * - edge moves (Wimmer and Franz 2010, "resolution"): for each CFG edge, each vreg live into
 *   the successor whose location at the predecessor's end differs from its location at the
 *   successor's start, and each block param from its arg's location; placed at the
 *   successor's start when it has one predecessor, else before the predecessor's terminator;
 * - copies into the registers of Fixed uses and Reuse defs (at B), and out of the registers of
 *   Fixed defs (at A).
 * A spilled piece of a rematerialisable vreg has no location: moves out of it are Remat edits
 * and moves into it vanish. Moves at one position and group form one parallel move
 * (parallel-move.ts). Groups at a B position run in the order: split and incoming edge moves,
 * then Fixed/Reuse copies, then outgoing edge moves; an A position has one group.
 */

import { grow } from '../ir/growable.js';
import { Allocation, Constraint, OpKind, slotAlloc, type MachFunc, type RegEnv } from './mach.js';
import type { IntervalBuilder } from './build.js';
import { UNASSIGNED, type IntervalStore } from './intervals.js';
import type { Liveness } from './liveness.js';
import { ParallelMove, type SlotCounter } from './parallel-move.js';
import { POS_A, POS_D, POS_U, pointOf } from './positions.js';

const GROUP_EDGE_IN = 1;
const GROUP_COPY_IN = 2;
const GROUP_EDGE_OUT = 3;
const GROUP_AFTER = 0;

/** the location of a rematerialisable vreg's spilled piece */
const NOWHERE = -0x7fffffff;

export class Resolver {
  private n = 0;
  private mKey = new Int32Array(64);
  private mCls = new Uint8Array(64);
  private mSrc = new Int32Array(64);
  private mDst = new Int32Array(64);
  private mRemat = new Int32Array(64);
  private order = new Int32Array(64);
  private bucket = new Int32Array(64);
  /** one bit per vreg that was split (has more than one piece) */
  private splitBits = new Uint32Array(16);
  private seen = new Int32Array(16);
  private pm = new ParallelMove();

  private f!: MachFunc;
  private s!: IntervalStore;
  private vregSlot!: Int32Array;

  resolve(
    f: MachFunc,
    env: RegEnv,
    live: Liveness,
    store: IntervalStore,
    builder: IntervalBuilder,
    vregSlot: Int32Array,
    isBlockStart: Uint8Array,
    slots: SlotCounter,
    out: Allocation,
  ): void {
    this.f = f;
    this.s = store;
    this.vregSlot = vregSlot;
    this.n = 0;
    store.indexPieces(f.vregCount);
    this.splitMoves(isBlockStart);
    this.operandsAndCopies(builder, out);
    this.edgeMoves(live);
    this.emit(env, out, slots);
  }

  private allocOf(piece: number): number {
    const loc = this.s.loc[piece];
    if (loc >= 0) return loc;
    const v = this.s.vreg[piece];
    if (this.f.vregRemat[v] >= 0) return NOWHERE;
    return slotAlloc(this.vregSlot[v]);
  }

  private add(pos: number, group: number, cls: number, src: number, dst: number, remat: number): void {
    const k = this.n++;
    if (k >= this.mKey.length) {
      this.mKey = grow(this.mKey, k + 1);
      this.mCls = grow(this.mCls, k + 1);
      this.mSrc = grow(this.mSrc, k + 1);
      this.mDst = grow(this.mDst, k + 1);
      this.mRemat = grow(this.mRemat, k + 1);
    }
    this.mKey[k] = pos * 4 + group;
    this.mCls[k] = cls;
    this.mSrc[k] = src;
    this.mDst[k] = dst;
    this.mRemat[k] = remat;
  }

  /** a move of vreg v from location src to location dst (either may be NOWHERE) */
  private addValueMove(pos: number, group: number, v: number, src: number, dst: number): void {
    if (dst === NOWHERE || src === dst) return;
    const cls = this.f.vregClass[v];
    if (src === NOWHERE) this.add(pos, group, cls, 0, dst, this.f.vregRemat[v]);
    else this.add(pos, group, cls, src, dst, -1);
  }

  private splitMoves(isBlockStart: Uint8Array): void {
    const s = this.s;
    for (let v = 0; v < this.f.vregCount; v++) {
      for (let c = v, nx = s.next[v]; nx >= 0; c = nx, nx = s.next[nx]) {
        const at = s.start(nx);
        if (s.end(c) !== at) continue;
        if ((at & 7) === 0 && isBlockStart[at >> 3] !== 0) continue;
        if ((at & 7) !== 0 && (at & 7) !== POS_A) throw new Error(`regalloc internal: v${v} split at position ${at}`);
        this.addValueMove(at, (at & 7) === 0 ? GROUP_EDGE_IN : GROUP_AFTER, v, this.allocOf(c), this.allocOf(nx));
      }
    }
  }

  /**
   * Each operand's allocation, and the copies into Fixed use registers and Reuse def registers
   * (at B) and out of Fixed def registers (at A), in one pass over the operands
   */
  private operandsAndCopies(builder: IntervalBuilder, out: Allocation): void {
    const f = this.f;
    const s = this.s;
    const { opReg, reuseSrc } = builder;
    const opAlloc = out.opAlloc;
    for (let i = 0; i < f.instCount; i++) {
      const o0 = f.instOpStart[i];
      const o1 = o0 + f.instOpCount[i];
      const p = i * 8;
      for (let o = o0; o < o1; o++) {
        const v = f.opVreg[o];
        const kind = f.opKind[o];
        const reg = opReg[o];
        let a: number;
        if (kind === OpKind.Use) {
          if (reg >= 0) {
            a = reg;
            this.addValueMove(p, GROUP_COPY_IN, v, this.allocOf(s.locate(v, p)), reg);
          } else if (reuseSrc[o] !== 0) {
            a = this.reuseReg(i, o0, o1, o - o0);
            this.addValueMove(p, GROUP_COPY_IN, v, this.allocOf(s.locate(v, p)), a);
          } else a = this.locationAt(v, p + POS_U);
        } else if (reg >= 0) {
          a = reg;
          if (s.rCount[v] > 0) this.addValueMove(p + POS_A, GROUP_AFTER, v, reg, this.allocOf(s.locate(v, p + POS_A)));
        } else a = this.locationAt(v, p + (kind === OpKind.Def && f.opConstraint[o] !== Constraint.Reuse ? POS_D : POS_U));
        if (a === NOWHERE) throw new Error(`regalloc internal: instruction ${i} operand ${o - o0} (v${v}) has no location`);
        opAlloc[o] = a;
      }
    }
  }

  /** the allocation of v's piece at pos (NOWHERE for a rematerialisable or unassigned one) */
  private locationAt(v: number, pos: number): number {
    const piece = this.s.locate(v, pos);
    return this.s.loc[piece] === UNASSIGNED ? NOWHERE : this.allocOf(piece);
  }


  /** the register of the Reuse def (among operands o0..o1) that reuses operand index k */
  private reuseReg(i: number, o0: number, o1: number, k: number): number {
    const f = this.f;
    for (let o = o0; o < o1; o++) {
      if (f.opConstraint[o] === Constraint.Reuse && f.opFixed[o] === k) return this.s.loc[this.s.locate(f.opVreg[o], i * 8 + POS_U)];
    }
    throw new Error('regalloc internal: Reuse source without its def');
  }

  private edgeMoves(live: Liveness): void {
    const f = this.f;
    const s = this.s;
    const W = live.words;
    const bits = (this.splitBits = grow(this.splitBits, W));
    bits.fill(0, 0, W);
    for (let v = 0; v < f.vregCount; v++) if (s.next[v] >= 0) bits[v >>> 5] |= 1 << (v & 31);
    // seen[t] === b + 1: block b's edges to t are done
    const seen = (this.seen = grow(this.seen, f.blockCount));
    seen.fill(0, 0, f.blockCount);
    for (let b = 0; b < f.blockCount; b++) {
      const term = f.blockEnd[b] - 1;
      const srcPos = term * 8;
      for (let e = f.blockSuccStart[b]; e < f.blockSuccStart[b] + f.blockSuccCount[b]; e++) {
        const t = f.edgeTarget[e];
        if (seen[t] === b + 1) continue; // a second edge to t passes the same args
        seen[t] = b + 1;
        const dstPos = f.blockFirst[t] * 8;
        const atEnd = live.movesAtEnd[b] !== 0;
        const pos = atEnd ? srcPos : dstPos;
        const group = atEnd ? GROUP_EDGE_OUT : GROUP_EDGE_IN;
        const base = t * W;
        for (let w = 0; w < W; w++) {
          // a vreg in one piece has the same location on both sides
          let x = live.liveIn[base + w] & this.splitBits[w];
          while (x !== 0) {
            const bit = x & -x;
            x ^= bit;
            const v = w * 32 + 31 - Math.clz32(bit);
            this.addValueMove(pos, group, v, this.allocOf(s.locate(v, srcPos)), this.allocOf(s.locate(v, dstPos)));
          }
        }
        for (let k = 0; k < f.edgeArgCount[e]; k++) {
          const a = f.edgeArgPool[f.edgeArgStart[e] + k];
          const p = f.paramPool[f.blockParamStart[t] + k];
          if (s.rCount[p] === 0) continue;
          const dst = this.allocOf(s.locate(p, dstPos));
          const src = this.allocOf(s.locate(a, srcPos));
          if (dst === NOWHERE) continue;
          const cls = f.vregClass[p];
          if (src === NOWHERE) this.add(pos, group, cls, 0, dst, f.vregRemat[a]);
          else if (src !== dst) this.add(pos, group, cls, src, dst, -1);
        }
      }
    }
  }

  private emit(env: RegEnv, out: Allocation, slots: SlotCounter): void {
    const n = this.n;
    this.order = grow(this.order, n);
    const key = this.mKey;
    this.sortMoves(key, n);
    const pm = this.pm;
    let k = 0;
    while (k < n) {
      const kk = key[this.order[k]];
      pm.clear();
      for (; k < n && key[this.order[k]] === kk; k++) {
        const m = this.order[k];
        if (this.mRemat[m] >= 0) pm.addRemat(this.mCls[m], this.mRemat[m], this.mDst[m]);
        else pm.add(this.mCls[m], this.mSrc[m], this.mDst[m]);
      }
      pm.emit(pointOf(kk >> 2), env, out, slots);
    }
  }

  /**
   * order[0..n) = the moves by (key, move number): a counting sort by instruction (key >> 5,
   * as key = position * 4 + group and position = instruction * 8 + k), then an insertion sort
   * for the few moves of one instruction, which keeps equal keys in move order
   */
  private sortMoves(key: Int32Array, n: number): void {
    const order = this.order;
    const ni = this.f.instCount;
    const at = (this.bucket = grow(this.bucket, ni + 1));
    at.fill(0, 0, ni + 1);
    for (let k = 0; k < n; k++) at[(key[k] >> 5) + 1]++;
    for (let i = 0; i < ni; i++) at[i + 1] += at[i];
    for (let k = 0; k < n; k++) order[at[key[k] >> 5]++] = k;
    for (let k = 1; k < n; k++) {
      const m = order[k];
      const km = key[m];
      let j = k - 1;
      while (j >= 0 && key[order[j]] > km) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = m;
    }
  }
}
