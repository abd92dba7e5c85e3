/*
 * Shared definitions for the large-function workloads (bench/large/<name>.c): freestanding wasm32
 * modules (no WASI, no libc) whose hot functions are several thousand wasm instructions
 * long, the shape that made the interpreter fall off V8's optimising tier (issue 15).
 * Each module exports run(n) returning an i32 checksum, so engines compare exactly.
 */
#ifndef LARGE_H
#define LARGE_H

#define EXPORT(name) __attribute__((export_name(name)))
#define NOINLINE __attribute__((noinline))
#define INLINE static inline __attribute__((always_inline))

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;

INLINE u32 rotl32(u32 x, u32 k) { return (x << k) | (x >> (32 - k)); }
INLINE u32 rotr32(u32 x, u32 k) { return (x >> k) | (x << (32 - k)); }

/* deterministic input: xorshift32 */
INLINE u32 xs32(u32 *s) {
  u32 x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *s = x;
  return x;
}

/* the unrolling ladders of the rounds reproducers (rounds.c, chain.c): ROUND(k) defined there */
#define R4 ROUND(__COUNTER__) ROUND(__COUNTER__) ROUND(__COUNTER__) ROUND(__COUNTER__)
#define R16 R4 R4 R4 R4
#define R64 R16 R16 R16 R16
#define R256 R64 R64 R64 R64
#define R1024 R256 R256 R256 R256

#endif
