/*
 * kiln native runtime: memcpy/memmove/memset/memcmp (which gcc may call on its own, so they
 * exist under their standard names) and small string helpers. Plain byte loops; the
 * loop-distribution pass, which could recognise a loop as a memset/memcpy idiom and turn it
 * back into a call to the very function it is in, is switched off for each of them.
 */
#include "lib.h"

#define KILN_NO_IDIOM __attribute__((optimize("no-tree-loop-distribute-patterns")))

KILN_NO_IDIOM void *memcpy(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  for (size_t i = 0; i < n; i++) d[i] = s[i];
  return dst;
}

KILN_NO_IDIOM void *memmove(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  if (d == s || n == 0) return dst;
  if (d < s) {
    for (size_t i = 0; i < n; i++) d[i] = s[i];
  } else {
    for (size_t i = n; i > 0; i--) d[i - 1] = s[i - 1];
  }
  return dst;
}

KILN_NO_IDIOM void *memset(void *dst, int c, size_t n) {
  uint8_t *d = dst;
  for (size_t i = 0; i < n; i++) d[i] = (uint8_t)c;
  return dst;
}

KILN_NO_IDIOM int memcmp(const void *a, const void *b, size_t n) {
  const uint8_t *x = a;
  const uint8_t *y = b;
  for (size_t i = 0; i < n; i++) {
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

KILN_NO_IDIOM size_t kiln_strlen(const char *s) {
  size_t n = 0;
  while (s[n] != 0) n++;
  return n;
}

int kiln_streq(const char *a, const char *b) {
  while (*a != 0 && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

int kiln_startswith(const char *s, const char *prefix) {
  while (*prefix != 0) {
    if (*s != *prefix) return 0;
    s++;
    prefix++;
  }
  return 1;
}
