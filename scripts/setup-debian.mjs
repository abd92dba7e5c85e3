#!/usr/bin/env -S npx zx
// Optional tools for rebuilding examples and running benchmarks (not needed by `npm test`):
// clang + wasi-libc to compile C to wasm32-wasi, wabt (wasm-interp, wat2wasm) and hyperfine
// as benchmark peers, qemu-user and aarch64 binutils for the ARM64 target work.
// Run after npm install: npx zx scripts/setup-debian.mjs (uses sudo unless run as root).
import { $ } from 'zx';

const PACKAGES = ['clang', 'lld', 'wasi-libc', 'libclang-rt-14-dev-wasm32', 'wabt', 'hyperfine', 'qemu-user', 'binutils-aarch64-linux-gnu'];
const sudo = process.getuid() === 0 ? [] : ['sudo'];
const run = $({ stdio: 'inherit' });
await run`${sudo} apt-get update -qq`;
await run`${sudo} apt-get install -y -qq ${PACKAGES}`;
