/*
 * hist: a byte histogram of 64 KiB of skewed, text-like data, the way entropy coders count
 * symbols (zstd's HIST_count_parallel, for one): four sub-histograms so that repeated bytes
 * do not serialise on one counter, merged at the end. The counting loop is a scatter, which
 * no 128-bit SIMD instruction does: clang vectorises only the clearing and the merge, so this
 * kernel shows what SIMD does NOT buy (V8's SIMD build is about as fast as its scalar one).
 */
#include "simd.h"

#define N 65536

static u8 data[N];
static u32 sub[4][256];
static u32 counts[256];

NOINLINE static void histogram(const u8 *d, u32 n) {
  for (u32 b = 0; b < 256; b++) sub[0][b] = sub[1][b] = sub[2][b] = sub[3][b] = 0;
  for (u32 i = 0; i + 4 <= n; i += 4) {
    sub[0][d[i]]++;
    sub[1][d[i + 1]]++;
    sub[2][d[i + 2]]++;
    sub[3][d[i + 3]]++;
  }
  for (u32 b = 0; b < 256; b++) counts[b] = sub[0][b] + sub[1][b] + sub[2][b] + sub[3][b];
}

static void setup(void) {
  u32 s = 0xdeadbeefu;
  for (u32 i = 0; i < N; i++) {
    u32 r = xs32(&s);
    /* mostly lower-case letters and spaces, sometimes anything */
    data[i] = (r & 0x700) != 0 ? (u8)((r & 31) < 26 ? 'a' + (r & 31) : ' ') : (u8)(r >> 24);
  }
}

EXPORT("run") u32 run(u32 n) {
  setup();
  u32 h = 2166136261u;
  for (u32 p = 0; p < n; p++) {
    histogram(data, N);
    h = mix(h, counts[p & 255]);
    data[(p * 40503u) & (N - 1)] = (u8)p;
  }
  for (u32 b = 0; b < 256; b++) h = mix(h, counts[b]);
  return h;
}
