/*
 * kiln native runtime, WASI layer: the preview1 `path_*` calls, ported from
 * loader/wasi/path-calls.ts with its order of checks and its errno choices. Every guest path
 * is resolved beneath a real directory descriptor (resolve.c), which hands back an O_PATH
 * descriptor of the final object's directory and the final name; the operation is then the
 * matching `*at` system call on that pair, which never follows a final symlink on its own.
 * Read-only preopens refuse every modification with EROFS before any rights check;
 * operations spanning two preopens are EXDEV; symlinks the guest creates or moves must stay
 * inside the preopen when followed from where they then sit.
 */
#include "internal.h"

static int follows(uint32_t lookupflags) { return (lookupflags & LOOKUP_SYMLINK_FOLLOW) ? FOLLOW : NOFOLLOW; }

static int ends_with_slash(const char *s) {
  uint64_t n = kiln_strlen(s);
  return n > 0 && s[n - 1] == '/';
}

/* host open(2) flags for a path_open request (`is_dir`: the target is a directory) */
static int host_open_flags(uint32_t oflags, uint32_t fdflags, uint64_t base, int is_dir, int *flags) {
  int f = K_O_NOFOLLOW;
  if (oflags & OF_CREAT) f |= K_O_CREAT;
  if (oflags & OF_EXCL) f |= K_O_EXCL;
  if (oflags & OF_TRUNC) f |= K_O_TRUNC;
  if (oflags & OF_DIRECTORY) f |= K_O_DIRECTORY;
  if (fdflags & FDF_NONBLOCK) f |= K_O_NONBLOCK;
  if (is_dir) {
    /* a directory is opened read-only; asking it for fd_write is EISDIR, as open(O_RDWR) is */
    if (base & R_FD_WRITE) return W_ISDIR;
    f |= K_O_RDONLY;
  } else if (base & RIGHTS_NEED_HOST_WRITE) {
    f |= (base & R_FD_READ) ? K_O_RDWR : K_O_WRONLY;
  } else {
    f |= K_O_RDONLY;
  }
  *flags = f;
  return 0;
}

/* the shared checks of link and rename: both writable, each with its right, both paths read,
   both inside one preopen (else EXDEV) */
static int two_dirs(const struct kiln_mem *m, uint32_t ofd, uint32_t optr, uint32_t olen, uint64_t oright,
                    uint32_t nfd, uint32_t nptr, uint32_t nlen, uint64_t nright, struct kw_entry **od,
                    struct kw_entry **nd, struct kw_str *op, struct kw_str *np) {
  TRY(kw_dir_entry(ofd, od));
  TRY(kw_dir_entry(nfd, nd));
  TRY(kw_writable(*od));
  TRY(kw_writable(*nd));
  TRY(kw_need(*od, oright));
  TRY(kw_need(*nd, nright));
  TRY(kw_guest_str(m, optr, olen, op));
  TRY(kw_guest_str(m, nptr, nlen, np));
  if ((*od)->preopen != (*nd)->preopen) return W_XDEV;
  return 0;
}

/* one modification of the name a path leads to: mkdir, rmdir, unlink */
enum { OP_MKDIR, OP_RMDIR, OP_UNLINK };
static int name_op(uint64_t *a, struct kiln_mem *m, uint64_t right, int op) {
  struct kw_entry *d;
  struct kw_str p;
  struct kw_target t;
  TRY(kw_dir_entry(a32(a, 0), &d));
  TRY(kw_writable(d));
  TRY(kw_need(d, right));
  TRY(kw_guest_str(m, a32(a, 1), a32(a, 2), &p));
  TRY(kw_resolve(d, &p, NEVER, &t));
  int err;
  if (op == OP_MKDIR) err = t.name == NULL ? W_EXIST : kw_sys(k_mkdirat(t.dirfd, t.name, 0777));
  else if (op == OP_RMDIR) err = t.name == NULL ? W_INVAL : kw_sys(k_unlinkat(t.dirfd, t.name, K_AT_REMOVEDIR));
  else err = t.name == NULL ? W_ISDIR : kw_sys(k_unlinkat(t.dirfd, t.name, 0));
  kw_release(&t);
  return err;
}

W_CALL(path_create_directory) { return name_op(a, m, R_PATH_CREATE_DIRECTORY, OP_MKDIR); }
W_CALL(path_remove_directory) { return name_op(a, m, R_PATH_REMOVE_DIRECTORY, OP_RMDIR); }
W_CALL(path_unlink_file) { return name_op(a, m, R_PATH_UNLINK_FILE, OP_UNLINK); }

W_CALL(path_filestat_get) {
  struct kw_entry *d;
  struct kw_str p;
  struct kw_target t;
  uint32_t ptr = a32(a, 4);
  TRY(kw_dir_entry(a32(a, 0), &d));
  TRY(kw_need(d, R_PATH_FILESTAT_GET));
  TRY(kw_guest_str(m, a32(a, 2), a32(a, 3), &p));
  TRY(m_check(m, ptr, FILESTAT_SIZE));
  TRY(kw_resolve(d, &p, follows(a32(a, 1)), &t));
  int err = t.has_stat ? 0 : W_NOENT;
  if (err == 0) kw_write_filestat(m_at(m, ptr), &t.st);
  kw_release(&t);
  return err;
}

W_CALL(path_filestat_set_times) {
  struct kw_entry *d;
  struct kw_str p;
  struct kw_target t;
  struct k_timespec times[2];
  TRY(kw_dir_entry(a32(a, 0), &d));
  TRY(kw_writable(d));
  TRY(kw_need(d, R_PATH_FILESTAT_SET_TIMES));
  TRY(kw_guest_str(m, a32(a, 2), a32(a, 3), &p));
  TRY(kw_new_times(a32(a, 6), a[4], a[5], times));
  TRY(kw_resolve(d, &p, follows(a32(a, 1)), &t));
  int err = t.has_stat ? 0 : W_NOENT;
  if (err == 0 && t.name == NULL) {
    int self;
    err = kw_open_at(t.dirfd, ".", K_O_RDONLY | K_O_DIRECTORY, 0, &self);
    if (err == 0) {
      err = kw_sys(k_utimensat(self, "", times, K_AT_EMPTY_PATH));
      int c = kw_sys(k_close(self));
      if (err == 0) err = c;
    }
  } else if (err == 0) {
    err = kw_sys(k_utimensat(t.dirfd, t.name, times, K_AT_SYMLINK_NOFOLLOW));
  }
  kw_release(&t);
  return err;
}

static int link_in(struct kw_entry *nd, const struct kw_target *src, const struct kw_target *dst) {
  if (dst->name == NULL) return W_EXIST;
  /* a hard link to a symlink is a second symlink: it must be safe where it lands */
  if ((src->st.st_mode & K_S_IFMT) == K_S_IFLNK && nd->preopen >= 0) {
    char *target;
    uint64_t tn;
    uint32_t depth;
    TRY(kw_readlink_str(src->dirfd, src->name, &target, &tn));
    TRY(kw_depth_below_root(dst->dirfd, &kiln_w.preopens[nd->preopen], &depth));
    TRY(kw_check_symlink_target(target, tn, depth));
  }
  return kw_sys(k_linkat(src->dirfd, src->name, dst->dirfd, dst->name, 0));
}

W_CALL(path_link) {
  struct kw_entry *od, *nd;
  struct kw_str op, np;
  struct kw_target src, dst;
  TRY(two_dirs(m, a32(a, 0), a32(a, 2), a32(a, 3), R_PATH_LINK_SOURCE, a32(a, 4), a32(a, 5), a32(a, 6),
               R_PATH_LINK_TARGET, &od, &nd, &op, &np));
  TRY(kw_resolve(od, &op, follows(a32(a, 1)), &src));
  int err = 0;
  if (!src.has_stat) err = W_NOENT;
  else if (src.name == NULL || (src.st.st_mode & K_S_IFMT) == K_S_IFDIR) err = W_PERM;
  if (err == 0) err = kw_resolve(nd, &np, NEVER, &dst);
  if (err == 0) {
    err = link_in(nd, &src, &dst);
    kw_release(&dst);
  }
  kw_release(&src);
  return err;
}

static int open_target(const struct kw_target *t, uint32_t oflags, uint32_t fdflags, uint64_t base, int *hostfd) {
  if (t->name == NULL && (oflags & OF_CREAT) && (oflags & OF_EXCL)) return W_EXIST;
  int is_dir = t->name == NULL || ends_with_slash(t->name) ||
               (t->has_stat && (t->st.st_mode & K_S_IFMT) == K_S_IFDIR);
  int flags;
  TRY(host_open_flags(oflags, fdflags, base, is_dir, &flags));
  return kw_open_at(t->dirfd, t->name != NULL ? t->name : ".", flags, 0666, hostfd);
}

W_CALL(path_open) {
  struct kw_entry *d;
  struct kw_str p;
  struct kw_target t;
  uint32_t oflags = a32(a, 4), fdflags = a32(a, 7), fd_ptr = a32(a, 8);
  uint64_t base = a[5], inheriting = a[6];
  TRY(kw_dir_entry(a32(a, 0), &d));
  TRY(kw_need(d, R_PATH_OPEN));
  TRY(kw_guest_str(m, a32(a, 2), a32(a, 3), &p));
  TRY(m_check(m, fd_ptr, 4));
  if ((oflags & ~(uint32_t)OF_ALL) || (fdflags & ~(uint32_t)FDF_ALL)) return W_INVAL;
  TRY(kw_check_room());
  int ro = d->preopen >= 0 && kiln_w.preopens[d->preopen].readonly;
  if (ro && ((oflags & (OF_CREAT | OF_TRUNC)) || (fdflags & FDF_APPEND) || (base & RIGHTS_NEED_HOST_WRITE))) return W_ROFS;
  if (oflags & OF_CREAT) TRY(kw_need(d, R_PATH_CREATE_FILE));
  if (oflags & OF_TRUNC) TRY(kw_need(d, R_PATH_FILESTAT_SET_SIZE));
  /* the access mode must be inheritable; other rights are narrowed to what the directory can
     hand out (wasi-libc asks for "all it may") */
  if ((base & (R_FD_READ | R_FD_WRITE)) & ~d->rinh) return W_NOTCAPABLE;
  base &= d->rinh;
  inheriting &= d->rinh;
  TRY(kw_resolve(d, &p, follows(a32(a, 1)), &t));
  int hostfd;
  int err = open_target(&t, oflags, fdflags, base, &hostfd);
  kw_release(&t);
  TRY(err);
  struct kstat st;
  err = kw_sys(k_fstat(hostfd, &st));
  if (err != 0) {
    k_close(hostfd);
    return err;
  }
  int is_dir = (st.st_mode & K_S_IFMT) == K_S_IFDIR;
  struct kw_entry e;
  memset(&e, 0, sizeof e);
  e.kind = is_dir ? K_DIR : K_FILE;
  e.owns = 1;
  e.filetype = kw_filetype_of_mode(st.st_mode);
  e.hostfd = hostfd;
  e.preopen = d->preopen;
  e.rbase = base & (is_dir ? RIGHTS_DIR : RIGHTS_FILE) & (ro ? ~RIGHTS_WRITING : ~0ull);
  e.rinh = inheriting;
  e.fdflags = fdflags;
  uint32_t fd;
  err = kw_add(&e, &fd);
  if (err != 0) {
    k_close(hostfd);
    return err;
  }
  kiln_st32(m_at(m, fd_ptr), fd);
  return 0;
}

W_CALL(path_readlink) {
  struct kw_entry *d;
  struct kw_str p;
  struct kw_target t;
  uint32_t buf = a32(a, 3), buf_len = a32(a, 4), used_ptr = a32(a, 5);
  TRY(kw_dir_entry(a32(a, 0), &d));
  TRY(kw_need(d, R_PATH_READLINK));
  TRY(kw_guest_str(m, a32(a, 1), a32(a, 2), &p));
  TRY(m_check(m, buf, buf_len));
  TRY(m_check(m, used_ptr, 4));
  TRY(kw_resolve(d, &p, NOFOLLOW, &t));
  int err = 0;
  if (!t.has_stat) err = W_NOENT;
  else if (t.name == NULL || (t.st.st_mode & K_S_IFMT) != K_S_IFLNK) err = W_INVAL;
  if (err == 0) {
    char *target = kw_scratch(4096);
    long r = target == NULL ? -K_ENOMEM : k_readlinkat(t.dirfd, t.name, target, 4096);
    if (r < 0) err = kw_errno(-r);
    else {
      uint32_t n = (uint64_t)r < buf_len ? (uint32_t)r : buf_len;
      memcpy(m_at(m, buf), target, n);
      kiln_st32(m_at(m, used_ptr), n);
    }
  }
  kw_release(&t);
  return err;
}

W_CALL(path_rename) {
  struct kw_entry *od, *nd;
  struct kw_str op, np;
  struct kw_target src, dst;
  TRY(two_dirs(m, a32(a, 0), a32(a, 1), a32(a, 2), R_PATH_RENAME_SOURCE, a32(a, 3), a32(a, 4), a32(a, 5),
               R_PATH_RENAME_TARGET, &od, &nd, &op, &np));
  TRY(kw_resolve(od, &op, NEVER, &src));
  int err = kw_resolve(nd, &np, NEVER, &dst);
  if (err == 0) {
    if (src.name == NULL || dst.name == NULL) err = W_BUSY;
    else if (!src.has_stat) err = W_NOENT;
    if (err == 0 && nd->preopen >= 0) {
      err = kw_check_moved_tree(src.dirfd, src.name, &src.st, dst.dirfd, &kiln_w.preopens[nd->preopen]);
    }
    if (err == 0) err = kw_sys(k_renameat(src.dirfd, src.name, dst.dirfd, dst.name));
    kw_release(&dst);
  }
  kw_release(&src);
  return err;
}

W_CALL(path_symlink) {
  struct kw_entry *d;
  struct kw_str target, p;
  struct kw_target t;
  TRY(kw_dir_entry(a32(a, 2), &d));
  TRY(kw_writable(d));
  TRY(kw_need(d, R_PATH_SYMLINK));
  TRY(kw_guest_str(m, a32(a, 0), a32(a, 1), &target));
  TRY(kw_guest_str(m, a32(a, 3), a32(a, 4), &p));
  TRY(kw_resolve(d, &p, NEVER, &t));
  int err = 0;
  if (t.name == NULL || t.has_stat) err = W_EXIST;
  if (err == 0 && d->preopen >= 0) {
    uint32_t depth;
    err = kw_depth_below_root(t.dirfd, &kiln_w.preopens[d->preopen], &depth);
    if (err == 0) err = kw_check_symlink_target((const char *)target.p, target.n, depth);
  }
  if (err == 0) {
    char *z = kw_scratch(target.n + 1);
    if (z == NULL) err = W_NOMEM;
    else {
      memcpy(z, target.p, target.n);
      z[target.n] = 0;
      err = kw_sys(k_symlinkat(z, t.dirfd, t.name));
    }
  }
  kw_release(&t);
  return err;
}
