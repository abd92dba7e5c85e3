/**
 * Spill slots. Every vreg with a spilled piece (other than a rematerialisable one, whose
 * spilled pieces live nowhere) gets one 8-byte slot for all its spilled pieces. Its slot
 * lifetime is [first spilled position, last spilled position); vregs whose slot lifetimes do
 * not overlap share a slot, assigned greedily in order of lifetime start, lowest free slot
 * first (interval-graph colouring, optimal for the lifetimes). This is sound because a value is
 * read from its slot only inside its spilled pieces, and any path into such a piece from a
 * point where another vreg wrote the slot passes a store of the value (a split or edge move).
 */

import { grow } from '../ir/growable.js';
import { RegClassId, type MachFunc } from './mach.js';
import { SPILLED, type IntervalStore } from './intervals.js';

export class SlotAssigner {
  vregSlot = new Int32Array(64);
  private lifeStart = new Int32Array(64);
  private lifeEnd = new Int32Array(64);
  private order = new Int32Array(64);
  private slotEnd = new Int32Array(16);
  private sortKeys = new Float64Array(64);

  /** assign slots; returns the number of slots used */
  assign(f: MachFunc, store: IntervalStore): number {
    const nv = f.vregCount;
    this.vregSlot = grow(this.vregSlot, nv);
    this.lifeStart = grow(this.lifeStart, nv);
    this.lifeEnd = grow(this.lifeEnd, nv);
    this.order = grow(this.order, nv);
    const ls = this.lifeStart;
    const le = this.lifeEnd;
    let n = 0;
    for (let v = 0; v < nv; v++) {
      this.vregSlot[v] = -1;
      if (f.vregRemat[v] >= 0 || store.rCount[v] === 0) continue;
      let lo = -1;
      let hi = -1;
      for (let p = v; p >= 0; p = store.next[p]) {
        if (store.loc[p] !== SPILLED) continue;
        if (lo < 0) lo = store.start(p);
        hi = store.end(p);
      }
      if (lo < 0) continue;
      ls[v] = lo;
      le[v] = hi;
      this.order[n++] = v;
    }
    // by (lifetime start, vreg): start * nv + v is exact (start < 2^31, nv < 2^22)
    if (nv >= 1 << 22) throw new Error('regalloc internal: too many vregs');
    const sk = (this.sortKeys = grow(this.sortKeys, n));
    for (let k = 0; k < n; k++) sk[k] = ls[this.order[k]] * nv + this.order[k];
    const sorted = sk.subarray(0, n).sort();
    for (let k = 0; k < n; k++) this.order[k] = sorted[k] % nv;
    let slots = 0;
    for (let k = 0; k < n; k++) {
      const v = this.order[k];
      if (f.wideFloat && f.vregClass[v] === RegClassId.Float) {
        let s = 0;
        while (s < slots && (this.slotEnd[s] > ls[v] || (s + 1 < slots && this.slotEnd[s + 1] > ls[v]))) s += 2;
        if (s + 2 > slots) {
          this.slotEnd = grow(this.slotEnd, s + 2);
          for (let k2 = slots; k2 < s + 2; k2++) this.slotEnd[k2] = 0;
          slots = s + 2;
        }
        this.slotEnd[s] = this.slotEnd[s + 1] = le[v];
        this.vregSlot[v] = s;
        continue;
      }
      let s = 0;
      while (s < slots && this.slotEnd[s] > ls[v]) s++;
      if (s === slots) {
        slots++;
        this.slotEnd = grow(this.slotEnd, slots);
      }
      this.slotEnd[s] = le[v];
      this.vregSlot[v] = s;
    }
    return slots;
  }
}
