/**
 * The SIMD kernels of bench/simd (issue 13's speed check): every kernel's SIMD and scalar
 * builds give the same checksum at their test size on V8 and on kiln's interpreter; every
 * SIMD build has v128 instructions inside the loops of its hot functions (read with kiln's
 * decoder) and every scalar build has no v128 at all; the report's pure part judges
 * checksums and issue 13's bars as bench/simd.ts prints them; the timing loop keeps going
 * past a failing build.
 */

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../formats/wasm/decode.js';
import { firstV128Use } from '../../compiler/v128-use.js';
import { measureAlternating, prepare, type Cell, type EngineName } from '../../bench/simd-engines.js';
import { BUILDS, kernelBytes, kernelFile, parseKernelList, readSimdKernels } from '../../bench/simd-kernels.js';
import { checkChecksums, summarize, type KernelRow } from '../../bench/simd-report.js';
import { hotLoopSimd, simdByFunction } from '../../bench/simd-scan.js';

const kernels = readSimdKernels();

async function checksum(engine: EngineName, bytes: Uint8Array<ArrayBuffer>, n: number): Promise<number> {
  const run = await prepare(engine, bytes);
  if (typeof run !== 'function') throw new Error(run.missing);
  return run(n);
}

describe('bench/simd kernels', () => {
  it('lists a dot product, a blur, a byte histogram and a search, each with both builds committed', () => {
    const names = kernels.map((k) => k.name);
    for (const name of ['dot', 'blur', 'hist', 'search']) expect(names).toContain(name);
    for (const k of kernels) for (const b of BUILDS) expect(existsSync(kernelFile(k.name, b)), `${k.name}.${b}.wasm`).toBe(true);
  });

  for (const k of kernels) {
    it(`${k.name}: both builds give one checksum at n=${k.testSize} on V8 and on the interpreter`, async () => {
      const results: number[] = [];
      for (const b of BUILDS) for (const e of ['v8', 'interp'] as const) results.push(await checksum(e, kernelBytes(k.name, b), k.testSize));
      expect(new Set(results).size, `${results.join(', ')}`).toBe(1);
      // the size reaches the kernel
      expect(await checksum('v8', kernelBytes(k.name, 'simd'), k.testSize + 1)).not.toBe(results[0]);
    });

    it(`${k.name}: the SIMD build has v128 in the loops of ${k.hot.join(', ')}; the scalar build has none`, () => {
      expect(hotLoopSimd(kernelBytes(k.name, 'simd'), k.hot)).toBeGreaterThan(0);
      const scalar = kernelBytes(k.name, 'scalar');
      expect(simdByFunction(scalar).filter((f) => f.simd > 0)).toEqual([]);
      expect(firstV128Use(decodeModule(scalar))).toBeNull();
    });
  }

  it('refuses a malformed kernels.txt line, naming it', () => {
    expect(parseKernelList('# c\n\ndot dot 10 2\n')).toEqual([{ name: 'dot', hot: ['dot'], benchSize: 10, testSize: 2 }]);
    expect(() => parseKernelList('dot dot 10\n')).toThrow(/kernels.txt line 1: expected "name hot-functions bench-size test-size"/);
  });
});

describe('bench/simd report', () => {
  const timed = (seconds: number, result = 7): Cell => ({ timing: { median: seconds, best: seconds, reps: 5, result } });
  const unsupported: Cell = { missing: 'not supported (SIMD)', unsupported: true };

  it('a wrong checksum turns the cell into a failure naming both values', () => {
    const cells = { 'v8/simd': timed(1), 'v8/scalar': timed(2), 'interp/simd': timed(3, 8) };
    expect(checkChecksums(cells)).toBe(1);
    expect(cells['interp/simd']).toEqual({ missing: 'WRONG CHECKSUM 8, expected 7', unsupported: false });
  });

  it('the bars are "not measured" while kiln native refuses the SIMD builds', () => {
    const row: KernelRow = { name: 'dot', size: 1, hotLoopSimd: 4, cells: { 'v8/simd': timed(1), 'v8/scalar': timed(4), 'native/simd': unsupported, 'native/scalar': timed(5) } };
    const s = summarize([row]);
    expect(s.v8Gains).toEqual(['dot']);
    expect([s.ratioBar, s.gainBar]).toEqual(['not measured', 'not measured']);
    expect(s.nativeOverV8.scalar).toEqual({ mean: 1.25, kernels: 1 });
  });

  it('the bars are judged once kiln native runs the SIMD builds', () => {
    const row = (name: string, native: number, nativeScalar: number): KernelRow => ({
      name,
      size: 1,
      hotLoopSimd: 4,
      cells: { 'v8/simd': timed(1), 'v8/scalar': timed(3), 'native/simd': timed(native), 'native/scalar': timed(nativeScalar) },
    });
    expect(summarize([row('a', 1.2, 3), row('b', 1.2, 3)])).toMatchObject({ ratioBar: 'met', gainBar: 'met' });
    expect(summarize([row('a', 1.2, 3), row('b', 2, 3)])).toMatchObject({ ratioBar: 'missed', gainBar: 'missed' });
  });
});

describe('bench/simd timing', () => {
  it('times every run in turn; a run whose checksum changes becomes a missing cell, the others are still timed', () => {
    let calls = 0;
    const steady = (n: number): number => n * 3;
    const drifting = (): number => calls++;
    const [a, b] = measureAlternating([steady, drifting], 10, { reps: 3, warmup: 1 });
    expect(a).toMatchObject({ timing: { result: 30 } });
    expect(a !== undefined && 'timing' in a ? a.timing.reps : 0).toBeGreaterThanOrEqual(3);
    expect(b).toEqual({ missing: expect.stringMatching(/^run\(10\) returned \d+, then \d+$/), unsupported: false });
  });
});
