/* bench/standalone.ts's launcher: `exec-at EXE ARGS...` reads CLOCK_MONOTONIC, puts it in the
   environment as KILN_TIME_START and execs EXE, whose runtime prints how long the kernel took
   from this execve to its _start (runtime/core/main.c). Built by the benchmark with the host's gcc. */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  char var[64];
  snprintf(var, sizeof var, "KILN_TIME_START=%llu", (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec);
  char *env[] = { var, NULL };
  execve(argv[1], argv + 1, env);
  perror("execve");
  return 127;
}
