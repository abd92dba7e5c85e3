/*
 * Escapes through symlinks: chains at and past Linux's limit of 40, loops, links whose
 * targets leave the tree (made by the host, or attempted by the guest), links followed by
 * creating calls, and `..` taken through links.
 */
#include "common.h"

static void chain(const char *dir, int n) {
  char name[64], target[64];
  snprintf(name, sizeof name, "/rw/%s", dir);
  mkdir(name, 0755);
  snprintf(name, sizeof name, "/rw/%s/end", dir);
  put("create end", AT_FDCWD, name, "end of chain");
  for (int i = 1; i <= n; i++) {
    snprintf(name, sizeof name, "/rw/%s/l%d", dir, i);
    if (i == n) snprintf(target, sizeof target, "end");
    else snprintf(target, sizeof target, "l%d", i + 1);
    if (symlink(target, name) < 0) printf("symlink %s: %s\n", name, errname(errno));
  }
}

static void dir_chain(const char *dir, int n) {
  char name[64], target[64];
  snprintf(name, sizeof name, "/rw/%s", dir);
  mkdir(name, 0755);
  snprintf(name, sizeof name, "/rw/%s/real", dir);
  mkdir(name, 0755);
  snprintf(name, sizeof name, "/rw/%s/real/f", dir);
  put("create real/f", AT_FDCWD, name, "through the chain");
  for (int i = 1; i <= n; i++) {
    snprintf(name, sizeof name, "/rw/%s/d%d", dir, i);
    if (i == n) snprintf(target, sizeof target, "real");
    else snprintf(target, sizeof target, "d%d", i + 1);
    if (symlink(target, name) < 0) printf("symlink %s: %s\n", name, errname(errno));
  }
}

int main(void) {
  puts("# chains (Linux follows at most 40 links in one path)");
  chain("c40", 40);
  chain("c41", 41);
  show("read c40/l1 (40 links)", AT_FDCWD, "/rw/c40/l1");
  show("read c41/l1 (41 links)", AT_FDCWD, "/rw/c41/l1");
  dir_chain("k40", 40);
  dir_chain("k41", 41);
  show("read k40/d1/f (40 links as directories)", AT_FDCWD, "/rw/k40/d1/f");
  show("read k41/d1/f (41 links as directories)", AT_FDCWD, "/rw/k41/d1/f");

  puts("# loops");
  say("symlink loop1 -> loop2", symlink("loop2", "/rw/loop1"));
  say("symlink loop2 -> loop1", symlink("loop1", "/rw/loop2"));
  say("symlink self -> self", symlink("self", "/rw/self"));
  show("read loop1", AT_FDCWD, "/rw/loop1");
  show("read self/x", AT_FDCWD, "/rw/self/x");

  puts("# links made by the host that point outside");
  show("read out/secret.txt", AT_FDCWD, "/rw/out/secret.txt");
  show("read sub/out2/secret.txt", AT_FDCWD, "/rw/sub/out2/secret.txt");
  show("read abs/passwd", AT_FDCWD, "/rw/abs/passwd");
  struct stat st;
  say("stat out/secret.txt", stat("/rw/out/secret.txt", &st));
  say("lstat out (the link itself)", lstat("/rw/out", &st));
  char buf[64];
  ssize_t n = readlink("/rw/out", buf, sizeof buf - 1);
  if (n >= 0) {
    buf[n] = 0;
    printf("readlink out: ok \"%s\"\n", buf);
  } else {
    printf("readlink out: %s\n", errname(errno));
  }
  say("open dangle O_CREAT (target outside)", open("/rw/dangle", O_WRONLY | O_CREAT, 0644));
  say("mkdir out/newdir", mkdir("/rw/out/newdir", 0755));
  say("unlink out/secret.txt", unlink("/rw/out/secret.txt"));
  say("rename out/secret.txt -> mine", rename("/rw/out/secret.txt", "/rw/mine"));
  say("chmod-like utimes through out", utimensat(AT_FDCWD, "/rw/out/secret.txt", NULL, 0));

  puts("# links the guest may not make");
  say("symlink esc1 -> ../outside", symlink("../outside", "/rw/esc1"));
  say("symlink esc2 -> /etc", symlink("/etc", "/rw/esc2"));
  say("symlink sub/esc3 -> ../../outside", symlink("../../outside", "/rw/sub/esc3"));
  say("symlink esc4 -> sub/../..", symlink("sub/../..", "/rw/esc4"));
  say("symlink esc5 -> here/.. (here -> .)", (symlink(".", "/rw/here"), symlink("here/..", "/rw/esc5")));
  say("symlink sub/ok -> ../file.txt", symlink("../file.txt", "/rw/sub/ok"));
  show("read sub/ok", AT_FDCWD, "/rw/sub/ok");

  puts("# .. through links");
  say("symlink tosub -> sub", symlink("sub", "/rw/tosub"));
  show("read tosub/../file.txt", AT_FDCWD, "/rw/tosub/../file.txt");
  show("read tosub/../../outside/secret.txt", AT_FDCWD, "/rw/tosub/../../outside/secret.txt");
  show("read here/here/../outside/secret.txt", AT_FDCWD, "/rw/here/here/../outside/secret.txt");
  show("read nothere/../../outside/secret.txt", AT_FDCWD, "/rw/nothere/../../outside/secret.txt");
  return 0;
}
