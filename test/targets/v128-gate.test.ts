/**
 * The v128 gate (targets/v128-gate.ts, compiler/v128-use.ts): what a target cannot compile of
 * v128 is found before compiling and named — every use when the target carries no v128 values,
 * v128 in function types and globals when it carries them only inside functions, and otherwise
 * the first SIMD instruction one of whose IR rows the target has no lowering for. Stub targets
 * stand in for ISAs at each stage of their SIMD support.
 */

import { describe, expect, it } from 'vitest';
import { opByName } from '../../compiler/ir/opcodes.js';
import { validateModule } from '../../compiler/validate/index.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { parseWat } from '../../formats/wat/index.js';
import type { Module } from '../../formats/wasm/types.js';
import { x86Target } from '../../targets/x86_64/target.js';
import type { Target, TargetVectors } from '../../targets/target.js';
import { unsupportedV128Use } from '../../targets/v128-gate.js';

function module(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** a target that is x86-64 except for what it says of v128 */
const stub = (vectors: TargetVectors): Target => ({ ...x86Target(), vectors });

const LANES = new Set(['vconst', 'i32x4.splat', 'i32x4.extract_lane', 'load.i32'].map(opByName));

describe('the v128 gate', () => {
  const inside = module('(module (func (export "f") (param i32) (result i32) (i32x4.extract_lane 1 (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 1 2 3 4)))))');
  const abi = module('(module (global (mut v128) (v128.const i64x2 0 0)) (func (export "g") (param v128) (result v128) (local.get 0)))');

  it('a target without v128 values refuses the first use of any kind', () => {
    const none = stub({ values: false, abi: false, lowers: () => true });
    expect(unsupportedV128Use(inside, none)?.what).toBe('i32x4.splat in function 0');
    expect(unsupportedV128Use(abi, none)?.what).toBe('type 0');
  });

  it('values inside functions only: function types and globals with v128 are refused', () => {
    const local = stub({ values: true, abi: false, lowers: () => true });
    expect(unsupportedV128Use(inside, local)).toBeNull();
    expect(unsupportedV128Use(abi, local)?.what).toBe('type 0');
  });

  it('names the first SIMD instruction with an IR row the target does not lower, with its offset', () => {
    const partial = stub({ values: true, abi: true, lowers: (op) => LANES.has(op) });
    const use = unsupportedV128Use(inside, partial);
    expect(use?.what).toBe('i32x4.add in function 0');
    expect(use?.offset).toBeGreaterThan(0);
    expect(unsupportedV128Use(module('(module (memory 1) (func (result i32) (i32x4.extract_lane 0 (v128.load32_splat (i32.const 0)))))'), partial)).toBeNull();
    // a widening load needs its extend row too
    expect(unsupportedV128Use(module('(module (memory 1) (func (result i32) (i32x4.extract_lane 0 (v128.load16x4_s (i32.const 0)))))'), partial)?.what).toBe('v128.load16x4_s in function 0');
  });

  it('x86-64 compiles every SIMD instruction', () => {
    expect(unsupportedV128Use(inside, x86Target())).toBeNull();
    expect(unsupportedV128Use(abi, x86Target())).toBeNull();
  });
});
