/*
 * dot: the dot product of two i16 vectors into an i32 (audio/ML style: FIR taps, int8/int16
 * inference). 4,096 samples in [-512, 511], so no sum can overflow; each pass takes the
 * second vector at a different offset (unaligned loads in the SIMD build). clang vectorises
 * the loop into i16x8 widening multiplies and i32x4 adds.
 */
#include "simd.h"

#define N 4096
#define SLACK 64

static i16 xs[N];
static i16 ys[N + SLACK];

NOINLINE static i32 dot(const i16 *a, const i16 *b, u32 n) {
  i32 sum = 0;
  for (u32 i = 0; i < n; i++) sum += (i32)a[i] * (i32)b[i];
  return sum;
}

static void setup(void) {
  u32 s = 0x9e3779b9u;
  for (u32 i = 0; i < N; i++) xs[i] = (i16)((i32)(xs32(&s) & 1023) - 512);
  for (u32 i = 0; i < N + SLACK; i++) ys[i] = (i16)((i32)(xs32(&s) & 1023) - 512);
}

EXPORT("run") u32 run(u32 n) {
  setup();
  u32 h = 2166136261u;
  for (u32 p = 0; p < n; p++) h = mix(h, (u32)dot(xs, ys + (p & (SLACK - 1)), N));
  return h;
}
