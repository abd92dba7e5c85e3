/*
 * Shared declarations for the decode+validate benchmark corpus (bench/corpus/).
 * Generated units (gen.mjs → unit_NNN.c) include this; main.c calls every unit's entry
 * function through the generated registry so that wasm-ld keeps all of them.
 */
#ifndef CORPUS_SUPPORT_H
#define CORPUS_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* xorshift32: deterministic inputs for the generated code, seeded from the command line. */
static inline uint32_t rng_next(uint32_t *s) {
  uint32_t x = *s ? *s : 0x9e3779b9u;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *s = x;
  return x;
}

static inline uint64_t mix64(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

/* helpers the generator marks as not to be inlined, as real code bases have many small calls */
#define NOINLINE __attribute__((noinline))

typedef uint64_t (*corpus_entry_fn)(uint64_t seed);

struct corpus_entry {
  const char *name;
  corpus_entry_fn fn;
};

extern const struct corpus_entry corpus_entries[];
extern const size_t corpus_entry_count;

#endif
