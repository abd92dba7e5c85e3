/*
 * Escapes through stale directory descriptors: a descriptor must keep meaning the directory
 * it was opened on, whatever is renamed, replaced or removed afterwards (each replacement is
 * done by the guest between two calls, so the order is deterministic).
 */
#include "common.h"

/* The reported attack: open /rw/a, move it away, put a chain of symlinks (each one harmless
 * where it was made) in its place, then resolve a path through the old descriptor. */
static void reported_attack(void) {
  puts("# reported attack");
  say("mkdir a", mkdir("/rw/a", 0755));
  int d = say("open a", open("/rw/a", O_RDONLY | O_DIRECTORY));
  say("mkdir d1", mkdir("/rw/d1", 0755));
  say("mkdir d1/d2", mkdir("/rw/d1/d2", 0755));
  say("symlink d1/d2/L -> ../.. (the root: allowed)", symlink("../..", "/rw/d1/d2/L"));
  say("rename d1/d2 -> d2 (L would point outside)", rename("/rw/d1/d2", "/rw/d2"));
  say("rename a -> a_old", rename("/rw/a", "/rw/a_old"));
  say("symlink a -> d1/d2/L", symlink("d1/d2/L", "/rw/a"));
  show("read via old fd: outside/secret.txt", d, "outside/secret.txt");
  show("read via old fd: ../outside/secret.txt", d, "../outside/secret.txt");
  show("read via old fd: ../../outside/secret.txt", d, "../../outside/secret.txt");
  show("read /rw/a/outside/secret.txt", AT_FDCWD, "/rw/a/outside/secret.txt");
  show("read /rw/d1/d2/L/outside/secret.txt", AT_FDCWD, "/rw/d1/d2/L/outside/secret.txt");
  put("create via old fd: note", d, "note", "in a_old");
  show("read /rw/a_old/note", AT_FDCWD, "/rw/a_old/note");
  close(d);
}

/* The directory behind a descriptor moves: the descriptor follows it. */
static void moved_directory(void) {
  puts("# moved directory");
  say("mkdir p", mkdir("/rw/p", 0755));
  say("mkdir p/q", mkdir("/rw/p/q", 0755));
  put("create p/q/f", AT_FDCWD, "/rw/p/q/f", "in q");
  int d = say("open p/q", open("/rw/p/q", O_RDONLY | O_DIRECTORY));
  say("rename p -> p2", rename("/rw/p", "/rw/p2"));
  show("read via fd: f", d, "f");
  show("read via fd: ../q/f (climbs out of the fd)", d, "../q/f");
  say("mkdir p (a new one)", mkdir("/rw/p", 0755));
  say("mkdir p/q (a new one)", mkdir("/rw/p/q", 0755));
  put("create p/q/f (new)", AT_FDCWD, "/rw/p/q/f", "new q");
  show("read via fd: f again", d, "f");
  close(d);
}

/* A component is replaced by a symlink between two calls. */
static void replaced_by_symlink(void) {
  puts("# replaced by a symlink");
  say("mkdir s", mkdir("/rw/s", 0755));
  put("create s/f", AT_FDCWD, "/rw/s/f", "in s");
  int d = say("open s", open("/rw/s", O_RDONLY | O_DIRECTORY));
  say("rename s -> s_old", rename("/rw/s", "/rw/s_old"));
  say("symlink s -> ../outside", symlink("../outside", "/rw/s"));
  say("symlink s -> s_old/../..", symlink("s_old/../..", "/rw/s"));
  say("symlink s -> .", symlink(".", "/rw/s"));
  show("read via fd: f", d, "f");
  show("read via fd: secret.txt", d, "secret.txt");
  show("read /rw/s/s/s/s_old/f", AT_FDCWD, "/rw/s/s/s/s_old/f");
  show("read /rw/s/../outside/secret.txt", AT_FDCWD, "/rw/s/../outside/secret.txt");
  show("read /rw/s/s/../../outside/secret.txt", AT_FDCWD, "/rw/s/s/../../outside/secret.txt");
  close(d);
}

/* The directory behind a descriptor is removed. */
static void removed_directory(void) {
  puts("# removed directory");
  say("mkdir gone", mkdir("/rw/gone", 0755));
  int d = say("open gone", open("/rw/gone", O_RDONLY | O_DIRECTORY));
  say("rmdir gone", rmdir("/rw/gone"));
  say("symlink gone -> ../outside", symlink("../outside", "/rw/gone"));
  put("create via fd: x", d, "x", "lost");
  show("read via fd: secret.txt", d, "secret.txt");
  close(d);
}

/* The preopen's own directory is reached through `..` chains and symlinks to `.`. */
static void dot_chains(void) {
  puts("# dot chains");
  say("symlink here -> .", symlink(".", "/rw/here"));
  show("read /rw/here/here/here/../outside/secret.txt", AT_FDCWD, "/rw/here/here/here/../outside/secret.txt");
  say("symlink up -> here/..", symlink("here/..", "/rw/up"));
  say("symlink deep/x -> ../here", (mkdir("/rw/deep", 0755), symlink("../here", "/rw/deep/x")));
  show("read /rw/deep/x/../outside/secret.txt", AT_FDCWD, "/rw/deep/x/../outside/secret.txt");
  show("read /rw/deep/x/deep/x/outside/secret.txt", AT_FDCWD, "/rw/deep/x/deep/x/outside/secret.txt");
}

int main(void) {
  reported_attack();
  moved_directory();
  replaced_by_symlink();
  removed_directory();
  dot_chains();
  return 0;
}
