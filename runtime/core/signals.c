/*
 * kiln native runtime: signals. SIGSEGV and SIGBUS go to the fault handlers the module image
 * holds (kiln's own, the in-process engine's: a fault at a registered fault site lands in the
 * trap "out of bounds memory access", an instruction fetch from the functions' text made
 * non-executable lands in "interrupted", anything else goes back to the default action), on an
 * alternate signal stack. `--timeout` is a SIGALRM (setitimer) whose handler interrupts the
 * program as the in-process engine's requestInterrupt does: the interrupt flag is set and the
 * functions' text made non-executable.
 */
#include "rt.h"

#define K_SIGBUS 7
#define K_SIGSEGV 11
#define K_SIGALRM 14
#define K_SA_SIGINFO 4
#define K_SA_ONSTACK 0x08000000
#define K_SA_RESTORER 0x04000000
#define ALT_STACK 65536

struct k_sigaction {
  uint64_t handler;
  uint64_t flags;
  uint64_t restorer;
  uint64_t mask;
};

#if defined(__x86_64__)
/* x86-64 returns from a handler through sa_restorer, which must call rt_sigreturn */
void kiln_sigreturn(void);
__asm__(".text\n.globl kiln_sigreturn\nkiln_sigreturn:\n  mov $15, %eax\n  syscall\n  hlt\n");
#define RESTORER_FLAGS K_SA_RESTORER
#define RESTORER ((uint64_t)(uintptr_t)kiln_sigreturn)
#else
/* AArch64: without SA_RESTORER the kernel returns through the vDSO's sigreturn */
#define RESTORER_FLAGS 0
#define RESTORER 0
#endif

static long k_mprotect(void *addr, uint64_t n, int prot) { return K_SC(SYS_mprotect, addr, n, prot, 0, 0, 0); }

static void install(int sig, uint64_t handler, uint64_t flags) {
  struct k_sigaction act = { handler, flags | RESTORER_FLAGS, RESTORER, 0 };
  if (K_SC(SYS_rt_sigaction, sig, &act, 0, 8, 0, 0) != 0) rt_fail("cannot install a signal handler", 0);
}

#define K_SIGPIPE 13
#define K_SIG_IGN 1

void rt_signals_init(void) {
  /* a write to a closed pipe is EPIPE for the program (as under Node), not the end of the process */
  install(K_SIGPIPE, K_SIG_IGN, 0);
  if (KM(KM_FAULT_SEGV) == 0) return;
  long p = k_mmap(0, ALT_STACK, K_PROT_READ | K_PROT_WRITE, K_MAP_PRIVATE | K_MAP_ANONYMOUS, -1, 0);
  if (p < 0 && p > -4096) rt_fail("cannot map the signal stack", 0);
  struct { uint64_t sp; int32_t flags; int32_t pad; uint64_t size; } ss = { (uint64_t)p, 0, 0, ALT_STACK };
  if (K_SC(SYS_sigaltstack, &ss, 0, 0, 0, 0, 0) != 0) rt_fail("cannot set the signal stack", 0);
  install(K_SIGSEGV, KM(KM_FAULT_SEGV), K_SA_SIGINFO | K_SA_ONSTACK);
  install(K_SIGBUS, KM(KM_FAULT_BUS), K_SA_SIGINFO | K_SA_ONSTACK);
}

/*
 * The first alarm interrupts the running code; the next one, a second later, finds the program
 * still running — inside a host call that did not return to wasm (a WASI read that keeps waiting)
 * — and ends it with kiln run's timeout line.
 */
static void on_alarm(int sig) {
  (void)sig;
  int32_t *flag = (int32_t *)(R.block + RT_INTERRUPT);
  if (__atomic_exchange_n(flag, 1, __ATOMIC_SEQ_CST) != 0) rt_report(TRAP_INTERRUPTED);
  if (KM(KM_FAULT_SEGV) != 0) k_mprotect((void *)(uintptr_t)KM(KM_CODE_START), KM(KM_CODE_SIZE), K_PROT_NONE);
}

void rt_timer_start(void) {
  uint64_t ms = KM(KM_TIMEOUT_MS);
  if (ms == 0) return;
  install(K_SIGALRM, (uint64_t)(uintptr_t)on_alarm, 0);
  struct { int64_t isec, iusec, sec, usec; } it = { 1, 0, (int64_t)(ms / 1000), (int64_t)(ms % 1000) * 1000 };
  if (K_SC(SYS_setitimer, 0, &it, 0, 0, 0, 0) != 0) rt_fail("cannot start the --timeout timer", 0);
}
