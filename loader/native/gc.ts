/**
 * The externref handles held in live wasm frames (docs/native.md "Externref handles"): the
 * roots a handle-table collection (refs.ts) takes from the wasm stack.
 *
 * A collection can only start inside a host function called from wasm (that is where new
 * handles are made while wasm frames are live), so every live wasm activation ends in an exit
 * trampoline whose frame pointer the host call was given. From each, the walk follows the
 * frame-pointer chain outwards ([fp] = the caller's fp, [fp+8] = the return address into the
 * caller) while return addresses lie in compiled code. At each return address the caller's
 * stack map lists the places of the references live across that call: frame slots (fp of the
 * caller + offset) or callee-saved registers. A callee-saved register's value at that call is
 * wherever the innermost frame between there and the exit trampoline saved it: the exit
 * trampoline saves them all (EXIT_SAVED), and each function's prologue saves those it uses
 * (FuncMaps.savedRegs), so the walk keeps, per register, the address holding its caller's
 * value, updating it frame by frame. Every read is checked to lie on the wasm stack.
 */

import type { FuncMaps } from '../../targets/compiled.js';
import { findRange, type CodeMap } from './backtrace.js';
import type { SlotView } from './slots.js';
import type { WasmStack } from './stack.js';

/** RefKind of an externref (compiler/ir/func.ts) */
const EXTERN = 2;
/** at most this many frames per activation (a broken chain cannot loop forever) */
const MAX_WALK = 2_000_000;

/** the stack map of `f` at return offset `off`: [start, n] into f.stackMaps, or null */
function mapAt(f: FuncMaps, off: number): [number, number] | null {
  const m = f.stackMaps;
  if (m === undefined) return null;
  for (let k = 0; k + 1 < m.length; k += 2 + 2 * (m[k + 1] as number)) {
    if (m[k] === off) return [k + 2, m[k + 1] as number];
    if ((m[k] as number) > off) return null;
  }
  return null;
}

export class StackRoots {
  constructor(
    private readonly map: CodeMap,
    private readonly stack: WasmStack,
    private readonly slots: SlotView,
    /** [register, offset from the exit trampoline's fp] */
    private readonly exitSaved: ReadonlyArray<readonly [number, number]>,
  ) {}

  private read(addr: number): number | null {
    if (addr % 8 !== 0 || !this.stack.contains(addr)) return null;
    return this.slots.ptr((addr - this.stack.bottom) / 8);
  }

  /** marks every externref handle held in the wasm frames of the activation ending at exit trampoline frame `exitFp` */
  walk(exitFp: number, mark: (handle: number) => void): void {
    const regAt = new Map<number, number>();
    for (const [r, off] of this.exitSaved) regAt.set(r, exitFp + off);
    let fp = exitFp;
    for (let n = 0; n < MAX_WALK; n++) {
      const ret = this.read(fp + 8);
      const callerFp = this.read(fp);
      if (ret === null || callerFp === null) return;
      const r = findRange(this.map, ret - 1);
      if (r === null) return; // the entry trampoline: the activation's outermost frame is done
      const entry = mapAt(r.func, ret - r.start);
      const m = r.func.stackMaps;
      if (entry !== null && m !== undefined) {
        for (let e = entry[0]; e < entry[0] + 2 * entry[1]; e += 2) {
          if (m[e + 1] !== EXTERN) continue;
          const place = m[e] as number;
          const at = place >= 0 ? regAt.get(place) : callerFp + place;
          const v = at === undefined ? null : this.read(at);
          if (v !== null && v !== 0) mark(v);
        }
      }
      const saved = r.func.savedRegs;
      if (saved !== undefined) for (let k = 0; k + 1 < saved.length; k += 2) regAt.set(saved[k] as number, callerFp + (saved[k + 1] as number));
      fp = callerFp;
    }
  }
}
