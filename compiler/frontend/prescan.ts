/**
 * Pre-scan of a function body for SSA construction: which locals each loop assigns
 * (`local.set` / `local.tee` anywhere inside it, nested loops included). Only those locals get
 * a block param at the loop header; every other local keeps the value it had on entry to the
 * loop, which dominates the whole loop. This is the structured-control-flow counterpart of
 * Braun et al. 2013's "incomplete phis at unsealed blocks": wasm loops are reducible and their
 * bodies are known before the back edges, so the variables that need a phi are known up front.
 *
 * Loops are numbered in body order, counting loops in unreachable code too, so the translator
 * (which skips unreachable code) numbers them the same way. Bit sets live in one reused
 * Int32Array, `words` 32-bit words per loop.
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Code } from '../../formats/wasm/types.js';
import type { InstrCursor } from '../../formats/wasm/code-body.js';
import { grow } from '../ir/growable.js';

export class LoopLocals {
  /** bit sets, `words` words per loop */
  sets = new Int32Array(64);
  words = 1;
  loops = 0;
  /** per open construct: the innermost loop at that depth (itself if it is a loop; -1: none) */
  private inner = new Int32Array(32);
  private isLoop = new Uint8Array(32);

  /** scan `code` (resets the cursor); nLocals counts params and declared locals */
  scan(cursor: InstrCursor, code: Code, nLocals: number): void {
    this.words = Math.max(1, (nLocals + 31) >>> 5);
    this.loops = 0;
    let depth = 0;
    cursor.reset(code);
    while (cursor.next()) {
      const ins = cursor.ins;
      const op = ins.op;
      if (op === OP.block || op === OP.if || op === OP.loop) {
        let inner = depth > 0 ? (this.inner[depth - 1] as number) : -1;
        if (op === OP.loop) {
          inner = this.loops++;
          this.sets = grow(this.sets, this.loops * this.words);
          this.sets.fill(0, inner * this.words, this.loops * this.words);
        }
        this.inner = grow(this.inner, depth + 1);
        this.isLoop = grow(this.isLoop, depth + 1);
        this.inner[depth] = inner;
        this.isLoop[depth++] = op === OP.loop ? 1 : 0;
      } else if (op === OP.local_set || op === OP.local_tee) {
        const l = depth > 0 ? (this.inner[depth - 1] as number) : -1;
        if (l >= 0) {
          const w = l * this.words + (ins.a >>> 5);
          this.sets[w] = (this.sets[w] as number) | (1 << (ins.a & 31));
        }
      } else if (op === OP.end && depth > 0) {
        const closed = this.inner[--depth] as number;
        const outer = depth > 0 ? (this.inner[depth - 1] as number) : -1;
        if (this.isLoop[depth] === 1 && outer >= 0) {
          for (let k = 0; k < this.words; k++) {
            const w = outer * this.words + k;
            this.sets[w] = (this.sets[w] as number) | (this.sets[closed * this.words + k] as number);
          }
        }
      }
    }
  }

  /** whether loop `loop` assigns local `l` */
  assigns(loop: number, l: number): boolean {
    return (((this.sets[loop * this.words + (l >>> 5)] as number) >>> (l & 31)) & 1) !== 0;
  }
}
