import { describe, expect, it } from 'vitest';
import { Builder } from '../../../compiler/ir/builder.js';
import { IntCC } from '../../../compiler/ir/conds.js';
import { Func, NO } from '../../../compiler/ir/func.js';
import { op } from '../../../compiler/ir/opcodes.js';
import { parseFunc } from '../../../compiler/ir/parser.js';
import { printFunc } from '../../../compiler/ir/printer.js';
import { Type } from '../../../compiler/ir/types.js';
import { blockInsts, blockOrder, blockParams } from '../../../compiler/ir/view.js';
import { verify } from '../../../compiler/ir/verify.js';
import { TEXTS } from './samples.js';

const { I32, I64, PTR } = Type;

/** a function big enough to grow every array of a new store several times */
function buildBig(b: Builder, blocks: number): void {
  const entry = b.begin('big', [I32, PTR], [I32]);
  const sig = b.sig([I32, I64], [I32, I64]);
  const [x, p] = blockParams(b.f, entry) as [number, number];
  const exit = b.newBlock([I32]);
  let prev = entry;
  let acc = x;
  for (let k = 0; k < blocks; k++) {
    const next = b.newBlock([I32, I32]);
    b.switchTo(prev);
    b.jump(next, [acc, x]);
    b.switchTo(next);
    const [a, c] = blockParams(b.f, next) as [number, number];
    let v = b.binary('iadd', I32, a, c);
    for (let j = 0; j < 8; j++) v = b.binary('imul', I32, v, b.iconst(I32, j + 1));
    const wide = b.convert('uextend', I64, I32, v);
    const call = b.call(k, sig, [v, wide]);
    b.store('store', I32, p, b.f.result(call, 0), k * 4);
    const cond = b.icmp(IntCC.ult, I32, v, c);
    const side = b.newBlock();
    b.brTable(cond, [[side], [exit, [v]]], [exit, [c]]);
    b.switchTo(side);
    acc = b.copy(I32, v);
    prev = side;
  }
  b.switchTo(prev);
  b.jump(exit, [acc]);
  b.switchTo(exit);
  b.ret(blockParams(b.f, exit));
}

describe('the store is reusable', () => {
  it('does not grow when the same function is built again after reset', () => {
    const b = new Builder();
    const initial = b.f.capacityBytes();
    buildBig(b, 300);
    verify(b.f);
    const first = printFunc(b.f);
    const capacity = b.f.capacityBytes();
    expect(capacity).toBeGreaterThan(initial * 8);
    const counts = [b.f.valueCount, b.f.blockCount, b.f.instCount, b.f.argPoolLen, b.f.callCount];
    buildBig(b, 300);
    expect(b.f.capacityBytes()).toBe(capacity);
    expect([b.f.valueCount, b.f.blockCount, b.f.instCount, b.f.argPoolLen, b.f.callCount]).toEqual(counts);
    expect(printFunc(b.f)).toBe(first);
  });
  it('parses into a reused store without growing, and gives the same function as a fresh store', () => {
    const b = new Builder();
    buildBig(b, 100);
    const text = printFunc(b.f);
    const f = parseFunc(text, { into: new Func() });
    const capacity = f.capacityBytes();
    parseFunc(TEXTS['fib'] as string, { into: f });
    expect(printFunc(f)).toBe(TEXTS['fib']);
    parseFunc(text, { into: f });
    expect(f.capacityBytes()).toBe(capacity);
    expect(printFunc(f)).toBe(text);
  });
  it('reset forgets everything of the previous function', () => {
    const f = parseFunc(TEXTS['sparse'] as string);
    f.reset('g', [I32], []);
    expect([f.valueCount, f.blockCount, f.instCount, f.sigCount, f.callCount, f.firstBlock]).toEqual([0, 0, 0, 0, 0, NO]);
    expect(printFunc(f)).toBe('function %g(i32) {\n}\n');
  });
});

describe('instructions form a doubly linked list per block', () => {
  const text = `function %f(i32) -> i32 {
block0(v0: i32):
    v1 = iconst.i32 1
    v2 = iadd.i32 v0, v1
    return v2
}
`;
  it('inserts before and after, and removes, keeping both directions consistent', () => {
    const f = parseFunc(text);
    const [c1, add, ret] = blockInsts(f, 0) as [number, number, number];
    const c2 = f.newInst(op('iconst.i32'), 1, 0, 5);
    f.makeResult(c2, 0, I32);
    f.insertBefore(c2, c1);
    const c3 = f.newInst(op('iconst.i32'), 1, 0, 6);
    f.makeResult(c3, 0, I32);
    f.insertAfter(c3, add);
    expect(blockInsts(f, 0)).toEqual([c2, c1, add, c3, ret]);
    f.removeInst(c2);
    f.removeInst(ret);
    expect(blockInsts(f, 0)).toEqual([c1, add, c3]);
    const back: number[] = [];
    for (let i = f.blockLast[0] as number; i !== NO; i = f.instPrev[i] as number) back.push(i);
    expect(back).toEqual([c3, add, c1]);
    f.appendInst(0, ret);
    f.setOperand(ret, 0, f.result(c3, 0));
    verify(f);
    expect(printFunc(f)).toBe(`function %f(i32) -> i32 {
block0(v0: i32):
    v1 = iconst.i32 1
    v2 = iadd.i32 v0, v1
    v4 = iconst.i32 6
    return v4
}
`);
  });
  it('moves blocks in the layout', () => {
    const f = parseFunc(TEXTS['fib'] as string);
    f.unplaceBlock(1);
    f.placeBlock(1);
    expect(blockOrder(f)).toEqual([0, 2, 1]);
    f.unplaceBlock(0);
    f.placeBlock(0, NO);
    expect(blockOrder(f)).toEqual([0, 2, 1]);
    verify(f);
  });
  it('adds a param to a block whose params are not the last in the pool (the slice moves)', () => {
    const b = new Builder();
    const entry = b.begin('p', [I32], []);
    const b1 = b.newBlock([I32, I64]);
    const b2 = b.newBlock([I64]);
    const extra = b.param(b1, PTR);
    expect(blockParams(b.f, b1)).toEqual([1, 2, extra]);
    expect(blockParams(b.f, b2)).toEqual([3]);
    expect(blockParams(b.f, entry)).toEqual([0]);
    expect([b.f.valueKind[extra], b.f.valueDef[extra], b.f.valueNum[extra]]).toEqual([2, b1, 2]);
  });
});
