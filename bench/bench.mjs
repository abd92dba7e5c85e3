#!/usr/bin/env -S npx zx
// Runs kiln's benchmarks from a fresh build:
//   npx zx bench/bench.mjs                 both benchmarks (same as npm run bench)
//   npx zx bench/bench.mjs interp [flags]  interpreter kernels vs wasm-interp and V8 (bench/interp.ts)
//   npx zx bench/bench.mjs decode [flags]  decode+validate throughput (bench/decode.ts)
//   npx zx bench/bench.mjs simd [flags]    SIMD kernels, SIMD vs scalar builds, on V8, kiln native and interp (bench/simd.ts)
// The TypeScript is compiled with the project's tsc first (output in dist/bench/).
import { fileURLToPath } from 'node:url';
import { $, cd, path } from 'zx';
import { constants } from 'node:os';

// This script's own arguments, unparsed (zx's `argv` would turn `--no-write` into write: false):
// everything after the script path, whether run by `zx` or by plain `node`.
const self = fileURLToPath(import.meta.url);
const at = process.argv.findIndex((arg, i) => i >= 1 && path.resolve(arg.startsWith('file:') ? fileURLToPath(arg) : arg) === self);
const args = process.argv.slice(at >= 0 ? at + 1 : 2);

const which = args[0] || 'all';
if (!['all', 'interp', 'decode', 'simd'].includes(which)) {
  console.error('usage: npx zx bench/bench.mjs [all|interp|decode|simd] [flags]');
  process.exit(2);
}
const flags = args.slice(1);

cd(path.resolve(path.dirname(self), '..'));
const run = $({ stdio: 'inherit', nothrow: true });
const tsc = await run`npx tsc -p tsconfig.json`;
if (tsc.exitCode !== 0) console.error('bench.mjs: tsc reported errors (see above); running what was emitted');

// as `exec` did: the benchmark's exit status (or fatal signal) becomes this script's
const bench = which === 'all' ? await run`node dist/bench/run.js` : await run`node ${`dist/bench/${which}.js`} ${flags}`;
if (bench.signal) process.exit(128 + (constants.signals[bench.signal] ?? 0));
process.exit(bench.exitCode ?? 1);
