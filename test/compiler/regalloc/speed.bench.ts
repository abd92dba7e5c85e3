/**
 * Allocator throughput on the random corpus (a benchmark, not a test):
 *   npx vitest bench --run test/compiler/regalloc/speed.bench.ts
 * 100 random functions of up to 40 blocks (about 30,000 machine instructions in all).
 */

import { bench, describe } from 'vitest';
import { Allocation, Allocator, checkAllocation, type MachFunc } from '../../../compiler/regalloc/index.js';
import { fakeEnv, x86Env } from './helpers.js';
import { randomFunc, rng } from './random-func.js';

const OPTS = { time: 0, iterations: 10, warmupIterations: 2 };

for (const [name, env] of [
  ['x86-64 env', x86Env],
  ['fake env (4+4 registers)', fakeEnv],
] as const) {
  const funcs: MachFunc[] = [];
  let insts = 0;
  for (let s = 1; s <= 100; s++) {
    const f = randomFunc(rng(s), env, { maxBlocks: 40, maxInsts: 16 });
    funcs.push(f);
    insts += f.instCount;
  }
  const a = new Allocator();
  const out = new Allocation();
  describe(`${name}: ${funcs.length} functions, ${insts} instructions`, () => {
    bench('allocate', () => {
      for (const f of funcs) a.allocate(f, env, out);
    }, OPTS);
    bench('allocate + check', () => {
      for (const f of funcs) {
        a.allocate(f, env, out);
        checkAllocation(f, env, out);
      }
    }, OPTS);
  });
}
