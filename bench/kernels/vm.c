/*
 * vm: a small stack-machine bytecode interpreter (dispatch through a C switch, which clang
 * lowers to br_table) running a program that sums i*i mod 7 for i below n — measures
 * indirect-branch-heavy code, the kind of code an interpreter runs when it runs an interpreter.
 */
#include "kernel.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, REM, LT, JZ, JMP, HALT };

/* locals: 0 = i, 1 = acc, 2 = n */
static const i32 program[] = {
    /* 0 */ PUSH, 0, STORE, 0,
    /* 4 */ PUSH, 0, STORE, 1,
    /* 8 */ LOAD, 0, LOAD, 2, LT, JZ, 38,
    /* 15 */ LOAD, 1, LOAD, 0, LOAD, 0, MUL, PUSH, 7, REM, ADD, STORE, 1,
    /* 28 */ LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, 8,
    /* 37 */ HALT,
    /* 38 */ LOAD, 1, HALT,
};

static NOINLINE i32 exec(const i32 *code, i32 *locals) {
  i32 stack[64];
  i32 sp = 0, pc = 0;
  for (;;) {
    switch (code[pc++]) {
    case PUSH: stack[sp++] = code[pc++]; break;
    case LOAD: stack[sp++] = locals[code[pc++]]; break;
    case STORE: locals[code[pc++]] = stack[--sp]; break;
    case ADD: sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] + (u32)stack[sp]); break;
    case SUB: sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] - (u32)stack[sp]); break;
    case MUL: sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] * (u32)stack[sp]); break;
    case REM: sp--; stack[sp - 1] %= stack[sp]; break;
    case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case JZ: { i32 t = code[pc++]; if (stack[--sp] == 0) pc = t; break; }
    case JMP: pc = code[pc]; break;
    case HALT: return sp > 0 ? stack[sp - 1] : 0;
    default: return -1;
    }
  }
}

EXPORT("vm") i32 vm(i32 n) {
  i32 locals[3] = {0, 0, n};
  return exec(program, locals);
}

EXPORT("run") i32 run(void) { return vm(BENCH_N); }
