/*
 * matmul: n×n i32 matrix multiply C = A·B (ikj loop order) with wrapping arithmetic,
 * returning a checksum of C — triple-nested loops, i32 mul/add, strided loads.
 */
#include "kernel.h"

#define MAX_DIM 384
static i32 A[MAX_DIM * MAX_DIM], B[MAX_DIM * MAX_DIM], C[MAX_DIM * MAX_DIM];

EXPORT("matmul") i32 matmul(i32 n) {
  if (n > MAX_DIM) n = MAX_DIM;
  u32 seed = 12345;
  for (i32 i = 0; i < n * n; i++) {
    A[i] = (i32)(lcg_next(&seed) >> 20) - 2048;
    B[i] = (i32)(lcg_next(&seed) >> 20) - 2048;
    C[i] = 0;
  }
  for (i32 i = 0; i < n; i++)
    for (i32 k = 0; k < n; k++) {
      i32 a = A[i * n + k];
      for (i32 j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
    }
  u32 h = 2166136261u;
  for (i32 i = 0; i < n * n; i++) h = (h ^ (u32)C[i]) * 16777619u;
  return (i32)h;
}

EXPORT("run") i32 run(void) { return matmul(BENCH_N); }
