#!/usr/bin/env -S npx zx
// Builds the example C programs to WASI preview1 modules with Debian's clang + wasi-libc
// (packages clang-14, wasi-libc, libclang-rt-14-dev-wasm32). The built .wasm files are
// committed, so running the examples and their tests needs no C toolchain.
//
// Run from anywhere in the repository: npx zx examples/build.mjs (or npm run build:examples);
// $CC overrides clang.
import { fileURLToPath } from 'node:url';
import { $, cd, echo, path } from 'zx';

cd(path.dirname(fileURLToPath(import.meta.url)));
const run = $({ stdio: 'inherit' });
const cc = process.env.CC || 'clang';
for (const src of ['hello', 'files', 'clock']) {
  await run`${cc} --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Wl,--strip-all -o ${`${src}.wasm`} ${`${src}.c`}`;
  echo(`built examples/${src}.wasm`);
}
