/*
 * kiln native runtime: writing messages (unbuffered, straight to the descriptor) and leaving
 * the process, with the exit statuses of `kiln run` (README, "Exit codes").
 */
#include "rt.h"

struct rt_state R;

void rt_puts(int fd, const char *s) {
  size_t n = kiln_strlen(s);
  while (n > 0) {
    long w = k_write(fd, s, n);
    if (w == -K_EINTR) continue;
    if (w <= 0) return;
    s += w;
    n -= (size_t)w;
  }
}

const char *rt_fmt_u(char buf[24], uint64_t v, int hex) {
  int i = 23;
  buf[i] = 0;
  do {
    buf[--i] = "0123456789abcdef"[hex ? v & 15 : v % 10];
    v = hex ? v >> 4 : v / 10;
  } while (v != 0);
  return buf + i;
}

void rt_put_dec(int fd, uint64_t v) {
  char buf[24];
  rt_puts(fd, rt_fmt_u(buf, v, 0));
}

void rt_put_hex(int fd, uint64_t v) {
  char buf[24];
  rt_puts(fd, rt_fmt_u(buf, v, 1));
}

__attribute__((noreturn)) void rt_exit(int code) {
  for (;;) K_SC(SYS_exit_group, code, 0, 0, 0, 0, 0);
}

/* `NAME: what: detail`, exit 1 (kiln run's form for a program that cannot start) */
__attribute__((noreturn)) void rt_fail(const char *what, const char *detail) {
  rt_puts(2, R.argv0);
  rt_puts(2, ": ");
  rt_puts(2, what);
  if (detail != 0) {
    rt_puts(2, ": ");
    rt_puts(2, detail);
  }
  rt_puts(2, "\n");
  rt_exit(1);
}

/* proc_exit: a code above 255 cannot be an exit status; kiln run exits 1 with this line */
__attribute__((noreturn)) void kiln_rt_exit(uint32_t code) {
  if (code <= 255) rt_exit((int)code);
  rt_puts(2, R.argv0);
  rt_puts(2, ": exit: the program exited with code ");
  rt_put_dec(2, code);
  rt_puts(2, ", which does not fit an exit status (0-255); kiln exits with 1\n");
  rt_exit(1);
}
