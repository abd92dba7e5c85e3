/*
 * Driver of the decode+validate corpus program: runs every generated unit's entry function
 * (or those whose name contains argv[2]) with a seed from argv[1] and prints a checksum per
 * family. The program is realistic enough to run under any WASI runtime, but the benchmark only
 * decodes and validates the module (bench/decode.ts).
 */
#include <stdio.h>

#include "support.h"

int main(int argc, char **argv) {
  uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
  const char *filter = argc > 2 ? argv[2] : NULL;
  uint64_t total = 0;
  size_t ran = 0;
  for (size_t i = 0; i < corpus_entry_count; i++) {
    const struct corpus_entry *e = &corpus_entries[i];
    if (filter != NULL && strstr(e->name, filter) == NULL) continue;
    uint64_t h = e->fn(seed + i);
    if (filter != NULL) printf("%-24s %016llx\n", e->name, (unsigned long long)h);
    total = mix64(total, h);
    ran++;
  }
  printf("%zu entries, checksum %016llx\n", ran, (unsigned long long)total);
  return 0;
}
