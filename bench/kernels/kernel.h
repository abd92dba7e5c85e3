/*
 * Shared helpers for the interpreter benchmark kernels (bench/kernels/<kernel>.c).
 *
 * Every kernel is a freestanding wasm32 module (no WASI, no libc) that exports:
 *   NAME(n)  the kernel with its size parameter, returning an integer checksum
 *   run()    NAME(BENCH_N) with the size baked in at build time (from sizes.txt), because
 *            wabt 1.0.32's wasm-interp can only call zero-argument exports (--run-all-exports)
 * Results are integers so that all engines can be compared exactly (wasm-interp prints
 * floats with only 6 significant digits).
 */
#ifndef KERNEL_H
#define KERNEL_H

#define EXPORT(name) __attribute__((export_name(name)))
#define NOINLINE __attribute__((noinline))

typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

#ifndef BENCH_N
#error "compile with -DBENCH_N=<size> (see build.mjs / sizes.txt)"
#endif

/* Deterministic 32-bit LCG (Numerical Recipes constants), for input data. */
static inline u32 lcg_next(u32 *s) {
  *s = *s * 1664525u + 1013904223u;
  return *s;
}

#endif
