/*
 * saxpy: y := a·x + y on f32 vectors of 8,192 elements (BLAS level 1), a different a on every
 * pass (±0.25, ±0.125 in turn, so y stays bounded). The multiply and add are separate IEEE
 * operations in both builds (wasm has no fused multiply-add), so the SIMD and scalar builds
 * give the same bits. The checksum sums y's bit patterns.
 */
#include "simd.h"

#define N 8192

static float xs[N];
static float ys[N];

NOINLINE static void saxpy(float a, const float *x, float *y, u32 n) {
  for (u32 i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

static void setup(void) {
  u32 s = 0x2545f491u;
  for (u32 i = 0; i < N; i++) {
    xs[i] = (float)(i32)(xs32(&s) & 0xffff) * (1.0f / 256.0f) - 128.0f;
    ys[i] = (float)(i32)(xs32(&s) & 0xffff) * (1.0f / 1024.0f);
  }
}

static const float AS[4] = {0.25f, -0.125f, -0.25f, 0.125f};

INLINE u32 bits(float f) {
  union { float f; u32 u; } v = {f};
  return v.u;
}

EXPORT("run") u32 run(u32 n) {
  setup();
  for (u32 p = 0; p < n; p++) saxpy(AS[p & 3], xs, ys, N);
  u32 h = 0;
  for (u32 i = 0; i < N; i++) h += bits(ys[i]) * (i | 1);
  return h;
}
