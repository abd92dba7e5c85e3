/*
 * kiln native runtime: reporting a trap as `kiln run` does — `trap: <kind>`, then the wasm
 * backtrace with function names and byte offsets, repeated frames folded — and exiting 134.
 * The walk is the in-process engine's (loader/native/backtrace.ts): from the trap pc and trap fp
 * the trap routine recorded, each frame's [fp] is the caller's fp and [fp+8] the return address
 * (kiln keeps frame pointers on both ISAs); a pc maps through its function's trap sites, fault
 * sites or address map to a wasm offset. An interruption (--timeout) prints kiln run's timeout
 * line instead and exits 124.
 */
#include "rt.h"

#define MAX_FRAMES 64
#define LINE 512

static const uint64_t *find_func(uint64_t pc) {
  const uint64_t *f = KM_PTR(KM_FUNC_INFO);
  uint64_t lo = 0, hi = KM(KM_FUNC_INFO_COUNT);
  while (lo < hi) {
    uint64_t mid = (lo + hi) / 2;
    const uint64_t *r = f + mid * FUNC_REC;
    if (pc < r[FUNC_START]) hi = mid;
    else if (pc >= r[FUNC_START] + r[FUNC_SIZE]) lo = mid + 1;
    else return r;
  }
  return 0;
}

/* the wasm offset of pair array `pairs` (count pairs) whose code offset is `off`, or -1 */
static int64_t pair_lookup(const int32_t *pairs, uint64_t count, uint64_t off) {
  uint64_t lo = 0, hi = count;
  while (lo < hi) {
    uint64_t mid = (lo + hi) / 2;
    uint64_t at = (uint32_t)pairs[2 * mid];
    if (at == off) return pairs[2 * mid + 1];
    if (at < off) lo = mid + 1;
    else hi = mid;
  }
  return -2;
}

static int64_t trap_site(const uint64_t *r, uint64_t off) {
  const int32_t *t = (const int32_t *)(uintptr_t)r[FUNC_TRAPS];
  for (uint64_t k = 0; k < r[FUNC_TRAP_COUNT]; k++) {
    if ((uint32_t)t[2 * k] == off) return t[2 * k + 1];
  }
  return -2;
}

/* the wasm offset of the frame at pc (-1: none known) */
static int64_t wasm_offset(const uint64_t *r, uint64_t pc, int trapping) {
  uint64_t off = pc - r[FUNC_START];
  if (trapping) {
    int64_t t = trap_site(r, off);
    if (t != -2) return t;
    int64_t f = pair_lookup((const int32_t *)(uintptr_t)r[FUNC_FAULTS], r[FUNC_FAULT_COUNT], off);
    if (f != -2) return f;
  }
  int64_t a = pair_lookup((const int32_t *)(uintptr_t)r[FUNC_ADDRS], r[FUNC_ADDR_COUNT], off);
  return a == -2 ? -1 : a;
}

static void append(char *line, size_t *n, const char *s) {
  while (*s && *n + 1 < LINE) line[(*n)++] = *s++;
  line[*n] = 0;
}

static void append_num(char *line, size_t *n, uint64_t v, int hex) {
  char buf[24];
  append(line, n, rt_fmt_u(buf, v, hex));
}

static void frame_line(char *line, const uint64_t *r, int64_t off) {
  size_t n = 0;
  line[0] = 0;
  append(line, &n, "  at ");
  append(line, &n, (const char *)(uintptr_t)r[FUNC_NAME]);
  append(line, &n, " (func ");
  append_num(line, &n, r[FUNC_INDEX], 0);
  if (off >= 0) {
    append(line, &n, " @0x");
    append_num(line, &n, (uint64_t)off, 1);
  }
  append(line, &n, ")");
}

static void flush_repeats(uint64_t repeats) {
  if (repeats == 0) return;
  rt_puts(2, "  \xe2\x80\xa6 the frame above repeated ");
  rt_put_dec(2, repeats);
  rt_puts(2, repeats == 1 ? " more time\n" : " more times\n");
}

static int in_stack(uint64_t a) { return a >= (uint64_t)(uintptr_t)R.stack_bottom && a < (uint64_t)(uintptr_t)R.stack_top; }

static void backtrace(uint64_t pc, uint64_t fp, int at_instruction) {
  static char line[LINE], prev[LINE];
  uint64_t repeats = 0;
  int frames = 0, trapping = 1;
  prev[0] = 0;
  while (frames < MAX_FRAMES) {
    const uint64_t *r = find_func(trapping && at_instruction ? pc : pc - 1);
    if (r == 0) break;
    frame_line(line, r, wasm_offset(r, pc, trapping));
    if (frames > 0 && kiln_streq(line, prev)) repeats++;
    else {
      flush_repeats(repeats);
      repeats = 0;
      rt_puts(2, line);
      rt_puts(2, "\n");
      memcpy(prev, line, LINE);
    }
    frames++;
    trapping = 0;
    if (!in_stack(fp) || !in_stack(fp + 8) || fp % 8 != 0) break;
    pc = ((uint64_t *)(uintptr_t)fp)[1];
    fp = ((uint64_t *)(uintptr_t)fp)[0];
  }
  flush_repeats(repeats);
}

__attribute__((noreturn)) void rt_report(int32_t code) {
  if (code == TRAP_INTERRUPTED) {
    rt_puts(2, "kiln: timeout: ");
    rt_puts(2, R.argv0);
    rt_puts(2, " ran longer than ");
    rt_puts(2, (const char *)(uintptr_t)KM(KM_TIMEOUT_TEXT));
    rt_puts(2, " s (--timeout)\n");
    rt_exit(124);
  }
  const char *const *kinds = (const char *const *)(uintptr_t)KM(KM_TRAP_KINDS);
  rt_puts(2, "trap: ");
  if (code >= 1 && (uint64_t)code <= KM(KM_TRAP_KIND_COUNT)) rt_puts(2, kinds[code - 1]);
  else rt_puts(2, "unknown trap");
  rt_puts(2, "\n");
  backtrace(*(uint64_t *)(R.block + RT_TRAP_PC), *(uint64_t *)(R.block + RT_TRAP_FP), 0);
  rt_exit(134);
}
