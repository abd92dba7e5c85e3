/* hello: prints its arguments and selected environment variables, one line each, writes a
 * line to stderr, and exits with the code in $EXIT_CODE (0 when unset). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  printf("hello from kiln\n");
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *names[] = {"GREETING", "LANG", "MISSING"};
  for (int i = 0; i < 3; i++) {
    const char *v = getenv(names[i]);
    printf("%s=%s\n", names[i], v ? v : "(unset)");
  }
  fprintf(stderr, "hello: done\n");
  const char *code = getenv("EXIT_CODE");
  return code ? atoi(code) : 0;
}
