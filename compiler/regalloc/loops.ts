/**
 * Loops of the layout, for choosing where to split: a back edge is an edge from block b to a
 * block h at or before it in the layout, and the loop of header h spans the instructions from
 * h's first to the end of the last block with a back edge to h. Loops found this way nest
 * when the layout keeps each loop contiguous (as kiln's lowering does, split blocks included);
 * where they do not, the answers are only less useful, never wrong: the scan uses them to move
 * a split to a block start, and any block start is a legal split position.
 */

import { grow } from '../ir/growable.js';
import type { MachFunc } from './mach.js';

export class LayoutLoops {
  /** per block: the end instruction (exclusive) of the loop it heads, or 0 */
  private loopEnd = new Int32Array(16);
  /** per loop: first instruction of its header, end instruction, enclosing loop or -1 */
  private start = new Int32Array(16);
  private end = new Int32Array(16);
  private parent = new Int32Array(16);
  private count = 0;
  /** per instruction: the innermost loop containing it, or -1 */
  private inner = new Int32Array(64);

  compute(f: MachFunc): void {
    const nb = f.blockCount;
    this.loopEnd = grow(this.loopEnd, nb);
    this.loopEnd.fill(0, 0, nb);
    let any = false;
    for (let b = 0; b < nb; b++) {
      const s0 = f.blockSuccStart[b] as number;
      for (let k = s0; k < s0 + (f.blockSuccCount[b] as number); k++) {
        const h = f.edgeTarget[k] as number;
        if (h <= b && (f.blockEnd[b] as number) > (this.loopEnd[h] as number)) {
          this.loopEnd[h] = f.blockEnd[b] as number;
          any = true;
        }
      }
    }
    this.inner = grow(this.inner, f.instCount);
    this.inner.fill(-1, 0, f.instCount);
    this.count = 0;
    if (!any) return;
    const stack: number[] = [];
    for (let b = 0; b < nb; b++) {
      const first = f.blockFirst[b] as number;
      while (stack.length > 0 && (this.end[stack[stack.length - 1] as number] as number) <= first) stack.pop();
      const e = this.loopEnd[b] as number;
      if (e > 0) {
        const l = this.count++;
        this.start = grow(this.start, l + 1);
        this.end = grow(this.end, l + 1);
        this.parent = grow(this.parent, l + 1);
        this.start[l] = first;
        this.end[l] = e;
        this.parent[l] = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
        stack.push(l);
      }
      const top = stack.length > 0 ? (stack[stack.length - 1] as number) : -1;
      this.inner.fill(top, first, f.blockEnd[b] as number);
    }
  }

  /** the innermost loop containing instruction `inst`, or -1 */
  innermost(inst: number): number {
    return this.inner[inst] as number;
  }

  /** the first instruction of loop l's header, and the end (exclusive) of its last block */
  startOf(l: number): number {
    return this.start[l] as number;
  }
  endOf(l: number): number {
    return this.end[l] as number;
  }

  /** true when instruction `inst` is inside a loop */
  inLoop(inst: number): boolean {
    return (this.inner[inst] as number) >= 0;
  }

  /**
   * The first instruction of the header of the outermost loop that contains instruction
   * `inst` and whose header starts after position `after` (so the loop holds no position up
   * to `after`), or -1 when there is none.
   */
  outermostHeaderAfter(inst: number, after: number): number {
    let best = -1;
    for (let l = this.inner[inst] as number; l >= 0; l = this.parent[l] as number) {
      const s = this.start[l] as number;
      if (s * 8 <= after) break;
      if ((this.end[l] as number) > inst) best = s;
    }
    return best;
  }
}
