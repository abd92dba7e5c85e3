/**
 * Linear scan with interval splitting over the intervals of build.ts: Wimmer and Mössenböck,
 * "Optimized Interval Splitting in a Linear Scan Register Allocator" (VEE 2005), as used on
 * SSA form by Wimmer and Franz (CGO 2010). Intervals are taken in order of start position;
 * `tryAllocateFree` gives the interval a register free for all of it (the hint first, then
 * the env's preference order) or for a prefix (splitting off the rest); otherwise
 * `allocateBlocked` either spills the interval up to its next use that needs a register, or
 * takes the register whose next use is farthest away and spills the intervals in it from the
 * current position. Fixed ranges (calls' clobbers, Fixed operands) block registers; a piece
 * that would collide with one is split before it. Splits happen only at legal positions
 * (positions.ts), and a spilled piece never contains a position where its value must be in a
 * register. Where a split falls inside a loop, it moves to the start of the outermost loop
 * header that the piece does not need a register in (Wimmer and Mössenböck's optimised split
 * positions): a value evicted inside a loop it does not use is stored once before the loop
 * instead of being stored and reloaded on every iteration, and a value reloaded for a use in
 * a loop is reloaded before the loop when a register is free there.
 */

import { grow } from '../ir/growable.js';
import type { MachFunc, RegEnv } from './mach.js';
import { FixedRanges, IntervalStore, SPILLED } from './intervals.js';
import { ScanLists } from './lists.js';
import { INF_POS, instOf, splitPosAtOrBefore } from './positions.js';
import { regallocError } from './errors.js';
import type { IntervalBuilder } from './build.js';
import type { LayoutLoops } from './loops.js';
import { MAX_REGS } from './validate.js';

export class LinearScan {
  /** the vreg intervals in order of (start, number), by a counting sort; `queuePos` is the next */
  private queue = new Int32Array(64);
  private queueLen = 0;
  private queuePos = 0;
  private bucket = new Int32Array(64);
  /** pieces made by splitting wait in a binary heap on (start, number); heapStart caches start */
  private heap = new Int32Array(64);
  private heapStart = new Int32Array(64);
  private heapLen = 0;
  /** the env's allocatable registers per class, in its order, and as a mask */
  private regs: [Int32Array, Int32Array] = [new Int32Array(MAX_REGS), new Int32Array(MAX_REGS)];
  private regCount = [0, 0];
  private regMask = [0, 0];
  private regsOf: RegEnv | null = null;
  private lists = new ScanLists();
  private free = new Int32Array(MAX_REGS);
  private use = new Int32Array(MAX_REGS);
  private block = new Int32Array(MAX_REGS);

  private s!: IntervalStore;
  private fx!: FixedRanges;
  private hints!: IntervalBuilder;
  private isTerm!: Uint8Array;
  private loops!: LayoutLoops;
  private f!: MachFunc;
  private env!: RegEnv;

  /** pieces created by splitting, and pieces given a spill location, in the last run */
  splits = 0;
  spills = 0;

  run(f: MachFunc, env: RegEnv, store: IntervalStore, fixed: FixedRanges, hints: IntervalBuilder, isTerm: Uint8Array, loops: LayoutLoops): void {
    this.f = f;
    this.loops = loops;
    this.env = env;
    this.s = store;
    this.fx = fixed;
    this.hints = hints;
    this.isTerm = isTerm;
    this.splits = 0;
    this.spills = 0;
    this.heapLen = 0;
    this.lists.reset();
    if (this.regsOf !== env) this.takeRegs(env);
    this.sortQueue(f.vregCount, f.instCount);
    for (;;) {
      const cur = this.next();
      if (cur < 0) break;
      const pos = store.start(cur);
      const cls = f.vregClass[store.vreg[cur]];
      this.lists.update(store, cls, pos);
      if (!this.tryAllocateFree(cur, cls, pos)) this.allocateBlocked(cur, cls, pos);
      if (store.loc[cur] >= 0) this.lists.addActive(store, cls, cur);
    }
  }

  private takeRegs(env: RegEnv): void {
    for (let c = 0; c < 2; c++) {
      const list = env.allocatable[c as 0 | 1];
      let mask = 0;
      for (let k = 0; k < list.length; k++) {
        this.regs[c]![k] = list[k]!;
        mask |= 1 << list[k]!;
      }
      this.regCount[c] = list.length;
      this.regMask[c] = mask;
    }
    this.regsOf = env;
  }

  // ---- the unhandled queue: the vreg intervals sorted once, split pieces in a heap

  /**
   * The vreg intervals with ranges by (start position, number): a counting sort by start
   * instruction, then an insertion sort on the start position, which moves only intervals of
   * one instruction past each other and keeps equal starts in number order.
   */
  private sortQueue(nv: number, insts: number): void {
    const s = this.s;
    const { rStart, rCount, rFrom } = s;
    const bucket = (this.bucket = grow(this.bucket, insts + 1));
    bucket.fill(0, 0, insts + 1);
    let n = 0;
    for (let v = 0; v < nv; v++) {
      if (rCount[v] === 0) continue;
      bucket[(rFrom[rStart[v]] >> 3) + 1]++;
      n++;
    }
    for (let i = 0; i < insts; i++) bucket[i + 1] += bucket[i];
    const queue = (this.queue = grow(this.queue, n));
    for (let v = 0; v < nv; v++) {
      if (rCount[v] === 0) continue;
      queue[bucket[rFrom[rStart[v]] >> 3]++] = v;
    }
    for (let k = 1; k < n; k++) {
      const v = queue[k];
      const sv = rFrom[rStart[v]];
      let j = k - 1;
      while (j >= 0 && rFrom[rStart[queue[j]]] > sv) {
        queue[j + 1] = queue[j];
        j--;
      }
      queue[j + 1] = v;
    }
    this.queueLen = n;
    this.queuePos = 0;
  }

  /** the next interval by (start, number), or -1 when none is left */
  private next(): number {
    const q = this.queuePos < this.queueLen ? this.queue[this.queuePos] : -1;
    if (this.heapLen === 0) {
      this.queuePos++;
      return q;
    }
    if (q >= 0) {
      const sq = this.s.start(q);
      const sh = this.heapStart[0];
      if (sq < sh || (sq === sh && q < this.heap[0])) {
        this.queuePos++;
        return q;
      }
    }
    return this.pop();
  }

  private push(iv: number): void {
    const st = this.s.start(iv);
    this.heap = grow(this.heap, this.heapLen + 1);
    this.heapStart = grow(this.heapStart, this.heapLen + 1);
    const heap = this.heap;
    const hs = this.heapStart;
    let k = this.heapLen++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const ps = hs[parent];
      if (st > ps || (st === ps && iv > heap[parent])) break;
      heap[k] = heap[parent];
      hs[k] = ps;
      k = parent;
    }
    heap[k] = iv;
    hs[k] = st;
  }

  private pop(): number {
    const heap = this.heap;
    const hs = this.heapStart;
    const top = heap[0];
    const n = --this.heapLen;
    const last = heap[n];
    const ls = hs[n];
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && (hs[c + 1] < hs[c] || (hs[c + 1] === hs[c] && heap[c + 1] < heap[c]))) c++;
      if (ls < hs[c] || (ls === hs[c] && last < heap[c])) break;
      heap[k] = heap[c];
      hs[k] = hs[c];
      k = c;
    }
    if (n > 0) {
      heap[k] = last;
      hs[k] = ls;
    }
    return top;
  }

  // ---- allocation

  private hintFor(iv: number): number {
    const s = this.s;
    if (s.hint[iv] >= 0) return s.hint[iv];
    const v = s.vreg[iv];
    if (iv !== v) return -1;
    const h = this.hints;
    if (h.hintReg[v] >= 0) return h.hintReg[v];
    const src = h.hintVreg[v];
    if (src < 0 || s.rCount[src] === 0) return -1;
    const piece = s.pieceAt(src, h.hintPos[v]);
    return s.loc[piece] >= 0 ? s.loc[piece] : -1;
  }

  /**
   * fixed ranges: the first position where register r of cls is reserved during cur (which
   * ends at `end`), or INF_POS
   */
  private fixedIntersect(cls: number, r: number, cur: number, pos: number, end: number): number {
    const key = cls * 32 + r;
    const fx = this.fx;
    const last = fx.start[key] + fx.count[key];
    if (last === fx.start[key]) return INF_POS;
    const c = fx.advance(key, pos);
    if (c >= last || fx.from[c] >= end) return INF_POS;
    return this.s.intersect(cur, fx.from, fx.to, c, last);
  }

  /** the first overlap of cur (ending at `end`) with inactive interval it, or INF_POS */
  private inactiveIntersect(cur: number, it: number, end: number): number {
    const s = this.s;
    // it's ranges from its cursor on start at or after end: no overlap
    if (s.rFrom[s.cursor[it]] >= end) return INF_POS;
    return s.intersectIntervals(cur, it);
  }

  /**
   * A register free for the whole of cur: the hint if it is, else the first such register in
   * the env's order, or -1. (The same choice as the free-until figures of `tryAllocateFree`
   * would make, without computing them for every register: most intervals are short and the
   * first candidate is free.)
   */
  private freeWhole(cur: number, cls: number, pos: number, end: number, hint: number): number {
    const s = this.s;
    const L = this.lists;
    let busy = L.activeRegs[cls];
    const inact = L.inactive[cls];
    const inactEv = L.inactiveEv[cls];
    for (let k = 0, n = L.inactiveLen[cls]; k < n; k++) {
      // an entry whose next range starts at or after cur's end cannot overlap it
      if (inactEv[k] >= end) continue;
      const it = inact[k];
      const bit = 1 << s.loc[it];
      if ((busy & bit) === 0 && s.intersectIntervals(cur, it) < INF_POS) busy |= bit;
    }
    if (hint >= 0 && ((this.regMask[cls] >>> hint) & 1) !== 0 && ((busy >>> hint) & 1) === 0) {
      if (this.fixedIntersect(cls, hint, cur, pos, end) >= INF_POS) return hint;
      busy |= 1 << hint;
    }
    const regs = this.regs[cls];
    for (let k = 0, nr = this.regCount[cls]; k < nr; k++) {
      const r = regs[k];
      if (((busy >>> r) & 1) === 0 && this.fixedIntersect(cls, r, cur, pos, end) >= INF_POS) return r;
    }
    return -1;
  }

  private tryAllocateFree(cur: number, cls: number, pos: number): boolean {
    const s = this.s;
    const end = s.end(cur);
    const hint = this.hintFor(cur);
    let best = this.freeWhole(cur, cls, pos, end, hint);
    if (best >= 0) {
      s.loc[cur] = best;
      return true;
    }
    // no register is free for all of cur: how long is each free?
    const regs = this.regs[cls];
    const nr = this.regCount[cls];
    const free = this.free;
    for (let k = 0; k < nr; k++) free[regs[k]] = INF_POS;
    const L = this.lists;
    const act = L.active[cls];
    for (let k = 0, n = L.activeLen[cls]; k < n; k++) free[s.loc[act[k]]] = pos;
    const inact = L.inactive[cls];
    for (let k = 0, n = L.inactiveLen[cls]; k < n; k++) {
      const it = inact[k];
      const r = s.loc[it];
      if (free[r] <= pos) continue;
      const x = this.inactiveIntersect(cur, it, end);
      if (x < free[r]) free[r] = x;
    }
    for (let k = 0; k < nr; k++) {
      const r = regs[k];
      if (free[r] <= pos) continue;
      const x = this.fixedIntersect(cls, r, cur, pos, end);
      if (x < free[r]) free[r] = x;
    }
    let bestLim = pos;
    for (let k = 0; k < nr; k++) {
      const r = regs[k];
      const lim = splitPosAtOrBefore(free[r], this.isTerm);
      if (lim > bestLim || (lim === bestLim && lim > pos && r === hint)) {
        best = r;
        bestLim = lim;
      }
    }
    if (best < 0) return false;
    // inside a loop, a register free for only a prefix would make cur's rest be spilled and
    // reloaded on every iteration: evicting a value with a later use (allocateBlocked) is better
    if (this.loops.inLoop(instOf(bestLim)) && s.nextUse(cur, bestLim) < INF_POS) return false;
    s.loc[cur] = best;
    const child = this.splitAt(cur, bestLim);
    s.hint[child] = best;
    this.push(child);
    return true;
  }

  private allocateBlocked(cur: number, cls: number, pos: number): void {
    const s = this.s;
    const regs = this.regs[cls];
    const nr = this.regCount[cls];
    const use = this.use;
    const block = this.block;
    for (let k = 0; k < nr; k++) {
      use[regs[k]] = INF_POS;
      block[regs[k]] = INF_POS;
    }
    const sp = splitPosAtOrBefore(pos, this.isTerm);
    const L = this.lists;
    const act = L.active[cls];
    for (let k = 0, n = L.activeLen[cls]; k < n; k++) {
      const it = act[k];
      const r = s.loc[it];
      // a piece that began within this instruction can only be spilled whole, and only when
      // it does not need its register right at its start
      const st = s.start(it);
      const from = st >= sp ? st : sp;
      const u = s.nextUse(it, from);
      if (st >= sp && splitPosAtOrBefore(u, this.isTerm) <= st) use[r] = -1;
      else {
        const soon = this.busyUntil(it, from, u);
        if (soon < use[r]) use[r] = soon;
      }
    }
    const end = s.end(cur);
    const inact = L.inactive[cls];
    for (let k = 0, n = L.inactiveLen[cls]; k < n; k++) {
      const it = inact[k];
      const r = s.loc[it];
      if (this.inactiveIntersect(cur, it, end) >= INF_POS) continue;
      const u = this.busyUntil(it, pos, s.nextUse(it, pos));
      if (u < use[r]) use[r] = u;
    }
    for (let k = 0; k < nr; k++) {
      const r = regs[k];
      const x = this.fixedIntersect(cls, r, cur, pos, end);
      block[r] = x;
      if (x < use[r]) use[r] = x;
      if (x < end && splitPosAtOrBefore(x, this.isTerm) <= pos) use[r] = -1;
    }
    const hint = this.hintFor(cur);
    let reg = -1;
    let best = -1;
    for (let k = 0; k < nr; k++) {
      const r = regs[k];
      if (use[r] > best || (use[r] === best && r === hint && best >= 0)) {
        best = use[r];
        reg = r;
      }
    }
    const first = s.nextUse(cur, pos);
    // cur is read soon by a copy (a Reuse or Fixed use) even when it has no register use
    const soft = Math.min(first, s.rangeEndAfter(cur, pos));
    if (first >= INF_POS && best <= soft) {
      this.spill(cur);
      return;
    }
    if (first < INF_POS && best <= soft) {
      const at = splitPosAtOrBefore(first, this.isTerm);
      if (at <= pos) {
        const v = s.vreg[cur];
        throw regallocError(
          `no ${cls === 0 ? 'integer' : 'float'} register for v${v} at instruction ${instOf(first)}: more values need a register there than there are registers`,
        );
      }
      const child = this.splitAt(cur, this.reloadAt(cur, at, pos));
      this.spill(cur);
      this.push(child);
      return;
    }
    s.loc[cur] = reg;
    if (block[reg] < end) {
      const child = this.splitAt(cur, splitPosAtOrBefore(block[reg], this.isTerm));
      this.push(child);
    }
    this.evict(cls, reg, cur, pos, sp);
  }

  /**
   * How soon interval it (holding a register at `from`, next register use `u`) is needed:
   * its next register use, or sooner the end of its current range (a Reuse or Fixed use is a
   * copy out of it there), or sooner the end of the enclosing loop when it is used earlier in
   * the loop and still live at its end (the next iteration reads it again).
   */
  private busyUntil(it: number, from: number, u: number): number {
    const s = this.s;
    const soon = Math.min(u, s.rangeEndAfter(it, from));
    const l = this.loops.innermost(instOf(from));
    if (l < 0) return soon;
    const endPos = this.loops.endOf(l) * 8;
    if (soon <= endPos) return soon;
    const startPos = this.loops.startOf(l) * 8;
    const readInLoop = s.start(it) >= startPos || s.prevUse(it, from) >= startPos;
    return readInLoop && s.covers(it, endPos - 1) ? endPos : soon;
  }

  /** take reg from the intervals that hold it where cur needs it */
  private evict(cls: number, reg: number, cur: number, pos: number, sp: number): void {
    const s = this.s;
    const L = this.lists;
    const act = L.active[cls];
    for (let k = 0; k < L.activeLen[cls]; k++) {
      const it = act[k];
      if (s.loc[it] !== reg) continue;
      L.removeActive(s, cls, it);
      k--;
      if (s.start(it) < sp) this.spillFrom(it, sp, reg, pos);
      else this.spillWhole(it);
    }
    const inact = L.inactive[cls];
    for (let k = 0; k < L.inactiveLen[cls]; k++) {
      const it = inact[k];
      if (s.loc[it] !== reg) continue;
      const x = this.inactiveIntersect(cur, it, s.end(cur));
      if (x >= INF_POS) continue;
      // it is in a lifetime hole at pos, so it started before pos and the split is inside it
      this.spillFrom(it, Math.max(pos, splitPosAtOrBefore(x, this.isTerm)), reg, pos);
    }
    L.refresh(s, cls);
  }

  /**
   * it keeps its register before `at` (or before the start of the outermost loop around `at`
   * that it needs no register in); from there it is spilled until its next register use. The
   * scan is at `pos`.
   */
  private spillFrom(it: number, at: number, reg: number, pos: number): void {
    const s = this.s;
    if (at >= s.end(it)) return;
    const h = this.loops.outermostHeaderAfter(instOf(at), Math.max(s.start(it), s.prevUse(it, at)));
    if (h >= 0 && h * 8 < at) at = h * 8;
    const tail = this.splitAt(it, at);
    s.hint[tail] = reg;
    const nu = s.nextUse(tail, at);
    if (nu >= INF_POS) {
      this.spill(tail);
      return;
    }
    const at2 = this.reloadAt(tail, splitPosAtOrBefore(nu, this.isTerm), pos);
    if (at2 <= s.start(tail)) {
      this.push(tail);
      return;
    }
    const t2 = this.splitAt(tail, at2);
    this.spill(tail);
    this.push(t2);
  }

  /**
   * Where the spilled piece iv should end so that its next register use (split position `at`)
   * has its value back: `at`, or the start of the outermost loop around `at` that begins after
   * both iv's start and the scan position `pos`.
   */
  private reloadAt(iv: number, at: number, pos: number): number {
    const h = this.loops.outermostHeaderAfter(instOf(at), Math.max(this.s.start(iv), pos));
    return h >= 0 && h * 8 < at ? h * 8 : at;
  }

  /** spill a whole piece up to its first register use (where the rest goes back in the queue) */
  private spillWhole(it: number): void {
    const s = this.s;
    const nu = s.nextUse(it, s.start(it));
    if (nu < INF_POS) this.push(this.splitAt(it, splitPosAtOrBefore(nu, this.isTerm)));
    this.spill(it);
  }

  private spill(iv: number): void {
    this.s.loc[iv] = SPILLED;
    this.spills++;
  }

  private splitAt(iv: number, pos: number): number {
    this.splits++;
    return this.s.split(iv, pos);
  }
}
