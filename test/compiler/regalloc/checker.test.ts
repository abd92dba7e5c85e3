/**
 * The checker must reject wrong allocations, so that its acceptance of the allocator's output
 * means something: hand-made corruptions with the message they give, and corruptions of
 * random allocations (swapped operands, dropped edits) of which it must catch nearly all.
 */

import { describe, expect, it } from 'vitest';
import { Allocation, Allocator, checkAllocation, EditKind, OpKind, slotAlloc, type MachFunc } from '../../../compiler/regalloc/index.js';
import { Fn, def, fakeEnv, fixedDef, fixedUse, run, use } from './helpers.js';
import { randomFunc, rng } from './random-func.js';

function copy(f: MachFunc, out: Allocation, skipEdit = -1): Allocation {
  const c = new Allocation();
  c.reset(f.opCount);
  c.opAlloc.set(out.opAlloc.subarray(0, f.opCount));
  c.spillSlots = out.spillSlots;
  for (let k = 0; k < out.editCount; k++) {
    if (k !== skipEdit) c.addEdit(out.editPoint[k] as number, out.editKind[k] as EditKind, out.editClass[k] as 0 | 1, out.editFrom[k] as number, out.editTo[k] as number);
  }
  return c;
}

/** b0: a in r0, b in r1; c = a + b; call(c in r0) -> d in r0; return d + a */
function sample(): { f: Fn; out: Allocation } {
  const f = new Fn();
  const [a, b, c, d, e] = f.vregs(5);
  f.block();
  f.inst([fixedDef(a as number, 0), fixedDef(b as number, 1)]);
  f.inst([def(c as number), use(a as number), use(b as number)]);
  f.inst([fixedUse(c as number, 0), fixedDef(d as number, 0)], 4, [0b0111, 0]);
  f.inst([def(e as number), use(d as number), use(a as number)]);
  f.ret([fixedUse(e as number, 0)]);
  const { out } = run(f.m);
  return { f, out };
}

describe('the checker rejects', () => {
  it('a use whose location holds another value', () => {
    const { f, out } = sample();
    const bad = copy(f.m, out);
    const o = f.m.instOpStart[3] as number;
    bad.opAlloc[o + 2] = bad.opAlloc[o + 1] as number; // a read from d's register
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/instruction 3 operand 2 \(use of v0\) reads r\d, which holds v3/);
  });

  it('a value read from a register the call clobbered', () => {
    const { f, out } = sample();
    const bad = copy(f.m, out);
    // drop the edits: a stays in r0/r1 where the call destroys it
    bad.editCount = 0;
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/allocation check: instruction \d/);
  });

  it('a Fixed operand elsewhere', () => {
    const { f, out } = sample();
    const bad = copy(f.m, out);
    bad.opAlloc[f.m.instOpStart[2] as number] = 2;
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/instruction 2 operand 0 \(v2\) must be in r0 but is in r2/);
  });

  it('an operand in the scratch register', () => {
    const { f, out } = sample();
    const bad = copy(f.m, out);
    bad.opAlloc[(f.m.instOpStart[1] as number) + 0] = 4;
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/in the scratch register r4/);
  });

  it('a Reg operand in a slot', () => {
    const { f, out } = sample();
    const bad = copy(f.m, out);
    bad.spillSlots = 1;
    bad.opAlloc[(f.m.instOpStart[1] as number) + 1] = slotAlloc(0);
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/is in slot 0 but needs a register/);
  });

  it('two defs of one instruction in one register', () => {
    const f = new Fn();
    const [a, b] = f.vregs(2);
    f.block();
    f.inst([def(a as number), def(b as number)]);
    f.ret([fixedUse(a as number, 0), fixedUse(b as number, 1)]);
    const { out } = run(f.m);
    const bad = copy(f.m, out);
    bad.opAlloc[1] = bad.opAlloc[0] as number;
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/shares r\d with operand 0 \(another def\)/);
  });

  it('an edit after a terminator', () => {
    const { f, out } = sample();
    const bad = copy(f.m, out);
    bad.addEdit(2 * 4 + 1, EditKind.Move, 0, 0, 1);
    expect(() => checkAllocation(f.m, fakeEnv, bad)).toThrow(/after terminator 4/);
  });

  it('nearly every swap of two use operands and most dropped edits in random functions', () => {
    const a = new Allocator();
    const out = new Allocation();
    let swaps = 0;
    let swapsCaught = 0;
    let drops = 0;
    let dropsCaught = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const f = randomFunc(rng(seed), fakeEnv);
      a.allocate(f, fakeEnv, out);
      checkAllocation(f, fakeEnv, out);
      for (let e = 0; e < out.editCount; e++) {
        drops++;
        try {
          checkAllocation(f, fakeEnv, copy(f, out, e));
        } catch {
          dropsCaught++;
        }
      }
      for (let i = 0; i < f.instCount; i++) {
        const o0 = f.instOpStart[i] as number;
        for (let x = o0; x < o0 + (f.instOpCount[i] as number); x++) {
          for (let y = x + 1; y < o0 + (f.instOpCount[i] as number); y++) {
            if (f.opKind[x] !== OpKind.Use || f.opKind[y] !== OpKind.Use || f.opVreg[x] === f.opVreg[y]) continue;
            if (out.opAlloc[x] === out.opAlloc[y] || f.vregClass[f.opVreg[x] as number] !== f.vregClass[f.opVreg[y] as number]) continue;
            const bad = copy(f, out);
            bad.opAlloc[x] = out.opAlloc[y] as number;
            bad.opAlloc[y] = out.opAlloc[x] as number;
            swaps++;
            try {
              checkAllocation(f, fakeEnv, bad);
            } catch {
              swapsCaught++;
            }
          }
        }
      }
    }
    expect(swaps).toBeGreaterThan(500);
    expect(swapsCaught / swaps).toBeGreaterThan(0.98);
    expect(drops).toBeGreaterThan(2000);
    expect(dropsCaught / drops).toBeGreaterThan(0.7);
  });
});
