/*
 * gemm: C := alpha*A*B + beta*C on n×n matrices of doubles (a PolyBench/C-style loop nest,
 * written for kiln). The i-k-j loop order streams rows of B and C.
 */
#include "program.h"

static void init(int n, double *a, double *b, double *c) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      a[i * n + j] = (double)((i * (j + 1) + 3) % n) / n;
      b[i * n + j] = (double)((i * (j + 2) + 1) % n) / n - 0.5;
      c[i * n + j] = (double)((i + 7 * j) % 13) / 13.0;
    }
}

static void gemm(int n, double alpha, double beta, const double *a, const double *b, double *c) {
  for (int i = 0; i < n; i++) {
    double *ci = c + i * n;
    for (int j = 0; j < n; j++) ci[j] *= beta;
    for (int k = 0; k < n; k++) {
      double aik = alpha * a[i * n + k];
      const double *bk = b + k * n;
      for (int j = 0; j < n; j++) ci[j] += aik * bk[j];
    }
  }
}

int main(int argc, char **argv) {
  int n = size_arg(argc, argv, 64, 2000);
  double *a = alloc_zeroed(n * n, sizeof(double));
  double *b = alloc_zeroed(n * n, sizeof(double));
  double *c = alloc_zeroed(n * n, sizeof(double));
  init(n, a, b, c);
  gemm(n, 1.5, 1.2, a, b, c);
  uint64_t h = FNV_OFFSET;
  for (int i = 0; i < n * n; i++) h = hash_f64(h, c[i]);
  report("gemm", n, h);
  return 0;
}
