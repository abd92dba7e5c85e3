/**
 * The linear scan's active and inactive lists, one pair per register class (Wimmer and
 * Mössenböck 2005): active intervals cover the scan position and hold their register there;
 * inactive ones have a register but are in a lifetime hole at the scan position.
 *
 * Each entry caches the position at which its state next changes: an active entry's current
 * range end (then it ends or becomes inactive), an inactive entry's next range start (then it
 * becomes active). `update` looks at the store only for entries whose position has come, and
 * not at all before the smallest of them (`nextEvent`). The cache is a function of the store's
 * ranges and the entry's scan cursor, so whoever splits a listed interval calls `refresh`.
 * Entries keep their relative order (the scan's evictions, and so the numbering of the pieces
 * they split off, follow it).
 */

import { grow } from '../ir/growable.js';
import type { IntervalStore } from './intervals.js';
import { INF_POS } from './positions.js';

export class ScanLists {
  readonly active: [Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32)];
  readonly activeLen = [0, 0];
  readonly inactive: [Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32)];
  readonly inactiveLen = [0, 0];
  /** registers held by active intervals, per class */
  readonly activeRegs = [0, 0];
  private activeEv: [Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32)];
  /** inactive entries' next range start: nothing of the entry lies before it */
  readonly inactiveEv: [Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32)];
  /** per class: before this position no entry changes state */
  private nextEvent = [INF_POS, INF_POS];

  reset(): void {
    for (let c = 0; c < 2; c++) {
      this.activeLen[c] = 0;
      this.inactiveLen[c] = 0;
      this.activeRegs[c] = 0;
      this.nextEvent[c] = INF_POS;
    }
  }

  /** append iv, which covers the scan position and holds register `loc` */
  addActive(s: IntervalStore, cls: number, iv: number): void {
    const n = this.activeLen[cls]++;
    if (n >= this.active[cls].length) {
      this.active[cls] = grow(this.active[cls], n + 1);
      this.activeEv[cls] = grow(this.activeEv[cls], n + 1);
    }
    const ev = s.rTo[s.cursor[iv]];
    this.active[cls][n] = iv;
    this.activeEv[cls][n] = ev;
    this.activeRegs[cls] |= 1 << s.loc[iv];
    if (ev < this.nextEvent[cls]) this.nextEvent[cls] = ev;
  }

  private addInactive(cls: number, iv: number, ev: number): void {
    const n = this.inactiveLen[cls]++;
    if (n >= this.inactive[cls].length) {
      this.inactive[cls] = grow(this.inactive[cls], n + 1);
      this.inactiveEv[cls] = grow(this.inactiveEv[cls], n + 1);
    }
    this.inactive[cls][n] = iv;
    this.inactiveEv[cls][n] = ev;
    if (ev < this.nextEvent[cls]) this.nextEvent[cls] = ev;
  }

  /** bring the lists of cls to scan position pos (positions never go back) */
  update(s: IntervalStore, cls: number, pos: number): void {
    if (pos < this.nextEvent[cls]) return;
    let ev = INF_POS;
    let regs = 0;
    const act = this.active[cls];
    const actEv = this.activeEv[cls];
    const len = this.activeLen[cls];
    this.nextEvent[cls] = INF_POS;
    let n = 0;
    for (let k = 0; k < len; k++) {
      const it = act[k];
      let e = actEv[k];
      if (pos >= e) {
        if (!s.advance(it, pos)) continue;
        if (!s.coversAtCursor(it, pos)) {
          this.addInactive(cls, it, s.rFrom[s.cursor[it]]);
          continue;
        }
        e = s.rTo[s.cursor[it]];
      }
      act[n] = it;
      actEv[n++] = e;
      regs |= 1 << s.loc[it];
      if (e < ev) ev = e;
    }
    this.activeLen[cls] = n;
    this.activeRegs[cls] = regs;
    const inact = this.inactive[cls];
    const inactEv = this.inactiveEv[cls];
    let m = 0;
    for (let k = 0, kn = this.inactiveLen[cls]; k < kn; k++) {
      const it = inact[k];
      let e = inactEv[k];
      // (entries moved here by the loop above start after pos: they stay)
      if (pos >= e) {
        if (!s.advance(it, pos)) continue;
        if (s.coversAtCursor(it, pos)) {
          this.addActive(s, cls, it);
          continue;
        }
        e = s.rFrom[s.cursor[it]];
      }
      inact[m] = it;
      inactEv[m++] = e;
      if (e < ev) ev = e;
    }
    this.inactiveLen[cls] = m;
    if (ev < this.nextEvent[cls]) this.nextEvent[cls] = ev;
  }

  /** drop active entry iv (keeping the others' order) */
  removeActive(s: IntervalStore, cls: number, iv: number): void {
    const act = this.active[cls];
    const actEv = this.activeEv[cls];
    let n = 0;
    for (let k = 0, len = this.activeLen[cls]; k < len; k++) {
      if (act[k] === iv) continue;
      act[n] = act[k];
      actEv[n++] = actEv[k];
    }
    this.activeLen[cls] = n;
    let regs = 0;
    for (let k = 0; k < n; k++) regs |= 1 << s.loc[act[k]];
    this.activeRegs[cls] = regs;
  }

  /** listed intervals of cls were split: recompute the cached positions from the store */
  refresh(s: IntervalStore, cls: number): void {
    const act = this.active[cls];
    const actEv = this.activeEv[cls];
    for (let k = 0, n = this.activeLen[cls]; k < n; k++) actEv[k] = s.rTo[s.cursor[act[k]]];
    const inact = this.inactive[cls];
    const inactEv = this.inactiveEv[cls];
    for (let k = 0, n = this.inactiveLen[cls]; k < n; k++) inactEv[k] = s.rFrom[s.cursor[inact[k]]];
    this.nextEvent[cls] = 0;
  }
}
