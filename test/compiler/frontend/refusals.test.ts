/**
 * What the frontend cannot translate is refused with a KilnError naming the instruction, the
 * function and the byte offset (or the instruction's index for a module built from text), never
 * translated wrongly.
 */

import { describe, expect, it } from 'vitest';
import { Frontend, isSimdRefusal } from '../../../compiler/frontend/index.js';
import { isKilnError, type KilnError } from '../../../formats/errors.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';

function refusal(m: Module, index: number): KilnError {
  try {
    new Frontend().translate(m, index);
  } catch (e) {
    if (isKilnError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('refusals', () => {
  it('translates v128 params, results, locals, globals, callee types and vector instructions', () => {
    const bodies = [
      '(func (param v128))',
      '(func (result v128) (unreachable))',
      '(func (local v128))',
      '(global v128 (v128.const i64x2 0 0)) (func (drop (global.get 0)))',
      '(type (func (result v128))) (table 1 funcref) (func (drop (call_indirect (type 0) (i32.const 0))))',
      '(func (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4)))',
      '(memory 1) (func (param i32) (v128.store8_lane offset=3 7 (local.get 0) (v128.load32_zero (local.get 0))))',
    ];
    for (const body of bodies) expect(() => new Frontend().translate(parseWat(`(module ${body})`), 0), body).not.toThrow();
  });

  it('skips v128 instructions in unreachable code (they are never translated)', () => {
    const m = parseWat('(module (func (result i32) (return (i32.const 1)) (drop (v128.const i64x2 0 0)) (i32.const 2)))');
    expect(() => new Frontend().translate(m, 0)).not.toThrow();
  });
});

describe('limits', () => {
  it('snapshots only the locals assigned inside the construct: many locals and many branches translate', () => {
    // 4,096 locals and 8,200 br_if to a block that assigns one local: one word per snapshot
    const brs = '(br_if 0 (local.get 0))'.repeat(8200);
    const m = parseWat(`(module (func (param i32) (local ${'i32 '.repeat(4095)}) (block (local.set 7 (i32.const 1)) ${brs})))`);
    const fe = new Frontend();
    fe.translate(m, 0);
    expect(fe.t.snapLen).toBe(8200 + 1); // the 8,200 br_if and the fall-through
  });

  it('refuses a function whose assignments times forward branches exceed the snapshot limit, with a clear message', () => {
    // 4,096 locals assigned inside the block, then 8,200 br_if out of it: 8,200 x 4,096 words > 2^25
    const sets = Array.from({ length: 4096 }, (_, l) => `(local.set ${l} (i32.const 1))`).join('');
    const brs = '(br_if 0 (local.get 0))'.repeat(8200);
    const m = parseWat(`(module (func (param i32) (local ${'i32 '.repeat(4095)}) (block ${sets} ${brs})))`);
    const e = refusal(m, 0);
    expect(e.reason).toMatch(
      /^cannot compile this function in function 0 at instruction \d+: its assignments times its forward branches exceed the frontend's limit of 33554432 snapshot words$/,
    );
    expect(isSimdRefusal(e)).toBe(false);
  });
});
