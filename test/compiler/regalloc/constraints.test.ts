/**
 * Hand-built MachFuncs for each constraint edge case the allocator must handle; every one is
 * allocated and passed through the checker (run()), and the allocations are asserted.
 */

import { describe, expect, it } from 'vitest';
import { EditKind, InstFlag, isSlot } from '../../../compiler/regalloc/index.js';
import { Fn, allocsOf, anyUse, def, early, fixedDef, fixedUse, reuse, run, use, x86Env } from './helpers.js';

const CALL_CLOBBER: [number, number] = [0b0111, 0b1111];

describe('fixed constraints', () => {
  it('a vreg used twice by one instruction with different Fixed registers', () => {
    const f = new Fn();
    const [a, b] = f.vregs(2);
    f.block();
    f.inst([fixedDef(a, 0)]);
    const i = f.inst([fixedUse(a, 1), fixedUse(a, 2), def(b)]);
    f.ret([fixedUse(b, 0)]);
    const { out } = run(f.m);
    expect(allocsOf(f.m, out, i).slice(0, 2)).toEqual([1, 2]);
  });

  it('a Fixed use of a vreg that is live after the instruction, which clobbers that register', () => {
    const f = new Fn();
    const [a, b, c] = f.vregs(3);
    f.block();
    f.inst([fixedDef(a, 0), fixedDef(b, 1)]);
    const i = f.inst([fixedUse(a, 0), use(b), fixedDef(c, 0)], 0, [0b0100, 0]);
    const j = f.inst([def(f.vregs(1)[0] as number), use(a), use(c)]);
    f.ret();
    const { out } = run(f.m);
    expect(allocsOf(f.m, out, i)[0]).toBe(0);
    // a survives the instruction somewhere other than r0 (which now holds c) and r2 (clobbered)
    expect([0, 2]).not.toContain(allocsOf(f.m, out, j)[1]);
  });

  it('a Fixed def into a register that holds another live value', () => {
    const f = new Fn();
    const [a, b, c] = f.vregs(3);
    f.block();
    f.inst([fixedDef(a, 0)]);
    f.inst([fixedDef(b, 0)]);
    f.inst([def(c), use(a), use(b)]);
    f.ret([fixedUse(c, 0)]);
    const { out } = run(f.m);
    expect(out.editCount).toBeGreaterThan(0);
  });

  it('uses and defs all fixed to the same register', () => {
    const f = new Fn();
    const [a, b] = f.vregs(2);
    f.block();
    f.inst([fixedDef(a, 1)]);
    const i = f.inst([fixedUse(a, 1), fixedDef(b, 1)]);
    f.ret([fixedUse(b, 1)]);
    const { out } = run(f.m);
    expect(allocsOf(f.m, out, i)).toEqual([1, 1]);
    expect(out.editCount).toBe(0);
  });

  it('an EarlyDef never shares a register with a use of its instruction', () => {
    const f = new Fn();
    const [a, b, t, d] = f.vregs(4);
    f.block();
    f.inst([fixedDef(a, 0), fixedDef(b, 1)]);
    const i = f.inst([early(t), use(a), use(b), def(d)]);
    f.ret([fixedUse(d, 0)]);
    const { out } = run(f.m);
    const [at, aa, ab] = allocsOf(f.m, out, i);
    expect(at).not.toBe(aa);
    expect(at).not.toBe(ab);
  });
});

describe('reuse (two-address)', () => {
  it('coalesces when the input dies', () => {
    const f = new Fn();
    const [a, b, c] = f.vregs(3);
    f.block();
    f.inst([fixedDef(a, 0), fixedDef(b, 1)]);
    const i = f.inst([use(a), reuse(c, 0), use(b)]);
    f.ret([fixedUse(c, 0)]);
    const { out } = run(f.m);
    const [ua, dc] = allocsOf(f.m, out, i);
    expect(dc).toBe(ua);
    expect(out.editCount).toBe(0);
  });

  it('copies the input when it is live after', () => {
    const f = new Fn();
    const [a, b, c, d] = f.vregs(4);
    f.block();
    f.inst([fixedDef(a, 0), fixedDef(b, 1)]);
    const i = f.inst([use(a), reuse(c, 0), use(b)]);
    f.inst([def(d), use(a), use(c)]);
    f.ret([fixedUse(d, 0)]);
    const { out } = run(f.m);
    const [ua, dc] = allocsOf(f.m, out, i);
    expect(dc).toBe(ua);
    expect(out.editCount).toBeGreaterThan(0);
  });
});

describe('calls and clobbers', () => {
  it('values live across calls with one callee-saved register go to r3 or to slots', () => {
    const f = new Fn();
    const vs = f.vregs(4);
    const [r0, r1] = f.vregs(2);
    f.block();
    f.inst([fixedDef(vs[0] as number, 0), fixedDef(vs[1] as number, 1)]);
    f.inst([def(vs[2] as number), use(vs[0] as number)]);
    f.inst([def(vs[3] as number), use(vs[1] as number)]);
    f.inst([fixedUse(vs[0] as number, 0), fixedDef(r0 as number, 0)], InstFlag.CALL, CALL_CLOBBER);
    f.inst([fixedUse(r0 as number, 0), fixedDef(r1 as number, 0)], InstFlag.CALL, CALL_CLOBBER);
    const last = f.inst([def(f.vregs(1)[0] as number), use(vs[1] as number), use(vs[2] as number)]);
    f.inst([def(f.vregs(1)[0] as number), use(vs[3] as number), use(r1 as number)]);
    f.ret();
    const { out, stats } = run(f.m);
    expect(stats.stores).toBeGreaterThan(0);
    expect(stats.loads).toBeGreaterThan(0);
    expect(out.spillSlots).toBeGreaterThan(0);
    expect(allocsOf(f.m, out, last).length).toBe(3);
  });

  it('an unused def may land in a register the instruction clobbers', () => {
    const f = new Fn();
    const [a, d] = f.vregs(2);
    f.block();
    f.inst([fixedDef(a, 3)]);
    const i = f.inst([def(d)], 0, [0b0111, 0]);
    f.ret([fixedUse(a, 0)]);
    const { out } = run(f.m);
    expect(allocsOf(f.m, out, i)[0]).toBe(0);
  });
});

describe('dead values and odd shapes', () => {
  it('unused defs, vregs defined but never used, vregs never mentioned', () => {
    const f = new Fn();
    const [a, , b, c] = f.vregs(4);
    f.block();
    f.inst([fixedDef(a, 0)]);
    f.inst([def(b), use(a)]);
    f.inst([def(c), use(a)]);
    f.ret([fixedUse(a, 0)]);
    run(f.m);
  });

  it('empty blocks (only a terminator) between others', () => {
    const f = new Fn();
    const [a, p] = f.vregs(2);
    f.block();
    f.inst([fixedDef(a, 0)]);
    f.jump(1);
    f.block();
    f.jump(2, [a]);
    f.block([p]);
    f.jump(3);
    f.block();
    f.ret([fixedUse(p, 0)]);
    run(f.m);
  });

  it('Any operands may be given a slot under pressure', () => {
    const f = new Fn();
    const vs = f.vregs(8);
    f.block();
    f.inst([fixedDef(vs[0] as number, 0)]);
    for (let k = 1; k < 8; k++) f.inst([def(vs[k] as number), use(vs[k - 1] as number)]);
    const sinks: number[] = [];
    for (let k = 0; k < 8; k++) sinks.push(f.inst([def(f.vregs(1)[0] as number), anyUse(vs[k] as number)]));
    f.ret();
    const { out } = run(f.m);
    expect(sinks.some((i) => isSlot(allocsOf(f.m, out, i)[1] as number))).toBe(true);
  });
});

describe('rematerialisation', () => {
  it('reloads a constant with a Remat edit instead of a spill and a reload', () => {
    const f = new Fn();
    const k = f.vregs(1)[0] as number;
    const vs = f.vregs(6);
    f.block();
    f.konst(k);
    f.inst([fixedDef(vs[0] as number, 0)]);
    for (let j = 1; j < 6; j++) f.inst([def(vs[j] as number), use(vs[j - 1] as number)]);
    for (let j = 0; j < 6; j++) f.inst([def(f.vregs(1)[0] as number), use(vs[j] as number), use(vs[(j + 1) % 6] as number)]);
    f.ret([fixedUse(k, 0)]);
    const { out, stats } = run(f.m);
    expect(stats.remats).toBeGreaterThan(0);
    for (let e = 0; e < out.editCount; e++) {
      if (out.editKind[e] === EditKind.Remat) expect(out.editFrom[e]).toBe(0);
    }
  });
});

describe('x86-64 environment', () => {
  it('allocates a call sequence with the kiln-cc registers', () => {
    const f = new Fn();
    const [vm, x, y, r, s] = f.vregs(5);
    f.block();
    f.inst([fixedDef(vm as number, 7), fixedDef(x as number, 6), fixedDef(y as number, 2)]);
    f.inst([def(s as number), use(x as number), use(y as number)]);
    f.inst([fixedUse(vm as number, 7), fixedUse(s as number, 6), fixedDef(r as number, 0)], InstFlag.CALL, [0b0000_1111_1100_0111, 0x7fff]);
    const i = f.inst([def(f.vregs(1)[0] as number), use(vm as number), use(r as number)]);
    f.ret([fixedUse(r as number, 0)]);
    const { out } = run(f.m, x86Env);
    // vmctx survives the call in a callee-saved register (rbx, r12-r15)
    expect([3, 12, 13, 14, 15]).toContain(allocsOf(f.m, out, i)[1]);
  });
});
