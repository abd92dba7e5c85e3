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
    for (let b = 0; b < n; b++) {
      const s0 = f.blockSuccStart[b] as number;
      let distinct = 0;
      for (let e = s0; e < s0 + (f.blockSuccCount[b] as number); e++) {
        if (firstEdgeTo(f, b, e)) {
          distinct++;
          this.predCount[f.edgeTarget[e]]++;
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

  private solve(f: MachFunc): void {
    const W = this.words;
    const { liveIn, liveOut, gen, kill } = this;
    let changed = true;
    while (changed) {
      changed = false;
      for (let b = f.blockCount - 1; b >= 0; b--) {
        const base = b * W;
        const s0 = f.blockSuccStart[b] as number;
        const s1 = s0 + (f.blockSuccCount[b] as number);
        for (let e = s0; e < s1; e++) {
          const tb = (f.edgeTarget[e] as number) * W;
          for (let w = 0; w < W; w++) liveOut[base + w] = (liveOut[base + w] as number) | (liveIn[tb + w] as number);
          const a0 = f.edgeArgStart[e] as number;
          for (let k = 0; k < (f.edgeArgCount[e] as number); k++) {
            const v = f.edgeArgPool[a0 + k] as number;
            liveOut[base + (v >>> 5)] = (liveOut[base + (v >>> 5)] as number) | (1 << (v & 31));
          }
        }
        for (let w = 0; w < W; w++) {
          const x = ((gen[base + w] as number) | ((liveOut[base + w] as number) & ~(kill[base + w] as number))) >>> 0;
          if (x !== liveIn[base + w]) {
            liveIn[base + w] = x;
            changed = true;
          }
        }
      }
    }
  }
}

/** true when edge e is the first of block b's edges to its target */
export function firstEdgeTo(f: MachFunc, b: number, e: number): boolean {
  const t = f.edgeTarget[e] as number;
  for (let q = f.blockSuccStart[b] as number; q < e; q++) if ((f.edgeTarget[q] as number) === t) return false;
  return true;
}
