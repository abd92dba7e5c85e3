/*
 * chain: the unrolled-rounds reproducer of issue 15 in the shape the issue measured, where V8
 * takes the same time whatever the function's size. Each round is a serial dependency chain
 * (multiply, add, rotate, xor, multiply) on a 2-word state, so a round costs the latency of
 * its chain and the CPU's instruction fetch and decode never limit it. rounds.c, the first
 * reproducer, mixes an 8-word state with much parallelism per round: there the 1,024-round
 * function (about 100 KB of machine code) is limited by the CPU front end and V8 itself takes
 * about twice as long as with 16 rounds. Built with -DROUNDS=16, 256 and 1024; run(n) does
 * n * 1024 rounds in total whatever ROUNDS is.
 */
#include "large.h"

#ifndef ROUNDS
#error "compile with -DROUNDS=16|256|1024 (see build.mjs)"
#endif

/* each round its own constants (from __COUNTER__), so clang cannot roll the rounds back up */
#define ROUND(k)                                         \
  a = rotl32(a * (0x9e3779b1u + 2u * (u32)(k)) + b, 13); \
  b = (b ^ a) * 0x85ebca6bu + (u32)(k);


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
  u32 a = s[0], b = s[1];
  BODY
  s[0] = a; s[1] = b;
}

EXPORT("run") i32 run(i32 n) {
  u32 s[2] = {1, 2};
  i32 calls = n * (1024 / ROUNDS);
  for (i32 i = 0; i < calls; i++) {
    s[i & 1] ^= (u32)i;
    mix(s);
  }
  return (i32)(s[0] ^ rotl32(s[1], 7));
}
