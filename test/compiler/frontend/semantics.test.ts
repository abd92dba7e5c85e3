/**
 * Hand-written functions whose locals flow through tricky merges, run on the translated IR with
 * the reference evaluator (ir-eval.ts) against results worked out by hand: br_table targets at
 * different depths with assignments in between, if/else arms that assign different locals,
 * early exits from nested loops, and a loop whose header params meet forward edges.
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/index.js';
import { instantiate, invokeExport } from './ir-host.js';

const MODULE = `(module
  (func (export "table") (param $i i32) (result i32) (local $a i32) (local $b i32)
    (local.set $a (i32.const 1))
    (block $outer
      (local.set $b (i32.const 10))
      (block $mid
        (local.set $a (i32.const 2))
        (block $inner
          (local.set $b (i32.const 20))
          (br_table $inner $mid $outer (local.get $i)))
        (local.set $a (i32.add (local.get $a) (i32.const 100))))
      (local.set $b (i32.add (local.get $b) (i32.const 1000))))
    (i32.add (local.get $a) (local.get $b)))
  (func (export "arms") (param $c i32) (result i32) (local $x i32) (local $y i32)
    (local.set $x (i32.const 3))
    (local.set $y (i32.const 4))
    (if (local.get $c)
      (then (local.set $x (i32.const 30)))
      (else (local.set $y (i32.const 40))))
    (i32.add (i32.mul (local.get $x) (i32.const 100)) (local.get $y)))
  (func (export "search") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $hits i32)
    (block $done
      (loop $rows
        (local.set $j (i32.const 0))
        (loop $cols
          (if (i32.eq (i32.mul (local.get $i) (local.get $j)) (i32.const 12)) (then (br $done)))
          (local.set $hits (i32.add (local.get $hits) (i32.const 1)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $n))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.add (i32.mul (local.get $i) (i32.const 10000)) (i32.add (i32.mul (local.get $j) (i32.const 100)) (local.get $hits))))
)`;

describe('locals through merges, evaluated', () => {
  const inst = instantiate(parseWat(MODULE));
  const run = (name: string, arg: number): number => invokeExport(inst, name, [arg])[0] as number;

  it('br_table to targets at different depths carries the locals assigned before each', () => {
    // to $inner: a=2+100, b=20+1000; to $mid: a=2, b=20+1000; to $outer (and default): a=2, b=20
    expect([0, 1, 2, 7].map((i) => run('table', i))).toEqual([1122, 1022, 22, 22]);
  });

  it('if/else arms that assign different locals merge each one', () => {
    expect([1, 0].map((c) => run('arms', c))).toEqual([3004, 340]);
  });

  it('an early exit from nested loops carries the inner and outer counters', () => {
    // n=5: (i,j) scans rows i=0..; i*j=12 first at i=3, j=4: hits = 5*3 + 4 = 19
    // n=3: no product 12: ends with i=3, j=3, hits=9
    expect([5, 3].map((n) => run('search', n))).toEqual([30419, 30309]);
  });
});
