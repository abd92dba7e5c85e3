/*
 * blur: a separable 3×3 Gaussian blur ([1 2 1] ⊗ [1 2 1] / 16, rounded) of a 256×256 u8
 * grey image, as image libraries do it: a horizontal pass into u16 rows, a vertical pass back
 * to u8; the one-pixel border is copied. Each pass blurs the previous result (ping-pong), and
 * one pixel is disturbed per pass so the image never settles. clang vectorises both inner
 * loops (u8→u16 extends, i16x8 adds and shifts, a narrowing back to u8).
 */
#include "simd.h"

#define W 256
#define H 256

static u8 img[2][H * W];
static u16 tmp[H * W];

/* the interior of one row; its own function because clang 14 does not vectorise this loop
   when the row's border pixels are handled next to it (it reuses their loads) */
NOINLINE static void blur_row(const u8 *s, u16 *t) {
  for (u32 x = 0; x < W - 2; x++) t[x + 1] = (u16)(s[x] + 2 * s[x + 1] + s[x + 2]);
}

NOINLINE static void blur_rows(const u8 *src, u16 *out) {
  for (u32 y = 0; y < H; y++) {
    const u8 *s = src + y * W;
    u16 *t = out + y * W;
    t[0] = (u16)(s[0] * 4);
    t[W - 1] = (u16)(s[W - 1] * 4);
    blur_row(s, t);
  }
}

NOINLINE static void blur_cols(const u16 *t, const u8 *src, u8 *dst) {
  for (u32 x = 0; x < W; x++) dst[x] = src[x];
  for (u32 y = 1; y < H - 1; y++) {
    const u16 *a = t + (y - 1) * W, *b = t + y * W, *c = t + (y + 1) * W;
    u8 *d = dst + y * W;
    for (u32 x = 0; x < W; x++) {
      u16 sum = (u16)(a[x] + 2 * b[x] + c[x] + 8); /* at most 16·255 + 8: fits */
      d[x] = (u8)(sum >> 4);
    }
  }
  for (u32 x = 0; x < W; x++) dst[(H - 1) * W + x] = src[(H - 1) * W + x];
}

static void setup(void) {
  u32 s = 0x1234567u;
  for (u32 i = 0; i < H * W; i++) img[0][i] = (u8)xs32(&s);
}

EXPORT("run") u32 run(u32 n) {
  setup();
  u32 cur = 0;
  for (u32 p = 0; p < n; p++) {
    blur_rows(img[cur], tmp);
    blur_cols(tmp, img[cur], img[cur ^ 1]);
    cur ^= 1;
    img[cur][(p * 7919u) & (H * W - 1)] ^= 0xa5;
  }
  u32 h = 2166136261u;
  const u32 *words = (const u32 *)img[cur];
  for (u32 i = 0; i < H * W / 4; i++) h = mix(h, words[i]);
  return h;
}
