/**
 * Differential test of 128-bit SIMD (issue 13, "How it is checked"): random valid modules from
 * the generator with its simd feature (v128 params, results, locals and globals, every 0xFD
 * instruction with edge-case lanes, shuffles, swizzles, shift counts and memory accesses: see
 * docs/testing.md), the same seeded calls in the same order on one instance per side. Every
 * call must agree — results (v128 by bytes, or as float lanes with any NaN matching any NaN),
 * trap kinds — and so must the memory, the exported globals (the v128 sink global included)
 * and the table after instantiation and after every call. The run must cover every SIMD
 * opcode at least 10 times (counted from the decoded bodies). It reuses the machinery of the
 * other differential runs: generator, call plan, runners and comparator (gen/run.ts,
 * gen/compare.ts) and the slice runner (gen/diff-slice.ts) with its report, reproducers and
 * opcode counter.
 *
 * Three runs, each with its own seeds:
 *   native (guard-page bounds where the thread has them) vs the interpreter
 *       KILN_SIMD_DIFF_COUNT           modules (default 5000: issue 13 asks for ≥ 5,000 on x86-64;
 *                                      one process holds them, the limit is about 16,000 native instances)
 *   native with explicit bounds checks vs the interpreter
 *       KILN_SIMD_DIFF_EXPLICIT_COUNT  modules (default 1000)
 *   the interpreter vs V8 (the reference itself checked)
 *       KILN_SIMD_DIFF_V8_COUNT        modules (default 500)
 *   KILN_SIMD_DIFF_SEED    base seed (module i of a run uses subSeed(seed + run, i))
 * A count of 0 skips nothing silently: the run is then not made and says so. AArch64 runs
 * the native pair under qemu (scripts/test-aarch64.mjs) once its NEON lowering is complete.
 */

import { describe, expect, it } from 'vitest';
import { encodeModule } from '../../formats/wasm/encode.js';
import { ValType } from '../../formats/wasm/types.js';
import type { WasmGlobal } from '../../loader/api.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { interpEngine } from '../../loader/interp/index.js';
import { showCounts, SIMD_TARGETS } from './gen/coverage.js';
import { counterOf, runSlice } from './gen/diff-slice.js';
import { compareOutcomes, compareState, sameRaw } from './gen/compare.js';
import { generateModule, subSeed } from './gen/index.js';
import { simdDiffOptions } from './gen/options.js';
import { kilnSide, v8Side, v8TrapKinds, type CallOutcome, type Side } from './gen/run.js';
import { kilnStateReader, v8StateReader } from './gen/state.js';
import { lowerTypes, lowerValues, raiseValues } from './gen/v128-boundary.js';

const COUNT = Number(process.env['KILN_SIMD_DIFF_COUNT'] ?? 5000);
const EXPLICIT_COUNT = Number(process.env['KILN_SIMD_DIFF_EXPLICIT_COUNT'] ?? 1000);
const V8_COUNT = Number(process.env['KILN_SIMD_DIFF_V8_COUNT'] ?? 500);
const BASE_SEED = Number(process.env['KILN_SIMD_DIFF_SEED'] ?? 0x73696d64);
/** every SIMD opcode at least this often (checked on runs of at least COVERAGE_RUN modules) */
const MIN_OCCURRENCES = 10;
const COVERAGE_RUN = 1000;
const TIMEOUT_MS = Math.max(600_000, COUNT * 200);

interface Pair {
  engine: Side;
  reference: Side;
}
/** the side under test and the side it is checked against, per run */
const PAIRS: Readonly<Record<string, () => Promise<Pair>>> = {
  interp: async () => ({ engine: kilnSide(interpEngine), reference: v8Side }),
  native: async () => {
    const { nativeEngineFor } = await import('../../loader/native/index.js');
    return { engine: kilnSide(nativeEngineFor('auto')), reference: kilnSide(interpEngine) };
  },
  explicit: async () => {
    const { nativeEngineFor } = await import('../../loader/native/index.js');
    return { engine: kilnSide(nativeEngineFor('explicit')), reference: kilnSide(interpEngine) };
  },
};


const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const v128 = (...bytes: number[]): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => bytes[i] ?? 0);
/** 16 bytes holding these f32 bit patterns in lanes 0..3 */
const f32x4 = (...lanes: number[]): Uint8Array => new Uint8Array(Uint32Array.from(lanes).buffer);
const f64x2 = (...lanes: bigint[]): Uint8Array => new Uint8Array(BigUint64Array.from(lanes).buffer);
const result = (...values: Uint8Array[]): CallOutcome => ({ kind: 'result', values });

describe('v128 values in differential runs', () => {
  it('compare by bytes, or as f32x4 or f64x2 lanes with any NaN matching any NaN', () => {
    expect(sameRaw(ValType.V128, v128(1, 2, 3), v128(1, 2, 3))).toBe(true);
    expect(sameRaw(ValType.V128, v128(1, 2, 3), v128(1, 2, 4))).toBe(false);
    expect(sameRaw(ValType.V128, v128(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), v128())).toBe(false);
    // f32 lanes: quiet vs signalling, positive vs negative NaN
    expect(sameRaw(ValType.V128, f32x4(0x7fc00000, 1, 2, 3), f32x4(0xffa00001, 1, 2, 3))).toBe(true);
    // a NaN against a non-NaN, and -0 against +0, still differ
    expect(sameRaw(ValType.V128, f32x4(0x7fc00000, 1, 2, 3), f32x4(0x7f800000, 1, 2, 3))).toBe(false);
    expect(sameRaw(ValType.V128, f32x4(0x80000000, 0, 0, 0), f32x4(0, 0, 0, 0))).toBe(false);
    // f64 lanes whose low words differ (not f32 NaNs)
    expect(sameRaw(ValType.V128, f64x2(0x7ff8000000000000n, 5n), f64x2(0xfff0000000000001n, 5n))).toBe(true);
    expect(sameRaw(ValType.V128, f64x2(0x7ff8000000000000n, 5n), f64x2(0x7ff8000000000000n, 6n))).toBe(false);
  });

  it('report a differing v128 result', () => {
    const t = [ValType.V128];
    expect(compareOutcomes(t, result(v128(1)), result(v128(1)))).toBeNull();
    expect(compareOutcomes(t, result(v128(1)), result(v128(2)))).toBe(
      'results differ: kiln [v128:i32x4[0x00000001 0x00000000 0x00000000 0x00000000]], ' +
        'reference [v128:i32x4[0x00000002 0x00000000 0x00000000 0x00000000]]',
    );
  });

  it('cross the JS boundary as i64 pairs and come back bit for bit', () => {
    const types = [ValType.I32, ValType.V128, ValType.F32];
    const v = f32x4(0x7fa00001, 0x80000000, 0xffffffff, 0x12345678);
    expect(lowerTypes(types)).toEqual([ValType.I32, ValType.I64, ValType.I64, ValType.F32]);
    const lowered = lowerValues(types, [7, v, 0x3f800000]);
    expect(lowered).toEqual([7, -0x7fffffff805fffffn, 0x12345678ffffffffn, 0x3f800000]);
    expect(raiseValues(types, lowered)).toEqual([7, v, 0x3f800000]);
  });

  it('read v128 globals alike on kiln (getRaw) and V8 (the lane getter), and catch one changed behind an instance', () => {
    const g = generateModule(subSeed(BASE_SEED, 1), { features: { simd: true } });
    const kiln = instantiateModule(interpEngine, g.module, {});
    const v8 = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(g.module)), {});
    const readKiln = kilnStateReader(g, kiln.exports);
    const before = readKiln();
    expect(compareState(g, before, v8StateReader(g, v8.exports)())).toBeNull();
    const sink = g.globals.at(-1)!; // the sink: the last global, v128, with a lane getter
    expect(sink.type).toBe(ValType.V128);
    expect(sink.lanes).toBe(`${sink.name}_lanes`);
    (kiln.exports[sink.name] as WasmGlobal).setRaw(v128(9));
    expect(compareState(g, readKiln(), before)).toMatch(new RegExp(`^global ${sink.name} differs: kiln v128:i32x4\\[0x00000009 `));
  });
});

const RUNS: readonly (readonly [name: string, count: number, seedOffset: number])[] = [
  ['native', COUNT, 0],
  ['explicit', EXPLICIT_COUNT, 1],
  ['interp', V8_COUNT, 2],
];

for (const [run, count, seedOffset] of RUNS) {
  const against = run === 'interp' ? 'V8' : 'the interpreter';
  describe(`${count} random v128 modules: ${run === 'explicit' ? 'native, explicit bounds' : run} vs ${against}`, () => {
    it('agree on every result, trap kind, memory, global and table slot, and cover every SIMD opcode', async () => {
      expect(count, `no ${run} run: its count is 0`).toBeGreaterThan(0);
      const { engine, reference } = await PAIRS[run]!();
      const r = await runSlice({ baseSeed: BASE_SEED + seedOffset, from: 0, to: count, engine, reference, options: simdDiffOptions, tag: `simd-diff-${run}` });
      const coverage = counterOf(r);
      const rare = coverage.simdBelow(MIN_OCCURRENCES);
      console.log(
        `simd differential (${run}: ${engine.name} vs ${reference.name}): ${r.modules} modules (${r.simdModules} with SIMD), ${r.calls} calls, ` +
          `${r.mismatching} mismatching modules; outcomes on ${reference.name}: ${JSON.stringify(r.outcomes)}; ` +
          `SIMD opcode coverage: minimum ${coverage.minimum(SIMD_TARGETS)}, rarest ${showCounts(coverage.rarest(8, SIMD_TARGETS))}; ` +
          `time ${secs(r.ms.wall)} (generate+decode ${secs(r.ms.gen)}, ${reference.name} ${secs(r.ms.ref)}, ${engine.name} ${secs(r.ms.test)}; CPU ${secs(r.ms.cpu)})`,
      );
      expect(r.modules).toBe(count);
      expect(r.mismatches, `${r.mismatching} of ${count} modules disagree (first ${r.mismatches.length} listed)`).toEqual([]);
      expect(r.elsewhere, `instances not on the ${engine.name} engine`).toEqual([]);
      // an unmapped V8 trap message would match any kiln trap: there must be none
      const unmapped = reference === v8Side ? Object.keys(r.outcomes).filter((k) => k !== 'result' && v8TrapKinds(k).length === 0) : [];
      expect(unmapped, 'V8 trap messages without a kiln trap kind').toEqual([]);
      if (count >= COVERAGE_RUN) {
        expect(rare.map((c) => c.op.name), `SIMD opcodes seen fewer than ${MIN_OCCURRENCES} times: ${showCounts(rare)}`).toEqual([]);
        expect(r.simdModules / r.modules).toBeGreaterThan(0.98);
      }
    }, TIMEOUT_MS);
  });
}
