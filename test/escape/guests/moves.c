/*
 * Escapes by moving things after they were checked: a symlink or a directory holding one
 * moved closer to the root, a descriptor whose directory moved up before a symlink is made
 * through it, and renames that would leave the tree.
 */
#include "common.h"

int main(void) {
  puts("# moving a symlink up");
  say("mkdir a", mkdir("/rw/a", 0755));
  say("mkdir a/b", mkdir("/rw/a/b", 0755));
  say("symlink a/b/up -> ../.. (the root)", symlink("../..", "/rw/a/b/up"));
  show("read a/b/up/file.txt", AT_FDCWD, "/rw/a/b/up/file.txt");
  say("rename a/b/up -> up", rename("/rw/a/b/up", "/rw/up"));
  say("rename a/b/up -> a/up", rename("/rw/a/b/up", "/rw/a/up"));
  say("rename a/b/up -> a/b/up-same", rename("/rw/a/b/up", "/rw/a/b/up-same"));

  puts("# moving a directory that holds one up");
  say("rename a/b -> b", rename("/rw/a/b", "/rw/b"));
  say("mkdir a/c", mkdir("/rw/a/c", 0755));
  say("rename a/b -> a/c/b (deeper)", rename("/rw/a/b", "/rw/a/c/b"));
  say("rename a/c -> c (one up)", rename("/rw/a/c", "/rw/c"));
  say("rename a -> a2 (same depth)", rename("/rw/a", "/rw/a2"));
  show("read a2/c/b/up-same/file.txt", AT_FDCWD, "/rw/a2/c/b/up-same/file.txt");

  puts("# a descriptor whose directory moved up");
  say("mkdir m", mkdir("/rw/m", 0755));
  say("mkdir m/n", mkdir("/rw/m/n", 0755));
  int d = say("open m/n", open("/rw/m/n", O_RDONLY | O_DIRECTORY));
  say("rename m/n -> n", rename("/rw/m/n", "/rw/n"));
  say("symlinkat n/esc -> ../.. via fd", symlinkat("../..", d, "esc"));
  say("symlinkat n/ok -> .. via fd", symlinkat("..", d, "ok"));
  show("read via fd: ok/file.txt", d, "ok/file.txt");
  close(d);

  puts("# renames that would leave the tree");
  say("rename file.txt -> ../outside/x", rename("/rw/file.txt", "/rw/../outside/x"));
  say("rename file.txt -> out/x", rename("/rw/file.txt", "/rw/out/x"));
  say("rename out/secret.txt -> x", rename("/rw/out/secret.txt", "/rw/x"));
  say("rename sub -> out/sub", rename("/rw/sub", "/rw/out/sub"));
  say("rename . -> x", rename("/rw/.", "/rw/x"));
  say("rename sub -> sub/inside", rename("/rw/sub", "/rw/sub/inside"));
  return 0;
}
