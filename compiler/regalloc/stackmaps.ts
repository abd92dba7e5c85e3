/**
 * Stack maps (docs/regalloc.md "Stack maps"): after allocation, for every call instruction,
 * where each vreg holding a reference lives while the call runs — so that a collector walking
 * the stack from inside the callee finds every reference the caller still needs.
 *
 * References spread beyond the vregs the lowering marked along copies (MOVE instructions)
 * and CFG edges (argument → param), so the marks are completed first. A vreg is live across
 * call i when one of its pieces covers i's clobber position C; the allocator never leaves a
 * value live across a call in a register the call clobbers, so that piece is in a
 * callee-saved register or a spill slot. Rematerialisable pieces (constants: a null
 * reference) are nowhere and hold nothing to keep.
 */

import { grow } from '../ir/growable.js';
import { InstFlag, slotAlloc, type Allocation, type MachFunc } from './mach.js';
import type { IntervalStore } from './intervals.js';
import { SPILLED, UNASSIGNED } from './intervals.js';
import { POS_C } from './positions.js';

export class StackMapper {
  private refs = new Uint8Array(64);
  private list = new Int32Array(16);

  compute(f: MachFunc, s: IntervalStore, vregSlot: Int32Array, out: Allocation): void {
    const n = this.completeRefs(f);
    if (n === 0) return;
    const list = this.list;
    for (let i = 0; i < f.instCount; i++) {
      if ((f.instFlags[i] & InstFlag.CALL) === 0) continue;
      const pos = i * 8 + POS_C;
      let begun = false;
      for (let k = 0; k < n; k++) {
        const v = list[k] as number;
        const piece = s.locate(v, pos);
        if (!s.covers(piece, pos)) continue;
        const loc = s.loc[piece] as number;
        if (loc === UNASSIGNED || (loc === SPILLED && f.vregRemat[v] >= 0)) continue;
        if (!begun) {
          out.beginMap(i);
          begun = true;
        }
        out.mapEntry(loc >= 0 ? loc : slotAlloc(vregSlot[v] as number), this.refs[v] as number);
      }
    }
  }

  /** the marks completed along moves and edges; returns how many vregs hold references (listed in `list`) */
  private completeRefs(f: MachFunc): number {
    const nv = f.vregCount;
    let any = false;
    for (let v = 0; v < nv; v++) if (f.vregRef[v] !== 0) any = true;
    if (!any) return 0;
    const refs = (this.refs = grow(this.refs, nv));
    refs.set(f.vregRef.subarray(0, nv));
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < f.instCount; i++) {
        if ((f.instFlags[i] & InstFlag.MOVE) === 0) continue;
        const o = f.instOpStart[i];
        // a MOVE is one Use and one Def, in either order
        const a = f.opVreg[o] as number;
        const b = f.opVreg[o + 1] as number;
        const [use, def] = f.opKind[o] === 0 ? [a, b] : [b, a];
        if (refs[use] !== 0 && refs[def] === 0) {
          refs[def] = refs[use] as number;
          changed = true;
        }
      }
      for (let blk = 0; blk < f.blockCount; blk++) {
        for (let e = f.blockSuccStart[blk]; e < f.blockSuccStart[blk] + f.blockSuccCount[blk]; e++) {
          const t = f.edgeTarget[e] as number;
          for (let k = 0; k < f.edgeArgCount[e]; k++) {
            const arg = f.edgeArgPool[f.edgeArgStart[e] + k] as number;
            const param = f.paramPool[f.blockParamStart[t] + k] as number;
            if (refs[arg] !== 0 && refs[param] === 0) {
              refs[param] = refs[arg] as number;
              changed = true;
            }
          }
        }
      }
    }
    let n = 0;
    for (let v = 0; v < nv; v++) {
      if (refs[v] === 0) continue;
      if (n >= this.list.length) this.list = grow(this.list, n + 1);
      this.list[n++] = v;
    }
    return n;
  }
}
