/*
 * mandel: Mandelbrot set on an n×n grid over [-2,1]×[-1.5,1.5], at most 200 iterations per
 * point, returning the total iteration count — f64 mul/add/compare in a tight loop.
 */
#include "kernel.h"

EXPORT("mandel") i32 mandel(i32 n) {
  i32 total = 0;
  for (i32 py = 0; py < n; py++) {
    double ci = -1.5 + 3.0 * (double)py / (double)n;
    for (i32 px = 0; px < n; px++) {
      double cr = -2.0 + 3.0 * (double)px / (double)n;
      double zr = 0.0, zi = 0.0;
      i32 it = 0;
      while (it < 200 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it++;
      }
      total += it;
    }
  }
  return total;
}

EXPORT("run") i32 run(void) { return mandel(BENCH_N); }
