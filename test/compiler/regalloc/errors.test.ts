/**
 * A malformed MachFunc or RegEnv is a KilnError naming what is wrong, never a crash.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { Allocation, allocate, InstFlag, type RegEnv } from '../../../compiler/regalloc/index.js';
import { Fn, def, early, fakeEnv, fixedDef, fixedUse, reuse, use } from './helpers.js';

function fails(f: Fn, pattern: RegExp, env: RegEnv = fakeEnv): void {
  let err: unknown;
  try {
    allocate(f.m, env, new Allocation());
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(KilnError);
  expect((err as KilnError).message).toMatch(pattern);
}

describe('bad input', () => {
  it('a critical edge', () => {
    const f = new Fn();
    const [a] = f.vregs(1);
    f.block();
    f.inst([fixedDef(a as number, 0)]);
    f.branch(a as number, 1, [], 2, []);
    f.block();
    f.jump(2);
    f.block();
    f.ret();
    fails(f, /critical edge b0 -> b2/);
  });

  it('a use of a value never defined', () => {
    const f = new Fn();
    const [a, b] = f.vregs(2);
    f.block();
    f.inst([def(b as number), use(a as number)]);
    f.ret();
    fails(f, /v0 is used but never defined/);
  });

  it('a value defined twice', () => {
    const f = new Fn();
    const [a] = f.vregs(1);
    f.block();
    f.inst([def(a as number)]);
    f.inst([def(a as number)]);
    f.ret();
    fails(f, /v0 is defined twice/);
  });

  it('more values needing registers at one instruction than there are registers', () => {
    const f = new Fn();
    const vs = f.vregs(6);
    f.block();
    for (const v of vs) f.inst([def(v)]);
    f.inst(vs.map((v) => use(v)));
    f.ret();
    fails(f, /no integer register for v\d+ at instruction 6/);
  });

  it('a Fixed register that is the scratch register, or does not exist', () => {
    const f = new Fn();
    const [a] = f.vregs(1);
    f.block();
    f.inst([fixedDef(a as number, 4)]);
    f.ret();
    fails(f, /fixed to the scratch register r4/);
    const g = new Fn();
    g.block();
    g.inst([fixedDef(g.vregs(1)[0] as number, 40)]);
    g.ret();
    fails(g, /register 40, which does not exist/);
  });

  it('a Reuse of an operand that is not a Use, and an EarlyDef Reuse', () => {
    const f = new Fn();
    const [a, b] = f.vregs(2);
    f.block();
    f.inst([def(a as number), reuse(b as number, 0)]);
    f.ret();
    fails(f, /reuses operand 0, which is not a Use/);
  });

  it('one register fixed for two different uses', () => {
    const f = new Fn();
    const [a, b] = f.vregs(2);
    f.block();
    f.inst([def(a as number), def(b as number)]);
    f.inst([fixedUse(a as number, 0), fixedUse(b as number, 0)]);
    f.ret();
    fails(f, /register r0 is fixed for two different uses/);
  });

  it('a block without a terminator, and a terminator in the middle', () => {
    const f = new Fn();
    f.block();
    f.inst([early(f.vregs(1)[0] as number)]);
    fails(f, /block 0 does not end in a terminator/);
    const g = new Fn();
    g.block();
    g.inst([], InstFlag.TERM);
    g.inst([], InstFlag.TERM);
    fails(g, /terminator in the middle of block 0/);
  });

  it('edge args that do not match the params', () => {
    const f = new Fn();
    const [a, p] = f.vregs(2);
    f.block();
    f.inst([def(a as number)]);
    f.jump(1, []);
    f.block([p as number]);
    f.ret();
    fails(f, /passes 0 args to 1 params/);
  });

  it('an env whose scratch register is allocatable', () => {
    const f = new Fn();
    f.block();
    f.ret();
    fails(f, /scratch register r0 is also allocatable/, { ...fakeEnv, scratch: [0, 4] });
  });
});
