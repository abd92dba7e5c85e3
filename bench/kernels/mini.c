/*
 * The two libc symbols clang may call for loops it recognises as memset/memcpy; the kernels
 * are linked with -nostdlib, so they are defined here (byte loops, not tuned).
 */
typedef __SIZE_TYPE__ size_t;

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  while (n--) *d++ = *s++;
  return dst;
}
