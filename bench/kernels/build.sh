#!/bin/sh
# Builds the interpreter-benchmark kernels: bench/kernels/<kernel>.c → <kernel>.wasm.
# Freestanding wasm32 (no WASI, no libc): each module exports <export>(n) and run() (= the
# export at the size from sizes.txt, for wasm-interp which can only call zero-argument exports).
# Toolchain: Debian clang 14 (wasm32 backend) + wasm-ld 14. Re-run after editing sizes.txt.
set -eu
cd "$(dirname "$0")"
grep -v '^#' sizes.txt | while read -r kernel export size; do
  [ -n "$kernel" ] || continue
  clang --target=wasm32 -O2 -Wall -Werror -nostdlib -Wl,--no-entry \
    -DBENCH_N="$size" -o "$kernel.wasm" "$kernel.c" mini.c
  echo "$kernel.wasm ($export n=$size): $(wc -c < "$kernel.wasm") bytes"
done
