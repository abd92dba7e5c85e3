/**
 * Sequencing of the moves that happen at one program point "in parallel" (every source read
 * before any destination is written). Moves whose destination no pending move still reads go
 * first; what is left forms cycles, each broken by saving one source in the class's scratch
 * register. A slot-to-slot move goes through the scratch register, so the break is chosen so
 * that no other slot-to-slot move of the same class is left in the cycle while the scratch
 * register holds the saved value; a cycle with two or more such moves (only possible through
 * shared spill slots) saves its value in an extra stack slot instead. Rematerialisations come
 * last: they read no location, and their destinations may still be sources of moves.
 */

import { grow } from '../ir/growable.js';
import { Allocation, EditKind, isSlot, slotAlloc, slotOf, type RegClassId, type RegEnv } from './mach.js';

/** the extra slot used to break cycles of slot-to-slot moves, made on first need */
export interface SlotCounter {
  slots: number;
  emergency: number;
}

export class ParallelMove {
  n = 0;
  private cls = new Uint8Array(16);
  private src = new Int32Array(16);
  private dst = new Int32Array(16);
  /** instruction to rematerialise, or -1 for a move */
  private remat = new Int32Array(16);
  private done = new Uint8Array(16);
  private readers = new Int32Array(128);
  private cycle = new Int32Array(16);

  clear(): void {
    this.n = 0;
  }

  /** add a move; a move onto its own source is dropped */
  add(cls: number, src: number, dst: number): void {
    if (src === dst) return;
    this.push(cls, src, dst, -1);
  }

  addRemat(cls: number, inst: number, dst: number): void {
    this.push(cls, 0, dst, inst);
  }

  private push(cls: number, src: number, dst: number, remat: number): void {
    for (let k = 0; k < this.n; k++) {
      if (this.dst[k] === dst && keyOf(this.cls[k], dst) === keyOf(cls, dst)) {
        if (this.src[k] === src && this.remat[k] === remat) return;
        throw new Error(`regalloc internal: two moves into ${dst} at one point`);
      }
    }
    const k = this.n++;
    if (k >= this.cls.length) {
      this.cls = grow(this.cls, k + 1);
      this.src = grow(this.src, k + 1);
      this.dst = grow(this.dst, k + 1);
      this.remat = grow(this.remat, k + 1);
      this.done = grow(this.done, k + 1);
      this.cycle = grow(this.cycle, k + 1);
    }
    this.cls[k] = cls;
    this.src[k] = src;
    this.dst[k] = dst;
    this.remat[k] = remat;
    this.done[k] = 0;
  }

  /** append the sequenced moves to `out` at `point` */
  emit(point: number, env: RegEnv, out: Allocation, slots: SlotCounter): void {
    const n = this.n;
    if (n === 1) {
      // most groups hold one move: nothing to sequence
      if (this.remat[0] >= 0) this.emitRemat(point, env, out, 0);
      else this.move(point, env, out, this.cls[0], this.src[0], this.dst[0]);
      return;
    }
    let maxKey = 64;
    for (let k = 0; k < n; k++) {
      maxKey = Math.max(maxKey, keyOf(this.cls[k], this.src[k]), keyOf(this.cls[k], this.dst[k]));
    }
    this.readers = grow(this.readers, maxKey + 2);
    let pending = 0;
    for (let k = 0; k < n; k++) {
      this.readers[keyOf(this.cls[k], this.src[k])] = 0;
      this.readers[keyOf(this.cls[k], this.dst[k])] = 0;
    }
    for (let k = 0; k < n; k++) {
      if (this.remat[k] >= 0) continue;
      this.readers[keyOf(this.cls[k], this.src[k])]++;
      pending++;
    }
    while (pending > 0) {
      let progress = false;
      for (let k = 0; k < n; k++) {
        if (this.done[k] !== 0 || this.remat[k] >= 0) continue;
        if (this.readers[keyOf(this.cls[k], this.dst[k])] !== 0) continue;
        this.move(point, env, out, this.cls[k], this.src[k], this.dst[k]);
        this.done[k] = 1;
        this.readers[keyOf(this.cls[k], this.src[k])]--;
        pending--;
        progress = true;
      }
      if (!progress) this.breakCycle(point, env, out, slots);
    }
    for (let k = 0; k < n; k++) if (this.remat[k] >= 0) this.emitRemat(point, env, out, k);
  }

  private emitRemat(point: number, env: RegEnv, out: Allocation, k: number): void {
    const cls = this.cls[k] as RegClassId;
    if (isSlot(this.dst[k])) {
      out.addEdit(point, EditKind.Remat, cls, this.remat[k], env.scratch[cls]);
      out.addEdit(point, EditKind.Move, cls, env.scratch[cls], this.dst[k]);
    } else {
      out.addEdit(point, EditKind.Remat, cls, this.remat[k], this.dst[k]);
    }
  }

  private move(point: number, env: RegEnv, out: Allocation, c: number, src: number, dst: number): void {
    const cls = c as RegClassId;
    if (isSlot(src) && isSlot(dst)) {
      out.addEdit(point, EditKind.Move, cls, src, env.scratch[cls]);
      out.addEdit(point, EditKind.Move, cls, env.scratch[cls], dst);
    } else {
      out.addEdit(point, EditKind.Move, cls, src, dst);
    }
  }

  private isSlotToSlot(k: number): boolean {
    return isSlot(this.src[k]) && isSlot(this.dst[k]);
  }

  private breakCycle(point: number, env: RegEnv, out: Allocation, slots: SlotCounter): void {
    // collect the cycle through the first pending move
    let m0 = 0;
    while (this.done[m0] !== 0 || this.remat[m0] >= 0) m0++;
    let len = 0;
    let cur = m0;
    const ss = [0, 0];
    do {
      this.cycle[len++] = cur;
      if (this.isSlotToSlot(cur)) ss[this.cls[cur]]++;
      const want = keyOf(this.cls[cur], this.dst[cur]);
      let nxt = -1;
      for (let k = 0; k < this.n; k++) {
        if (this.done[k] === 0 && this.remat[k] < 0 && keyOf(this.cls[k], this.src[k]) === want) {
          nxt = k;
          break;
        }
      }
      if (nxt < 0) throw new Error('regalloc internal: parallel move without progress is not a cycle');
      cur = nxt;
    } while (cur !== m0);
    let pick = -1;
    for (let j = 0; j < len && pick < 0; j++) {
      const k = this.cycle[j];
      if (this.isSlotToSlot(k) && ss[this.cls[k]] === 1) pick = k;
    }
    for (let j = 0; j < len && pick < 0; j++) {
      const k = this.cycle[j];
      if (ss[this.cls[k]] === 0) pick = k;
    }
    const useSlot = pick < 0;
    if (useSlot) pick = m0;
    const cls = this.cls[pick] as RegClassId;
    const from = this.src[pick];
    this.readers[keyOf(cls, from)]--;
    if (!useSlot) {
      out.addEdit(point, EditKind.Move, cls, from, env.scratch[cls]);
      this.src[pick] = env.scratch[cls];
      return;
    }
    if (slots.emergency < 0) slots.emergency = slots.slots++;
    const temp = slotAlloc(slots.emergency);
    this.move(point, env, out, cls, from, temp);
    this.src[pick] = temp;
    this.readers = grow(this.readers, keyOf(cls, temp) + 1);
    this.readers[keyOf(cls, temp)] = 1;
  }
}

/** a location's number: class * 32 + register, or 64 + slot */
function keyOf(cls: number, a: number): number {
  return a >= 0 ? cls * 32 + a : 64 + slotOf(a);
}
