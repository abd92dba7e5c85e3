// probe: the test program of the app package tests (test/apps): each command tries one thing
// an app's manifest allows or limits, and prints what happened.
//
//   probe grow PAGES        memory.grow by PAGES: prints the old size in pages, or -1
//   probe spin              loops for ever (the time limit must stop it)
//   probe open DIR N        opens DIR/f0 … DIR/f(N-1) (creating them) and keeps them open:
//                           prints how many opened and the error that stopped it
//   probe write PATH        creates PATH and writes to it
//   probe read PATH         prints PATH's first line
//   probe stdin             copies stdin to stdout (blocks in a host call while stdin is open)
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int grow(long pages) {
  long old = (long)__builtin_wasm_memory_grow(0, (unsigned long)pages);
  printf("grow %ld: %ld\n", pages, old);
  return 0;
}

static volatile unsigned long counter;

static int spin(void) {
  for (;;) counter++;
}

static int open_many(const char *dir, int n) {
  int opened = 0;
  for (int i = 0; i < n; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/f%d", dir, i);
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0) { printf("opened %d, then: %s\n", opened, strerror(errno)); return 0; }
    opened++;
  }
  printf("opened %d\n", opened);
  return 0;
}

static int write_file(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) { printf("write %s: %s\n", path, strerror(errno)); return 0; }
  fputs("written\n", f);
  fclose(f);
  printf("write %s: ok\n", path);
  return 0;
}

static int read_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { printf("read %s: %s\n", path, strerror(errno)); return 0; }
  char line[256] = "";
  if (!fgets(line, sizeof line, f)) line[0] = 0;
  fclose(f);
  printf("read %s: %s", path, line);
  return 0;
}

static int copy_stdin(void) {
  char buf[256];
  ssize_t k;
  while ((k = read(0, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)k, stdout);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "grow") == 0) return grow(atol(argv[2]));
  if (argc >= 2 && strcmp(argv[1], "spin") == 0) return spin();
  if (argc >= 4 && strcmp(argv[1], "open") == 0) return open_many(argv[2], atoi(argv[3]));
  if (argc >= 3 && strcmp(argv[1], "write") == 0) return write_file(argv[2]);
  if (argc >= 3 && strcmp(argv[1], "read") == 0) return read_file(argv[2]);
  if (argc >= 2 && strcmp(argv[1], "stdin") == 0) return copy_stdin();
  fprintf(stderr, "usage: probe grow PAGES | spin | open DIR N | write PATH | read PATH | stdin\n");
  return 2;
}
