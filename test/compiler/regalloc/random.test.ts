import { describe, expect, it } from 'vitest';
import { Allocation, Allocator, checkAllocation, printAllocation } from '../../../compiler/regalloc/index.js';
import { fakeEnv, x86Env } from './helpers.js';
import { randomFunc, rng } from './random-func.js';

describe('random MachFuncs', () => {
  for (const [name, env, count] of [
    ['fake env (4+4 registers)', fakeEnv, 3000],
    ['x86-64 env', x86Env, 1000],
  ] as const) {
    it(`allocates ${count} random functions the checker accepts (${name})`, () => {
      const a = new Allocator();
      const out = new Allocation();
      let edits = 0;
      for (let seed = 1; seed <= count; seed++) {
        const f = randomFunc(rng(seed), env);
        try {
          a.allocate(f, env, out);
          checkAllocation(f, env, out);
        } catch (e) {
          let dump = '';
          try {
            dump = printAllocation(f, env, out);
          } catch {
            dump = '(no dump)';
          }
          throw new Error(`seed ${seed}: ${(e as Error).message}\n${dump}`);
        }
        edits += out.editCount;
      }
      expect(edits).toBeGreaterThan(0);
    });
  }
});
