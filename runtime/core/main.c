/*
 * kiln native runtime: start-up and the run (docs/standalone.md). kiln_main reads argc, argv
 * and envp, checks the module descriptor, starts WASI with the capabilities fixed at build time
 * (every command-line argument goes to the program; argv[0] is the executable's name), makes the
 * linear memory, the tables and the wasm stack, installs the signal handlers, runs the start
 * function and then `_start` through the entry trampoline, and exits with the program's code,
 * 134 after a trap (with the backtrace) or 124 after --timeout.
 */
#include "rt.h"
#include "../wasi/wasi.h"

#define FRAME_BUDGET 512
#define LIMIT_MARGIN (4ULL << 20)
#define GUARD 65536

void rt_stack_init(void) {
  uint64_t size = KM(KM_STACK_SIZE);
  long p = k_mmap(0, size + GUARD, K_PROT_NONE, K_MAP_PRIVATE | K_MAP_ANONYMOUS | K_MAP_NORESERVE, -1, 0);
  if (p < 0 && p > -4096) rt_fail("cannot map the wasm stack", 0);
  R.stack_bottom = (uint8_t *)p + GUARD;
  R.stack_top = R.stack_bottom + size;
  if (K_SC(SYS_mprotect, R.stack_bottom, size, K_PROT_READ | K_PROT_WRITE, 0, 0, 0) != 0) rt_fail("cannot map the wasm stack", 0);
  uint64_t top = (uint64_t)(uintptr_t)R.stack_top;
  uint64_t want = top - KM(KM_MAX_CALL_DEPTH) * FRAME_BUDGET;
  uint64_t floor = (uint64_t)(uintptr_t)R.stack_bottom + LIMIT_MARGIN;
  vm_set(VM_STACK_LIMIT, want > floor && want < top ? want : floor);
  *(uint64_t *)(R.block + RT_WASM_SP) = top;
}

/* the name part of NAME=VALUE is the same in both */
static int same_name(const char *a, const char *b) {
  while (*a && *a != '=' && *a == *b) a++, b++;
  return (*a == '=' || *a == 0) && (*b == '=' || *b == 0);
}

/*
 * The program's environment: the one fixed at build time, and with --inherit-env first the
 * executable's own (each fixed entry replacing the inherited one of its name).
 */
static const char *const *environment(char **envp, int *count) {
  const char *const *fixed = (const char *const *)(uintptr_t)KM(KM_ENV);
  int nfixed = (int)KM(KM_ENV_COUNT);
  if (KM(KM_INHERIT_ENV) == 0) {
    *count = nfixed;
    return fixed;
  }
  int n = 0;
  while (envp[n] != 0) n++;
  long p = k_mmap(0, 8 * (uint64_t)(n + nfixed + 1), K_PROT_READ | K_PROT_WRITE, K_MAP_PRIVATE | K_MAP_ANONYMOUS, -1, 0);
  if (p < 0 && p > -4096) rt_fail("cannot map memory", 0);
  const char **out = (const char **)p;
  int k = 0;
  for (int i = 0; i < n; i++) {
    int overridden = 0;
    for (int j = 0; j < nfixed && !overridden; j++) overridden = same_name(envp[i], fixed[j]);
    if (!overridden) out[k++] = envp[i];
  }
  for (int j = 0; j < nfixed; j++) out[k++] = fixed[j];
  *count = k;
  return out;
}

static void start_wasi(int argc, char **argv, char **envp) {
  static struct kiln_preopen pre[64];
  uint64_t n = KM(KM_PREOPEN_COUNT);
  if (n > 64) rt_fail("too many preopened directories", 0);
  const uint64_t *rec = KM_PTR(KM_PREOPENS);
  for (uint64_t k = 0; k < n; k++) {
    pre[k].host = (const char *)(uintptr_t)rec[k * PREOPEN_REC + PREOPEN_HOST];
    pre[k].guest = (const char *)(uintptr_t)rec[k * PREOPEN_REC + PREOPEN_GUEST];
    pre[k].readonly = (int)rec[k * PREOPEN_REC + PREOPEN_READONLY];
  }
  struct kiln_wasi_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.argc = argc;
  cfg.argv = argv;
  cfg.env = environment(envp, &cfg.nenv);
  cfg.preopens = pre;
  cfg.npreopens = (int)n;
  cfg.host_env = envp;
  if (kiln_wasi_init(&cfg) == 0) return;
  /* name the directory that cannot be opened, as kiln run does */
  for (uint64_t k = 0; k < n; k++) {
    long fd = K_SC(SYS_openat, K_AT_FDCWD, pre[k].host, K_O_RDONLY | K_O_DIRECTORY | K_O_CLOEXEC, 0, 0, 0);
    if (fd < 0) rt_fail("cannot preopen", pre[k].host);
    k_close((int)fd);
  }
  rt_fail("cannot start WASI", 0);
}

static void run(uint64_t code, uint64_t vmctx) {
  static uint64_t buf[2];
  kiln_entry_fn entry = (kiln_entry_fn)(uintptr_t)KM(KM_ENTRY_VOID);
  int32_t rc = entry(vmctx != 0 ? vmctx : (uint64_t)(uintptr_t)R.vmctx, code, buf, buf);
  if (rc != 0) rt_report(rc);
}

#define K_CLOCK_MONOTONIC 1

/*
 * KILN_TIME_START=<CLOCK_MONOTONIC ns> in the executable's own environment (bench/standalone.ts's
 * launcher sets it just before execve): print how long the kernel took from execve to here, the
 * first C code after `_start`'s few instructions.
 */
static void time_start(char **envp) {
  const char *key = "KILN_TIME_START=";
  for (char **e = envp; *e != 0; e++) {
    if (!kiln_startswith(*e, key)) continue;
    uint64_t then = 0;
    for (const char *p = *e + kiln_strlen(key); *p >= '0' && *p <= '9'; p++) then = then * 10 + (uint64_t)(*p - '0');
    struct { int64_t sec, nsec; } ts;
    K_SC(SYS_clock_gettime, K_CLOCK_MONOTONIC, &ts, 0, 0, 0, 0);
    uint64_t now = (uint64_t)ts.sec * 1000000000ULL + (uint64_t)ts.nsec;
    rt_puts(2, "kiln: execve to _start: ");
    rt_put_dec(2, now - then);
    rt_puts(2, " ns\n");
  }
}

void kiln_main(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  time_start(envp);
  R.argv0 = argc > 0 ? argv[0] : "program";
  if (KM(KM_MAGIC) != KILN_MODULE_MAGIC) rt_fail("the executable's module descriptor is damaged", 0);
  R.vmctx = (uint8_t *)(uintptr_t)KM(KM_VMCTX);
  R.block = (uint8_t *)(uintptr_t)KM(KM_RUNTIME_BLOCK);
  start_wasi(argc, argv, envp);
  rt_memory_init();
  rt_tables_init();
  rt_stack_init();
  rt_signals_init();
  rt_timer_start();
  if (KM(KM_START_CODE) != 0) run(KM(KM_START_CODE), KM(KM_START_VMCTX));
  if (KM(KM_BATCH) != 0) {
    rt_batch();
    rt_exit(0);
  }
  if (KM(KM_MAIN_CODE) == 0) rt_fail("the module has no _start export", 0);
  run(KM(KM_MAIN_CODE), 0);
  rt_exit(0);
}
