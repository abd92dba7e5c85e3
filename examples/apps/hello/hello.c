// hello: an example app that needs no permissions (examples/apps/hello, docs/kapp.md). It
// greets, shows the arguments and environment it was given, and shows that it can reach no
// file at all: it was granted no directory.
#include <errno.h>
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("hello from %s\n", argv[0]);
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  int n = 0;
  for (char **e = environ; *e; e++) n++;
  printf("environment variables: %d\n", n);
  FILE *f = fopen("/etc/passwd", "r");
  if (f) { printf("read /etc/passwd: it should not be reachable\n"); fclose(f); return 1; }
  printf("/etc/passwd: %s\n", strerror(errno));
  return 0;
}
