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
// [source, module], relative to examples/: the examples, the example apps (examples/apps, whose
// directories `kiln pack` packs) and the app tests' probe (test/apps)
const builds = [
  ...['hello', 'files', 'clock'].map((src) => [`${src}.c`, `${src}.wasm`]),
  ['apps/notes/notes.c', 'apps/notes/bin/notes.wasm'],
  ['apps/hello/hello.c', 'apps/hello/hello.wasm'],
  ['../test/apps/probe.c', '../test/apps/probe.wasm'],
];
for (const [src, out] of builds) {
  await run`${cc} --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Wl,--strip-all -o ${out} ${src}`;
  echo(`built examples/${out}`);
}
