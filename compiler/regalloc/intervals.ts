/**
 * Live intervals in typed arrays. Interval v (< vregCount) is vreg v's whole lifetime before
 * allocation; splitting appends children. Each interval holds a contiguous segment of the
 * range pool (sorted, disjoint half-open [from, to) position ranges) and of the use pool (the
 * sorted positions where the value must be in a register), its location (a register, SPILLED,
 * or UNASSIGNED), a preferred register, and the next piece of the same vreg (pieces are kept
 * in position order, so a vreg's location at a position is found by walking its chain).
 *
 * Fixed ranges (FixedRanges) are the positions where a physical register is reserved: Fixed
 * uses and defs, and clobbers. They are never split or moved.
 */

import { grow } from '../ir/growable.js';
import { INF_POS } from './positions.js';

export const UNASSIGNED = -2;
export const SPILLED = -1;

export class IntervalStore {
  count = 0;
  vreg = new Int32Array(64);
  rStart = new Int32Array(64);
  rCount = new Int32Array(64);
  uStart = new Int32Array(64);
  uCount = new Int32Array(64);
  loc = new Int32Array(64);
  next = new Int32Array(64);
  hint = new Int32Array(64);
  /** scan cursor: index of the first range that ends after the scan position */
  cursor = new Int32Array(64);

  rangeLen = 0;
  rFrom = new Int32Array(256);
  rTo = new Int32Array(256);
  useLen = 0;
  usePos = new Int32Array(256);

  /** empty store with one (rangeless) interval per vreg */
  reset(vregCount: number): void {
    this.count = 0;
    this.rangeLen = 0;
    this.useLen = 0;
    this.ensure(vregCount);
    for (let v = 0; v < vregCount; v++) this.init(v, v);
    this.count = vregCount;
  }

  private ensure(n: number): void {
    if (n <= this.vreg.length) return;
    this.vreg = grow(this.vreg, n);
    this.rStart = grow(this.rStart, n);
    this.rCount = grow(this.rCount, n);
    this.uStart = grow(this.uStart, n);
    this.uCount = grow(this.uCount, n);
    this.loc = grow(this.loc, n);
    this.next = grow(this.next, n);
    this.hint = grow(this.hint, n);
    this.cursor = grow(this.cursor, n);
  }

  private init(iv: number, v: number): void {
    this.vreg[iv] = v;
    this.rStart[iv] = 0;
    this.rCount[iv] = 0;
    this.uStart[iv] = 0;
    this.uCount[iv] = 0;
    this.loc[iv] = UNASSIGNED;
    this.next[iv] = -1;
    this.hint[iv] = -1;
    this.cursor[iv] = 0;
  }

  /** room for `ranges` ranges and `uses` use positions in the pools */
  reservePools(ranges: number, uses: number): void {
    if (ranges > this.rFrom.length) {
      this.rFrom = grow(this.rFrom, ranges);
      this.rTo = grow(this.rTo, ranges);
    }
    if (uses > this.usePos.length) this.usePos = grow(this.usePos, uses);
  }

  pushRange(from: number, to: number): void {
    const k = this.rangeLen++;
    if (k >= this.rFrom.length) {
      this.rFrom = grow(this.rFrom, k + 1);
      this.rTo = grow(this.rTo, k + 1);
    }
    this.rFrom[k] = from;
    this.rTo[k] = to;
  }

  pushUse(pos: number): void {
    const k = this.useLen++;
    if (k >= this.usePos.length) this.usePos = grow(this.usePos, k + 1);
    this.usePos[k] = pos;
  }

  start(iv: number): number {
    return this.rFrom[this.rStart[iv]];
  }

  end(iv: number): number {
    return this.rTo[this.rStart[iv] + this.rCount[iv] - 1];
  }

  /** true when a range of iv contains pos */
  covers(iv: number, pos: number): boolean {
    const r0 = this.rStart[iv];
    const r1 = r0 + this.rCount[iv];
    for (let r = r0; r < r1; r++) {
      if (pos < this.rFrom[r]) return false;
      if (pos < this.rTo[r]) return true;
    }
    return false;
  }

  /** the last position < pos where iv needs a register, or -1 */
  prevUse(iv: number, pos: number): number {
    const up = this.usePos;
    const first = this.uStart[iv];
    let lo = first;
    let hi = lo + this.uCount[iv];
    // binary search for the first use >= pos; the one before it is the answer
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (up[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo > first ? up[lo - 1] : -1;
  }

  /** the first position >= pos where iv needs a register, or INF_POS */
  nextUse(iv: number, pos: number): number {
    const up = this.usePos;
    let lo = this.uStart[iv];
    let hi = lo + this.uCount[iv];
    // binary search for the first use >= pos in [lo, hi)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (up[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.uStart[iv] + this.uCount[iv] ? up[lo] : INF_POS;
  }

  /**
   * The first position where iv (from its scan cursor) and the ranges [b0, b1) of `from`/`to`
   * (the fixed pool or this pool) overlap, or INF_POS.
   */
  intersect(iv: number, bFrom: Int32Array, bTo: Int32Array, b0: number, b1: number): number {
    let a = this.cursor[iv];
    const a1 = this.rStart[iv] + this.rCount[iv];
    const aFrom = this.rFrom;
    const aTo = this.rTo;
    let b = b0;
    while (a < a1 && b < b1) {
      if (aTo[a] <= bFrom[b]) a++;
      else if (bTo[b] <= aFrom[a]) b++;
      else return aFrom[a] > bFrom[b] ? aFrom[a] : bFrom[b];
    }
    return INF_POS;
  }

  /** first overlap of two intervals from their scan cursors */
  intersectIntervals(a: number, b: number): number {
    const b0 = this.cursor[b];
    return this.intersect(a, this.rFrom, this.rTo, b0, this.rStart[b] + this.rCount[b]);
  }

  /**
   * The end of iv's first range (from its scan cursor) that ends after pos, or INF_POS: where
   * iv is next read in some way or dies for a while (a Reuse or Fixed use, which records no
   * register use, ends a range there).
   */
  rangeEndAfter(iv: number, pos: number): number {
    const end = this.rStart[iv] + this.rCount[iv];
    for (let c = this.cursor[iv]; c < end; c++) if (this.rTo[c] > pos) return this.rTo[c];
    return INF_POS;
  }

  /** move iv's cursor past the ranges that end at or before pos; false when iv has ended */
  advance(iv: number, pos: number): boolean {
    let c = this.cursor[iv];
    const end = this.rStart[iv] + this.rCount[iv];
    while (c < end && this.rTo[c] <= pos) c++;
    this.cursor[iv] = c;
    return c < end;
  }

  /** iv has not ended at pos (after advance): does its current range contain pos? */
  coversAtCursor(iv: number, pos: number): boolean {
    return this.rFrom[this.cursor[iv]] <= pos;
  }

  /**
   * Split iv at pos (start(iv) < pos < end(iv)): iv keeps the positions before pos, a new
   * child (returned) the rest; the child follows iv in the vreg's chain and inherits its hint.
   */
  split(iv: number, pos: number): number {
    const child = this.count++;
    this.ensure(this.count);
    this.init(child, this.vreg[iv]);
    const r0 = this.rStart[iv];
    const r1 = r0 + this.rCount[iv];
    let k = r0;
    while (this.rTo[k] <= pos) k++;
    if (this.rFrom[k] < pos) {
      const cs = this.rangeLen;
      this.pushRange(pos, this.rTo[k]);
      for (let r = k + 1; r < r1; r++) this.pushRange(this.rFrom[r], this.rTo[r]);
      this.rTo[k] = pos;
      this.rStart[child] = cs;
      this.rCount[child] = r1 - k;
      this.rCount[iv] = k - r0 + 1;
    } else {
      this.rStart[child] = k;
      this.rCount[child] = r1 - k;
      this.rCount[iv] = k - r0;
    }
    const u0 = this.uStart[iv];
    const u1 = u0 + this.uCount[iv];
    let u = u0;
    while (u < u1 && this.usePos[u] < pos) u++;
    this.uStart[child] = u;
    this.uCount[child] = u1 - u;
    this.uCount[iv] = u - u0;
    this.cursor[child] = this.rStart[child];
    if (this.cursor[iv] >= r0 + this.rCount[iv]) this.cursor[iv] = r0 + this.rCount[iv] - 1;
    this.next[child] = this.next[iv];
    this.next[iv] = child;
    this.hint[child] = this.hint[iv];
    return child;
  }

  /** the piece of vreg v whose lifetime includes pos (the last piece starting at or before it) */
  pieceAt(v: number, pos: number): number {
    let c = v;
    for (let n = this.next[c]; n >= 0 && this.start(n) <= pos; n = this.next[c]) c = n;
    return c;
  }

  /** pieces of the split vregs in chain order: vreg v's are [pieceFirst[v], pieceFirst[v+1]) */
  private pieceList = new Int32Array(64);
  private pieceStart = new Int32Array(64);
  private pieceFirst = new Int32Array(64);

  /** index the pieces of vregs 0..nv-1 for `locate` (once splitting is over) */
  indexPieces(nv: number): void {
    this.pieceFirst = grow(this.pieceFirst, nv + 1);
    this.pieceList = grow(this.pieceList, this.count);
    this.pieceStart = grow(this.pieceStart, this.count);
    let n = 0;
    for (let v = 0; v < nv; v++) {
      this.pieceFirst[v] = n;
      if (this.next[v] < 0) continue;
      for (let p = v; p >= 0; p = this.next[p]) {
        this.pieceList[n] = p;
        this.pieceStart[n++] = this.start(p);
      }
    }
    this.pieceFirst[nv] = n;
  }

  /** `pieceAt` by binary search, after `indexPieces` */
  locate(v: number, pos: number): number {
    if (this.next[v] < 0) return v;
    let lo = this.pieceFirst[v];
    let hi = this.pieceFirst[v + 1] - 1;
    // the last piece starting at or before pos (the first piece when none does)
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieceStart[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return this.pieceList[lo];
  }
}

/** reserved positions of each physical register: key = class * 32 + register */
export class FixedRanges {
  start = new Int32Array(64);
  count = new Int32Array(64);
  cursor = new Int32Array(64);
  len = 0;
  from = new Int32Array(256);
  to = new Int32Array(256);

  push(from: number, to: number): void {
    const k = this.len++;
    if (k >= this.from.length) {
      this.from = grow(this.from, k + 1);
      this.to = grow(this.to, k + 1);
    }
    this.from[k] = from;
    this.to[k] = to;
  }

  /** move key's cursor past ranges ending at or before pos; returns the cursor */
  advance(key: number, pos: number): number {
    let c = this.cursor[key];
    const end = this.start[key] + this.count[key];
    while (c < end && this.to[c] <= pos) c++;
    this.cursor[key] = c;
    return c;
  }
}
