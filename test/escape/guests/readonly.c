/*
 * The read-only preopen: every kind of modification, directly, through descriptors opened
 * below it, and through renames and links from the writable tree, must fail and leave it as
 * it was.
 */
#include "common.h"

int main(void) {
  puts("# direct modifications");
  say("open data.txt O_WRONLY", open("/ro/data.txt", O_WRONLY));
  say("open data.txt O_RDWR", open("/ro/data.txt", O_RDWR));
  say("open data.txt O_APPEND", open("/ro/data.txt", O_WRONLY | O_APPEND));
  say("open data.txt O_TRUNC", open("/ro/data.txt", O_RDONLY | O_TRUNC));
  say("open new.txt O_CREAT", open("/ro/new.txt", O_WRONLY | O_CREAT, 0644));
  say("mkdir newdir", mkdir("/ro/newdir", 0755));
  say("rmdir dir", rmdir("/ro/dir"));
  say("unlink data.txt", unlink("/ro/data.txt"));
  say("unlink link", unlink("/ro/link"));
  say("rename data.txt -> moved.txt", rename("/ro/data.txt", "/ro/moved.txt"));
  say("symlink newlink -> data.txt", symlink("data.txt", "/ro/newlink"));
  say("utimensat data.txt", utimensat(AT_FDCWD, "/ro/data.txt", NULL, 0));
  say("truncate data.txt", truncate("/ro/data.txt", 0));

  puts("# through descriptors opened below it");
  int d = say("open dir", open("/ro/dir", O_RDONLY | O_DIRECTORY));
  say("openat dir/deep.txt O_WRONLY", openat(d, "deep.txt", O_WRONLY));
  say("openat dir/x O_CREAT", openat(d, "x", O_WRONLY | O_CREAT, 0644));
  say("mkdirat dir/y", mkdirat(d, "y", 0755));
  say("unlinkat dir/deep.txt", unlinkat(d, "deep.txt", 0));
  say("renameat dir/deep.txt -> dir/z", renameat(d, "deep.txt", d, "z"));
  say("symlinkat dir/l", symlinkat("deep.txt", d, "l"));
  say("futimens dir", futimens(d, NULL));
  int f = say("open data.txt O_RDONLY", open("/ro/data.txt", O_RDONLY));
  say("write to it", (int)write(f, "x", 1));
  say("ftruncate it", ftruncate(f, 0));
  say("futimens it", futimens(f, NULL));
  say("fcntl O_APPEND", fcntl(f, F_SETFL, O_APPEND));
  show("read data.txt", AT_FDCWD, "/ro/data.txt");

  puts("# from the writable tree");
  say("rename /ro/data.txt -> /rw/data.txt", rename("/ro/data.txt", "/rw/data.txt"));
  say("rename /rw/file.txt -> /ro/data.txt", rename("/rw/file.txt", "/ro/data.txt"));
  say("rename /rw/sub -> /ro/dir", rename("/rw/sub", "/ro/dir"));
  say("symlink /rw/tro -> ../ro", symlink("../ro", "/rw/tro"));
  show("read /ro/dir/../data.txt", AT_FDCWD, "/ro/dir/../data.txt");
  show("read /ro/../rw/file.txt", AT_FDCWD, "/ro/../rw/file.txt");
  return 0;
}
