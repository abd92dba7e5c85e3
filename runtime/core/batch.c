/*
 * kiln native runtime: batch mode (`kiln build --batch`, docs/standalone.md), for running the
 * spec testsuite's commands through executables. Instead of `_start`, the runtime reads lines
 * from stdin and answers each with one line on stdout:
 *   invoke NAMEHEX ARG…   → `ok R…` or `trap KIND`     (ARG and R: raw bits in decimal: i32/f32
 *   get NAMEHEX           → `ok R`                      as u32, i64/f64 as u64, references as the
 *                                                        pointer, 0 for null)
 * NAMEHEX is `x` and the export's name in hex (names may be empty and hold any byte; the image
 * stores them in hex too). A trap leaves the instance as
 * it is, as in the spec; the next line runs on. Unknown exports answer `error …`.
 */
#include "rt.h"

#define INPUT_MAX (256ULL << 20)

static char out[4096];
static size_t outn;

static void emit(const char *s) {
  while (*s && outn + 1 < sizeof out) out[outn++] = *s++;
}

static void emit_u(uint64_t v) {
  char buf[24];
  emit(rt_fmt_u(buf, v, 0));
}

static void flush_line(void) {
  out[outn++] = '\n';
  for (size_t at = 0; at < outn;) {
    long w = k_write(1, out + at, outn - at);
    if (w == -K_EINTR) continue;
    if (w <= 0) break;
    at += (size_t)w;
  }
  outn = 0;
}


/* the next space-separated token of the line at *p (NUL-terminated in place), or 0 */
static char *token(char **p) {
  char *s = *p;
  while (*s == ' ') s++;
  if (*s == 0) return 0;
  char *t = s;
  while (*s && *s != ' ') s++;
  if (*s) *s++ = 0;
  *p = s;
  return t;
}


static uint64_t parse_u(const char *s) {
  uint64_t v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (uint64_t)(*s++ - '0');
  return v;
}

/* the token `x<hex>` names the export whose hex name is `hex` */
static int name_is(const char *hex, const char *token) {
  return token[0] == 'x' && kiln_streq(hex, token + 1);
}

static uint64_t narrow(uint64_t v, uint8_t type) {
  return (type == 0x7f || type == 0x7d) ? (v & 0xffffffffULL) : v;
}

static void invoke(char *rest) {
  char *name = token(&rest);
  if (name == 0) return emit("error no export named");
  const uint64_t *e = KM_PTR(KM_EXPORTS);
  for (uint64_t k = 0; k < KM(KM_EXPORT_COUNT); k++, e += EXPORT_REC) {
    if (!name_is((const char *)(uintptr_t)e[EXPORT_NAME], name)) continue;
    if (e[EXPORT_ENTRY] == 0) return emit("error no entry trampoline");
    static uint64_t buf[1024];
    uint64_t np = e[EXPORT_PARAMS], nr = e[EXPORT_RESULTS];
    const uint8_t *types = (const uint8_t *)(uintptr_t)e[EXPORT_TYPES];
    for (uint64_t i = 0; i < np && i < 1024; i++) {
      char *a = token(&rest);
      buf[i] = a == 0 ? 0 : narrow(parse_u(a), types[i]);
    }
    kiln_entry_fn entry = (kiln_entry_fn)(uintptr_t)e[EXPORT_ENTRY];
    int32_t rc = entry((uint64_t)(uintptr_t)R.vmctx, e[EXPORT_CODE], buf, buf);
    if (rc != 0) {
      *(int32_t *)(R.block + RT_TRAP_CODE) = 0;
      const char *const *kinds = (const char *const *)(uintptr_t)KM(KM_TRAP_KINDS);
      emit("trap ");
      emit(rc >= 1 && (uint64_t)rc <= KM(KM_TRAP_KIND_COUNT) ? kinds[rc - 1] : "unknown");
      return;
    }
    emit("ok");
    for (uint64_t i = 0; i < nr && i < 1024; i++) {
      emit(" ");
      emit_u(narrow(buf[i], types[np + i]));
    }
    return;
  }
  emit("error no export named that");
}

static void get(char *rest) {
  char *name = token(&rest);
  if (name == 0) return emit("error no global named");
  const uint64_t *g = KM_PTR(KM_GLOBAL_EXPORTS);
  for (uint64_t k = 0; k < KM(KM_GLOBAL_EXPORT_COUNT); k++, g += GEXPORT_REC) {
    if (!name_is((const char *)(uintptr_t)g[GEXPORT_NAME], name)) continue;
    emit("ok ");
    emit_u(narrow(*(const uint64_t *)(uintptr_t)g[GEXPORT_CELL], (uint8_t)g[GEXPORT_TYPE]));
    return;
  }
  emit("error no global named that");
}

void rt_batch(void) {
  long p = k_mmap(0, INPUT_MAX, K_PROT_READ | K_PROT_WRITE, K_MAP_PRIVATE | K_MAP_ANONYMOUS | K_MAP_NORESERVE, -1, 0);
  if (p < 0 && p > -4096) rt_fail("cannot map the batch input", 0);
  char *in = (char *)p;
  uint64_t len = 0;
  for (;;) {
    long r = k_read(0, in + len, INPUT_MAX - 1 - len);
    if (r == -K_EINTR) continue;
    if (r <= 0) break;
    len += (uint64_t)r;
  }
  in[len] = 0;
  for (char *line = in; *line;) {
    char *end = line;
    while (*end && *end != '\n') end++;
    char *next = *end ? end + 1 : end;
    *end = 0;
    char *rest = line;
    char *cmd = token(&rest);
    if (cmd != 0) {
      if (kiln_streq(cmd, "invoke")) invoke(rest);
      else if (kiln_streq(cmd, "get")) get(rest);
      else emit("error unknown command");
      flush_line();
    }
    line = next;
  }
}
