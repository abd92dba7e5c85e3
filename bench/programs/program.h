/*
 * Shared helpers of the benchmark programs (bench/programs/<name>.c).
 *
 * Each program is a WASI command: `<name>.wasm [n]` runs its workload at size n (a default
 * when absent) on inputs generated deterministically from n, and prints exactly one line,
 * `<name> n=<n> checksum <16 hex digits>`. The checksum folds every result value (doubles by
 * their bit patterns) into a 64-bit FNV-1a hash, so any engine that computes one bit
 * differently prints a different line.
 *
 * The same sources also build for the host (build.mjs does, to produce the expected lines
 * independently of any wasm engine), so nothing here may depend on the width of `long` or
 * pointers: sizes are `int`, hashes `uint64_t`.
 */
#ifndef PROGRAM_H
#define PROGRAM_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* folds the 8 bytes of v (least significant first) into the FNV-1a hash h */
static inline uint64_t hash_u64(uint64_t h, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= FNV_PRIME;
  }
  return h;
}

static inline uint64_t hash_f64(uint64_t h, double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return hash_u64(h, bits);
}

/* the size argument argv[1], or `dflt`; exits with status 2 on anything but a positive integer */
static inline int size_arg(int argc, char **argv, int dflt, int max) {
  if (argc < 2) return dflt;
  char *end;
  long v = strtol(argv[1], &end, 10);
  if (*argv[1] == '\0' || *end != '\0' || v < 1 || v > max) {
    fprintf(stderr, "size must be an integer from 1 to %d, got \"%s\"\n", max, argv[1]);
    exit(2);
  }
  return (int)v;
}

/* calloc that never returns NULL (exits with status 3 instead) */
static inline void *alloc_zeroed(int count, int size) {
  void *p = calloc((size_t)count, (size_t)size);
  if (p == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(3);
  }
  return p;
}

static inline void report(const char *name, int n, uint64_t checksum) {
  printf("%s n=%d checksum %016llx\n", name, n, (unsigned long long)checksum);
}

#endif
