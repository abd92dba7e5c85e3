/**
 * Where `kiln run` runs a program: on the main thread when its wasm call stack is bounded
 * small (no worker thread to start, no second load of kiln's code), on a worker with a large
 * stack when calls may go deep (recursion, direct or through call_indirect) or blocks nest
 * deeply. The deep cases run end to end in cli.test.ts (100,000-deep recursion).
 */

import { describe, expect, it } from 'vitest';
import { loadModule } from '../../cli/load.js';
import { MAIN_THREAD_MAX_NESTING, MAIN_THREAD_STACK_BUDGET, needsWorker, stackNeeds } from '../../cli/run-placement.js';
import { parseWat } from '../../formats/wat/module.js';

const DEPTH = 100_000;
const wat = (text: string): ReturnType<typeof parseWat> => parseWat(text);

describe('run placement', () => {
  it('the hello example runs on the main thread: one function, one import call', () => {
    const m = loadModule('examples/wat/hello.wat').module;
    // one frame: 4 × i32.const, call, drop, end
    expect(stackNeeds(m, DEPTH)).toEqual({ bytes: 512 + 16 * 7, nesting: 0 });
    expect(needsWorker(m, DEPTH)).toBe(false);
  });
  it('a chain of calls costs the sum of its frames', () => {
    const m = wat('(module (func $a (call $b) (call $b)) (func $b (local i64 i64) (call $c)) (func $c))');
    // a: 2 calls + end = 3 slots; b: 2 locals + call + end = 4; c: end = 1
    expect(stackNeeds(m, DEPTH).bytes).toBe(512 * 3 + 16 * (3 + 4 + 1));
    expect(needsWorker(m, DEPTH)).toBe(false);
  });
  it('recursion needs a worker at the default depth, not under a small --max-call-depth', () => {
    const m = wat('(module (func $r (param i32) (result i32) (call $r (local.get 0))))');
    const frame = 512 + 16 * (1 + 3);
    expect(stackNeeds(m, DEPTH).bytes).toBe(DEPTH * frame);
    expect(needsWorker(m, DEPTH)).toBe(true);
    expect(needsWorker(m, 50)).toBe(false);
  });
  it('mutual recursion through call_indirect of the same type needs a worker', () => {
    const m = wat(`(module (type $t (func)) (table 1 funcref) (elem (i32.const 0) $f)
      (func $f (call_indirect (type $t) (i32.const 0))))`);
    expect(needsWorker(m, DEPTH)).toBe(true);
  });
  it('call_indirect reaches only table functions of its own type', () => {
    const m = wat(`(module (type $other (func (param i32))) (table 1 funcref) (elem (i32.const 0) $f)
      (func $f (call_indirect (type $other) (i32.const 1) (i32.const 0))))`);
    expect(needsWorker(m, DEPTH)).toBe(false);
  });
  it('a long chain of large frames exceeds the main thread budget', () => {
    const n = 300;
    const funcs = Array.from({ length: n }, (_, i) => `(func $f${i} (local ${'i64 '.repeat(100)})${i + 1 < n ? ` (call $f${i + 1})` : ''})`);
    const m = wat(`(module ${funcs.join(' ')})`);
    expect(stackNeeds(m, DEPTH).bytes).toBeGreaterThan(MAIN_THREAD_STACK_BUDGET);
    expect(needsWorker(m, DEPTH)).toBe(true);
  });
  it('deeply nested blocks need a worker', () => {
    const deep = MAIN_THREAD_MAX_NESTING + 1;
    const m = wat(`(module (func ${'block '.repeat(deep)}${'end '.repeat(deep)}))`);
    expect(stackNeeds(m, DEPTH).nesting).toBe(deep);
    expect(needsWorker(m, DEPTH)).toBe(true);
  });
  it('the C examples (libc recurses) run on a worker', () => {
    expect(needsWorker(loadModule('examples/hello.wasm').module, DEPTH)).toBe(true);
  });
});
