/*
 * sha256: SHA-256 (FIPS 180-4) with the 64 rounds and the message schedule fully unrolled
 * by macros, as crypto libraries write it; run(n) hashes a 4 KiB buffer n times, chaining
 * each digest into the buffer, and returns a word of the last digest. The compression
 * function is one wasm function of several thousand instructions.
 */
#include "large.h"

static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define S0(x) (rotr32(x, 2) ^ rotr32(x, 13) ^ rotr32(x, 22))
#define S1(x) (rotr32(x, 6) ^ rotr32(x, 11) ^ rotr32(x, 25))
#define s0(x) (rotr32(x, 7) ^ rotr32(x, 18) ^ ((x) >> 3))
#define s1(x) (rotr32(x, 17) ^ rotr32(x, 19) ^ ((x) >> 10))
#define CH(x, y, z) (((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))

#define W(i) w[(i) & 15]
#define SCHED(i) (W(i) += s1(W((i) + 14)) + W((i) + 9) + s0(W((i) + 1)))
#define RND(a, b, c, d, e, f, g, h, i, wi)             \
  {                                                    \
    u32 t1 = h + S1(e) + CH(e, f, g) + K[i] + (wi);    \
    u32 t2 = S0(a) + MAJ(a, b, c);                     \
    d += t1;                                           \
    h = t1 + t2;                                       \
  }
#define R8(i, WX)                                      \
  RND(a, b, c, d, e, f, g, h, (i) + 0, WX((i) + 0))    \
  RND(h, a, b, c, d, e, f, g, (i) + 1, WX((i) + 1))    \
  RND(g, h, a, b, c, d, e, f, (i) + 2, WX((i) + 2))    \
  RND(f, g, h, a, b, c, d, e, (i) + 3, WX((i) + 3))    \
  RND(e, f, g, h, a, b, c, d, (i) + 4, WX((i) + 4))    \
  RND(d, e, f, g, h, a, b, c, (i) + 5, WX((i) + 5))    \
  RND(c, d, e, f, g, h, a, b, (i) + 6, WX((i) + 6))    \
  RND(b, c, d, e, f, g, h, a, (i) + 7, WX((i) + 7))

static NOINLINE void compress(u32 *st, const u8 *p) {
  u32 w[16];
  for (int i = 0; i < 16; i++) w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
  u32 a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
  R8(0, W) R8(8, W)
  R8(16, SCHED) R8(24, SCHED) R8(32, SCHED) R8(40, SCHED) R8(48, SCHED) R8(56, SCHED)
  st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

static u8 buf[4096];

static void sha256(const u8 *data, u32 len, u32 *out) {
  static const u32 iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  for (int i = 0; i < 8; i++) out[i] = iv[i];
  u32 i = 0;
  for (; i + 64 <= len; i += 64) compress(out, data + i);
  u8 last[128];
  u32 rest = len - i, n = rest < 56 ? 64 : 128;
  for (u32 k = 0; k < n; k++) last[k] = k < rest ? data[i + k] : k == rest ? 0x80 : 0;
  u64 bits = (u64)len * 8;
  for (int k = 0; k < 8; k++) last[n - 1 - k] = (u8)(bits >> (8 * k));
  for (u32 k = 0; k < n; k += 64) compress(out, last + k);
}

EXPORT("run") i32 run(i32 n) {
  u32 s = 12345;
  for (int i = 0; i < 4096; i++) buf[i] = (u8)xs32(&s);
  u32 d[8] = {0};
  for (i32 r = 0; r < n; r++) {
    sha256(buf, sizeof buf, d);
    for (int k = 0; k < 8; k++) ((u32 *)buf)[(r * 8 + k) & 1023] ^= d[k];
  }
  return (i32)d[0];
}
