#!/usr/bin/env node
// `npm run setup`: installs the Debian packages the test suite needs that this machine lacks,
// and nothing that is already there. `npm run setup -- --all` also installs the optional tools
// (C → wasm32-wasi toolchain to rebuild examples and escape guests, benchmark peers). Needs
// root or sudo for apt-get; prints what it would install otherwise.
// Plain Node (no dependencies), so it also runs before or without `npm install`.
// scripts/test-aarch64.mjs imports `missingPackages` and `aptInstall` for its own tools.
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** the arm64 dynamic loader; its presence stands for the arm64 libraries an arm64 Node needs */
export const ARM64_LOADER = '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1';

/** [command or absolute path that must exist, Debian package that provides it] */
export const NEEDED_BY_TESTS = [
  ['objdump', 'binutils'], // x86-64 encoder tests compare against objdump
  ['aarch64-linux-gnu-objdump', 'binutils-aarch64-linux-gnu'], // AArch64 encoder tests compare against it
  // AArch64 code runs in-process on an arm64 Node under qemu-user (npm run test:aarch64)
  ['qemu-aarch64', 'qemu-user'],
  [ARM64_LOADER, 'gcc-aarch64-linux-gnu'], // brings the arm64 libc, libstdc++ and libgcc_s
  ['gcc', 'gcc'], // the native runtime's objects are rebuilt and compared (scripts/build-runtime.mjs --check), linker tests build C
  ['unzip', 'unzip'], // app package zips (formats/kapp/zip-write.ts) are checked with Info-ZIP's unzip -t
];
const OPTIONAL = [
  ['clang', 'clang'],
  ['wasm-ld', 'lld'],
  ['/usr/include/wasm32-wasi/stdio.h', 'wasi-libc'],
  ['/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a', 'libclang-rt-14-dev-wasm32'],
  ['wasm-interp', 'wabt'],
  ['hyperfine', 'hyperfine'],
];

export const has = (what) =>
  what.startsWith('/') ? spawnSync('test', ['-e', what]).status === 0 : spawnSync('sh', ['-c', `command -v ${what}`]).status === 0;

/** the packages providing whatever of `wanted` ([what, package] pairs) is absent, each once */
export const missingPackages = (wanted) => [...new Set(wanted.filter(([what]) => !has(what)).map(([, pkg]) => pkg))];

/** the command that installs `packages`, for messages */
export const installCommand = (packages) => `apt-get update && apt-get install -y ${packages.join(' ')}`;

/** apt-get update + install (through sudo unless root); false when that failed */
export function aptInstall(packages, { sudo = process.getuid?.() !== 0 } = {}) {
  const prefix = sudo ? ['sudo'] : [];
  const run = (args) => execFileSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    run([...prefix, 'apt-get', 'update', '-qq']);
    run([...prefix, 'apt-get', 'install', '-y', '-qq', ...packages]);
    return true;
  } catch {
    return false;
  }
}

function main() {
  const wanted = process.argv.includes('--all') ? [...NEEDED_BY_TESTS, ...OPTIONAL] : NEEDED_BY_TESTS;
  const missing = missingPackages(wanted);
  if (missing.length === 0) {
    console.log('setup: everything needed is installed');
    return;
  }
  console.log(`setup: installing ${missing.join(' ')}`);
  if (!aptInstall(missing)) {
    console.error(`setup: could not install; run as root: ${installCommand(missing)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
