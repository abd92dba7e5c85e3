#!/usr/bin/env bash
# Optional tools for rebuilding examples and running benchmarks (not needed by `npm test`):
# clang + wasi-libc to compile C to wasm32-wasi, wabt (wasm-interp, wat2wasm) and hyperfine
# as benchmark peers, qemu-user and aarch64 binutils for the ARM64 target work.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt hyperfine qemu-user binutils-aarch64-linux-gnu
