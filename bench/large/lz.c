/*
 * lz: an LZ77 compressor in the style of fast compression libraries (hash-chain match
 * finder with lazy evaluation, a greedy fast path, unrolled match-length comparison,
 * varint token encoding, everything inlined into one loop) and its decompressor; run(n)
 * compresses and decompresses a 64 KiB text-like buffer n times, checks the round trip and
 * returns a checksum of the compressed bytes. The compressor's main loop is one wasm
 * function of a few thousand instructions.
 */
#include "large.h"

#define IN_SIZE 65536
#define HASH_BITS 14
#define CHAIN 16
#define MIN_MATCH 4
#define MAX_MATCH 255
#define WINDOW 32768

static u8 input[IN_SIZE];
static u8 packed[IN_SIZE + IN_SIZE / 8 + 64];
static u8 unpacked[IN_SIZE];
static i32 head[1 << HASH_BITS];
static i32 prev[WINDOW];

INLINE u32 load32(const u8 *p) { return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }
INLINE u32 hash4(u32 v) { return (v * 2654435761u) >> (32 - HASH_BITS); }

/* length of the common prefix of a and b, at most `limit`, four bytes at a time */
INLINE u32 match_len(const u8 *a, const u8 *b, u32 limit) {
  u32 n = 0;
  while (n + 16 <= limit) {
    u32 x0 = load32(a + n) ^ load32(b + n);
    if (x0) return n + ((u32)__builtin_ctz(x0) >> 3);
    u32 x1 = load32(a + n + 4) ^ load32(b + n + 4);
    if (x1) return n + 4 + ((u32)__builtin_ctz(x1) >> 3);
    u32 x2 = load32(a + n + 8) ^ load32(b + n + 8);
    if (x2) return n + 8 + ((u32)__builtin_ctz(x2) >> 3);
    u32 x3 = load32(a + n + 12) ^ load32(b + n + 12);
    if (x3) return n + 12 + ((u32)__builtin_ctz(x3) >> 3);
    n += 16;
  }
  while (n < limit && a[n] == b[n]) n++;
  return n;
}

INLINE u8 *put_varint(u8 *o, u32 v) {
  while (v >= 128) {
    *o++ = (u8)(v | 128);
    v >>= 7;
  }
  *o++ = (u8)v;
  return o;
}

/* the best match at position i: its length (0 if none) and distance in *dist */
INLINE u32 find(const u8 *in, u32 i, u32 end, u32 *dist) {
  u32 best = 0, limit = end - i < MAX_MATCH ? end - i : MAX_MATCH;
  i32 cand = head[hash4(load32(in + i))];
#pragma unroll 8
  for (int k = 0; k < CHAIN && cand >= 0 && i - (u32)cand < WINDOW; k++) {
    if (in[cand + best] == in[i + best]) {
      u32 len = match_len(in + cand, in + i, limit);
      if (len > best) {
        best = len;
        *dist = i - (u32)cand;
        if (len == limit) break;
      }
    }
    cand = prev[cand & (WINDOW - 1)];
  }
  return best >= MIN_MATCH ? best : 0;
}

INLINE void insert(const u8 *in, u32 i) {
  u32 h = hash4(load32(in + i));
  prev[i & (WINDOW - 1)] = head[h];
  head[h] = (i32)i;
}

/* tokens: literal run (varint count, bytes), then match (varint length - MIN_MATCH, varint distance) */
static NOINLINE u32 compress(const u8 *in, u32 n, u8 *out) {
  for (int k = 0; k < (1 << HASH_BITS); k++) head[k] = -1;
  u8 *o = out;
  u32 i = 0, lit = 0, end = n - 4;
  while (i < end) {
    u32 dist = 0, len = find(in, i, end, &dist);
    if (len && i + 1 < end) {
      /* lazy: a longer match one byte later wins */
      u32 d2 = 0;
      insert(in, i);
      u32 l2 = find(in, i + 1, end, &d2);
      if (l2 > len + 1) {
        i++;
        len = l2;
        dist = d2;
      } else {
        prev[i & (WINDOW - 1)] = prev[i & (WINDOW - 1)];
      }
    }
    if (!len) {
      insert(in, i);
      i++;
      continue;
    }
    o = put_varint(o, i - lit - (u32)0);
    for (u32 k = lit; k < i; k++) *o++ = in[k];
    o = put_varint(o, len - MIN_MATCH);
    o = put_varint(o, dist);
#pragma unroll 4
    for (u32 k = 1; k < len; k++) insert(in, i + k);
    i += len;
    lit = i;
  }
  o = put_varint(o, n - lit);
  for (u32 k = lit; k < n; k++) *o++ = in[k];
  return (u32)(o - out);
}

INLINE u32 get_varint(const u8 **p) {
  u32 v = 0, s = 0;
  u8 b;
  do {
    b = *(*p)++;
    v |= (u32)(b & 127) << s;
    s += 7;
  } while (b & 128);
  return v;
}

static NOINLINE u32 decompress(const u8 *in, u32 size, u8 *out) {
  const u8 *p = in, *e = in + size;
  u8 *o = out;
  for (;;) {
    u32 lits = get_varint(&p);
    for (u32 k = 0; k < lits; k++) *o++ = *p++;
    if (p >= e) break;
    u32 len = get_varint(&p) + MIN_MATCH, dist = get_varint(&p);
    const u8 *s = o - dist;
    for (u32 k = 0; k < len; k++) *o++ = s[k];
  }
  return (u32)(o - out);
}

/* words from a small vocabulary with noise: compressible like text */
static void make_input(void) {
  static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ", "wasm ", "kiln ",
                                "compiler ", "interpreter ", "function ", "memory ", "table ", "export "};
  u32 s = 2024, i = 0;
  while (i < IN_SIZE) {
    u32 v = xs32(&s);
    const char *w = words[v & 15];
    while (*w && i < IN_SIZE) input[i++] = (u8)*w++;
    if ((v >> 8) % 7 == 0 && i < IN_SIZE) input[i++] = (u8)(v >> 16);
  }
}

EXPORT("run") i32 run(i32 n) {
  make_input();
  u32 sum = 0;
  for (i32 r = 0; r < n; r++) {
    input[(u32)r * 7919u % IN_SIZE] ^= (u8)r;
    u32 size = compress(input, IN_SIZE, packed);
    if (decompress(packed, size, unpacked) != IN_SIZE) return -1;
    for (u32 k = 0; k < IN_SIZE; k += 64)
      if (unpacked[k] != input[k]) return -2;
    for (u32 k = 0; k < size; k++) sum = sum * 31u + packed[k];
    sum ^= size;
  }
  return (i32)sum;
}
