/*
 * lu: LU decomposition without pivoting of a diagonally dominant n×n matrix of doubles, then
 * the solution of A x = b by forward and backward substitution (PolyBench/C's lu + ludcmp
 * style, written for kiln). Triangular loop nests with a division per row.
 */
#include "program.h"

int main(int argc, char **argv) {
  int n = size_arg(argc, argv, 64, 2000);
  double *a = alloc_zeroed(n * n, sizeof(double));
  double *b = alloc_zeroed(n, sizeof(double));
  double *y = alloc_zeroed(n, sizeof(double));
  double *x = alloc_zeroed(n, sizeof(double));
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) a[i * n + j] = (double)((i * 31 + j * 17) % 23) / 23.0 - 0.5;
    a[i * n + i] += n;
    b[i] = (double)(i % 11) + 1.0;
  }
  /* Doolittle, in place: L (unit diagonal) below, U on and above the diagonal */
  for (int k = 0; k < n; k++) {
    double pivot = a[k * n + k];
    for (int i = k + 1; i < n; i++) {
      double l = a[i * n + k] / pivot;
      a[i * n + k] = l;
      double *ai = a + i * n;
      const double *ak = a + k * n;
      for (int j = k + 1; j < n; j++) ai[j] -= l * ak[j];
    }
  }
  for (int i = 0; i < n; i++) {
    double s = b[i];
    for (int j = 0; j < i; j++) s -= a[i * n + j] * y[j];
    y[i] = s;
  }
  for (int i = n - 1; i >= 0; i--) {
    double s = y[i];
    for (int j = i + 1; j < n; j++) s -= a[i * n + j] * x[j];
    x[i] = s / a[i * n + i];
  }
  uint64_t h = FNV_OFFSET;
  for (int i = 0; i < n; i++) h = hash_f64(h, x[i]);
  for (int i = 0; i < n * n; i += 7) h = hash_f64(h, a[i]);
  report("lu", n, h);
  return 0;
}
