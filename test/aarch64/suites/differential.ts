/**
 * `differential`: random valid modules (test/fuzz/gen, its full default feature set), the same
 * seeded calls on the native AArch64 engine and on the interpreter, in this arm64 process: every
 * result, trap kind, memory, exported global and table slot must agree, and every instance must
 * run on the native engine (test/fuzz/gen/diff-slice.ts, as the x86-64 differential). Guard
 * pages for KILN_AARCH64_DIFF_COUNT modules (default 2000), then explicit bounds checks for
 * KILN_AARCH64_DIFF_EXPLICIT_COUNT more (default 300, other seeds), then
 * KILN_AARCH64_SIMD_DIFF_COUNT modules with SIMD (default 1000: issue 13's ≥ 1,000 on AArch64;
 * the generator's simd feature, as test/fuzz/simd-differential.test.ts). KILN_AARCH64_DIFF_SEED sets
 * the base seed; a failing module's WAT is written to the temporary directory. Each process
 * runs its share of both ranges (KILN_AARCH64_SLICE, suites/index.ts); module i is the same in
 * whichever process runs it.
 */

import { interpEngine } from '../../../loader/interp/index.js';
import { nativeEngineFor, type NativeEngine } from '../../../loader/native/index.js';
import { runSlice, type SliceReport } from '../../fuzz/gen/diff-slice.js';
import { simdDiffOptions, type GenOptionsInput } from '../../fuzz/gen/options.js';
import { equal, ok, type Reporter, type Suite } from '../check.js';
import { slice } from './index.js';

const COUNT = Number(process.env['KILN_AARCH64_DIFF_COUNT'] ?? 2000);
const EXPLICIT_COUNT = Number(process.env['KILN_AARCH64_DIFF_EXPLICIT_COUNT'] ?? 300);
const SIMD_COUNT = Number(process.env['KILN_AARCH64_SIMD_DIFF_COUNT'] ?? 1000);
const SEED = Number(process.env['KILN_AARCH64_DIFF_SEED'] ?? 0xa64d1ff);

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function summary(what: string, r: SliceReport): string {
  return `${what}: ${r.modules} modules, ${r.calls} calls, ${r.mismatching} mismatching; generate ${secs(r.ms.gen)}, interpreter ${secs(r.ms.ref)}, native ${secs(r.ms.test)}`;
}

/** this process's share of modules [0, count) (KILN_AARCH64_SLICE) */
function range(count: number): { from: number; to: number } {
  const { k, n } = slice();
  return { from: Math.floor((k * count) / n), to: Math.floor(((k + 1) * count) / n) };
}

async function run(t: Reporter, what: string, engine: NativeEngine, seed: number, count: number, options?: (i: number) => GenOptionsInput): Promise<void> {
  const { from, to } = range(count);
  const name = `${what}: modules ${from}..${to - 1} of ${count}`;
  await t.test(name, async () => {
    const r = await runSlice({ baseSeed: seed, from, to, engine, reference: interpEngine, ...(options === undefined ? {} : { options }) });
    t.note(summary(name, r));
    equal(r.modules, to - from, 'modules run');
    equal(r.mismatches, [], `${r.mismatching} of ${to - from} modules disagree (first listed)`);
    equal(r.elsewhere, [], 'instances not on the native engine');
    ok(r.calls > to - from, `calls were made (${r.calls})`);
  });
}

export const suite: Suite = {
  description: `native AArch64 vs the interpreter on random modules (seed 0x${SEED.toString(16)})`,
  async run(t: Reporter): Promise<void> {
    const guard = nativeEngineFor('auto');
    await run(t, `${COUNT} modules, guard pages`, guard, SEED, COUNT);
    await t.test('the guard run really used guard pages', () => equal(guard.backend.bounds().mode, 'guard', 'bounds mode'));
    const explicit = nativeEngineFor('explicit');
    await run(t, `${EXPLICIT_COUNT} modules, explicit bounds checks`, explicit, SEED ^ 0x5a5a5a5a, EXPLICIT_COUNT);
    await run(t, `${SIMD_COUNT} modules with SIMD, guard pages`, guard, SEED ^ 0x73696d64, SIMD_COUNT, simdDiffOptions);
  },
};
