/**
 * Dominator tree of a Func's control-flow graph, by the iterative algorithm of
 * K. D. Cooper, T. J. Harvey and K. Kennedy, "A Simple, Fast Dominance Algorithm" (Software
 * Practice and Experience, 2001): blocks are numbered in reverse postorder from the entry
 * (the first block in the layout), and each block's immediate dominator is the `intersect`
 * of its already-processed predecessors, repeated until nothing changes. The tree is then
 * numbered by a depth-first walk, so `dominates(a, b)` is two comparisons.
 *
 * The CFG edges are the block calls of each block's last instruction. Blocks unreachable
 * from the entry have no immediate dominator and dominate / are dominated by nothing.
 * All arrays are kept between `compute` calls.
 */

import { Func, NO } from './func.js';
import { grow } from './growable.js';
import { OPCODES } from './opcodes.js';

const BRANCH = new Uint8Array(OPCODES.length);
for (const r of OPCODES) if (r.imm === 'jump' || r.imm === 'brif' || r.imm === 'br_table') BRANCH[r.id] = 1;

export class DomTree {
  /** reachable blocks in reverse postorder */
  rpo = new Int32Array(16);
  rpoCount = 0;
  /** per block: position in rpo, -1 if unreachable */
  rpoIndex = new Int32Array(16);
  /** per block: immediate dominator (the entry's is itself), -1 if unreachable */
  idom = new Int32Array(16);
  private pre = new Int32Array(16);
  private post = new Int32Array(16);
  private predStart = new Int32Array(17);
  private preds = new Int32Array(16);
  private stack = new Int32Array(32);
  private cursor = new Int32Array(16);

  compute(f: Func): void {
    const n = f.blockCount;
    this.rpoIndex = grow(this.rpoIndex, n);
    this.rpoIndex.fill(NO, 0, n);
    this.idom = grow(this.idom, n);
    this.idom.fill(NO, 0, n);
    this.pre = grow(this.pre, n);
    this.post = grow(this.post, n);
    this.rpoCount = 0;
    if (f.firstBlock === NO) return;
    this.postorder(f);
    this.predecessors(f);
    this.iterate();
    this.numberTree(n);
  }

  reachable(b: number): boolean {
    return (this.rpoIndex[b] as number) >= 0;
  }

  /** does block a dominate block b (every block dominates itself)? */
  dominates(a: number, b: number): boolean {
    if (!this.reachable(a) || !this.reachable(b)) return false;
    return (this.pre[a] as number) <= (this.pre[b] as number) && (this.post[b] as number) <= (this.post[a] as number);
  }

  /** block of the k-th block call of b's last instruction; -1 if not a placed block, -2 past the end */
  private succ(f: Func, b: number, k: number): number {
    const last = f.blockLast[b] as number;
    if (last === NO || BRANCH[f.instOp[last] as number] !== 1 || k >= (f.instImm1[last] as number)) return -2;
    const s = f.callBlock[(f.instImm0[last] as number) + k] as number;
    return s >= 0 && s < f.blockCount && f.blockPlaced[s] === 1 ? s : -1;
  }
  private forSuccs(f: Func, b: number, fn: (s: number) => void): void {
    for (let k = 0, s = 0; (s = this.succ(f, b, k)) !== -2; k++) if (s >= 0) fn(s);
  }

  /** iterative depth-first search from the entry; fills rpo and rpoIndex */
  private postorder(f: Func): void {
    const n = f.blockCount;
    this.rpo = grow(this.rpo, n);
    this.stack = grow(this.stack, n + 1);
    this.cursor = grow(this.cursor, n);
    const mark = this.rpoIndex; // -1 unvisited, -2 visited
    let sp = 0;
    let count = 0;
    mark[f.firstBlock] = -2;
    this.cursor[f.firstBlock] = 0;
    this.stack[sp++] = f.firstBlock;
    while (sp > 0) {
      const b = this.stack[sp - 1] as number;
      const k = this.cursor[b] as number;
      const s = this.succ(f, b, k);
      if (s === -2) {
        sp--;
        this.rpo[count++] = b;
        continue;
      }
      this.cursor[b] = k + 1;
      if (s >= 0 && mark[s] === NO) {
        mark[s] = -2;
        this.cursor[s] = 0;
        this.stack[sp++] = s;
      }
    }
    this.rpo.subarray(0, count).reverse();
    this.rpoCount = count;
    for (let i = 0; i < count; i++) this.rpoIndex[this.rpo[i] as number] = i;
  }

  /** predecessor lists (reachable edges only), compressed: preds[predStart[b] .. predStart[b+1]) */
  private predecessors(f: Func): void {
    const n = f.blockCount;
    this.predStart = grow(this.predStart, n + 1);
    this.predStart.fill(0, 0, n + 1);
    let edges = 0;
    for (let i = 0; i < this.rpoCount; i++) {
      this.forSuccs(f, this.rpo[i] as number, (s) => {
        this.predStart[s + 1] = (this.predStart[s + 1] as number) + 1;
        edges++;
      });
    }
    for (let b = 0; b < n; b++) this.predStart[b + 1] = (this.predStart[b + 1] as number) + (this.predStart[b] as number);
    this.preds = grow(this.preds, edges);
    const fill = this.cursor;
    fill.set(this.predStart.subarray(0, n));
    for (let i = 0; i < this.rpoCount; i++) {
      const p = this.rpo[i] as number;
      this.forSuccs(f, p, (s) => {
        this.preds[fill[s] as number] = p;
        fill[s] = (fill[s] as number) + 1;
      });
    }
  }

  private intersect(a: number, b: number): number {
    const idx = this.rpoIndex;
    while (a !== b) {
      while ((idx[a] as number) > (idx[b] as number)) a = this.idom[a] as number;
      while ((idx[b] as number) > (idx[a] as number)) b = this.idom[b] as number;
    }
    return a;
  }

  private iterate(): void {
    const entry = this.rpo[0] as number;
    this.idom[entry] = entry;
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 1; i < this.rpoCount; i++) {
        const b = this.rpo[i] as number;
        let nd = NO;
        for (let k = this.predStart[b] as number; k < (this.predStart[b + 1] as number); k++) {
          const p = this.preds[k] as number;
          if (this.idom[p] === NO) continue;
          nd = nd === NO ? p : this.intersect(p, nd);
        }
        if (nd !== this.idom[b]) {
          this.idom[b] = nd;
          changed = true;
        }
      }
    }
  }

  /** pre/post numbers of a depth-first walk of the dominator tree */
  private numberTree(n: number): void {
    // children lists, compressed, reusing predStart/preds
    const start = this.predStart;
    start.fill(0, 0, n + 1);
    for (let i = 1; i < this.rpoCount; i++) {
      const d = this.idom[this.rpo[i] as number] as number;
      start[d + 1] = (start[d + 1] as number) + 1;
    }
    for (let b = 0; b < n; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
    const kids = this.preds = grow(this.preds, this.rpoCount);
    const fill = this.cursor;
    fill.set(start.subarray(0, n));
    for (let i = 1; i < this.rpoCount; i++) {
      const b = this.rpo[i] as number;
      const d = this.idom[b] as number;
      kids[fill[d] as number] = b;
      fill[d] = (fill[d] as number) + 1;
    }
    // iterative DFS: cursor[b] = next child index
    fill.set(start.subarray(0, n));
    let clock = 0;
    let sp = 0;
    const entry = this.rpo[0] as number;
    this.stack[sp++] = entry;
    this.pre[entry] = clock++;
    while (sp > 0) {
      const b = this.stack[sp - 1] as number;
      const k = fill[b] as number;
      if (k < (start[b + 1] as number)) {
        fill[b] = k + 1;
        const c = kids[k] as number;
        this.pre[c] = clock++;
        this.stack[sp++] = c;
      } else {
        this.post[b] = clock++;
        sp--;
      }
    }
  }
}
