/*
 * kiln native runtime, the core (docs/standalone.md): the state shared by start-up, memories,
 * tables, signals and trap reports, and the few system calls only the core needs (the rest are
 * in ../sys.h, shared with the WASI layer).
 */
#ifndef KILN_RUNTIME_RT_H
#define KILN_RUNTIME_RT_H

#include <stdint.h>
#include <stddef.h>
#include "../sys.h"
#include "../lib.h"
#include "module.h"

#if defined(__x86_64__)
#define SYS_mprotect 10
#define SYS_rt_sigaction 13
#define SYS_rt_sigreturn 15
#define SYS_setitimer 38
#define SYS_sigaltstack 131
#elif defined(__aarch64__)
#define SYS_sigaltstack 132
#define SYS_rt_sigaction 134
#define SYS_rt_sigreturn 139
#define SYS_setitimer 103
#define SYS_mprotect 226
#endif

#define K_PROT_NONE 0
#define K_PROT_EXEC 4
#define WASM_PAGE 65536ULL
#define MEMORY_RESERVE (8ULL << 30)

struct rt_state {
  uint8_t *vmctx;
  uint8_t *block;            /* the runtime block */
  const char *argv0;
  uint8_t *mem_base;
  uint64_t mem_max_pages;    /* the module's maximum, the build's --max-memory and 65536, the least */
  uint8_t *stack_bottom, *stack_top;
  uint8_t *data_dropped;     /* per data segment: 1 dropped */
  uint8_t *elem_dropped;     /* per element segment */
  uint64_t *tables;          /* per table: [base, capacity] */
};

extern struct rt_state R;

/* output (fd 2 unless said); rt_fmt_u: v in decimal or hex into buf, returns where it starts */
const char *rt_fmt_u(char buf[24], uint64_t v, int hex);
void rt_puts(int fd, const char *s);
void rt_put_dec(int fd, uint64_t v);
void rt_put_hex(int fd, uint64_t v);
__attribute__((noreturn)) void rt_exit(int code);
__attribute__((noreturn)) void rt_fail(const char *what, const char *detail);

/* start-up steps (each exits with a message when it cannot) */
void rt_memory_init(void);
void rt_tables_init(void);
void rt_stack_init(void);
void rt_signals_init(void);
void rt_timer_start(void);

/* batch mode (batch.c): invocations from stdin */
void rt_batch(void);

/* a runtime function raising a trap: the wrapper unwinds when the function returns */
static inline void rt_trap(int32_t code) { *(int32_t *)(R.block + RT_TRAP_CODE) = code; }

/* a failed entry: print the trap and the wasm backtrace, exit 134 (124 for an interruption) */
__attribute__((noreturn)) void rt_report(int32_t code);

static inline uint64_t vm_word(size_t off) { return *(uint64_t *)(R.vmctx + off); }
static inline void vm_set(size_t off, uint64_t v) { *(uint64_t *)(R.vmctx + off) = v; }

#endif
