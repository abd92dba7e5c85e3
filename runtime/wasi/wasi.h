/*
 * kiln native runtime: the C interface of the WASI preview1 layer (runtime/wasi/), as described
 * in docs/standalone.md ("The WASI layer's C interface"). The runtime core initialises it once
 * with the build-time configuration and then forwards every WASI import call by number.
 */
#ifndef KILN_WASI_H
#define KILN_WASI_H

#include <stdint.h>

/* memory of the instance, as the exit trampoline's callback sees it */
struct kiln_mem { uint8_t *base; uint64_t size; };

/* one preopen fixed at build time */
struct kiln_preopen { const char *host; const char *guest; int readonly; };

struct kiln_wasi_config {
  int argc; char **argv;                 /* argv[0] = the executable's name as run */
  const char *const *env; int nenv;      /* NAME=VALUE */
  const struct kiln_preopen *preopens; int npreopens;   /* host paths: relative ones against the cwd at start */
  /* the process's real environment (NULL-terminated, may be NULL): only KILN_WASI_RESOLVE is
     read from it (=walk forces the component walk); the guest never sees it */
  char **host_env;
};

/* 0, or a negative errno (a preopen that cannot be opened) */
int kiln_wasi_init(const struct kiln_wasi_config *cfg);

/* the WASI function numbered `id` with its arguments in buf[0..] (8 bytes each, i32
   zero-extended), writing its one i32 result (the errno) to buf[0]. Ids: runtime/wasi/ids.h. */
void kiln_wasi_call(int id, uint64_t *buf, struct kiln_mem *mem);

/* provided by the runtime core, used by the WASI layer (proc_exit): codes > 255 print a line
   and exit 1, as kiln run */
__attribute__((noreturn)) void kiln_rt_exit(uint32_t code);

#endif
