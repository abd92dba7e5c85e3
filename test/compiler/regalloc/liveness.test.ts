/**
 * Block liveness (liveness.ts: bitsets, a clock that skips blocks whose successors did not
 * change, one pass without back edges) equals a plain reference: JS sets, every block
 * recomputed in every round until a round changes nothing.
 */

import { describe, expect, it } from 'vitest';
import { OpKind, type MachFunc } from '../../../compiler/regalloc/index.js';
import { Liveness } from '../../../compiler/regalloc/liveness.js';
import { randomFunc, rng } from './random-func.js';
import { Fn, def, fakeEnv, use, x86Env } from './helpers.js';

/** live-in sets per block by the textbook iteration (Appel 10.1) */
function referenceLiveIn(f: MachFunc): Set<number>[] {
  const n = f.blockCount;
  const liveIn = Array.from({ length: n }, () => new Set<number>());
  const liveOut = Array.from({ length: n }, () => new Set<number>());
  const gen: Set<number>[] = [];
  const kill: Set<number>[] = [];
  for (let b = 0; b < n; b++) {
    const g = new Set<number>();
    const k = new Set<number>();
    for (let p = 0; p < (f.blockParamCount[b] as number); p++) k.add(f.paramPool[(f.blockParamStart[b] as number) + p] as number);
    for (let i = f.blockFirst[b] as number; i < (f.blockEnd[b] as number); i++) {
      const o0 = f.instOpStart[i] as number;
      const o1 = o0 + (f.instOpCount[i] as number);
      for (let o = o0; o < o1; o++) if (f.opKind[o] === OpKind.Use && !k.has(f.opVreg[o] as number)) g.add(f.opVreg[o] as number);
      for (let o = o0; o < o1; o++) if (f.opKind[o] !== OpKind.Use) k.add(f.opVreg[o] as number);
    }
    gen.push(g);
    kill.push(k);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let b = 0; b < n; b++) {
      const out = liveOut[b]!;
      for (let e = f.blockSuccStart[b] as number; e < (f.blockSuccStart[b] as number) + (f.blockSuccCount[b] as number); e++) {
        for (const v of liveIn[f.edgeTarget[e] as number]!) out.add(v);
        for (let k = 0; k < (f.edgeArgCount[e] as number); k++) out.add(f.edgeArgPool[(f.edgeArgStart[e] as number) + k] as number);
      }
      const inn = new Set([...gen[b]!, ...[...out].filter((v) => !kill[b]!.has(v))]);
      if (inn.size !== liveIn[b]!.size) {
        liveIn[b] = inn;
        changed = true;
      }
    }
  }
  return liveIn;
}

function computedLiveIn(live: Liveness, f: MachFunc): Set<number>[] {
  const sets: Set<number>[] = [];
  for (let b = 0; b < f.blockCount; b++) {
    const s = new Set<number>();
    for (let v = 0; v < f.vregCount; v++) if (live.isLiveIn(b, v)) s.add(v);
    sets.push(s);
  }
  return sets;
}

describe('liveness', () => {
  it('equals the reference on 1,500 random CFGs with loops, self loops and edges to the entry', () => {
    const live = new Liveness();
    let loopy = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const f = randomFunc(rng(seed * 7919), seed % 2 === 0 ? fakeEnv : x86Env, { maxBlocks: 14, maxInsts: 6 });
      live.compute(f);
      const want = referenceLiveIn(f);
      expect(computedLiveIn(live, f), `seed ${seed}`).toEqual(want);
      for (let b = 1; b < f.blockCount; b++) if (want[b]!.size > 0) loopy++;
    }
    // the corpus must carry values across blocks for the comparison to mean something
    expect(loopy).toBeGreaterThan(3000);
  });

  it('carries a value around a loop nest entered late in layout order', () => {
    // b0 -> b3; b3 -> b1 (back); b1 -> b2; b2 -> b3 (loop b1..b3 entered at b3); b3 -> b4 exit
    const f = new Fn();
    const [a, c] = f.vregs(2) as [number, number];
    f.block();
    f.inst([def(a)]);
    f.jump(3);
    f.block();
    f.jump(2);
    f.block();
    f.inst([def(c), use(a)]);
    f.jump(3);
    f.block();
    f.branch(a, 1, [], 4, []);
    f.block();
    f.ret();
    const live = new Liveness();
    live.compute(f.m);
    for (const b of [1, 2, 3]) expect(live.isLiveIn(b, a), `a live into b${b}`).toBe(true);
    expect(live.isLiveIn(4, a)).toBe(false);
    expect(computedLiveIn(live, f.m)).toEqual(referenceLiveIn(f.m));
  });
});
