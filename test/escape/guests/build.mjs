#!/usr/bin/env -S npx zx
// Builds the WASI sandbox escape guests (test/escape/guests/*.c) to wasm32-wasi modules with
// Debian's clang + wasi-libc (packages clang, wasi-libc, libclang-rt-14-dev-wasm32). The built
// .wasm files are committed, so running the escape suite needs no C toolchain.
//
// Run from anywhere in the repository: npx zx test/escape/guests/build.mjs; $CC overrides clang.
import { fileURLToPath } from 'node:url';
import { $, cd, echo, fs, path } from 'zx';

cd(path.dirname(fileURLToPath(import.meta.url)));
const run = $({ stdio: 'inherit' });
const cc = process.env.CC || 'clang';
for (const src of fs.readdirSync('.').filter((f) => f.endsWith('.c')).sort()) {
  const out = src.replace(/\.c$/, '.wasm');
  await run`${cc} --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -Wl,--strip-all -o ${out} ${src}`;
  echo(`built test/escape/guests/${out}`);
}
