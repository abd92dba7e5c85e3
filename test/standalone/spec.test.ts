/**
 * The Wasm 2.0 testsuite through standalone executables (issue 12), on both ISAs: every module
 * that uses no v128 and imports nothing beyond `spectest` is built with `kiln build --batch`'s
 * settings, and every assert_return, assert_trap and assert_exhaustion on it (with the plain
 * actions between them) runs through the executable — x86-64 directly, AArch64 under
 * qemu-aarch64 (test/standalone/spec-batch.ts). Commands on a module whose state another module
 * changes (it was registered and imported) are left out; the in-process spec runs cover those.
 *
 *   KILN_STANDALONE_SPEC_ISAS  the ISAs to run (default "x86_64,aarch64")
 */

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Isa } from '../../targets/compiled.js';
import { loadScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { runScriptBatch, type BatchResult } from './spec-batch.js';

const isas = (process.env['KILN_STANDALONE_SPEC_ISAS'] ?? 'x86_64,aarch64').split(',') as Isa[];

function haveQemu(): boolean {
  try {
    execFileSync('qemu-aarch64', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

for (const isa of isas) {
  describe(`the Wasm 2.0 testsuite through ${isa} executables`, () => {
    const results: BatchResult[] = [];

    it('can run them here', () => {
      if (isa === 'aarch64' && process.arch !== 'arm64') expect(haveQemu(), 'qemu-aarch64 is missing: apt-get install qemu-user').toBe(true);
    });

    for (const path of wastFiles()) {
      it(`${baseName(path)}: every assertion on a spectest-only, non-v128 module passes`, () => {
        const parsed = loadScript(path);
        if (parsed.script === null) throw new Error(`${path} does not parse`);
        const r = runScriptBatch(parsed.script, isa);
        results.push(r);
        console.log(`${r.file} (${isa}): ${r.passed} passed, ${r.failures.length} failed; ${r.modules} executables, ${r.skippedModules} modules left out`);
        expect(r.failures.slice(0, 20)).toEqual([]);
      });
    }

    it('passes them all', () => {
      const passed = results.reduce((n, r) => n + r.passed, 0);
      const failed = results.reduce((n, r) => n + r.failures.length, 0);
      const exes = results.reduce((n, r) => n + r.modules, 0);
      console.log(`${isa} executables: ${passed} assertions passed, ${failed} failed, ${exes} executables, ${results.length} files`);
      expect(failed).toBe(0);
      // the non-v128, spectest-only modules carry more than 20,000 assertions
      expect(passed).toBeGreaterThan(20_000);
    });
  });
}
