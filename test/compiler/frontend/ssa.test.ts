/**
 * SSA construction is minimal enough: locals that a loop does not assign get no header param,
 * merges whose incoming values agree get no param, and a block nobody branches to opens no IR
 * block. Counts are exact, read from the store.
 */

import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { blockOrder, blockParams, type Func } from '../../../compiler/ir/index.js';
import { parseWat } from '../../../formats/wat/index.js';

function translate(wat: string, index = 0): Func {
  return new Frontend().translate(parseWat(wat), index);
}
/** param counts of the blocks in layout order */
const paramCounts = (f: Func): number[] => blockOrder(f).map((b) => blockParams(f, b).length);

describe('SSA construction for locals', () => {
  it('gives no loop header params to locals set once before the loop', () => {
    const f = translate(`(module (func (param $n i32) (result i32) (local $a i32) (local $b i64) (local $c f64) (local $i i32)
      (local.set $a (i32.const 3)) (local.set $b (i64.const 4)) (local.set $c (f64.const 5))
      (loop $l
        (local.set $i (i32.add (local.get $i) (local.get $a)))
        (drop (local.get $b)) (drop (local.get $c))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      (local.get $i)))`);
    // entry (vmctx, n); the loop header: only $i; the exit after br_if
    expect(paramCounts(f)).toEqual([2, 1, 0]);
  });

  it('gives a loop header no params at all when the loop assigns nothing', () => {
    const f = translate(`(module (func (param $n i32) (local $x i32)
      (local.set $x (i32.const 1))
      (loop $l (br_if $l (i32.eqz (local.get $x))))))`);
    expect(paramCounts(f)).toEqual([2, 0, 0]);
  });

  it('gives a nested loop params only for what it assigns; the outer loop also for what the inner one assigns', () => {
    const f = translate(`(module (func (param $n i32) (local $i i32) (local $j i32) (local $k i32)
      (local.set $k (i32.const 9))
      (loop $outer
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (loop $inner
          (local.set $j (i32.add (local.get $j) (local.get $k)))
          (br_if $inner (local.get $j)))
        (br_if $outer (local.get $i)))))`);
    // entry; outer header: $i and $j (not $k); inner header: $j only; inner exit; outer exit
    expect(paramCounts(f)).toEqual([2, 2, 1, 0, 0]);
  });

  it('merges with a param only the locals that differ between the incoming edges', () => {
    const f = translate(`(module (func (param $c i32) (result i32) (local $same i32) (local $diff i32)
      (local.set $same (i32.const 1))
      (if (local.get $c) (then (local.set $diff (i32.const 2))) (else (local.set $diff (i32.const 3))))
      (i32.add (local.get $same) (local.get $diff))))`);
    // entry, then, else, merge with one param ($diff)
    expect(paramCounts(f)).toEqual([2, 0, 0, 1]);
  });

  it('opens no block for a block nobody branches to', () => {
    const f = translate(`(module (func (param $x i32) (result i32)
      (block (result i32) (block (result i32) (i32.add (local.get $x) (i32.const 1))))))`);
    expect(paramCounts(f)).toEqual([2]);
  });

  it('passes a branch value without a param when every edge carries the same value', () => {
    const f = translate(`(module (func (param $x i32) (result i32)
      (block $b (result i32)
        (br_table $b $b $b (local.get $x) (local.get $x)))))`);
    expect(paramCounts(f)).toEqual([2, 0]);
  });
});

describe('the store is reused', () => {
  it('translating the same function again allocates no new capacity', () => {
    const m = parseWat(`(module (memory 1) (func (param $n i32) (result i32) (local $i i32) (local $s i32)
      (block $out (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l)))
      (local.get $s)))`);
    const fe = new Frontend();
    const first = fe.translate(m, 0).capacityBytes();
    for (let k = 0; k < 3; k++) expect(fe.translate(m, 0).capacityBytes()).toBe(first);
  });
});
