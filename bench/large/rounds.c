/*
 * rounds: the unrolled-rounds reproducer of issue 15. mix() applies ROUNDS rounds of an
 * ARX mixing step (each with its own constant, from __COUNTER__, so clang cannot roll
 * them back into a loop) to an 8-word state; run(n) does n * 1024 rounds in total, i.e.
 * n * 1024 / ROUNDS calls of mix(). Built with -DROUNDS=16, 256 and 1024: the same work,
 * done by one function of growing size.
 */
#include "large.h"

#ifndef ROUNDS
#error "compile with -DROUNDS=16|256|1024 (see build.mjs)"
#endif

#define ROUND(k)                                   \
  a += b ^ (0x9e3779b9u * (u32)(k) + 0x7f4a7c15u); \
  d = rotl32(d ^ a, 7 + ((k) & 15));               \
  c += d;                                          \
  b = rotl32(b ^ c, 5 + ((k) & 7));                \
  e += f ^ a;                                      \
  h = rotr32(h ^ e, 3 + ((k) & 11));               \
  g += h + c;                                      \
  f ^= g + ((k) * 0x85ebca6bu);


#if ROUNDS == 16
#define BODY R16
#elif ROUNDS == 256
#define BODY R256
#elif ROUNDS == 1024
#define BODY R1024
#else
#error "ROUNDS must be 16, 256 or 1024"
#endif

static NOINLINE void mix(u32 *s) {
  u32 a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  BODY
  s[0] = a; s[1] = b; s[2] = c; s[3] = d; s[4] = e; s[5] = f; s[6] = g; s[7] = h;
}

EXPORT("run") i32 run(i32 n) {
  u32 s[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  i32 calls = n * (1024 / ROUNDS);
  for (i32 i = 0; i < calls; i++) {
    s[i & 7] ^= (u32)i;
    mix(s);
  }
  u32 r = 0;
  for (i32 i = 0; i < 8; i++) r = rotl32(r, 5) ^ s[i];
  return (i32)r;
}
