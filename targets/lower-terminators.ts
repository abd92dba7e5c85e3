/**
 * Lowerings of IR terminators that are the same on every target once the target's emit rules
 * are named: `return` (memory results stored, then the return with the register results as
 * fixed uses) and the edge table of `br_table` (one machine successor per distinct block call,
 * so identical targets share an edge). Each target's rules/control.ts calls these with its
 * own rule ids.
 */

import type { Func } from '../compiler/ir/func.js';
import { Constraint } from '../compiler/regalloc/mach.js';

/** what these lowerings need of a target's LowerCtx */
export interface TerminatorCtx {
  readonly f: Func;
  readonly x: {
    inst(rule: number, irInst: number, flags?: number, a0?: number, a1?: number, a2?: number): number;
    readonly layout: { readonly results: ReadonlyArray<{ readonly reg: number; readonly slot: number }>; readonly stackArgs: number };
  };
  use(v: number, c?: Constraint, fixed?: number): void;
  edge(call: number): void;
}

/** `return` i: `storeResult` (aux0 = the caller's slot) per memory result, then `ret` (flags `term`) */
export function lowerReturn(c: TerminatorCtx, i: number, storeResult: number, ret: number, term: number): void {
  const f = c.f;
  const x = c.x;
  const places = x.layout.results;
  const stackArgs = x.layout.stackArgs;
  for (let k = 0; k < places.length; k++) {
    const p = places[k]!;
    if (p.reg >= 0) continue;
    x.inst(storeResult, i, 0, stackArgs + p.slot);
    c.use(f.operand(i, k));
  }
  x.inst(ret, i, term);
  for (let k = 0; k < places.length; k++) {
    const p = places[k]!;
    if (p.reg >= 0) c.use(f.operand(i, k), Constraint.Fixed, p.reg);
  }
}

/**
 * the machine edges of `br_table` i, added with `c.edge` (one per distinct block call: target
 * and arguments), and per table entry the number of its edge
 */
export function brTableEdges(c: TerminatorCtx, i: number): Int32Array {
  const f = c.f;
  const c0 = f.instImm0[i] as number;
  const count = f.instImm1[i] as number;
  const entries = new Int32Array(count);
  const seen = new Map<string, number>();
  let edges = 0;
  for (let k = 0; k < count; k++) {
    const call = c0 + k;
    let key = String(f.callBlock[call]);
    for (let a = 0; a < (f.callArgCount[call] as number); a++) key += ',' + String(f.callArg(call, a));
    let e = seen.get(key);
    if (e === undefined) {
      e = edges++;
      seen.set(key, e);
      c.edge(call);
    }
    entries[k] = e;
  }
  return entries;
}
