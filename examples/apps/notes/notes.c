// notes: an example app (examples/apps/notes, docs/kapp.md) that reads documents from a host
// directory the installer grants read-only (/docs) and keeps its own notes in the app's data
// directory (/data). Its manifest passes --color=never before the user's arguments.
//
//   notes list            the documents in /docs, with their sizes
//   notes show FILE       print /docs/FILE
//   notes add TEXT...     append a line to /data/notes.txt
//   notes                 print /data/notes.txt
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int list(void) {
  DIR *d = opendir("/docs");
  if (!d) { fprintf(stderr, "notes: /docs: %s\n", strerror(errno)); return 1; }
  char *names[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 256) {
    if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  for (int i = 0; i < n; i++) {
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "/docs/%s", names[i]);
    if (stat(path, &st) == 0) printf("%8lld  %s\n", (long long)st.st_size, names[i]);
    free(names[i]);
  }
  return 0;
}

static int cat(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) { fprintf(stderr, "notes: %s: %s\n", path, strerror(errno)); return 1; }
  char buf[4096];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, k, stdout);
  fclose(f);
  return 0;
}

static int add(int argc, char **argv) {
  FILE *f = fopen("/data/notes.txt", "a");
  if (!f) { fprintf(stderr, "notes: /data/notes.txt: %s\n", strerror(errno)); return 1; }
  for (int i = 0; i < argc; i++) fprintf(f, "%s%s", i ? " " : "", argv[i]);
  fputc('\n', f);
  fclose(f);
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  int color = 1;
  if (i < argc && strcmp(argv[i], "--color=never") == 0) { color = 0; i++; }
  if (i >= argc) {
    FILE *f = fopen("/data/notes.txt", "r");
    if (!f) { printf("no notes yet\n"); return 0; }
    fclose(f);
    return cat("/data/notes.txt");
  }
  const char *cmd = argv[i++];
  if (strcmp(cmd, "list") == 0) return list();
  if (strcmp(cmd, "show") == 0 && i < argc) {
    char path[512];
    snprintf(path, sizeof path, "/docs/%s", argv[i]);
    if (color) printf("\x1b[1m%s\x1b[0m\n", argv[i]); else printf("== %s\n", argv[i]);
    return cat(path);
  }
  if (strcmp(cmd, "add") == 0 && i < argc) return add(argc - i, argv + i);
  fprintf(stderr, "usage: notes [list | show FILE | add TEXT...]\n");
  return 2;
}
