#!/usr/bin/env node
// `npm run setup`: installs the Debian packages the test suite needs that this machine lacks,
// and nothing that is already there. `npm run setup -- --all` also installs the optional tools
// (C → wasm32-wasi toolchain to rebuild examples and escape guests, benchmark peers, the ARM64
// cross tools). Needs root or sudo for apt-get; prints what it would install otherwise.
// Plain Node (no dependencies), so it also runs before or without `npm install`.
import { execFileSync, spawnSync } from 'node:child_process';

/** [command that must exist, Debian package that provides it] */
const NEEDED_BY_TESTS = [
  ['objdump', 'binutils'], // x86-64 encoder tests compare against objdump
];
const OPTIONAL = [
  ['clang', 'clang'],
  ['wasm-ld', 'lld'],
  ['/usr/include/wasm32-wasi/stdio.h', 'wasi-libc'],
  ['/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a', 'libclang-rt-14-dev-wasm32'],
  ['wasm-interp', 'wabt'],
  ['hyperfine', 'hyperfine'],
  ['qemu-aarch64', 'qemu-user'],
  ['aarch64-linux-gnu-objdump', 'binutils-aarch64-linux-gnu'],
];

const has = (what) =>
  what.startsWith('/') ? spawnSync('test', ['-e', what]).status === 0 : spawnSync('sh', ['-c', `command -v ${what}`]).status === 0;

const wanted = process.argv.includes('--all') ? [...NEEDED_BY_TESTS, ...OPTIONAL] : NEEDED_BY_TESTS;
const missing = [...new Set(wanted.filter(([what]) => !has(what)).map(([, pkg]) => pkg))];
if (missing.length === 0) {
  console.log('setup: everything needed is installed');
  process.exit(0);
}
const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
const run = (args) => execFileSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
console.log(`setup: installing ${missing.join(' ')}`);
try {
  run([...sudo, 'apt-get', 'update', '-qq']);
  run([...sudo, 'apt-get', 'install', '-y', '-qq', ...missing]);
} catch {
  console.error(`setup: could not install; run as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
