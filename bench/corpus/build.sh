#!/bin/sh
# Builds bench/corpus/corpus.wasm, the ≥ 1 MB module of compiled C used by bench/decode.ts.
#
#   1. node gen.mjs generates the C units (deterministic: fixed seed) into a temporary folder;
#   2. Debian's clang 14 compiles them with wasi-libc (--sysroot=/usr) at -O2;
#   3. wasm-ld links them with main.c and libc into a WASI command, debug info stripped
#      (the name section is kept, as most shipped modules have one).
#
# Run from anywhere: sh bench/corpus/build.sh. Needs clang-14, lld-14, wasi-libc,
# libclang-rt-14-dev-wasm32 (Debian package names) and node.
set -eu
cd "$(dirname "$0")"
UNITS=480
SEED=20240601
CFLAGS="--target=wasm32-wasi --sysroot=/usr -O2 -Wall -Werror"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node gen.mjs "$tmp" --units=$UNITS --seed=$SEED --per-file=25
ls "$tmp"/*.c | xargs -P 2 -I{} sh -c "clang $CFLAGS -I. -c {} -o {}.o"
clang $CFLAGS -I. -c main.c -o "$tmp/main.o"
clang $CFLAGS -Wl,--strip-debug -o corpus.wasm "$tmp/main.o" "$tmp"/*.c.o
echo "corpus.wasm: $(wc -c < corpus.wasm) bytes"
