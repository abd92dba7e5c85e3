/*
 * search: counts the occurrences of eight needles (3 to 8 bytes) in 64 KiB of text, strstr
 * style. clang does not vectorise a search loop (it has an early exit), so the SIMD build
 * uses wasm_simd128.h as string libraries do: Wojciech Muła's first-and-last-byte filter
 * (compare 16 positions at once with the needle's first byte and, k-1 bytes further, with its
 * last byte; i8x16.bitmask of the AND gives the candidates, checked byte by byte). The scalar
 * build runs the same filter one position at a time. Both give the same counts.
 */
#include "simd.h"
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define N 65536
#define PAD 16

static u8 text[N + PAD];

static const char *const SYLLABLES[16] = {"ka", "lo", "ri", "ten", "mu", "sa", "the", "qu", "ver", "dan", "el", "po", "ix", "an", "or", "ste"};
static const char *const NEEDLES[8] = {"the", "kalo", "tenmu", "sa ver", "ixan", "poste", "dan el", "quorri"};

/* the m bytes at a and b are equal */
INLINE int same(const u8 *a, const u8 *b, u32 m) {
  for (u32 j = 0; j < m; j++)
    if (a[j] != b[j]) return 0;
  return 1;
}

/* occurrences of needle (k ≥ 2 bytes) in h[0..n), which may be read up to PAD bytes past n */
NOINLINE static u32 count(const u8 *h, u32 n, const u8 *needle, u32 k) {
  u32 found = 0, i = 0;
#ifdef __wasm_simd128__
  const v128_t first = wasm_i8x16_splat((i8)needle[0]);
  const v128_t last = wasm_i8x16_splat((i8)needle[k - 1]);
  for (; i + k + 15 <= n; i += 16) {
    v128_t a = wasm_i8x16_eq(wasm_v128_load(h + i), first);
    v128_t b = wasm_i8x16_eq(wasm_v128_load(h + i + k - 1), last);
    u32 mask = wasm_i8x16_bitmask(wasm_v128_and(a, b));
    while (mask != 0) {
      u32 j = (u32)__builtin_ctz(mask);
      found += (u32)same(h + i + j + 1, needle + 1, k - 2);
      mask &= mask - 1;
    }
  }
#endif
  for (; i + k <= n; i++)
    if (h[i] == needle[0] && h[i + k - 1] == needle[k - 1]) found += (u32)same(h + i + 1, needle + 1, k - 2);
  return found;
}

INLINE u32 length(const char *s) {
  u32 k = 0;
  while (s[k] != 0) k++;
  return k;
}

static void setup(void) {
  u32 s = 0xc0ffee11u, i = 0;
  while (i < N) {
    u32 r = xs32(&s);
    for (u32 w = 0; w <= (r >> 30) && i < N; w++) {
      const char *syl = SYLLABLES[(r >> (4 * w)) & 15];
      for (u32 c = 0; syl[c] != 0 && i < N; c++) text[i++] = (u8)syl[c];
    }
    if (i < N) text[i++] = ' ';
  }
}

EXPORT("run") u32 run(u32 n) {
  setup();
  u32 h = 2166136261u;
  for (u32 p = 0; p < n; p++) {
    const char *needle = NEEDLES[p & 7];
    h = mix(h, count(text, N, (const u8 *)needle, length(needle)));
    text[(p * 40503u) & (N - 1)] = (u8)('a' + p % 26);
  }
  return h;
}
