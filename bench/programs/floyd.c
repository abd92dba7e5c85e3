/*
 * floyd: all-pairs shortest paths (Floyd–Warshall) on a dense graph of n vertices with int32
 * weights, a quarter of the edges absent (PolyBench/C-style, written for kiln). Branchy
 * min-updates over an n×n int matrix.
 */
#include "program.h"

#define NO_EDGE 0x3fffffff /* large, and the sum of two still fits an int32 */

int main(int argc, char **argv) {
  int n = size_arg(argc, argv, 64, 3000);
  int *d = alloc_zeroed(n * n, sizeof(int));
  uint32_t seed = 12345u + (uint32_t)n;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t r = seed >> 8;
      d[i * n + j] = i == j ? 0 : (r & 3) == 0 ? NO_EDGE : 1 + (int)(r % 997u);
    }
  for (int k = 0; k < n; k++) {
    const int *dk = d + k * n;
    for (int i = 0; i < n; i++) {
      int *di = d + i * n;
      int dik = di[k];
      if (dik == NO_EDGE) continue;
      for (int j = 0; j < n; j++) {
        int via = dik + dk[j];
        if (via < di[j]) di[j] = via;
      }
    }
  }
  uint64_t h = FNV_OFFSET;
  for (int i = 0; i < n * n; i++) h = hash_u64(h, (uint32_t)d[i]);
  report("floyd", n, h);
  return 0;
}
