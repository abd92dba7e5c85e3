/*
 * sieve: sieve of Eratosthenes over n bytes, repeated 4 times, returning the number of primes
 * below n — nested i32 loops with byte loads/stores.
 */
#include "kernel.h"

#define MAX_N (1 << 24)
static unsigned char composite[MAX_N];

EXPORT("sieve") i32 sieve(i32 n) {
  if (n > MAX_N) n = MAX_N;
  i32 count = 0;
  for (i32 rep = 0; rep < 4; rep++) {
    for (i32 i = 0; i < n; i++) composite[i] = 0;
    count = 0;
    for (i32 i = 2; i < n; i++) {
      if (composite[i]) continue;
      count++;
      for (i32 j = i + i; j < n; j += i) composite[j] = 1;
    }
  }
  return count;
}

EXPORT("run") i32 run(void) { return sieve(BENCH_N); }
