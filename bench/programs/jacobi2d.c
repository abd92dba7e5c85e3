/*
 * jacobi2d: a 5-point Jacobi stencil on an n×n grid of doubles, n/2 time steps, ping-ponging
 * between two grids (PolyBench/C-style, written for kiln). The border stays fixed.
 */
#include "program.h"

static void sweep(int n, const double *src, double *dst) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      dst[i * n + j] = 0.2 * (src[i * n + j] + src[i * n + j - 1] + src[i * n + j + 1] + src[(i - 1) * n + j] + src[(i + 1) * n + j]);
}

int main(int argc, char **argv) {
  int n = size_arg(argc, argv, 64, 4000);
  int steps = n / 2 + 1;
  double *a = alloc_zeroed(n * n, sizeof(double));
  double *b = alloc_zeroed(n * n, sizeof(double));
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      a[i * n + j] = ((double)i * (j + 2) + 2) / n;
      b[i * n + j] = ((double)i * (j + 3) + 3) / n;
    }
  for (int t = 0; t < steps; t++) {
    sweep(n, a, b);
    sweep(n, b, a);
  }
  uint64_t h = FNV_OFFSET;
  for (int i = 0; i < n * n; i++) h = hash_f64(h, a[i]);
  report("jacobi2d", n, h);
  return 0;
}
