/*
 * bytevm: a register-machine bytecode interpreter of 112 opcodes (a C switch in a loop,
 * which clang turns into one br_table dispatch with every handler inlined), running a
 * generated program of mixed arithmetic, memory and branch instructions (48 simple opcodes
 * and 64 compound ones); run(n) executes
 * it n times. The dispatch loop is one wasm function of a few thousand instructions, the
 * shape of an interpreter's main loop.
 */
#include "large.h"

enum {
  OP_HALT, OP_LI, OP_MOV, OP_ADD, OP_SUB, OP_MUL, OP_DIVU, OP_REMU, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_SAR,
  OP_ROTL, OP_ROTR, OP_ADDI, OP_MULI, OP_XORI, OP_NOT, OP_NEG, OP_CLZ, OP_POPC, OP_MIN, OP_MAX, OP_ABS,
  OP_LD, OP_ST, OP_LDB, OP_STB, OP_INC, OP_DEC, OP_JMP, OP_JZ, OP_JNZ, OP_JLT, OP_JGE, OP_CALL, OP_RET,
  OP_HASH, OP_MIX, OP_SWAP, OP_SEL, OP_CMPEQ, OP_CMPLT, OP_BSWAP, OP_AVG, OP_CRC, OP_X0, NUM_OPS = OP_X0 + 64
};

typedef struct { u8 op, a, b, c; i32 imm; } Ins;

#define NREG 16
#define MEMW 1024
#define PROG 512

static Ins prog[PROG];
static u32 mem[MEMW];

INLINE u32 popc(u32 x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  return (((x + (x >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
}
INLINE u32 crc_step(u32 c, u32 v) {
  c ^= v;
#pragma unroll
  for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
  return c;
}

/* 64 compound opcodes, each a short mix of its operands with its own constants */
#define XOP(k)                                                                        \
  case OP_X0 + (k): {                                                                 \
    u32 t = x * (0x9e3779b1u + 2u * (k)) + rotl32(y, ((k) % 29) + 1);                 \
    t ^= t >> (((k) % 13) + 3);                                                       \
    t = rotr32(t + (u32)in.imm, ((k) % 7) + 5) ^ (mem[(t + (k)) & (MEMW - 1)] >> 1);  \
    *d = ((k) & 1) ? t + *d : t ^ (*d * 3u);                                          \
    break;                                                                            \
  }
#define XOP4(k) XOP(k) XOP((k) + 1) XOP((k) + 2) XOP((k) + 3)
#define XOP16(k) XOP4(k) XOP4((k) + 4) XOP4((k) + 8) XOP4((k) + 12)

static NOINLINE u32 exec(const Ins *code, u32 steps) {
  u32 r[NREG] = {0};
  u32 stack[64];
  u32 sp = 0, pc = 0;
  while (steps--) {
    const Ins in = code[pc++ & (PROG - 1)];
    u32 *d = &r[in.a & 15];
    u32 x = r[in.b & 15], y = r[in.c & 15];
    switch (in.op) {
    case OP_HALT: return r[0] ^ r[1];
    case OP_LI: *d = (u32)in.imm; break;
    case OP_MOV: *d = x; break;
    case OP_ADD: *d = x + y; break;
    case OP_SUB: *d = x - y; break;
    case OP_MUL: *d = x * y; break;
    case OP_DIVU: *d = y ? x / y : 0; break;
    case OP_REMU: *d = y ? x % y : x; break;
    case OP_AND: *d = x & y; break;
    case OP_OR: *d = x | y; break;
    case OP_XOR: *d = x ^ y; break;
    case OP_SHL: *d = x << (y & 31); break;
    case OP_SHR: *d = x >> (y & 31); break;
    case OP_SAR: *d = (u32)((i32)x >> (y & 31)); break;
    case OP_ROTL: *d = rotl32(x, (y & 31) | 1); break;
    case OP_ROTR: *d = rotr32(x, (y & 31) | 1); break;
    case OP_ADDI: *d = x + (u32)in.imm; break;
    case OP_MULI: *d = x * (u32)in.imm; break;
    case OP_XORI: *d = x ^ (u32)in.imm; break;
    case OP_NOT: *d = ~x; break;
    case OP_NEG: *d = 0u - x; break;
    case OP_CLZ: *d = x ? (u32)__builtin_clz(x) : 32; break;
    case OP_POPC: *d = popc(x); break;
    case OP_MIN: *d = x < y ? x : y; break;
    case OP_MAX: *d = x > y ? x : y; break;
    case OP_ABS: *d = (i32)x < 0 ? 0u - x : x; break;
    case OP_LD: *d = mem[(x + (u32)in.imm) & (MEMW - 1)]; break;
    case OP_ST: mem[(x + (u32)in.imm) & (MEMW - 1)] = y; break;
    case OP_LDB: *d = ((u8 *)mem)[(x + (u32)in.imm) & (4 * MEMW - 1)]; break;
    case OP_STB: ((u8 *)mem)[(x + (u32)in.imm) & (4 * MEMW - 1)] = (u8)y; break;
    case OP_INC: *d += 1; break;
    case OP_DEC: *d -= 1; break;
    case OP_JMP: pc = (u32)in.imm; break;
    case OP_JZ: if (x == 0) pc = (u32)in.imm; break;
    case OP_JNZ: if (x != 0) pc = (u32)in.imm; break;
    case OP_JLT: if ((i32)x < (i32)y) pc = (u32)in.imm; break;
    case OP_JGE: if ((i32)x >= (i32)y) pc = (u32)in.imm; break;
    case OP_CALL: stack[sp++ & 63] = pc; pc = (u32)in.imm; break;
    case OP_RET: pc = sp ? stack[--sp & 63] : pc; break;
    case OP_HASH: *d = (x ^ (x >> 16)) * 0x45d9f3bu; *d ^= *d >> 16; break;
    case OP_MIX: *d = rotl32(x * 0x9e3779b1u, 13) + y * 0x85ebca77u; break;
    case OP_SWAP: { u32 t = r[in.b & 15]; r[in.b & 15] = r[in.c & 15]; r[in.c & 15] = t; break; }
    case OP_SEL: *d = (x & 1) ? y : *d; break;
    case OP_CMPEQ: *d = x == y; break;
    case OP_CMPLT: *d = (i32)x < (i32)y; break;
    case OP_BSWAP: *d = __builtin_bswap32(x); break;
    case OP_AVG: *d = (x & y) + ((x ^ y) >> 1); break;
    case OP_CRC: *d = crc_step(x, y); break;
    XOP16(0) XOP16(16) XOP16(32) XOP16(48)
    default: return 0xdeadu;
    }
  }
  return r[0] ^ r[1] ^ r[2] ^ r[3];
}

/* a program of random non-control instructions with a few backward loops */
static void generate(void) {
  u32 s = 777;
  for (int i = 0; i < PROG; i++) {
    Ins in;
    u32 v = xs32(&s);
    in.op = (u8)(v % 3 == 0 ? OP_LI + v / 3 % (OP_JMP - OP_LI) : OP_X0 + v / 3 % 64);
    in.a = (u8)(v >> 8); in.b = (u8)(v >> 12); in.c = (u8)(v >> 16);
    in.imm = (i32)xs32(&s);
    if (i % 37 == 36) { in.op = OP_JNZ; in.b = (u8)(v >> 12); in.imm = i - 30; }
    if (i % 101 == 100) { in.op = OP_CRC; }
    prog[i] = in;
  }
  for (int i = 0; i < MEMW; i++) mem[i] = xs32(&s);
}

EXPORT("run") i32 run(i32 n) {
  generate();
  u32 acc = 0;
  for (i32 i = 0; i < n; i++) acc = rotl32(acc, 3) ^ exec(prog, 20000);
  return (i32)acc;
}
