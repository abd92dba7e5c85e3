/*
 * kiln native runtime: the process entry. The kernel starts `_start` with the stack pointer at
 * argc, then argv[], NULL, envp[], NULL; `_start` clears the frame pointer, aligns the stack and
 * calls kiln_main with that address.
 */
#include "rt.h"

void kiln_main(long *sp);

#if defined(__x86_64__)
__asm__(".text\n.globl _start\n.type _start,@function\n_start:\n"
        "  xor %ebp, %ebp\n  mov %rsp, %rdi\n  and $-16, %rsp\n  call kiln_main\n  hlt\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl _start\n.type _start,%function\n_start:\n"
        "  mov x29, #0\n  mov x30, #0\n  mov x0, sp\n  and x1, x0, #-16\n  mov sp, x1\n  bl kiln_main\n  brk #0\n");
#endif
