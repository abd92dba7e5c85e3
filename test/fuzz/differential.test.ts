/**
 * Differential testing of kiln's interpreter against Node's own WebAssembly (V8) on random
 * valid modules (test/fuzz/gen): the same bytes, the same calls with the same seeded
 * arguments, in the same order on one instance each. Every call must agree — results
 * (integers exactly, floats by bits with any NaN matching any NaN), or traps of a matching
 * kind — and so must the exported memory, globals and table (by function identity) after
 * instantiation and after every call. NaN bits never leak into integers
 * or memory because the generator canonicalises NaNs where they become observable.
 * KILN_DIFF_COUNT (default 500) and KILN_DIFF_SEED override the run.
 */

import { describe, expect, it } from 'vitest';
import { encodeModule } from '../../formats/wasm/encode.js';
import { ValType } from '../../formats/wasm/types.js';
import { generateModule, subSeed } from './gen/index.js';
import { callPlan, compareMemory, compareOutcomes, firstMismatch, runOnKiln, runOnV8, sameRaw, v8TrapKinds, type CallOutcome } from './gen/run.js';
import { f32Bits, f64FromBits } from './gen/values.js';

const COUNT = Number(process.env['KILN_DIFF_COUNT'] ?? 500);
const BASE_SEED = Number(process.env['KILN_DIFF_SEED'] ?? 0x64696666);

const result = (...values: (number | bigint)[]): CallOutcome => ({ kind: 'result', values });
const trap = (t: string, kinds: string[] = [t]): CallOutcome => ({ kind: 'trap', trap: t, kinds });

describe('differential comparison helpers', () => {
  it('compare floats by bits, except that any NaN matches any NaN of the same type', () => {
    expect(sameRaw(ValType.F32, f32Bits(0), f32Bits(-0))).toBe(false);
    expect(sameRaw(ValType.F32, 0x7fc00000, 0xffc00001 | 0)).toBe(true);
    expect(sameRaw(ValType.F32, 0x7fc00000, 0x7f800000)).toBe(false);
    expect(sameRaw(ValType.F64, 0, -0)).toBe(false);
    expect(sameRaw(ValType.F64, f64FromBits(0x7ff8000000000000n), f64FromBits(0xfff0000000000001n))).toBe(true);
    expect(sameRaw(ValType.F64, 1.5, 1.5)).toBe(true);
    expect(sameRaw(ValType.I64, -1n, 0xffffffffn)).toBe(false);
    expect(sameRaw(ValType.I32, -1, -1)).toBe(true);
  });

  it('report differing results, trap kinds and outcome kinds; accept traps of a mapped kind', () => {
    expect(compareOutcomes([ValType.I32], result(1), result(1))).toBeNull();
    expect(compareOutcomes([ValType.I32], result(1), result(2))).toBe('results differ: kiln [i32:1], reference [i32:2]');
    expect(compareOutcomes([], trap('unreachable'), trap('unreachable'))).toBeNull();
    expect(compareOutcomes([], trap('integer overflow'), trap('x', ['integer divide by zero']))).toMatch(/^trap kinds differ/);
    expect(compareOutcomes([ValType.I64], result(3n), trap('unreachable'))).toMatch(/^outcomes differ/);
    expect(compareMemory(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe('memory differs first at 0x2: kiln 3, reference 4');
    expect(compareMemory(new Uint8Array(4), new Uint8Array(4))).toBeNull();
  });

  it("maps V8's trap messages to the spec's trap kinds", () => {
    expect(v8TrapKinds('divide by zero')).toEqual(['integer divide by zero']);
    expect(v8TrapKinds('remainder by zero')).toEqual(['integer divide by zero']);
    expect(v8TrapKinds('divide result unrepresentable')).toEqual(['integer overflow']);
    expect(v8TrapKinds('memory access out of bounds')).toEqual(['out of bounds memory access']);
    expect(v8TrapKinds('element segment out of bounds')).toEqual(['out of bounds table access']);
    expect(v8TrapKinds('null function or function signature mismatch')).toEqual([
      'uninitialized element',
      'indirect call type mismatch',
    ]);
    // Node 26's V8 says only this, for a null entry too
    expect(v8TrapKinds('function signature mismatch')).toEqual(['uninitialized element', 'indirect call type mismatch']);
    expect(v8TrapKinds('something new')).toEqual([]);
  });
});

describe(`${COUNT} random modules: kiln interpreter vs V8`, () => {
  it('agree on every result, trap kind, memory state, exported global and table entry', () => {
    const mismatches: string[] = [];
    const unmapped = new Set<string>();
    let calls = 0;
    let traps = 0;
    for (let i = 0; i < COUNT && mismatches.length < 20; i++) {
      const seed = subSeed(BASE_SEED, i);
      // every fourth module without trap-prone code, so that calls run to their end
      const g = generateModule(seed, i % 4 === 3 ? { features: { traps: false }, maxBodySize: 300 } : {});
      const bytes = encodeModule(g.module);
      const plan = callPlan(g);
      const kiln = runOnKiln(g, bytes, plan, { snapshotMemory: true, snapshotState: true });
      const v8 = runOnV8(g, bytes, plan, { snapshotMemory: true, snapshotState: true });
      for (const c of v8.calls) {
        calls++;
        if (c.outcome.kind !== 'trap') continue;
        traps++;
        if (c.outcome.kinds.length === 0) unmapped.add(c.outcome.trap);
      }
      const diff = firstMismatch(g, kiln, v8);
      if (diff !== null) mismatches.push(`seed ${seed}: ${diff}`);
    }
    console.log(`differential: ${COUNT} modules, ${calls} calls, ${traps} traps on V8`);
    expect(mismatches).toEqual([]);
    expect([...unmapped]).toEqual([]);
  });
});
