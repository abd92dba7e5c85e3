/*
 * Path forms: absolute guest paths, `..` that climbs out whether or not the target exists
 * (ENOTCAPABLE before ENOENT), trailing slashes, empty and `.` paths, descriptors that are
 * not directories, and stdio or files used as sockets.
 */
#include "common.h"
#include <sys/socket.h>

int main(void) {
  puts("# .. out of the tree, existing or not");
  show("read /rw/../outside/secret.txt", AT_FDCWD, "/rw/../outside/secret.txt");
  show("read /rw/nothing/../../outside/secret.txt", AT_FDCWD, "/rw/nothing/../../outside/secret.txt");
  show("read /rw/../nothing", AT_FDCWD, "/rw/../nothing");
  say("mkdir /rw/../evil", mkdir("/rw/../evil", 0755));
  say("mkdir /rw/nothing/../../evil", mkdir("/rw/nothing/../../evil", 0755));
  show("read /rw/sub/../file.txt", AT_FDCWD, "/rw/sub/../file.txt");
  show("read /etc/passwd", AT_FDCWD, "/etc/passwd");

  puts("# trailing slashes");
  show("read file.txt/", AT_FDCWD, "/rw/file.txt/");
  say("open sub/ O_DIRECTORY", open("/rw/sub/", O_RDONLY | O_DIRECTORY));
  say("open new/ O_CREAT", open("/rw/new/", O_WRONLY | O_CREAT, 0644));
  say("mkdir made/", mkdir("/rw/made/", 0755));
  say("link file.txt -> linked/", link("/rw/file.txt", "/rw/linked/"));
  say("link file.txt/ -> linked", link("/rw/file.txt/", "/rw/linked"));
  say("symlink sl/ -> file.txt", symlink("file.txt", "/rw/sl/"));
  say("rename file.txt -> renamed/", rename("/rw/file.txt", "/rw/renamed/"));
  say("rename file.txt/ -> renamed", rename("/rw/file.txt/", "/rw/renamed"));
  say("rename made/ -> made2/", rename("/rw/made/", "/rw/made2/"));
  say("unlink file.txt/", unlink("/rw/file.txt/"));
  say("rmdir made2/", rmdir("/rw/made2/"));
  say("symlink lsub -> sub", symlink("sub", "/rw/lsub"));
  say("rmdir lsub/", rmdir("/rw/lsub/"));
  say("open lsub/ O_DIRECTORY", open("/rw/lsub/", O_RDONLY | O_DIRECTORY));

  puts("# directories opened for writing");
  say("open sub O_RDWR", open("/rw/sub", O_RDWR));
  say("open sub O_WRONLY", open("/rw/sub", O_WRONLY));
  say("open sub O_RDONLY", open("/rw/sub", O_RDONLY));

  puts("# descriptors that are not directories");
  int f = say("open file.txt", open("/rw/file.txt", O_RDONLY));
  say("openat(file, x)", openat(f, "x", O_RDONLY));
  say("mkdirat(file, x)", mkdirat(f, "x", 0755));

  puts("# sockets");
  char buf[4];
  say("recv on a file", (int)recv(f, buf, sizeof buf, 0));
  say("send on stdout", (int)send(1, buf, 1, 0));
  say("recv on stdin", (int)recv(0, buf, sizeof buf, 0));
  say("shutdown on a directory", shutdown(3, SHUT_RDWR));
  return 0;
}
