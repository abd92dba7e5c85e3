/* files: a small file tool over WASI preopens.
 *   files cp SRC DST     copy a file (prints the byte count)
 *   files wc FILE        count lines, words and bytes
 *   files ls DIR         list a directory (sorted), with a '/' after subdirectories
 *   files mkdir DIR      create a directory
 *   files mv OLD NEW     rename
 *   files rm FILE        remove a file
 * Errors print "files: <op> <path>: <strerror>" to stderr and exit with status 1. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *op, const char *path) {
  fprintf(stderr, "files: %s %s: %s\n", op, path, strerror(errno));
  return 1;
}

static int cp(const char *src, const char *dst) {
  FILE *in = fopen(src, "rb");
  if (!in) return fail("open", src);
  FILE *out = fopen(dst, "wb");
  if (!out) return fail("create", dst);
  char buf[4096];
  size_t n, total = 0;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    if (fwrite(buf, 1, n, out) != n) return fail("write", dst);
    total += n;
  }
  fclose(in);
  if (fclose(out) != 0) return fail("close", dst);
  printf("copied %zu bytes\n", total);
  return 0;
}

static int wc(const char *path) {
  FILE *in = fopen(path, "r");
  if (!in) return fail("open", path);
  long lines = 0, words = 0, bytes = 0;
  int c, inword = 0;
  while ((c = fgetc(in)) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    if (c == ' ' || c == '\n' || c == '\t') inword = 0;
    else if (!inword) { inword = 1; words++; }
  }
  fclose(in);
  printf("%ld %ld %ld %s\n", lines, words, bytes, path);
  return 0;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ls(const char *path) {
  DIR *d = opendir(path);
  if (!d) return fail("opendir", path);
  char *names[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 256) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    size_t len = strlen(e->d_name);
    char *s = malloc(len + 2);
    memcpy(s, e->d_name, len + 1);
    if (e->d_type == DT_DIR) { s[len] = '/'; s[len + 1] = 0; }
    names[n++] = s;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  for (int i = 0; i < n; i++) printf("%s\n", names[i]);
  printf("%d entries\n", n);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "cp") == 0) return cp(argv[2], argv[3]);
  if (argc == 3 && strcmp(argv[1], "wc") == 0) return wc(argv[2]);
  if (argc == 3 && strcmp(argv[1], "ls") == 0) return ls(argv[2]);
  if (argc == 3 && strcmp(argv[1], "mkdir") == 0)
    return mkdir(argv[2], 0755) == 0 ? (printf("created %s\n", argv[2]), 0) : fail("mkdir", argv[2]);
  if (argc == 4 && strcmp(argv[1], "mv") == 0)
    return rename(argv[2], argv[3]) == 0 ? (printf("renamed %s\n", argv[2]), 0) : fail("rename", argv[2]);
  if (argc == 3 && strcmp(argv[1], "rm") == 0)
    return unlink(argv[2]) == 0 ? (printf("removed %s\n", argv[2]), 0) : fail("unlink", argv[2]);
  fprintf(stderr, "usage: files cp|wc|ls|mkdir|mv|rm ...\n");
  return 2;
}
