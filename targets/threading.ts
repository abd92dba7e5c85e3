/**
 * Jump threading at emission: a block that holds nothing but a `jump` and got no moves from
 * the allocator (most split blocks of critical edges) emits no code; every branch to it goes
 * straight to where its jump leads. So a loop whose back edge needed a split block still ends
 * in one conditional branch to its header. Also marks loop headers (blocks that a block at or
 * after them branches to), which the emitter aligns. Target-neutral: each target's emitter
 * passes its machine function and its jump rule.
 */

import { EditKind, type Allocation, type MachFunc } from '../compiler/regalloc/mach.js';
import { grow } from '../compiler/ir/growable.js';

/** what threading reads of a target's machine function: the allocator's view and each instruction's emit rule */
export interface RuledFunc {
  readonly m: MachFunc;
  readonly rule: Uint16Array;
}

export class JumpThreads {
  /** per block: the block whose code a branch to it reaches (itself unless it emits nothing) */
  to = new Int32Array(16);
  /** per block: 1 when a block at or after it in the layout branches to it (a loop header) */
  loopHead = new Uint8Array(16);
  private moves = new Uint8Array(64);

  compute(x: RuledFunc, alloc: Allocation, jumpRule: number): void {
    const m = x.m;
    const n = m.blockCount;
    this.to = grow(this.to, n);
    this.moves = grow(this.moves, m.instCount);
    this.moves.fill(0, 0, m.instCount);
    for (let e = 0; e < alloc.editCount; e++) {
      const real = (alloc.editKind[e] as number) === EditKind.Remat || alloc.editFrom[e] !== alloc.editTo[e];
      if (real) this.moves[(alloc.editPoint[e] as number) >> 1] = 1;
    }
    const to = this.to;
    this.loopHead = grow(this.loopHead, n);
    this.loopHead.fill(0, 0, n);
    for (let b = 0; b < n; b++) {
      const s0 = m.blockSuccStart[b] as number;
      for (let k = s0; k < s0 + (m.blockSuccCount[b] as number); k++) {
        const h = m.edgeTarget[k] as number;
        if (h <= b) this.loopHead[h] = 1;
      }
    }
    for (let b = 0; b < n; b++) {
      const i = m.blockFirst[b] as number;
      const empty = b > 0 && (m.blockEnd[b] as number) === i + 1 && x.rule[i] === jumpRule && this.moves[i] === 0;
      to[b] = empty ? (m.edgeTarget[m.blockSuccStart[b] as number] as number) : b;
    }
    // follow chains; a cycle of empty blocks (an endless loop with no interruption check) is kept
    for (let b = 0; b < n; b++) {
      let t = b;
      let steps = 0;
      while (to[t] !== t && steps <= n) {
        t = to[t] as number;
        steps++;
      }
      to[b] = steps > n ? b : t;
    }
  }

  /** the first block after b that emits code, or -1 */
  nextEmitted(b: number, count: number): number {
    for (let k = b + 1; k < count; k++) if (this.to[k] === k) return k;
    return -1;
  }
}
