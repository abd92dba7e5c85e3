#!/bin/sh
# Builds the example C programs to WASI preview1 modules with Debian's clang + wasi-libc
# (packages clang-14, wasi-libc, libclang-rt-14-dev-wasm32). The built .wasm files are
# committed, so running the examples and their tests needs no C toolchain.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang}
for src in hello files clock; do
  "$CC" --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Wl,--strip-all -o "$src.wasm" "$src.c"
  echo "built examples/$src.wasm"
done
