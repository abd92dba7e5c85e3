/**
 * Builds the live intervals and fixed ranges of a MachFunc from block liveness, walking blocks
 * and instructions backwards (Wimmer and Franz, "Linear Scan Register Allocation on SSA Form",
 * CGO 2010, BuildIntervals): a vreg live out of a block covers the whole block, a def cuts its
 * range at the def, a use extends it back to the block start. Positions as in positions.ts:
 *
 * - Reg/Any use: the value covers U; a Reg use (and an Any use of a rematerialisable vreg,
 *   whose spill location is no location) records a use position that needs a register.
 * - Fixed use of R: the value covers only B (a move at B copies it into R); R is reserved at U.
 * - Reuse: the reused use behaves as a Fixed use whose register is the def's; the def covers
 *   [U, C) and [D, ...) (the hole at C lets it sit in a register the instruction clobbers).
 *   A Reuse of a Fixed use is a Fixed def of that register.
 * - Reg/Any def: starts at D. Fixed def of R: R reserved at D; the value starts at A (a move
 *   at A copies it out of R).
 * - EarlyDef: starts at U; a dead one covers [U, C) and [D, A). A Fixed one reserves R at U..D.
 * - Clobber of R: R reserved at C.
 *
 * Also gathers hints (preferred registers): a Fixed register the vreg is defined in or used
 * in, the source of a MOVE or of a Reuse, the arg of a block param (and back).
 */

import { grow } from '../ir/growable.js';
import { Constraint, InstFlag, OpKind, type MachFunc, type RegEnv } from './mach.js';
import type { Liveness } from './liveness.js';
import type { FixedRanges, IntervalStore } from './intervals.js';
import { POS_A, POS_C, POS_D, POS_U } from './positions.js';
import { regallocError } from './errors.js';

export class IntervalBuilder {
  private head = new Int32Array(64);
  private uHead = new Int32Array(64);
  private fHead = new Int32Array(64);
  private nLen = 0;
  private nFrom = new Int32Array(256);
  private nTo = new Int32Array(256);
  private nNext = new Int32Array(256);
  private uLen = 0;
  private uPos = new Int32Array(256);
  private uNext = new Int32Array(256);

  /** per operand: the register a Fixed operand (or a Reuse def of a Fixed use) is tied to, else -1 */
  opReg = new Int32Array(64);
  /** per operand: 1 when the Use is the input of a Reuse def (its register is the def's) */
  reuseSrc = new Uint8Array(64);
  /** per vreg hints */
  hintReg = new Int32Array(64);
  hintVreg = new Int32Array(64);
  hintPos = new Int32Array(64);

  build(f: MachFunc, env: RegEnv, live: Liveness, store: IntervalStore, fixed: FixedRanges): void {
    this.classifyAndHint(f, env);
    const nv = f.vregCount;
    this.head = grow(this.head, nv);
    this.uHead = grow(this.uHead, nv);
    this.head.fill(-1, 0, nv);
    this.uHead.fill(-1, 0, nv);
    this.fHead.fill(-1);
    this.nLen = 0;
    this.uLen = 0;
    for (let b = f.blockCount - 1; b >= 0; b--) this.buildBlock(f, live, b);
    this.finish(f, store, fixed);
  }

  private buildBlock(f: MachFunc, live: Liveness, b: number): void {
    const first = f.blockFirst[b];
    const end = f.blockEnd[b];
    const from = first * 8;
    const W = live.words;
    const base = b * W;
    for (let w = 0; w < W; w++) {
      let x = live.liveOut[base + w];
      while (x !== 0) {
        const bit = x & -x;
        x ^= bit;
        this.addRange(w * 32 + 31 - Math.clz32(bit), from, end * 8);
      }
    }
    const term = end - 1;
    for (let o = f.instOpStart[term]; o < f.instOpStart[term] + f.instOpCount[term]; o++) {
      if (f.opKind[o] !== OpKind.Use && live.isLiveOut(b, f.opVreg[o])) {
        throw regallocError(`terminator ${term} defines v${f.opVreg[o]}, which is live on its out-edges`);
      }
    }
    for (let i = end - 1; i >= first; i--) this.buildInst(f, i, from);
  }

  private buildInst(f: MachFunc, i: number, blockFrom: number): void {
    const o0 = f.instOpStart[i];
    const o1 = o0 + f.instOpCount[i];
    const p = i * 8;
    let earlyDefs = false;
    for (let o = o0; o < o1; o++) {
      const kind = f.opKind[o];
      if (kind === OpKind.EarlyDef) earlyDefs = true;
      if (kind !== OpKind.Def) continue;
      const v = f.opVreg[o];
      const reg = this.opReg[o];
      if (reg >= 0) {
        this.addFixed(f.vregClass[v] * 32 + reg, p + POS_D, p + POS_A);
        if (this.head[v] >= 0) this.defineAt(v, p + POS_A);
      } else if (f.opConstraint[o] === Constraint.Reuse) {
        this.defineAt(v, p + POS_D);
        this.addRange(v, p + POS_U, p + POS_C);
        this.addUse(v, p + POS_U);
      } else {
        this.defineAt(v, p + POS_D);
        if (f.opConstraint[o] === Constraint.Reg || f.vregRemat[v] >= 0) this.addUse(v, p + POS_D);
      }
    }
    let m0 = f.instClobber[0][i];
    let m1 = f.instClobber[1][i];
    while (m0 !== 0) {
      const bit = m0 & -m0;
      m0 ^= bit;
      this.addFixed(31 - Math.clz32(bit), p + POS_C, p + POS_D);
    }
    while (m1 !== 0) {
      const bit = m1 & -m1;
      m1 ^= bit;
      this.addFixed(32 + 31 - Math.clz32(bit), p + POS_C, p + POS_D);
    }
    for (let o = earlyDefs ? o0 : o1; o < o1; o++) {
      if (f.opKind[o] !== OpKind.EarlyDef) continue;
      const v = f.opVreg[o];
      const reg = this.opReg[o];
      if (reg >= 0) {
        this.addFixed(f.vregClass[v] * 32 + reg, p + POS_U, p + POS_A);
        if (this.head[v] >= 0) this.defineAt(v, p + POS_A);
        continue;
      }
      if (this.head[v] >= 0) {
        this.defineAt(v, p + POS_U);
      } else {
        this.defineAt(v, p + POS_D);
        this.addRange(v, p + POS_U, p + POS_C);
      }
      if (f.opConstraint[o] === Constraint.Reg || f.vregRemat[v] >= 0) this.addUse(v, p + POS_U);
    }
    for (let o = o0; o < o1; o++) {
      if (f.opKind[o] !== OpKind.Use) continue;
      const v = f.opVreg[o];
      const reg = this.opReg[o];
      if (reg >= 0) {
        this.addFixed(f.vregClass[v] * 32 + reg, p + POS_U, p + POS_C);
        this.addRange(v, blockFrom, p + POS_U);
      } else if (this.reuseSrc[o] !== 0) {
        this.addRange(v, blockFrom, p + POS_U);
      } else {
        this.addRange(v, blockFrom, p + POS_C);
        if (f.opConstraint[o] !== Constraint.Any || f.vregRemat[v] >= 0) this.addUse(v, p + POS_U);
      }
    }
  }

  private newNode(from: number, to: number, next: number): number {
    const n = this.nLen++;
    if (n >= this.nFrom.length) {
      this.nFrom = grow(this.nFrom, n + 1);
      this.nTo = grow(this.nTo, n + 1);
      this.nNext = grow(this.nNext, n + 1);
    }
    this.nFrom[n] = from;
    this.nTo[n] = to;
    this.nNext[n] = next;
    return n;
  }

  /** add [from, to) in front of v's ranges (ranges arrive in decreasing order) */
  private addRange(v: number, from: number, to: number): void {
    const h = this.head[v];
    if (h >= 0 && to >= this.nFrom[h]) {
      if (from < this.nFrom[h]) this.nFrom[h] = from;
      if (to > this.nTo[h]) this.nTo[h] = to;
    } else {
      this.head[v] = this.newNode(from, to, h);
    }
  }

  /** the def of v is at pos: cut its first range there, or give a dead def one position */
  private defineAt(v: number, pos: number): void {
    const h = this.head[v];
    if (h >= 0 && this.nFrom[h] <= pos && pos < this.nTo[h]) this.nFrom[h] = pos;
    else this.head[v] = this.newNode(pos, pos + 1, h);
  }

  private addFixed(key: number, from: number, to: number): void {
    const h = this.fHead[key];
    if (h >= 0 && to >= this.nFrom[h]) {
      if (from < this.nFrom[h]) this.nFrom[h] = from;
      if (to > this.nTo[h]) this.nTo[h] = to;
    } else {
      this.fHead[key] = this.newNode(from, to, h);
    }
  }

  private addUse(v: number, pos: number): void {
    const n = this.uLen++;
    if (n >= this.uPos.length) {
      this.uPos = grow(this.uPos, n + 1);
      this.uNext = grow(this.uNext, n + 1);
    }
    this.uPos[n] = pos;
    this.uNext[n] = this.uHead[v];
    this.uHead[v] = n;
  }

  /** lay each vreg's ranges and uses (and each register's fixed ranges) out contiguously */
  private finish(f: MachFunc, store: IntervalStore, fixed: FixedRanges): void {
    const nv = f.vregCount;
    store.reset(nv);
    store.reservePools(this.nLen, this.uLen);
    const { rStart, rCount, cursor, uStart, uCount, rFrom, rTo, usePos } = store;
    const { head, uHead, nFrom, nTo, nNext, uPos, uNext } = this;
    let rl = 0;
    let ul = 0;
    for (let v = 0; v < nv; v++) {
      rStart[v] = rl;
      cursor[v] = rl;
      for (let n = head[v]; n >= 0; n = nNext[n]) {
        rFrom[rl] = nFrom[n];
        rTo[rl++] = nTo[n];
      }
      rCount[v] = rl - rStart[v];
      uStart[v] = ul;
      for (let n = uHead[v]; n >= 0; n = uNext[n]) usePos[ul++] = uPos[n];
      uCount[v] = ul - uStart[v];
    }
    store.rangeLen = rl;
    store.useLen = ul;
    fixed.len = 0;
    for (let key = 0; key < 64; key++) {
      fixed.start[key] = fixed.len;
      for (let n = this.fHead[key]; n >= 0; n = nNext[n]) fixed.push(nFrom[n], nTo[n]);
      fixed.count[key] = fixed.len - fixed.start[key];
      fixed.cursor[key] = fixed.start[key];
    }
  }


  /**
   * One forward pass over the instructions: each operand's tied register (`opReg`) and Reuse
   * inputs (`reuseSrc`), then the hints: a Fixed register the vreg is defined or used in, the
   * input of a Reuse or a MOVE, the arg of a block param on its first edge (and back).
   */
  private classifyAndHint(f: MachFunc, env: RegEnv): void {
    const nv = f.vregCount;
    const opReg = (this.opReg = grow(this.opReg, f.opCount));
    const reuseSrc = (this.reuseSrc = grow(this.reuseSrc, f.opCount));
    this.hintReg = grow(this.hintReg, nv);
    this.hintVreg = grow(this.hintVreg, nv);
    this.hintPos = grow(this.hintPos, nv);
    const hintReg = this.hintReg;
    hintReg.fill(-1, 0, nv);
    this.hintVreg.fill(-1, 0, nv);
    const mask0 = maskOf(env.allocatable[0]);
    const mask1 = maskOf(env.allocatable[1]);
    const opConstraint = f.opConstraint;
    const opFixed = f.opFixed;
    const opVreg = f.opVreg;
    for (let i = 0; i < f.instCount; i++) {
      const o0 = f.instOpStart[i];
      const o1 = o0 + f.instOpCount[i];
      let reuses = false;
      for (let o = o0; o < o1; o++) {
        const c = opConstraint[o];
        opReg[o] = c === Constraint.Fixed ? opFixed[o] : -1;
        reuseSrc[o] = 0;
        if (c === Constraint.Reuse) reuses = true;
      }
      if (reuses) {
        for (let o = o0; o < o1; o++) {
          if (opConstraint[o] !== Constraint.Reuse) continue;
          const src = o0 + opFixed[o];
          if (opConstraint[src] === Constraint.Fixed) opReg[o] = opFixed[src];
          else reuseSrc[src] = 1;
        }
      }
      for (let o = o0; o < o1; o++) {
        const v = opVreg[o];
        const reg = opReg[o];
        if (reg >= 0 && hintReg[v] < 0 && (((f.vregClass[v] === 0 ? mask0 : mask1) >>> reg) & 1) !== 0) hintReg[v] = reg;
        if (reuses && opConstraint[o] === Constraint.Reuse && reg < 0) this.hintFrom(v, opVreg[o0 + opFixed[o]], i * 8);
      }
      if ((f.instFlags[i] & InstFlag.MOVE) !== 0 && o1 - o0 === 2) {
        const d = f.opKind[o0] === OpKind.Use ? o0 + 1 : o0;
        const u = d === o0 ? o0 + 1 : o0;
        this.hintFrom(opVreg[d], opVreg[u], i * 8 + POS_U);
      }
    }
    for (let b = 0; b < f.blockCount; b++) {
      const term = f.blockEnd[b] - 1;
      for (let e = f.blockSuccStart[b]; e < f.blockSuccStart[b] + f.blockSuccCount[b]; e++) {
        const s = f.edgeTarget[e];
        for (let k = 0; k < f.edgeArgCount[e]; k++) {
          const a = f.edgeArgPool[f.edgeArgStart[e] + k];
          const prm = f.paramPool[f.blockParamStart[s] + k];
          this.hintFrom(prm, a, term * 8);
          this.hintFrom(a, prm, f.blockFirst[s] * 8);
        }
      }
    }
  }

  private hintFrom(v: number, src: number, pos: number): void {
    if (this.hintVreg[v] >= 0 || this.hintReg[v] >= 0 || v === src) return;
    this.hintVreg[v] = src;
    this.hintPos[v] = pos;
  }
}

export function maskOf(regs: readonly number[]): number {
  let m = 0;
  for (const r of regs) m |= 1 << r;
  return m;
}
