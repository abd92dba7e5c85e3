/**
 * The AArch64 test runner: `node dist/test/aarch64/run.js <suite>...` under an arm64 Node
 * (scripts/test-aarch64.mjs starts one `qemu-aarch64` process per suite). A plain script, no
 * vitest: prints a line per test and a summary per suite, exits 1 when any test failed and 2
 * on usage errors. With no argument it runs every suite in suites/index.ts.
 */

import { Reporter } from './check.js';
import { SUITES } from './suites/index.js';

async function runSuite(name: string): Promise<number> {
  const load = SUITES[name];
  if (load === undefined) throw new Error('unreachable: names are checked first');
  const start = performance.now();
  const t = new Reporter(name);
  console.log(`== ${name} (Node ${process.version}, ${process.arch})`);
  try {
    const suite = await load();
    t.note(suite.description);
    await suite.run(t);
  } catch (e) {
    // a suite that throws outside a test (its module failed to load, or its set-up) fails as one
    t.outcomes.push({ name: `${name}: suite set-up`, ms: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    console.log(`  FAIL ${name}: suite set-up\n       ${String(e instanceof Error ? e.stack : e).split('\n').join('\n       ')}`);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`== ${name}: ${t.passed} passed, ${t.failed} failed (${seconds.toFixed(2)} s in the process)`);
  return t.failed;
}

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in SUITES));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`);
    return 2;
  }
  let failed = 0;
  for (const name of names.length > 0 ? names : Object.keys(SUITES)) failed += await runSuite(name);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
