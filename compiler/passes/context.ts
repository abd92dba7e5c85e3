/**
 * Scratch state shared by the optimisation passes, kept from one function to the next so a
 * pass allocates nothing per instruction and, once the arrays have grown to the largest
 * function seen, nothing per function either (design.md, "Compile speed").
 *
 * Requires: nothing. Each pass sizes the arrays it uses with `sized` and must not assume any
 * content left by another pass, except where a pass documents that it computed something
 * (the dominator tree and the predecessor lists are recomputed by whoever needs them).
 */

import { DomTree } from '../ir/dominators.js';
import type { Func } from '../ir/func.js';
import { grow } from '../ir/growable.js';

export class PassContext {
  readonly dom = new DomTree();
  /** per value: number of uses (operands and block-call args) in placed blocks */
  useCount = new Int32Array(64);
  /** per value: the value that replaces it, or -1 */
  alias = new Int32Array(64);
  /** per value: a mark (liveness, constness, loop invariance: each pass says) */
  valueMark = new Int32Array(64);
  /** per instruction: a mark */
  instMark = new Int32Array(64);
  /** per block: a mark */
  blockMark = new Int32Array(16);
  /** a worklist of numbers */
  work = new Int32Array(64);
  /** block calls targeting each block, compressed: callsTo[callsStart[b] .. callsStart[b + 1]) */
  callsStart = new Int32Array(17);
  callsTo = new Int32Array(16);
  /** predecessor blocks (one per incoming block call), compressed like callsTo */
  predStart = new Int32Array(17);
  preds = new Int32Array(16);
  /** GVN's hash table of instruction numbers */
  table = new Int32Array(256);
  /** a second block-sized scratch array */
  blockAux = new Int32Array(16);

  /** grow every per-value, per-instruction and per-block array to fit `f` */
  fit(f: Func): void {
    const v = f.valueCount + 1;
    this.useCount = grow(this.useCount, v);
    this.alias = grow(this.alias, v);
    this.valueMark = grow(this.valueMark, v);
    this.instMark = grow(this.instMark, f.instCount + 1);
    const b = f.blockCount + 2;
    this.blockMark = grow(this.blockMark, b);
    this.blockAux = grow(this.blockAux, b);
    this.callsStart = grow(this.callsStart, b);
    this.predStart = grow(this.predStart, b);
    this.work = grow(this.work, Math.max(v, f.instCount + 1, b));
  }
}
