/*
 * kiln native runtime, WASI layer: poll_oneoff, ported from loader/wasi/misc-calls.ts. fd_read
 * / fd_write subscriptions on files and stdio are always ready (nbytes for a file read = bytes
 * left after the position); with none ready, the call sleeps (nanosleep, no busy loop) until
 * the earliest clock subscription (relative, or absolute against its clock) and reports every
 * clock due by then. A closed fd gives an event with EBADF, an fd without poll rights one with
 * ENOTCAPABLE, an unknown clock one with EINVAL; zero subscriptions or an unknown tag fail
 * the call with EINVAL.
 */
#include "internal.h"

struct pending { uint64_t userdata; uint64_t nbytes; uint16_t error; uint8_t type; };
struct clock_sub { uint64_t userdata; uint64_t deadline; };

W_CALL(poll_oneoff) {
  uint32_t in = a32(a, 0), out = a32(a, 1), n = a32(a, 2), nevents_ptr = a32(a, 3);
  if (n == 0) return W_INVAL;
  TRY(m_check(m, in, (uint64_t)n * SUBSCRIPTION_SIZE));
  TRY(m_check(m, out, (uint64_t)n * EVENT_SIZE));
  TRY(m_check(m, nevents_ptr, 4));
  struct pending *ready = kw_scratch((uint64_t)n * sizeof *ready);
  struct clock_sub *clocks = kw_scratch((uint64_t)n * sizeof *clocks);
  if (ready == NULL || clocks == NULL) return W_NOMEM;
  uint64_t nready = 0, nclocks = 0;
  uint64_t start = kw_monotonic_ns();
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *s = m_at(m, in + (uint64_t)i * SUBSCRIPTION_SIZE);
    uint64_t userdata = kiln_ld64(s);
    uint8_t tag = s[8];
    if (tag == 0) {
      uint32_t id = kiln_ld32(s + 16);
      uint64_t timeout = kiln_ld64(s + 24);
      int abs = (kiln_ld16(s + 40) & 1) != 0;
      uint64_t now;
      int err = kw_clock_now(id, &now);
      if (err != 0) {
        ready[nready++] = (struct pending){ userdata, 0, (uint16_t)err, 0 };
        continue;
      }
      uint64_t wait = abs ? (timeout > now ? timeout - now : 0) : timeout;
      uint64_t deadline = start + wait < start ? UINT64_MAX : start + wait;
      clocks[nclocks++] = (struct clock_sub){ userdata, deadline };
    } else if (tag == 1 || tag == 2) {
      uint32_t fd = kiln_ld32(s + 16);
      struct pending ev = { userdata, 0, 0, tag };
      struct kw_entry *e;
      if (kw_get(fd, &e) != 0) ev.error = W_BADF;
      else if ((e->rbase & R_POLL_FD_READWRITE) == 0) ev.error = W_NOTCAPABLE;
      else if (tag == 1) TRY(kw_bytes_available(e, &ev.nbytes));
      ready[nready++] = ev;
    } else {
      return W_INVAL;
    }
  }
  if (nready == 0 && nclocks > 0) {
    uint64_t first = clocks[0].deadline;
    for (uint64_t i = 1; i < nclocks; i++) {
      if (clocks[i].deadline < first) first = clocks[i].deadline;
    }
    for (;;) {
      uint64_t now = kw_monotonic_ns();
      if (now >= first) break;
      kw_sleep_ns(first - now);
    }
  }
  uint64_t now = kw_monotonic_ns();
  for (uint64_t i = 0; i < nclocks; i++) {
    if (clocks[i].deadline <= now) ready[nready++] = (struct pending){ clocks[i].userdata, 0, 0, 0 };
  }
  for (uint64_t i = 0; i < nready; i++) {
    uint8_t *o = m_at(m, out + i * EVENT_SIZE);
    memset(o, 0, EVENT_SIZE);
    kiln_st64(o, ready[i].userdata);
    kiln_st16(o + 8, ready[i].error);
    o[10] = ready[i].type;
    kiln_st64(o + 16, ready[i].nbytes);
  }
  kiln_st32(m_at(m, nevents_ptr), (uint32_t)nready);
  return 0;
}
