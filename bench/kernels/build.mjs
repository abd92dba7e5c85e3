#!/usr/bin/env -S npx zx
// Builds the interpreter-benchmark kernels: bench/kernels/<kernel>.c → <kernel>.wasm.
// Freestanding wasm32 (no WASI, no libc): each module exports <export>(n) and run() (= the
// export at the size from sizes.txt, for wasm-interp which can only call zero-argument exports).
// Toolchain: Debian clang 14 (wasm32 backend) + wasm-ld 14. Re-run after editing sizes.txt:
// npx zx bench/kernels/build.mjs (from anywhere in the repository).
import { fileURLToPath } from 'node:url';
import { $, cd, echo, fs, path } from 'zx';

cd(path.dirname(fileURLToPath(import.meta.url)));
const run = $({ stdio: 'inherit' });
// sizes.txt: `kernel export size` per line; lines starting with # are comments, blank lines skipped
const lines = fs.readFileSync('sizes.txt', 'utf8').split('\n').filter((line) => !line.startsWith('#'));
for (const line of lines) {
  const [kernel = '', exportName = '', ...rest] = line.trim().split(/\s+/);
  if (kernel === '') continue;
  const size = rest.join(' ');
  const out = `${kernel}.wasm`;
  await run`clang --target=wasm32 -O2 -Wall -Werror -nostdlib -Wl,--no-entry ${`-DBENCH_N=${size}`} -o ${out} ${`${kernel}.c`} mini.c`;
  echo(`${out} (${exportName} n=${size}): ${fs.statSync(out).size} bytes`);
}
