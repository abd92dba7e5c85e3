/*
 * Escapes through hard links: linking a file from outside or from the read-only tree into the
 * writable one (and writing through the link), linking through escaping symlinks, linking
 * symlinks themselves, and linking directories.
 */
#include "common.h"

int main(void) {
  puts("# hard links to files outside");
  say("link out/secret.txt -> stolen", link("/rw/out/secret.txt", "/rw/stolen"));
  say("linkat FOLLOW out/secret.txt -> stolen", linkat(AT_FDCWD, "/rw/out/secret.txt", AT_FDCWD, "/rw/stolen", AT_SYMLINK_FOLLOW));
  say("link ../outside/secret.txt -> stolen", link("/rw/../outside/secret.txt", "/rw/stolen"));
  say("linkat FOLLOW dangle -> stolen", linkat(AT_FDCWD, "/rw/dangle", AT_FDCWD, "/rw/stolen", AT_SYMLINK_FOLLOW));
  show("read stolen", AT_FDCWD, "/rw/stolen");

  puts("# hard links to the read-only tree");
  say("link /ro/data.txt -> /rw/data", link("/ro/data.txt", "/rw/data"));
  say("link /ro/data.txt -> /ro/data2", link("/ro/data.txt", "/ro/data2"));
  int fd = open("/rw/data", O_WRONLY);
  say("open /rw/data for writing", fd);
  if (fd >= 0) {
    say("write /rw/data", (int)write(fd, "changed", 7));
    close(fd);
  }
  show("read /ro/data.txt", AT_FDCWD, "/ro/data.txt");

  puts("# hard links to symlinks");
  say("linkat out -> out-copy (the link itself)", linkat(AT_FDCWD, "/rw/out", AT_FDCWD, "/rw/out-copy", 0));
  say("linkat sub/out2 -> sub/out2-copy", linkat(AT_FDCWD, "/rw/sub/out2", AT_FDCWD, "/rw/sub/out2-copy", 0));
  say("symlink sub/up -> .. (allowed)", symlink("..", "/rw/sub/up"));
  say("linkat sub/up -> up (would point outside)", linkat(AT_FDCWD, "/rw/sub/up", AT_FDCWD, "/rw/up", 0));
  say("linkat sub/up -> sub/up2 (same depth)", linkat(AT_FDCWD, "/rw/sub/up", AT_FDCWD, "/rw/sub/up2", 0));
  show("read sub/up2/file.txt", AT_FDCWD, "/rw/sub/up2/file.txt");

  puts("# hard links to directories");
  say("link sub -> sub2", link("/rw/sub", "/rw/sub2"));
  say("link . -> dot", link("/rw/.", "/rw/dot"));
  return 0;
}
