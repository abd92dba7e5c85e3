/*
 * kiln native runtime: the few libc-like routines the freestanding runtime needs. gcc may emit
 * calls to memcpy, memset, memmove and memcmp on its own (struct copies, zeroing), so those
 * four keep their standard names and signatures; the rest are kiln_-prefixed helpers.
 */
#ifndef KILN_RUNTIME_LIB_H
#define KILN_RUNTIME_LIB_H

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t kiln_strlen(const char *s);
/* 1 when the NUL-terminated strings are equal */
int kiln_streq(const char *a, const char *b);
/* 1 when the NUL-terminated `s` starts with `prefix` */
int kiln_startswith(const char *s, const char *prefix);
/* little-endian loads and stores at any alignment */
static inline uint16_t kiln_ld16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t kiln_ld32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t kiln_ld64(const uint8_t *p) { return (uint64_t)kiln_ld32(p) | ((uint64_t)kiln_ld32(p + 4) << 32); }
static inline void kiln_st16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void kiln_st32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void kiln_st64(uint8_t *p, uint64_t v) { kiln_st32(p, (uint32_t)v); kiln_st32(p + 4, (uint32_t)(v >> 32)); }

#endif
