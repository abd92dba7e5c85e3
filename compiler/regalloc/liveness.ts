/**
 * Liveness of vregs at block boundaries, by backward dataflow over the CFG to a fixed point
 * (Appel, "Modern Compiler Implementation", 10.1), on bitsets of one bit per vreg. A block's
 * params are defined at its start; an edge's args are read at the end of its source block.
 * Also counts each block's distinct predecessors (block 0 counts the function entry as one)
 * and places each edge's moves: at the successor's start when it has one predecessor, else at
 * the predecessor's end (which then has one successor, by the no-critical-edge rule).
 */

import { grow } from '../ir/growable.js';
import { OpKind, type MachFunc } from './mach.js';
import { regallocError } from './errors.js';

export class Liveness {
  words = 0;
  liveIn = new Uint32Array(64);
  liveOut = new Uint32Array(64);
  private gen = new Uint32Array(64);
  private kill = new Uint32Array(64);
  /** distinct predecessors (the entry counts as one for block 0) */
  predCount = new Int32Array(16);
  /** distinct successors */
  succCount = new Int32Array(16);
  /** 1 when the moves of the block's out-edge go before its terminator */
  movesAtEnd = new Uint8Array(16);
  private seen = new Int32Array(16);
  /** solve's clock stamps per block: when it was last computed, when its live-in last changed */
  private computedAt = new Int32Array(16);
  private changedAt = new Int32Array(16);
  /** 1 for a block that some edge from itself or a later block enters */
  private backTarget = new Uint8Array(16);

  compute(f: MachFunc): void {
    const W = (this.words = (f.vregCount + 31) >>> 5);
    const size = f.blockCount * W;
    this.liveIn = grow(this.liveIn, size);
    this.liveOut = grow(this.liveOut, size);
    this.gen = grow(this.gen, size);
    this.kill = grow(this.kill, size);
    this.liveIn.fill(0, 0, size);
    this.liveOut.fill(0, 0, size);
    this.gen.fill(0, 0, size);
    this.kill.fill(0, 0, size);
    this.countEdges(f);
    for (let b = 0; b < f.blockCount; b++) this.genKill(f, b);
    this.solve(f);
    for (let w = 0; w < W; w++) {
      const x = this.liveIn[w] as number;
      if (x !== 0) throw regallocError(`v${w * 32 + (31 - Math.clz32(x & -x))} is used but never defined (it is live into the entry block)`);
    }
  }

  isLiveIn(b: number, v: number): boolean {
    return ((this.liveIn[b * this.words + (v >>> 5)] as number) & (1 << (v & 31))) !== 0;
  }

  isLiveOut(b: number, v: number): boolean {
    return ((this.liveOut[b * this.words + (v >>> 5)] as number) & (1 << (v & 31))) !== 0;
  }

  private countEdges(f: MachFunc): void {
    const n = f.blockCount;
    this.predCount = grow(this.predCount, n);
    this.succCount = grow(this.succCount, n);
    this.movesAtEnd = grow(this.movesAtEnd, n);
    this.predCount.fill(0, 0, n);
    this.predCount[0] = 1;
    // seen[t] === b + 1: block b already has an edge to t (br_table lists a target many times)
    const seen = (this.seen = grow(this.seen, n));
    seen.fill(0, 0, n);
    for (let b = 0; b < n; b++) {
      const s0 = f.blockSuccStart[b] as number;
      let distinct = 0;
      for (let e = s0; e < s0 + (f.blockSuccCount[b] as number); e++) {
        const t = f.edgeTarget[e] as number;
        if (seen[t] !== b + 1) {
          seen[t] = b + 1;
          distinct++;
          this.predCount[t]++;
        }
      }
      this.succCount[b] = distinct;
    }
    for (let b = 0; b < n; b++) {
      this.movesAtEnd[b] = 0;
      const s0 = f.blockSuccStart[b] as number;
      for (let e = s0; e < s0 + (f.blockSuccCount[b] as number); e++) {
        const t = f.edgeTarget[e] as number;
        if ((this.predCount[t] as number) === 1) continue;
        if ((this.succCount[b] as number) > 1) throw regallocError(`critical edge b${b} -> b${t} (split it in the lowering)`);
        const term = (f.blockEnd[b] as number) - 1;
        for (let o = f.instOpStart[term] as number, k = 0; k < (f.instOpCount[term] as number); k++, o++) {
          if ((f.opKind[o] as number) === OpKind.Use) {
            throw regallocError(`block ${b} jumps to block ${t}, which has several predecessors, but its terminator (instruction ${term}) reads v${f.opVreg[o]}`);
          }
        }
        this.movesAtEnd[b] = 1;
      }
    }
  }

  private genKill(f: MachFunc, b: number): void {
    const base = b * this.words;
    const gen = this.gen;
    const kill = this.kill;
    const p0 = f.blockParamStart[b] as number;
    for (let k = 0; k < (f.blockParamCount[b] as number); k++) {
      const v = f.paramPool[p0 + k] as number;
      kill[base + (v >>> 5)] = (kill[base + (v >>> 5)] as number) | (1 << (v & 31));
    }
    for (let i = f.blockFirst[b] as number; i < (f.blockEnd[b] as number); i++) {
      const o0 = f.instOpStart[i] as number;
      const o1 = o0 + (f.instOpCount[i] as number);
      for (let o = o0; o < o1; o++) {
        if ((f.opKind[o] as number) !== OpKind.Use) continue;
        const v = f.opVreg[o] as number;
        const w = base + (v >>> 5);
        const bit = 1 << (v & 31);
        if (((kill[w] as number) & bit) === 0) gen[w] = (gen[w] as number) | bit;
      }
      for (let o = o0; o < o1; o++) {
        if ((f.opKind[o] as number) === OpKind.Use) continue;
        const v = f.opVreg[o] as number;
        kill[base + (v >>> 5)] = (kill[base + (v >>> 5)] as number) | (1 << (v & 31));
      }
    }
  }

  /**
   * Backward passes in reverse layout order until nothing changes. A block is recomputed only
   * when a successor's live-in changed after the block was last computed (a clock stamps both),
   * so the passes after the first revisit only the loops whose live sets still grow. Another
   * pass is needed only when the live-in of a back edge's target (a block entered from itself
   * or a later block) changed; without back edges the first pass is the fixed point.
   */
  private solve(f: MachFunc): void {
    const W = this.words;
    const { liveIn, liveOut, gen, kill } = this;
    const n = f.blockCount;
    const computedAt = (this.computedAt = grow(this.computedAt, n));
    const changedAt = (this.changedAt = grow(this.changedAt, n));
    const backTarget = (this.backTarget = grow(this.backTarget, n));
    computedAt.fill(0, 0, n);
    changedAt.fill(0, 0, n);
    backTarget.fill(0, 0, n);
    for (let b = 0; b < n; b++) {
      const s0 = f.blockSuccStart[b] as number;
      for (let e = s0; e < s0 + (f.blockSuccCount[b] as number); e++) {
        const t = f.edgeTarget[e] as number;
        if (t <= b) backTarget[t] = 1;
      }
    }
    let clock = 0;
    let again = true;
    while (again) {
      again = false;
      for (let b = n - 1; b >= 0; b--) {
        const base = b * W;
        const s0 = f.blockSuccStart[b] as number;
        const s1 = s0 + (f.blockSuccCount[b] as number);
        const first = computedAt[b] === 0;
        if (!first) {
          let stale = false;
          for (let e = s0; e < s1 && !stale; e++) stale = (changedAt[f.edgeTarget[e] as number] as number) > (computedAt[b] as number);
          if (!stale) continue;
        }
        computedAt[b] = ++clock;
        for (let e = s0; e < s1; e++) {
          const tb = (f.edgeTarget[e] as number) * W;
          for (let w = 0; w < W; w++) liveOut[base + w] = (liveOut[base + w] as number) | (liveIn[tb + w] as number);
          if (!first) continue; // live-out only grows: the args are in since the first visit
          const a0 = f.edgeArgStart[e] as number;
          for (let k = 0; k < (f.edgeArgCount[e] as number); k++) {
            const v = f.edgeArgPool[a0 + k] as number;
            liveOut[base + (v >>> 5)] = (liveOut[base + (v >>> 5)] as number) | (1 << (v & 31));
          }
        }
        let changed = false;
        for (let w = 0; w < W; w++) {
          const x = ((gen[base + w] as number) | ((liveOut[base + w] as number) & ~(kill[base + w] as number))) >>> 0;
          if (x !== liveIn[base + w]) {
            liveIn[base + w] = x;
            changed = true;
          }
        }
        if (!changed) continue;
        changedAt[b] = ++clock;
        // a predecessor at or after b in layout order (a back edge) sees it only in the next pass
        if (backTarget[b] !== 0) again = true;
      }
    }
  }

}
