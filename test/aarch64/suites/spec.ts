/**
 * `spec`: the whole Wasm 2.0 testsuite on the native engine of this (AArch64) host, every
 * module from an artifact cross-compiled on the x86-64 host (cross-compile.ts; the directory in
 * KILN_AARCH64_ARTIFACTS), loaded with no fallback allowed: every command of every module
 * without v128 passes, none skipped; v128 modules are refused as the native engine does. Guard
 * pages everywhere, and the explicit bounds mode too on the memory and address scripts
 * (artifacts.ts EXPLICIT_FILES). KILN_AARCH64_WAST (comma-separated base names) narrows the run;
 * each process runs its share of the files (KILN_AARCH64_SLICE, suites/index.ts).
 */

import { existsSync, readFileSync } from 'node:fs';
import { nativeV128Use } from '../../../targets/compile.js';
import type { CompiledModule, Engine } from '../../../loader/api.js';
import { loadArtifact } from '../../../loader/cwasm/load.js';
import { nativeEngine } from '../../../loader/native/index.js';
import type { BoundsMode } from '../../../targets/compiled.js';
import { hostNativeIsa } from '../../../targets/native-isas.js';
import { formatResult, formatTotals, runParsed, sumResults, type FileResult } from '../../spec/runner.js';
import { loadScript } from '../../support/corpus.js';
import { baseName, wastFiles } from '../../support/testsuite.js';
import { ARTIFACT_DIR_ENV, artifactPath, EXPLICIT_FILES } from '../artifacts.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';
import { share } from './index.js';

/** the native engine, each module loaded from its cross-compiled artifact */
function viaArtifacts(dir: string, bounds: BoundsMode, stats: { artifacts: number }): Engine {
  // the engine each artifact was adopted by (the native engine of its bounds mode)
  const engineOf = new WeakMap<CompiledModule, Engine>();
  return {
    name: nativeEngine.name,
    host: nativeEngine.host,
    compile(module) {
      // a v128 module has no artifact: the native engine refuses it, as the runner expects
      if (nativeV128Use(module, 'aarch64') !== null) return nativeEngine.compile(module);
      const file = artifactPath(dir, module, bounds);
      if (!existsSync(file)) throw new Error(`no cross-compiled artifact for this module (${file})`);
      const loaded = loadArtifact(new Uint8Array(readFileSync(file)), { fallback: 'none' });
      if (loaded.fallback !== null) throw new Error(`the artifact fell back: ${loaded.fallback.message}`);
      stats.artifacts++;
      engineOf.set(loaded.compiled, loaded.engine);
      return loaded.compiled;
    },
    instantiate: (compiled, imports, options) => (engineOf.get(compiled) ?? nativeEngine).instantiate(compiled, imports, options),
  };
}

export const suite: Suite = {
  description: 'Wasm 2.0 testsuite on native AArch64 code from artifacts cross-compiled on x86-64 (guard pages; explicit bounds on the memory and address scripts)',
  async run(t: Reporter): Promise<void> {
    const dir = process.env[ARTIFACT_DIR_ENV];
    if (dir === undefined || dir === '') throw new Error(`${ARTIFACT_DIR_ENV} names no artifact directory (scripts/test-aarch64.mjs sets it)`);
    const only = (process.env['KILN_AARCH64_WAST'] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
    const files = share(wastFiles().filter((p) => only.length === 0 || only.includes(baseName(p))));
    const results: FileResult[] = [];
    const stats = { artifacts: 0 };
    for (const path of files) {
      const parsed = loadScript(path);
      const modes: BoundsMode[] = EXPLICIT_FILES.includes(baseName(path)) ? ['guard', 'explicit'] : ['guard'];
      for (const bounds of modes) {
        await t.test(`${baseName(path)} (${bounds}): every command passes`, () => {
          const r = runParsed(parsed, viaArtifacts(dir, bounds, stats), { mustRefuse: (m) => nativeV128Use(m, 'aarch64') !== null, expectEngine: 'native' });
          results.push(r);
          if (r.failed > 0) t.note(formatResult(r, 10).split('\n').join('\n       '));
          equal(r.failures.slice(0, 5).map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`), [], 'failures');
          equal({ failed: r.failed, notRun: r.notRun }, { failed: 0, notRun: 0 }, 'counts');
          ok(r.passed + r.unsupported === r.total, 'every command passed or was refused as v128');
        });
      }
    }
    const total = sumResults(results);
    t.note(formatTotals('aarch64 native total', total));
    const g = nativeEngine.backend.runtime().guard();
    const claimed = typeof g === 'string' ? 0 : g.claimed;
    t.note(`${stats.artifacts} artifacts loaded, no fallback; engine ISA ${hostNativeIsa().isa}; ${claimed} faults claimed by kiln's AArch64 fault handler`);
    if (only.length === 0 && files.some((p) => baseName(p) === 'memory_trap.wast')) {
      await t.test('guard-page code ran on AArch64 with its own fault handler claiming the out-of-bounds traps', () => {
        equal(hostNativeIsa().isa, 'aarch64', 'the engine ISA');
        ok(typeof g !== 'string', `guard pages are available (${String(g)})`);
        ok(claimed > 100, `the handler claimed the spec run's out-of-bounds faults (${claimed})`);
      });
    }
  },
};
