/*
 * gray: RGBA8 → 8-bit luma, Y = (77 R + 150 G + 29 B + 128) >> 8 (BT.601 weights in 8-bit
 * fixed point, as image decoders and camera pipelines use), over a 128×128 image read as
 * little-endian u32 pixels. After each pass one pixel is changed using the result, so no
 * pass repeats the one before. clang vectorises the conversion (i32x4 masks, shifts and
 * multiplies, narrowed to u8 by a shuffle and a 32-bit lane store).
 */
#include "simd.h"

#define N (128 * 128)

static u32 rgba[N];
static u8 luma[N];

NOINLINE static void to_gray(const u32 *px, u8 *out, u32 n) {
  for (u32 i = 0; i < n; i++) {
    u32 p = px[i];
    out[i] = (u8)((77 * (p & 255) + 150 * ((p >> 8) & 255) + 29 * ((p >> 16) & 255) + 128) >> 8);
  }
}

static void setup(void) {
  u32 s = 0x600dcafeu;
  for (u32 i = 0; i < N; i++) rgba[i] = xs32(&s);
}

EXPORT("run") u32 run(u32 n) {
  setup();
  u32 h = 2166136261u;
  for (u32 p = 0; p < n; p++) {
    to_gray(rgba, luma, N);
    h = mix(h, luma[(p * 2654435761u) & (N - 1)]);
    u32 k = (p * 97u) & (N - 1);
    rgba[k] = (rgba[k] + luma[k]) * 2654435761u;
  }
  for (u32 i = 0; i < N; i += 4) h = mix(h, (u32)luma[i] | (u32)luma[i + 1] << 8 | (u32)luma[i + 2] << 16 | (u32)luma[i + 3] << 24);
  return h;
}
