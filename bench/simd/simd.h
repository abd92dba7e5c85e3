/*
 * Shared definitions for the SIMD kernels (bench/simd/<kernel>.c): freestanding wasm32 modules
 * (no WASI, no libc, -ffreestanding so that clang emits no memset/memcpy calls), each built
 * twice from the same source by build.mjs: with -msimd128 (auto-vectorised, plus
 * wasm_simd128.h intrinsics where a kernel says so) and as a scalar build (no -msimd128, no
 * loop or SLP vectoriser). Each exports run(n) returning an i32 checksum that both builds and
 * every engine must agree on exactly. run(n) rebuilds its input first (a short serial
 * xorshift loop, the same code in both builds), so every call does the same work.
 */
#ifndef SIMD_H
#define SIMD_H

/* EXPORT, NOINLINE, INLINE, u8 u16 u32 i32 u64, rotl32/rotr32 and xs32 (xorshift32, a serial
   chain, never vectorised) are shared with the large-function workloads */
#include "../large/large.h"

typedef signed char i8;
typedef short i16;

/* folds one value into a checksum (FNV-1a style over a whole word) */
INLINE u32 mix(u32 h, u32 v) { return (h ^ v) * 16777619u; }

#endif
