/**
 * Control flow: loops, block params bound to the same vreg or swapped, splits resolved on
 * edges, pressure high enough for spills, splits and remats at once, and determinism.
 */

import { describe, expect, it } from 'vitest';
import { Allocation, Allocator, InstFlag } from '../../../compiler/regalloc/index.js';
import { Fn, def, fakeEnv, fixedDef, fixedUse, run, use } from './helpers.js';
import { randomFunc, rng } from './random-func.js';

/** b0: x, y = args; b1(p, q): loop body ...; back edge passes `back(p, q)` */
function loop(back: (p: number, q: number) => [number, number], pressure: number): Fn {
  const f = new Fn();
  const [x, y, p, q, c] = f.vregs(5);
  const extra = f.vregs(pressure);
  f.block();
  f.inst([fixedDef(x as number, 0), fixedDef(y as number, 1)]);
  f.jump(1, [x as number, y as number]);
  f.block([p as number, q as number]);
  let prev = p as number;
  for (const e of extra) {
    f.inst([def(e), use(prev), use(q as number)]);
    prev = e;
  }
  for (const e of extra) f.inst([def(f.vregs(1)[0] as number), use(e), use(p as number)]);
  f.inst([def(c as number), use(p as number)]);
  f.branch(c as number, 2, [], 3, []);
  f.block();
  f.jump(1, back(p as number, q as number));
  f.block();
  f.ret([fixedUse(p as number, 0), fixedUse(q as number, 1)]);
  return f;
}

describe('loops and block params', () => {
  it('passes params around a loop unchanged', () => {
    run(loop((p, q) => [p, q], 0).m);
  });

  it('swaps params around a loop (a move cycle)', () => {
    const { out } = run(loop((p, q) => [q, p], 0).m);
    expect(out.editCount).toBeGreaterThan(0);
  });

  it('binds two params to the same vreg', () => {
    run(loop((p) => [p, p], 0).m);
  });

  it('swaps params under pressure, with values split inside the loop', () => {
    const { stats } = run(loop((p, q) => [q, p], 6).m);
    expect(stats.splits).toBeGreaterThan(0);
    expect(stats.stores).toBeGreaterThan(0);
  });

  it('keeps a value live around the back edge of a loop that calls', () => {
    const f = new Fn();
    const [a, b, i0, i, n, r] = f.vregs(6);
    f.block();
    f.inst([fixedDef(a as number, 0), fixedDef(b as number, 1)]);
    f.konst(i0 as number);
    f.jump(1, [i0 as number]);
    f.block([i as number]);
    f.inst([fixedUse(i as number, 0), fixedDef(r as number, 0)], InstFlag.CALL, [0b0111, 0b1111]);
    f.inst([def(n as number), use(i as number), use(r as number)]);
    f.branch(a as number, 2, [], 3, []);
    f.block();
    f.jump(1, [n as number]);
    f.block();
    f.ret([fixedUse(b as number, 0), fixedUse(a as number, 1)]);
    run(f.m);
  });
});

describe('pressure', () => {
  it('spills, splits and rematerialises in one function', () => {
    const f = new Fn();
    const ks = f.vregs(3);
    const vs = f.vregs(8);
    f.block();
    f.inst([fixedDef(vs[0] as number, 0)]);
    for (const k of ks) f.konst(k);
    for (let j = 1; j < 8; j++) f.inst([def(vs[j] as number), use(vs[j - 1] as number)]);
    f.jump(1);
    f.block();
    for (let j = 0; j < 8; j++) f.inst([def(f.vregs(1)[0] as number), use(vs[j] as number), use(vs[7 - j] as number)]);
    for (const k of ks) f.inst([def(f.vregs(1)[0] as number), use(k), use(vs[3] as number)]);
    f.ret();
    const { stats } = run(f.m);
    expect(stats.splits).toBeGreaterThan(0);
    expect(stats.stores).toBeGreaterThan(0);
    expect(stats.loads).toBeGreaterThan(0);
    expect(stats.remats).toBeGreaterThan(0);
  });

  it('spills, splits, reloads and rematerialises across the random corpus', () => {
    const a = new Allocator();
    const out = new Allocation();
    const sum = { splits: 0, stores: 0, loads: 0, remats: 0, regMoves: 0, spillSlots: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      a.allocate(randomFunc(rng(seed), fakeEnv), fakeEnv, out);
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += a.stats[k];
    }
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) expect(sum[k], k).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('gives the same allocation for the same input, from a fresh or a reused allocator', () => {
    const reused = new Allocator();
    for (let seed = 1; seed <= 50; seed++) {
      const f = randomFunc(rng(seed), fakeEnv);
      const a = new Allocation();
      const b = new Allocation();
      new Allocator().allocate(f, fakeEnv, a);
      reused.allocate(randomFunc(rng(seed + 1000), fakeEnv), fakeEnv, b);
      reused.allocate(f, fakeEnv, b);
      expect(snapshot(b, f.opCount)).toEqual(snapshot(a, f.opCount));
    }
  });
});

function snapshot(a: Allocation, ops: number): number[][] {
  const n = a.editCount;
  return [
    Array.from(a.opAlloc.subarray(0, ops)),
    Array.from(a.editPoint.subarray(0, n)),
    Array.from(a.editKind.subarray(0, n)),
    Array.from(a.editClass.subarray(0, n)),
    Array.from(a.editFrom.subarray(0, n)),
    Array.from(a.editTo.subarray(0, n)),
    [a.spillSlots],
  ];
}
