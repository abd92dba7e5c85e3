/**
 * The whole Wasm 2.0 testsuite on the native x86-64 engine (loader/native + targets/compile):
 * every command passes, SIMD included, none is skipped, and every instance really runs
 * natively. A module with a SIMD instruction the code generator had no lowering for (the v128
 * gate, targets/v128-gate.ts) would have to be refused with an 'unsupported' error and its
 * commands counted apart; on x86-64 there is none left, and the totals require that.
 * The allocation checker runs on every compiled function.
 *
 * It runs twice: with guard-page bounds (no checks in loads and stores; kiln's fault handler
 * turns their faults into traps) and with explicit bounds checks. The guard run's
 * out-of-bounds traps of loads and stores must all be faults the handler claimed, and the
 * explicit run must raise exactly as many through its check stubs.
 *
 *   KILN_NATIVE_OPT_LEVEL  the compiler's optimisation level, 0, 1 or 2 (default 2, what CI
 *                          runs; set it by hand to check another level)
 *   KILN_NATIVE_CPU_FEATURES  the CPU features, as `--cpu-features` takes them (default
 *                          baseline; `native` checks lzcnt/tzcnt code on a CPU that has them)
 */

import { hostIsa } from '../../targets/host.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeEngineWith } from '../../loader/native/index.js';
import type { OptLevel } from '../../compiler/passes/pipeline.js';
import { compileModule, resolveCpuFeatures, nativeV128Use } from '../../targets/compile.js';
import { loadScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { formatResult, formatTotals, runParsed, sumResults, type FileResult, type RunOptions } from './runner.js';

const files = wastFiles();
const optLevel = Number(process.env['KILN_NATIVE_OPT_LEVEL'] ?? 2) as OptLevel;
const cpuFeatures = resolveCpuFeatures('x86_64', process.env['KILN_NATIVE_CPU_FEATURES']);
const opts: RunOptions = {
  mustRefuse: (m) => nativeV128Use(m, hostIsa() ?? 'x86_64') !== null,
  expectEngine: 'native',
};

/** "out of bounds memory access" traps of each mode's run: by fault (guard) and by check stub (explicit) */
const oob = { guardFaults: -1 };

for (const bounds of ['guard', 'explicit'] as const) {
  const engine = nativeEngineWith((m, o) => compileModule(m, { checkAllocation: true, bounds: o?.bounds ?? 'explicit', optLevel, cpuFeatures }), { bounds });

  describe(`the Wasm 2.0 testsuite on the native engine, ${bounds} bounds${optLevel === 2 ? '' : `, opt level ${optLevel}`}`, () => {
    const results: FileResult[] = [];
    const rt = engine.backend.runtime();
    const start = { ...rt.outOfBounds };
    let claimedBefore = 0;

    beforeAll(() => {
      Object.assign(start, rt.outOfBounds);
      const g = rt.guard();
      claimedBefore = typeof g === 'string' ? 0 : g.claimed;
    });

    it(`compiles with ${bounds} bounds`, () => {
      expect(engine.backend.bounds().mode).toBe(bounds);
    });

    for (const path of files) {
      it(`${baseName(path)}: every command passes natively`, () => {
        const r = runParsed(loadScript(path), engine, opts);
        results.push(r);
        console.log(formatResult(r));
        expect(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`)).toEqual([]);
        expect(r.failed).toBe(0);
        expect(r.notRun).toBe(0);
        expect(r.passed + r.unsupported).toBe(r.total);
      });
    }

    it('passes every command, SIMD included', () => {
      const t = sumResults(results);
      expect(t.files).toBe(files.length);
      expect(t.failed).toBe(0);
      expect([t.passed, t.unsupported]).toEqual([t.total, 0]);
    });

    it('raises out-of-bounds traps of loads and stores the way its mode says', () => {
      const g = rt.guard();
      const claimed = (typeof g === 'string' ? 0 : g.claimed) - claimedBefore;
      const faults = rt.outOfBounds.fault - start.fault;
      const stubs = rt.outOfBounds.stub - start.stub;
      console.log(`${bounds} bounds: ${claimed} faults claimed by the handler, ${faults} traps at fault sites, ${stubs} at check stubs, ${rt.outOfBounds.runtime - start.runtime} in runtime functions`);
      if (bounds === 'guard') {
        // every load/store trap was a fault the handler claimed, and nothing else was
        expect(faults).toBeGreaterThan(0);
        expect(claimed).toBe(faults);
        expect(stubs).toBe(0);
        oob.guardFaults = faults;
      } else {
        expect(claimed).toBe(0);
        expect(faults).toBe(0);
        // the same accesses trap in both modes
        if (oob.guardFaults >= 0) expect(stubs).toBe(oob.guardFaults);
      }
    });

    afterAll(() => {
      console.log(formatTotals(`native total (${bounds} bounds, opt level ${optLevel}, CPU features ${cpuFeatures.join(',')})`, sumResults(results)));
    });
  });
}
