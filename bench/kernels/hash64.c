/*
 * hash64: i64 kernel — n rounds of xorshift64* generation, splitmix64 finalisation, 64-bit
 * rotates, unsigned division/remainder and a running multiply-accumulate, returning the i64
 * accumulator.
 */
#include "kernel.h"

static inline u64 rotl(u64 x, int k) { return (x << k) | (x >> (64 - k)); }

EXPORT("hash64") i64 hash64(i32 n) {
  u64 s = 0x9E3779B97F4A7C15ull, acc = 0;
  for (i32 i = 0; i < n; i++) {
    s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
    u64 r = s * 0x2545F4914F6CDD1Dull;
    u64 z = r + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    acc = rotl(acc ^ z, 17) * 5 + (z % 1000000007ull) + (r / ((z & 0xffff) | 1));
  }
  return (i64)acc;
}

EXPORT("run") i64 run(void) { return hash64(BENCH_N); }
