/*
 * twomm: D := alpha*A*B*C + beta*D (two chained matrix products through a temporary, in the
 * style of PolyBench/C's 2mm, written for kiln). Rectangular: A is n×(n+3), B (n+3)×(n+1),
 * C (n+1)×(n+2), D n×(n+2); the j-innermost order of the first product is deliberately the
 * strided one (k innermost), the second streams rows.
 */
#include "program.h"

static void fill(double *m, int rows, int cols, int salt) {
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) m[i * cols + j] = (double)((i * (j + salt) + salt) % (rows + cols)) / (rows + cols);
}

int main(int argc, char **argv) {
  int n = size_arg(argc, argv, 48, 1500);
  int ni = n, nk = n + 3, nj = n + 1, nl = n + 2;
  double alpha = 1.25, beta = 0.75;
  double *a = alloc_zeroed(ni * nk, sizeof(double));
  double *b = alloc_zeroed(nk * nj, sizeof(double));
  double *c = alloc_zeroed(nj * nl, sizeof(double));
  double *d = alloc_zeroed(ni * nl, sizeof(double));
  double *tmp = alloc_zeroed(ni * nj, sizeof(double));
  fill(a, ni, nk, 1);
  fill(b, nk, nj, 2);
  fill(c, nj, nl, 3);
  fill(d, ni, nl, 4);

  /* tmp := alpha * A * B, dot products (k innermost, B read down a column) */
  for (int i = 0; i < ni; i++)
    for (int j = 0; j < nj; j++) {
      double s = 0.0;
      for (int k = 0; k < nk; k++) s += alpha * a[i * nk + k] * b[k * nj + j];
      tmp[i * nj + j] = s;
    }
  /* D := tmp * C + beta * D, rows streamed (j innermost) */
  for (int i = 0; i < ni; i++) {
    for (int l = 0; l < nl; l++) d[i * nl + l] *= beta;
    for (int j = 0; j < nj; j++) {
      double t = tmp[i * nj + j];
      for (int l = 0; l < nl; l++) d[i * nl + l] += t * c[j * nl + l];
    }
  }

  uint64_t h = FNV_OFFSET;
  for (int i = 0; i < ni * nl; i++) h = hash_f64(h, d[i]);
  report("twomm", n, h);
  return 0;
}
