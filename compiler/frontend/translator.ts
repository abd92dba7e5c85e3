/**
 * The translator's state for one function and the primitives every instruction handler uses:
 * the wasm value stack (SSA value numbers in an Int32Array), the current SSA value of each local,
 * the control stack (one typed-array column per field), and branching with SSA merging.
 *
 * SSA construction (docs/frontend.md "SSA"): locals are never stored; `cur[l]` is the value a
 * local holds at the current point. Every first assignment of a local since the innermost open
 * construct began is logged with the value it replaced (`setLocal`), so the log from a
 * construct's start lists every local assigned inside it, its first entry per local holding the
 * value on entry. A forward branch (to a block or if label) records an *edge*: its block call,
 * left unbound, and a snapshot of the values it carries (branch results, then the current value
 * of each logged local of the target). When the construct ends, all of its predecessors are
 * known: a slot whose value is the same on every edge needs no block param; only differing slots
 * become params, and the edges' calls are bound then. Locals not in the log kept their value.
 * Loop headers get params for the loop's own params and for the locals the loop assigns
 * (prescan.ts), so back edges bind at once. A construct whose only
 * predecessor is the fall-through opens no block at all. This is equivalent to Braun et al.
 * 2013 on wasm's structured control flow: no trivial params are created, so none are removed.
 *
 * Per instruction nothing is allocated: stacks, snapshots and edges are growable typed arrays
 * kept across functions.
 */

import type { Instr, Module } from '../../formats/wasm/types.js';
import { blockTypeOf, type BlockType, type ModuleInfo } from '../validate/module-info.js';
import { Builder } from '../ir/builder.js';
import { Func, NO } from '../ir/func.js';
import { grow } from '../ir/growable.js';
import { op } from '../ir/opcodes.js';
import type { Type } from '../ir/types.js';
import type { VmctxLayout } from '../vmctx.js';
import { LoopLocals } from './prescan.js';
import { refuse, SIMD_REASON } from './refuse.js';
import { irTypeOf } from './types.js';

const OP_INTERRUPT_CHECK = op('interrupt_check');

export interface FrontendOptions {
  /** 'explicit' (default): a heap_check before every access; 'none': leave bounds to guard pages */
  bounds?: 'explicit' | 'none';
  /** emit an `interrupt_check` at the function's entry and at every loop header (default false) */
  interrupts?: boolean;
}

/** control frame kinds */
export const Kind = { Block: 0, Loop: 1, If: 2, Func: 3 } as const;

/**
 * Snapshots cost (branch values + locals assigned in the target construct) words per forward
 * branch, so a function with both very many such assignments and very many forward branches is
 * refused rather than exhausting memory (2^25 words = 128 MiB; the largest function of
 * bench/corpus/corpus.wasm needs 7,130 in all).
 */
export const MAX_SNAPSHOT_WORDS = 1 << 25;

const JUMP = op('jump');
const BRIF = op('brif');
const BR_TABLE = op('br_table');
const RETURN = op('return');

export class Translator {
  readonly b: Builder;
  readonly f: Func;
  readonly loopLocals = new LoopLocals();

  // ---- the function ----
  m!: Module;
  info!: ModuleInfo;
  layout!: VmctxLayout;
  boundsExplicit = true;
  interrupts = false;

  /** the interrupt check at a function entry or loop header, when asked for */
  interruptCheck(): void {
    if (this.interrupts) this.b.emit(OP_INTERRUPT_CHECK, 0, 0, 0, 0);
  }
  funcIndex = 0;
  /** the vmctx param */
  vmctx = NO;
  /** the instruction being translated, and its index in the body */
  ins!: Instr;
  insIndex = 0;

  // ---- value stack ----
  stack = new Int32Array(64);
  sp = 0;

  // ---- locals ----
  nLocals = 0;
  cur = new Int32Array(16);
  localType = new Uint8Array(16);

  // ---- control stack (one column per field) ----
  depth = 0;
  cKind = new Uint8Array(16);
  /** loop: header block; if: the else block */
  cBlock = new Int32Array(16);
  /** stack height below the construct's params */
  cHeight = new Int32Array(16);
  cParams = new Int32Array(16);
  cResults = new Int32Array(16);
  /** the block type immediate */
  cType = new Int32Array(16);
  /** first pending edge (forward branches), NO when none */
  cEdges = new Int32Array(16);
  /** if: snapshot of the params on entry; loop: start of its assigned locals in loopVars */
  cSnap = new Int32Array(16);
  /** the instruction index at which the construct began */
  cTime = new Int32Array(16);
  /** the log length when the construct began */
  cLog = new Int32Array(16);
  /** if: 1 once `else` was seen; loop: number of assigned locals */
  cAux = new Int32Array(16);

  /** false after an unconditional branch until the construct ends */
  reachable = true;
  /** nesting depth of constructs skipped inside unreachable code */
  skip = 0;
  /** loops met so far (numbering shared with the pre-scan) */
  loopCount = 0;
  /** assigned locals of the open loops (slices named by cSnap / cAux) */
  loopVars = new Int32Array(16);
  loopVarsLen = 0;

  // ---- the assignment log ----
  /** instruction index of each local's last assignment (-1: none) */
  setTime = new Int32Array(16);
  logLocal = new Int32Array(64);
  logPrev = new Int32Array(64);
  logLen = 0;
  /** per local: the merge that last saw it (dedupes log entries while merging) */
  private seen = new Int32Array(16);
  private seenGen = 0;

  // ---- snapshots and edges ----
  snap = new Int32Array(256);
  snapLen = 0;
  edgeCall = new Int32Array(32);
  edgeSnap = new Int32Array(32);
  edgeNext = new Int32Array(32);
  /** the log length when the edge was taken */
  edgeLog = new Int32Array(32);
  /** the log position the edge's snapshot starts from */
  edgeFrom = new Int32Array(32);
  edgeCount = 0;
  private mergeVal = new Int32Array(16);
  private paramSlot = new Int32Array(16);

  /** IR signature of each wasm type index in this function, -1 before first use */
  sigOf = new Int32Array(16);

  constructor(store: Func = new Func()) {
    this.f = store;
    this.b = new Builder(store);
  }

  // ---- errors ----

  refuse(what: string, why: string): Error {
    return refuse(what, why, { funcIndex: this.funcIndex, offset: this.ins?.offset ?? -1, instrIndex: this.insIndex });
  }
  /** the IR type of wasm type t, refusing v128 for `what` */
  irType(t: number, what: string): Type {
    const ty = irTypeOf(t);
    if (ty === -1) throw this.refuse(what, SIMD_REASON);
    return ty;
  }

  // ---- value stack ----

  push(v: number): void {
    if (this.sp >= this.stack.length) this.stack = grow(this.stack, this.sp + 1);
    this.stack[this.sp++] = v;
  }
  pop(): number {
    return this.stack[--this.sp] as number;
  }
  /** the k-th value from the top (0 = top) */
  peek(k: number): number {
    return this.stack[this.sp - 1 - k] as number;
  }

  // ---- control stack ----

  blockType(a: number): BlockType {
    const bt = blockTypeOf(this.m, a);
    if (bt === undefined) throw this.refuse('a block type', `unknown block type ${a}`);
    return bt;
  }
  pushFrame(kind: number, block: number, type: number, params: number, results: number): number {
    const d = this.depth++;
    if (d >= this.cKind.length) {
      const n = d + 1;
      this.cKind = grow(this.cKind, n);
      this.cBlock = grow(this.cBlock, n);
      this.cHeight = grow(this.cHeight, n);
      this.cParams = grow(this.cParams, n);
      this.cResults = grow(this.cResults, n);
      this.cType = grow(this.cType, n);
      this.cEdges = grow(this.cEdges, n);
      this.cSnap = grow(this.cSnap, n);
      this.cAux = grow(this.cAux, n);
      this.cTime = grow(this.cTime, n);
      this.cLog = grow(this.cLog, n);
    }
    this.cKind[d] = kind;
    this.cBlock[d] = block;
    this.cHeight[d] = this.sp - params;
    this.cParams[d] = params;
    this.cResults[d] = results;
    this.cType[d] = type;
    this.cEdges[d] = NO;
    this.cSnap[d] = 0;
    this.cAux[d] = 0;
    this.cTime[d] = this.insIndex;
    this.cLog[d] = this.logLen;
    return d;
  }
  /** the frame a branch of relative depth `label` targets */
  frameOf(label: number): number {
    return this.depth - 1 - label;
  }
  /** number of values a branch to frame d carries */
  arity(d: number): number {
    return this.cKind[d] === Kind.Loop ? (this.cParams[d] as number) : (this.cResults[d] as number);
  }

  // ---- locals ----

  /** a new function with n locals: no merge has seen any */
  resetSeen(n: number): void {
    this.seen = grow(this.seen, n);
    this.seen.fill(0, 0, n);
    this.seenGen = 0;
  }

  /** assign value v to local l, logging the first assignment since the innermost construct began */
  setLocal(l: number, v: number): void {
    if ((this.setTime[l] as number) < (this.cTime[this.depth - 1] as number)) {
      const e = this.logLen++;
      if (e >= this.logLocal.length) {
        this.logLocal = grow(this.logLocal, e + 1);
        this.logPrev = grow(this.logPrev, e + 1);
      }
      this.logLocal[e] = l;
      this.logPrev[e] = this.cur[l] as number;
    }
    this.setTime[l] = this.insIndex;
    this.cur[l] = v;
  }
  /** undo every assignment logged since log position `from` (the locals get their values from then) */
  restoreLocals(from: number): void {
    for (let e = this.logLen - 1; e >= from; e--) this.cur[this.logLocal[e] as number] = this.logPrev[e] as number;
  }

  // ---- snapshots ----

  /**
   * Copy the top n stack values, then the current value of each local logged since position
   * `from` (one word per log entry); returns the snapshot's start.
   */
  snapshot(n: number, from: number): number {
    const start = this.snapLen;
    const len = n + this.logLen - from;
    if (start + len > MAX_SNAPSHOT_WORDS) {
      throw this.refuse('this function', `its assignments times its forward branches exceed the frontend's limit of ${MAX_SNAPSHOT_WORDS} snapshot words`);
    }
    if (start + len > this.snap.length) this.snap = grow(this.snap, start + len);
    this.snap.set(this.stack.subarray(this.sp - n, this.sp), start);
    for (let e = from, k = start + n; e < this.logLen; e++, k++) this.snap[k] = this.cur[this.logLocal[e] as number] as number;
    this.snapLen = start + len;
    return start;
  }

  // ---- terminators (block calls are bound by bindCall) ----

  /** append terminator `opcode` with `calls` block calls; returns the first call */
  terminator(opcode: number, operand: number, calls: number): number {
    const f = this.f;
    const i = f.newInst(opcode, 0, operand === NO ? 0 : 1);
    if (operand !== NO) f.setOperand(i, 0, operand);
    const first = f.newBlockCalls(calls);
    f.instImm0[i] = first;
    f.instImm1[i] = calls;
    f.appendInst(this.b.block, i);
    return first;
  }
  jumpCall(): number {
    return this.terminator(JUMP, NO, 1);
  }
  brifCalls(cond: number): number {
    return this.terminator(BRIF, cond, 2);
  }
  brTableCalls(index: number, n: number): number {
    return this.terminator(BR_TABLE, index, n);
  }
  /** `return` with the top n stack values */
  ret(n: number): void {
    const f = this.f;
    const i = f.newInst(RETURN, 0, n);
    for (let k = 0; k < n; k++) f.setOperand(i, k, this.stack[this.sp - n + k] as number);
    f.appendInst(this.b.block, i);
  }
  /** a new block at the end of the layout */
  newBlock(): number {
    const blk = this.f.newBlock();
    this.f.placeBlock(blk);
    return blk;
  }

  /**
   * Bind block call c as a branch to frame d, carrying the top arity(d) stack values.
   * `snap` is a snapshot shared by the calls of one terminator (-1: take one now), taken from
   * log position `from` (at most cLog[d]; -1: cLog[d]); returns the snapshot. A branch to the
   * function frame must not come here (it is a return).
   */
  bindCall(c: number, d: number, snap: number, from = -1): number {
    const kind = this.cKind[d];
    if (kind === Kind.Loop) {
      const n = this.cParams[d] as number;
      const start = this.cSnap[d] as number;
      const nv = this.cAux[d] as number;
      const f = this.f;
      f.setBlockCall(c, this.cBlock[d] as number, n + nv);
      for (let k = 0; k < n; k++) f.setCallArg(c, k, this.stack[this.sp - n + k] as number);
      for (let k = 0; k < nv; k++) f.setCallArg(c, n + k, this.cur[this.loopVars[start + k] as number] as number);
      return snap;
    }
    const origin = from >= 0 ? from : (this.cLog[d] as number);
    const s = snap >= 0 ? snap : this.snapshot(this.cResults[d] as number, origin);
    const e = this.edgeCount++;
    if (e >= this.edgeCall.length) {
      this.edgeCall = grow(this.edgeCall, e + 1);
      this.edgeSnap = grow(this.edgeSnap, e + 1);
      this.edgeNext = grow(this.edgeNext, e + 1);
      this.edgeLog = grow(this.edgeLog, e + 1);
      this.edgeFrom = grow(this.edgeFrom, e + 1);
    }
    this.edgeCall[e] = c;
    this.edgeSnap[e] = s;
    this.edgeLog[e] = this.logLen;
    this.edgeFrom[e] = origin;
    this.edgeNext[e] = this.cEdges[d] as number;
    this.cEdges[d] = e;
    return s;
  }

  /**
   * End a block or if frame d: merge its edges (the fall-through, when reachable, is one more)
   * into a new block, or continue in the current block when the fall-through is the only way in.
   * Leaves the results on the stack and the merged locals in `cur`.
   */
  merge(d: number): void {
    const height = this.cHeight[d] as number;
    const nRes = this.cResults[d] as number;
    if (this.cEdges[d] === NO) {
      if (!this.reachable) this.sp = height;
      return; // fall-through only (or no way in at all): nothing to merge
    }
    if (this.reachable) this.bindCall(this.jumpCall(), d, -1);
    const f = this.f;
    const end = this.newBlock();
    const logStart = this.cLog[d] as number;
    // slots: the results, then one per log entry of the construct (only a local's first counts)
    const nSlots = nRes + this.logLen - logStart;
    this.mergeVal = grow(this.mergeVal, nSlots);
    this.paramSlot = grow(this.paramSlot, nSlots);
    const gen = ++this.seenGen;
    const first = this.cEdges[d] as number;
    let nParams = 0;
    for (let s = 0; s < nSlots; s++) {
      const entry = s - nRes + logStart;
      if (s >= nRes) {
        const l = this.logLocal[entry] as number;
        if (this.seen[l] === gen) {
          this.mergeVal[s] = NO;
          continue;
        }
        this.seen[l] = gen;
      }
      const v = this.edgeValue(first, s, nRes, entry);
      let same = true;
      for (let e = this.edgeNext[first] as number; e !== NO; e = this.edgeNext[e] as number) {
        if (this.edgeValue(e, s, nRes, entry) !== v) {
          same = false;
          break;
        }
      }
      if (same) this.mergeVal[s] = v;
      else {
        this.mergeVal[s] = f.addBlockParam(end, f.valueType[v] as Type);
        this.paramSlot[nParams++] = s;
      }
    }
    for (let e = first; e !== NO; e = this.edgeNext[e] as number) {
      const c = this.edgeCall[e] as number;
      f.setBlockCall(c, end, nParams);
      for (let k = 0; k < nParams; k++) {
        const s = this.paramSlot[k] as number;
        f.setCallArg(c, k, this.edgeValue(e, s, nRes, s - nRes + logStart));
      }
    }
    this.b.switchTo(end);
    this.sp = height;
    for (let s = 0; s < nRes; s++) this.push(this.mergeVal[s] as number);
    for (let s = nRes; s < nSlots; s++) {
      const v = this.mergeVal[s] as number;
      if (v !== NO) this.cur[this.logLocal[s - nRes + logStart] as number] = v;
    }
    this.reachable = true;
  }

  /**
   * The value edge e carries in merge slot s: a result (s < nRes), or the local of log entry
   * `entry`, which the edge snapshotted if the entry existed when it was taken, and which
   * otherwise still had its value from before the construct (the entry's logged value).
   */
  private edgeValue(e: number, s: number, nRes: number, entry: number): number {
    const base = this.edgeSnap[e] as number;
    if (s < nRes) return this.snap[base + s] as number;
    if (entry < (this.edgeLog[e] as number)) return this.snap[base + nRes + entry - (this.edgeFrom[e] as number)] as number;
    return this.logPrev[entry] as number;
  }

  /** code after this point is unreachable until the current construct ends */
  unreachableNow(): void {
    this.reachable = false;
  }
}
