/*
 * kiln native runtime, WASI layer: the preview1 calls that are not about files, ported from
 * loader/wasi/misc-calls.ts: args_* and environ_* (from the build-time configuration),
 * clock_* (clock_gettime: the preview1 clock ids are Linux's; resolutions as loader/wasi reports them), proc_exit
 * (kiln_rt_exit), proc_raise (ENOSYS: signals are not delivered to the guest), sched_yield,
 * random_get (getrandom) and sock_* (no WASI socket is ever handed out: EBADF for a closed
 * fd, ENOTSOCK for every other one). poll_oneoff is in poll.c.
 */
#include "internal.h"

/* args_get and environ_get: the pointers, then the NUL-terminated strings back to back */
static int write_strings(const struct kiln_mem *m, const char *const *list, int count, uint32_t ptrs, uint32_t buf) {
  uint64_t size = 0;
  for (int i = 0; i < count; i++) size += kiln_strlen(list[i]) + 1;
  TRY(m_check(m, ptrs, (uint64_t)count * 4));
  TRY(m_check(m, buf, size));
  uint64_t at = buf;
  for (int i = 0; i < count; i++) {
    uint64_t n = kiln_strlen(list[i]) + 1;
    kiln_st32(m_at(m, ptrs + (uint64_t)i * 4), (uint32_t)at);
    memcpy(m_at(m, at), list[i], n);
    at += n;
  }
  return 0;
}

static int write_sizes(const struct kiln_mem *m, const char *const *list, int count, uint32_t count_ptr, uint32_t size_ptr) {
  TRY(m_check(m, count_ptr, 4));
  TRY(m_check(m, size_ptr, 4));
  uint64_t size = 0;
  for (int i = 0; i < count; i++) size += kiln_strlen(list[i]) + 1;
  kiln_st32(m_at(m, count_ptr), (uint32_t)count);
  kiln_st32(m_at(m, size_ptr), (uint32_t)size);
  return 0;
}

W_CALL(args_get) { return write_strings(m, (const char *const *)kiln_w.argv, kiln_w.argc, a32(a, 0), a32(a, 1)); }
W_CALL(args_sizes_get) { return write_sizes(m, (const char *const *)kiln_w.argv, kiln_w.argc, a32(a, 0), a32(a, 1)); }
W_CALL(environ_get) { return write_strings(m, kiln_w.env, kiln_w.nenv, a32(a, 0), a32(a, 1)); }
W_CALL(environ_sizes_get) { return write_sizes(m, kiln_w.env, kiln_w.nenv, a32(a, 0), a32(a, 1)); }

/* current time of a preview1 clock (0 realtime, 1 monotonic, 2 process, 3 thread CPU time) */
int kw_clock_now(uint32_t id, uint64_t *ns) {
  if (id > 3) return W_INVAL;
  struct k_timespec t;
  TRY(kw_sys(k_clock_gettime((int)id, &t)));
  *ns = (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
  return 0;
}

/* the resolutions loader/wasi reports (its clocks: Date for realtime and CPU time, hrtime for
   monotonic), so that a program prints the same under kiln run and as an executable */
static const uint64_t clock_resolution[4] = { 1000, 1, 1000, 1000 };

W_CALL(clock_res_get) {
  uint32_t id = a32(a, 0);
  if (id > 3) return W_INVAL;
  TRY(m_check(m, a32(a, 1), 8));
  kiln_st64(m_at(m, a32(a, 1)), clock_resolution[id]);
  return 0;
}

W_CALL(clock_time_get) {
  uint64_t now;
  TRY(kw_clock_now(a32(a, 0), &now));
  TRY(m_check(m, a32(a, 2), 8));
  kiln_st64(m_at(m, a32(a, 2)), now);
  return 0;
}

W_CALL(proc_exit) {
  (void)m;
  kiln_rt_exit(a32(a, 0));
}

W_CALL(proc_raise) {
  (void)a;
  (void)m;
  return W_NOSYS;
}

W_CALL(sched_yield) {
  (void)a;
  (void)m;
  k_sched_yield();
  return 0;
}

W_CALL(random_get) {
  uint32_t buf = a32(a, 0), len = a32(a, 1);
  TRY(m_check(m, buf, len));
  uint8_t *p = m_at(m, buf);
  uint64_t done = 0;
  while (done < len) {
    uint64_t chunk = len - done > (1u << 20) ? (1u << 20) : len - done;
    long r = k_getrandom(p + done, chunk, 0);
    if (r == -K_EINTR) continue;
    if (r < 0) return kw_errno(-r);
    done += (uint64_t)r;
  }
  return 0;
}

static int no_sockets(uint32_t fd) {
  struct kw_entry *e;
  TRY(kw_get(fd, &e));
  return W_NOTSOCK;
}

W_CALL(sock_accept) { (void)m; return no_sockets(a32(a, 0)); }
W_CALL(sock_recv) { (void)m; return no_sockets(a32(a, 0)); }
W_CALL(sock_send) { (void)m; return no_sockets(a32(a, 0)); }
W_CALL(sock_shutdown) { (void)m; return no_sockets(a32(a, 0)); }
