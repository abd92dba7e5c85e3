/*
 * Shared helpers of the WASI sandbox escape guests: each guest performs a scripted sequence
 * of file-system calls and prints one transcript line per call ("what: ok" or "what: ENAME"),
 * plus the contents of anything it manages to read, so a leak or a changed answer shows up
 * as a difference from the expected transcript. Preopens: /rw (read-write) and /ro
 * (read-only); the host puts a secret in ../outside/secret.txt next to them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *errname(int e) {
  switch (e) {
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOENT: return "ENOENT";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTSOCK: return "ENOTSOCK";
    case ENOTSUP: return "ENOTSUP";
    case EPERM: return "EPERM";
    case EROFS: return "EROFS";
    case EXDEV: return "EXDEV";
    default: return "E?";
  }
}

/* one transcript line for a call that returns -1 and sets errno on failure */
static int say(const char *what, int rc) {
  if (rc < 0) printf("%s: %s\n", what, errname(errno));
  else printf("%s: ok\n", what);
  return rc;
}

/* open `path` below `dirfd`, print what it holds (or the error), close it */
__attribute__((unused)) static void show(const char *what, int dirfd, const char *path) {
  int fd = openat(dirfd, path, O_RDONLY);
  if (fd < 0) {
    printf("%s: %s\n", what, errname(errno));
    return;
  }
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  if (n < 0) {
    printf("%s: read %s\n", what, errname(errno));
  } else {
    buf[n] = 0;
    printf("%s: ok \"%s\"\n", what, buf);
  }
  close(fd);
}

/* create `path` below `dirfd` holding `text` */
__attribute__((unused)) static void put(const char *what, int dirfd, const char *path, const char *text) {
  int fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (say(what, fd) < 0) return;
  if (write(fd, text, strlen(text)) < 0) printf("%s: write %s\n", what, errname(errno));
  close(fd);
}
