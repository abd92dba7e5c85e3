/**
 * `interp`: the spec harness works under the arm64 Node. A handful of Wasm 2.0 testsuite
 * scripts run through the same code as test/spec/testsuite.test.ts (test/spec/runner.ts on the
 * interpreter, test/support's testsuite location and parser), from dist: every command passes.
 * Native suites on the same harness build on this. KILN_AARCH64_WAST (comma-separated base
 * names) replaces the list.
 */

import { interpEngine } from '../../../loader/interp/index.js';
import { spectestImports } from '../../../loader/instance/spectest.js';
import { formatResult, runWastFile, type RunOptions } from '../../spec/runner.js';
import { baseName, testsuiteDir } from '../../support/testsuite.js';
import { equal, type Reporter, type Suite } from '../check.js';

/** integer and float arithmetic, memory, tables and indirect calls: the engine's main paths */
const FILES = ['i32.wast', 'i64.wast', 'f64.wast', 'memory.wast', 'call_indirect.wast'];

const interpOpts: RunOptions = {
  spectest: () => {
    const s = spectestImports(interpEngine)['spectest'];
    if (s === undefined) throw new Error('spectestImports() has no "spectest" module');
    return s;
  },
};

export const suite: Suite = {
  description: 'Wasm 2.0 testsuite scripts on the interpreter through the spec runner (test/spec/runner.ts)',
  async run(t: Reporter): Promise<void> {
    const env = process.env['KILN_AARCH64_WAST'];
    const files = env !== undefined && env !== '' ? env.split(',').map((f) => f.trim()) : FILES;
    const dir = testsuiteDir();
    for (const file of files) {
      await t.test(`${file}: every command passes on the interpreter`, () => {
        const r = runWastFile(`${dir}/${baseName(file)}`, interpEngine, interpOpts);
        t.note(formatResult(r, 10).split('\n').join('\n       '));
        equal(r.failures.map((f) => `${f.file}:${f.line} ${f.command}: ${f.reason}`), [], 'failures');
        equal({ failed: r.failed, notRun: r.notRun, passed: r.passed }, { failed: 0, notRun: 0, passed: r.total }, 'counts');
      });
    }
  },
};
