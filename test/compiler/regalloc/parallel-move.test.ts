/**
 * The parallel-move resolver, run on a simulated machine: after the sequenced edits every
 * destination holds its source's value from before, and nothing else changed except the
 * scratch registers and the extra cycle-breaking slot.
 */

import { describe, expect, it } from 'vitest';
import { Allocation, EditKind, isSlot, slotAlloc, slotOf } from '../../../compiler/regalloc/index.js';
import { ParallelMove, type SlotCounter } from '../../../compiler/regalloc/parallel-move.js';
import { fakeEnv } from './helpers.js';
import { rng } from './random-func.js';

type Move = [cls: number, src: number, dst: number];

function simulate(moves: readonly Move[], slots: number): { edits: number; counter: SlotCounter } {
  const pm = new ParallelMove();
  for (const [c, s, d] of moves) pm.add(c, s, d);
  const out = new Allocation();
  out.reset(0);
  const counter: SlotCounter = { slots, emergency: -1 };
  pm.emit(7, fakeEnv, out, counter);
  const key = (c: number, a: number): string => (isSlot(a) ? `s${slotOf(a)}` : `${c}:${a}`);
  const mem = new Map<string, string>();
  const read = (k: string): string => mem.get(k) ?? `init ${k}`;
  for (let e = 0; e < out.editCount; e++) {
    expect(out.editPoint[e]).toBe(7);
    expect(out.editKind[e]).toBe(EditKind.Move);
    const c = out.editClass[e] as number;
    expect(isSlot(out.editFrom[e] as number) && isSlot(out.editTo[e] as number)).toBe(false);
    mem.set(key(c, out.editTo[e] as number), read(key(c, out.editFrom[e] as number)));
  }
  const written = new Set<string>();
  for (const [c, s, d] of moves) {
    expect(read(key(c, d))).toBe(`init ${key(c, s)}`);
    written.add(key(c, d));
  }
  for (const [k, v] of mem) {
    if (written.has(k) || k === '0:4' || k === '1:4' || k === `s${counter.emergency}`) continue;
    expect(v).toBe(`init ${k}`);
  }
  return { edits: out.editCount, counter };
}

describe('parallel moves', () => {
  it('sequences a chain without a temporary', () => {
    expect(simulate([[0, 0, 1], [0, 1, 2], [0, 2, 3]], 0).edits).toBe(3);
  });

  it('breaks a register swap with the scratch register', () => {
    expect(simulate([[0, 0, 1], [0, 1, 0]], 0).edits).toBe(3);
  });

  it('moves slot to slot through the scratch register', () => {
    expect(simulate([[0, slotAlloc(0), slotAlloc(1)]], 2).edits).toBe(2);
  });

  it('breaks a cycle through one slot-to-slot move at that move', () => {
    const r = simulate([[0, 0, slotAlloc(0)], [0, slotAlloc(0), slotAlloc(1)], [0, slotAlloc(1), 0]], 2);
    expect(r.counter.emergency).toBe(-1);
  });

  it('breaks a cycle of slots with an extra slot', () => {
    const r = simulate([[0, slotAlloc(0), slotAlloc(1)], [0, slotAlloc(1), slotAlloc(0)]], 2);
    expect(r.counter.emergency).toBe(2);
    expect(r.counter.slots).toBe(3);
  });

  it('keeps the classes apart (f0 and r0 are different places)', () => {
    simulate([[0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 0]], 0);
  });

  it('sequences 2000 random parallel moves', () => {
    const r = rng(7);
    for (let t = 0; t < 2000; t++) {
      const locs: [number, number][] = [];
      for (let c = 0; c < 2; c++) for (let x = 0; x < 4; x++) locs.push([c, x]);
      for (let s = 0; s < 4; s++) locs.push([Math.floor(r() * 2), slotAlloc(s)]);
      const n = 1 + Math.floor(r() * 8);
      const dsts = new Set<string>();
      const moves: Move[] = [];
      for (let k = 0; k < n; k++) {
        const d = locs[Math.floor(r() * locs.length)] as [number, number];
        const cands = locs.filter((l) => l[0] === d[0] || isSlot(l[1]) || isSlot(d[1]));
        const s = cands[Math.floor(r() * cands.length)] as [number, number];
        const cls = isSlot(d[1]) ? s[0] : d[0];
        const dk = isSlot(d[1]) ? `s${d[1]}` : `${cls}:${d[1]}`;
        if (dsts.has(dk) || (!isSlot(s[1]) && s[0] !== cls)) continue;
        dsts.add(dk);
        moves.push([cls, s[1], d[1]]);
      }
      simulate(moves, 4);
    }
  });
});
