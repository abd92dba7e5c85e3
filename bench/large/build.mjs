#!/usr/bin/env -S npx zx
// Builds the large-function workloads: bench/large/<source> → <name>.wasm for every line of
// workloads.txt. Freestanding wasm32 (no WASI, no libc; ../kernels/mini.c supplies memset and
// memcpy), each module exporting run(n). Toolchain: Debian clang 14 (wasm32 backend) +
// wasm-ld 14 (npm run setup -- --all). The build is deterministic; the .wasm files are
// committed so that the tests and benchmarks need no clang:
//   npx zx bench/large/build.mjs
import { fileURLToPath } from 'node:url';
import { $, cd, echo, fs, path } from 'zx';

cd(path.dirname(fileURLToPath(import.meta.url)));
const run = $({ stdio: 'inherit' });
const lines = fs.readFileSync('workloads.txt', 'utf8').split('\n').filter((line) => !line.startsWith('#') && line.trim() !== '');
for (const line of lines) {
  const [name = '', source = '', defines = '-'] = line.trim().split(/\s+/);
  const flags = defines === '-' ? [] : defines.split(',').map((d) => `-D${d}`);
  const out = `${name}.wasm`;
  await run`clang --target=wasm32 -O2 -Wall -Werror -nostdlib -Wl,--no-entry ${flags} -o ${out} ${source} ../kernels/mini.c`;
  echo(`${out}: ${fs.statSync(out).size} bytes`);
}
