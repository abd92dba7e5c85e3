/*
 * kiln native runtime, WASI layer: sandboxed resolution of guest paths, the port of
 * loader/wasi/sandbox.ts (the capability model of cap-std and wasmtime, written for kiln):
 *   - a guest path is resolved beneath the directory descriptor it is relative to. Its
 *     directory part is opened with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS), where the
 *     kernel refuses every step out of the tree, or, where openat2 is missing (older kernels,
 *     qemu-user: ENOSYS or anything but the EXDEV a working openat2 gives the probe) or
 *     KILN_WASI_RESOLVE=walk forces it, by a walk that opens each component with
 *     O_PATH | O_NOFOLLOW relative to the one before and expands symlinks itself; `..` pops a
 *     descriptor and may never pop the starting one;
 *   - at most 40 symlinks per path (MAXSYMLINKS), then ELOOP;
 *   - the final component stays a name relative to an O_PATH descriptor of its directory, so
 *     the `*at` call that acts on it does not follow a final symlink on its own.
 * Absolute paths and `..` climbing above the start lexically are ENOTCAPABLE before anything
 * is looked up. Also depthBelowRoot and the symlink-target checks of path_symlink / path_link /
 * path_rename.
 */
#include "internal.h"

struct comp { const char *p; uint64_t n; };

static int is_dot(const struct comp *c) { return c->n == 1 && c->p[0] == '.'; }
static int is_dotdot(const struct comp *c) { return c->n == 2 && c->p[0] == '.' && c->p[1] == '.'; }

/* the non-empty components of [p, p+n), copied into scratch as NUL-terminated names */
static int split(const char *p, uint64_t n, struct comp **out, uint64_t *count) {
  char *copy = kw_scratch(n + 1);
  if (copy == NULL) return W_NOMEM;
  uint64_t k = 0;
  for (uint64_t i = 0; i < n; i++) {
    copy[i] = p[i] == '/' ? 0 : p[i];
    if (p[i] != '/' && (i == 0 || p[i - 1] == '/')) k++;
  }
  copy[n] = 0;
  struct comp *c = kw_scratch((k == 0 ? 1 : k) * sizeof *c);
  if (c == NULL) return W_NOMEM;
  uint64_t j = 0;
  for (uint64_t i = 0; i < n; i++) {
    if (p[i] != '/' && (i == 0 || p[i - 1] == '/')) {
      uint64_t e = i;
      while (e < n && p[e] != '/') e++;
      c[j].p = copy + i;
      c[j].n = e - i;
      j++;
    }
  }
  *out = c;
  *count = k;
  return 0;
}

int kw_open_at(int dirfd, const char *name, int flags, int mode, int *fd) {
  long r = k_openat(dirfd, name, flags | K_O_CLOEXEC, mode);
  if (r < 0) return kw_errno(-r);
  *fd = (int)r;
  return 0;
}

int kw_lstat_at(int dirfd, const char *name, struct kstat *st, int *exists) {
  long r = k_openat(dirfd, name, K_O_PATH | K_O_NOFOLLOW | K_O_CLOEXEC, 0);
  if (r == -K_ENOENT) {
    *exists = 0;
    return 0;
  }
  if (r < 0) return kw_errno(-r);
  long s = k_fstat((int)r, st);
  k_close((int)r);
  *exists = 1;
  return kw_sys(s);
}

int kw_readlink_str(int dirfd, const char *name, char **out, uint64_t *n) {
  uint8_t *buf = kw_scratch(4096);
  if (buf == NULL) return W_NOMEM;
  long r = k_readlinkat(dirfd, name, (char *)buf, 4096);
  if (r < 0) return kw_errno(-r);
  *out = kw_lossy_utf8(buf, (uint64_t)r, n);
  return *out == NULL ? W_NOMEM : 0;
}

/* a symlink's target, checked: not empty, relative */
static int link_target(int fd, const char *name, char **out, uint64_t *n) {
  TRY(kw_readlink_str(fd, name, out, n));
  if (*n == 0) return W_NOENT;
  if ((*out)[0] == '/') return W_NOTCAPABLE;
  return 0;
}

static int use_openat2(void) {
  if (kiln_w.strategy == 0) {
    int ok = 0;
    if (!kiln_w.walk_forced) {
      struct k_open_how how = { K_O_PATH | K_O_DIRECTORY | K_O_CLOEXEC, 0, K_RESOLVE_BENEATH };
      long r = k_openat2(K_AT_FDCWD, "/", &how);
      if (r >= 0) k_close((int)r);
      ok = r == -K_EXDEV;
    }
    kiln_w.strategy = ok ? 1 : 2;
  }
  return kiln_w.strategy == 1;
}

/* the directory `comps` below `base`, by the kernel: openat2 with RESOLVE_BENEATH */
static int beneath_dir(int base, const struct comp *c, uint64_t count, int *out) {
  const char *path = ".";
  if (count > 0) {
    uint64_t len = 0;
    for (uint64_t i = 0; i < count; i++) len += c[i].n + 1;
    char *j = kw_scratch(len);
    if (j == NULL) return W_NOMEM;
    uint64_t o = 0;
    for (uint64_t i = 0; i < count; i++) {
      if (i > 0) j[o++] = '/';
      memcpy(j + o, c[i].p, c[i].n);
      o += c[i].n;
    }
    j[o] = 0;
    path = j;
  }
  struct k_open_how how = { K_O_PATH | K_O_DIRECTORY | K_O_CLOEXEC, 0, K_RESOLVE_BENEATH | K_RESOLVE_NO_MAGICLINKS };
  for (int attempt = 0;; attempt++) {
    long r = k_openat2(base, path, &how);
    if (r >= 0) {
      *out = (int)r;
      return 0;
    }
    if (r != -K_EAGAIN || attempt >= 16) return r == -K_EXDEV ? W_NOTCAPABLE : kw_errno(-r);
  }
}

static void close_stack(int *stack, uint64_t sp) {
  while (sp > 0) k_close(stack[--sp]);
}

/* the fallback: one component at a time, each O_PATH | O_NOFOLLOW relative to the one before,
   symlinks expanded in place; returns an owned O_PATH descriptor */
static int walk_dir(int base, const struct comp *comps, uint64_t count, uint32_t *links, int *out) {
  uint64_t qcap = count == 0 ? 1 : count, qlen = 0;
  struct comp *queue = kw_scratch(qcap * sizeof *queue);
  uint64_t scap = qcap, sp = 0;
  int *stack = kw_scratch(scap * sizeof *stack);
  if (queue == NULL || stack == NULL) return W_NOMEM;
  for (uint64_t i = count; i > 0; i--) queue[qlen++] = comps[i - 1];
  while (qlen > 0) {
    struct comp c = queue[--qlen];
    if (c.n == 0 || is_dot(&c)) continue;
    if (is_dotdot(&c)) {
      if (sp == 0) return W_NOTCAPABLE;
      k_close(stack[--sp]);
      continue;
    }
    long r = k_openat(sp > 0 ? stack[sp - 1] : base, c.p, K_O_PATH | K_O_NOFOLLOW | K_O_CLOEXEC, 0);
    if (r < 0) {
      close_stack(stack, sp);
      return kw_errno(-r);
    }
    int fd = (int)r;
    struct kstat st;
    int err = kw_sys(k_fstat(fd, &st));
    if (err == 0 && (st.st_mode & K_S_IFMT) == K_S_IFLNK) {
      char *target;
      uint64_t tn, tcount;
      struct comp *tc;
      if (++*links > MAX_SYMLINKS) err = W_LOOP;
      if (err == 0) err = link_target(fd, "", &target, &tn);
      if (err == 0) err = split(target, tn, &tc, &tcount);
      if (err == 0 && qlen + tcount > qcap) {
        qcap = qlen + tcount;
        struct comp *nq = kw_scratch(qcap * sizeof *nq);
        if (nq == NULL) err = W_NOMEM;
        else {
          memcpy(nq, queue, qlen * sizeof *nq);
          queue = nq;
        }
      }
      k_close(fd);
      if (err != 0) {
        close_stack(stack, sp);
        return err;
      }
      for (uint64_t i = tcount; i > 0; i--) queue[qlen++] = tc[i - 1];
      continue;
    }
    if (err == 0 && (st.st_mode & K_S_IFMT) != K_S_IFDIR) err = W_NOTDIR;
    if (err == 0 && sp == scap) {
      int *ns = kw_scratch(scap * 2 * sizeof *ns);
      if (ns == NULL) err = W_NOMEM;
      else {
        memcpy(ns, stack, sp * sizeof *ns);
        stack = ns;
        scap *= 2;
      }
    }
    if (err != 0) {
      k_close(fd);
      close_stack(stack, sp);
      return err;
    }
    stack[sp++] = fd;
  }
  if (sp > 0) {
    *out = stack[--sp];
    close_stack(stack, sp);
    return 0;
  }
  return kw_open_at(base, ".", K_O_PATH | K_O_DIRECTORY, 0, out);
}

static int open_dir(int base, const struct comp *c, uint64_t count, uint32_t *links, int *out) {
  return use_openat2() ? beneath_dir(base, c, count, out) : walk_dir(base, c, count, links, out);
}

int kw_resolve(const struct kw_entry *dir, const struct kw_str *path, int mode, struct kw_target *t) {
  const char *p = (const char *)path->p;
  uint64_t n = path->n;
  if (n == 0) return W_NOENT;
  for (uint64_t i = 0; i < n; i++) {
    if (p[i] == 0) return W_INVAL;
  }
  if (p[0] == '/') return W_NOTCAPABLE;
  struct comp *comps;
  uint64_t count;
  TRY(split(p, n, &comps, &count));
  int64_t depth = 0;
  for (uint64_t i = 0; i < count; i++) {
    if (is_dotdot(&comps[i])) {
      if (--depth < 0) return W_NOTCAPABLE;
    } else if (!is_dot(&comps[i])) {
      depth++;
    }
  }
  int trailing = p[n - 1] == '/';
  uint32_t links = 0;
  for (;;) {
    const struct comp *last = count > 0 ? &comps[count - 1] : NULL;
    if (last == NULL || is_dot(last) || is_dotdot(last)) {
      int fd;
      TRY(open_dir(dir->hostfd, comps, count, &links, &fd));
      int err = kw_sys(k_fstat(fd, &t->st));
      if (err != 0) {
        k_close(fd);
        return err;
      }
      t->dirfd = fd;
      t->name = NULL;
      t->has_stat = 1;
      return 0;
    }
    int parent;
    TRY(open_dir(dir->hostfd, comps, count - 1, &links, &parent));
    int exists = 0;
    char *target = NULL;
    uint64_t tn = 0;
    int err = kw_lstat_at(parent, last->p, &t->st, &exists);
    if (err == 0) {
      int follow = mode == FOLLOW || (trailing && mode == NOFOLLOW);
      uint32_t fmt = t->st.st_mode & K_S_IFMT;
      if (exists && fmt == K_S_IFLNK && follow) {
        if (++links > MAX_SYMLINKS) err = W_LOOP;
        else err = link_target(parent, last->p, &target, &tn);
      } else if (trailing && mode != NEVER && exists && fmt != K_S_IFDIR) {
        err = W_NOTDIR;
      }
    }
    if (err != 0) {
      k_close(parent);
      return err;
    }
    if (target == NULL) {
      t->dirfd = parent;
      t->has_stat = exists;
      if (trailing) {
        char *nm = kw_scratch(last->n + 2);
        if (nm == NULL) {
          k_close(parent);
          return W_NOMEM;
        }
        memcpy(nm, last->p, last->n);
        nm[last->n] = '/';
        nm[last->n + 1] = 0;
        t->name = nm;
      } else {
        t->name = last->p;
      }
      return 0;
    }
    k_close(parent);
    /* the link's target replaces it, resolved again from the top: its `..` steps are
       physical, and the resolver refuses any that would leave the tree */
    if (target[tn - 1] == '/') trailing = 1;
    struct comp *tc;
    uint64_t tcount;
    TRY(split(target, tn, &tc, &tcount));
    struct comp *nc = kw_scratch((count - 1 + tcount + 1) * sizeof *nc);
    if (nc == NULL) return W_NOMEM;
    memcpy(nc, comps, (count - 1) * sizeof *nc);
    memcpy(nc + count - 1, tc, tcount * sizeof *nc);
    comps = nc;
    count = count - 1 + tcount;
  }
}

int kw_depth_below_root(int dirfd, const struct kw_preopen *root, uint32_t *depth) {
  int fd = -1;
  TRY(kw_open_at(dirfd, ".", K_O_PATH | K_O_DIRECTORY, 0, &fd));
  for (uint32_t d = 0; d < 4096; d++) {
    struct kstat st, ust;
    int err = kw_sys(k_fstat(fd, &st));
    if (err == 0 && st.st_dev == root->dev && st.st_ino == root->ino) {
      k_close(fd);
      *depth = d;
      return 0;
    }
    int up = -1;
    if (err == 0) err = kw_open_at(fd, "..", K_O_PATH | K_O_DIRECTORY, 0, &up);
    if (err == 0) err = kw_sys(k_fstat(up, &ust));
    if (err != 0) {
      if (up >= 0) k_close(up);
      k_close(fd);
      return err;
    }
    k_close(fd);
    fd = up;
    if (ust.st_dev == st.st_dev && ust.st_ino == st.st_ino) break; /* the file system's root */
  }
  k_close(fd);
  return W_NOTCAPABLE;
}

uint64_t kw_climb_of(const char *t, uint64_t n) {
  uint64_t climb = 0;
  int named = 0;
  for (uint64_t i = 0; i < n;) {
    if (t[i] == '/') {
      i++;
      continue;
    }
    uint64_t e = i;
    while (e < n && t[e] != '/') e++;
    struct comp c = { t + i, e - i };
    if (is_dotdot(&c)) {
      if (named) return UINT64_MAX;
      climb++;
    } else if (!is_dot(&c)) {
      named = 1;
    }
    i = e;
  }
  return climb;
}

int kw_check_symlink_target(const char *target, uint64_t n, uint32_t depth) {
  if (n == 0) return W_NOENT;
  for (uint64_t i = 0; i < n; i++) {
    if (target[i] == 0) return W_INVAL;
  }
  if (target[0] == '/') return W_NOTCAPABLE;
  if (kw_climb_of(target, n) > depth) return W_NOTCAPABLE;
  return 0;
}
