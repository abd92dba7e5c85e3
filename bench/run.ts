/**
 * `npm run bench`: runs every benchmark in one process, in order — decode+validate
 * (bench/decode.ts) then the interpreter kernels (bench/interp.ts) — each with its default
 * settings, and writes their results to bench/results/. Options go to the individual
 * benchmarks when they are run on their own (their flags are listed in each file's header).
 * Exit code: the worst of the benchmarks' exit codes (1 = a kiln measurement failed or a
 * result disagreed with the peers; benchmarks never fail on speed).
 */

import { isMain } from './lib.js';
import { main as decodeMain } from './decode.js';
import { main as interpMain } from './interp.js';

export async function main(): Promise<number> {
  console.log('== decode + validate (bench/decode.ts) ==\n');
  const decode = await decodeMain([]);
  console.log('\n== interpreter (bench/interp.ts) ==\n');
  const interp = await interpMain([]);
  return Math.max(decode, interp);
}

if (isMain(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exit(2);
    },
  );
}
