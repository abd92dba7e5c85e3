/*
 * kiln native runtime, WASI layer: the guest's file descriptor table (loader/wasi/fdtable.ts):
 * stdio at 0–2, the preopened directories from 3 on in the configured order, then whatever
 * path_open hands out, lowest free number first. A directory entry holds a real open host
 * directory descriptor, never a path. Also kiln_wasi_init, which builds the table.
 */
#include "internal.h"

struct kw_state kiln_w;

int kw_get(uint32_t fd, struct kw_entry **out) {
  if (fd >= KILN_WASI_MAX_FDS || kiln_w.fds[fd].kind == K_FREE) return W_BADF;
  *out = &kiln_w.fds[fd];
  return 0;
}

int kw_dir_entry(uint32_t fd, struct kw_entry **out) {
  TRY(kw_get(fd, out));
  return (*out)->kind == K_DIR ? 0 : W_NOTDIR;
}

int kw_data_entry(uint32_t fd, struct kw_entry **out) {
  TRY(kw_get(fd, out));
  return (*out)->kind == K_DIR ? W_ISDIR : 0;
}

int kw_check_room(void) {
  for (uint32_t fd = 0; fd < KILN_WASI_MAX_FDS; fd++) {
    if (kiln_w.fds[fd].kind == K_FREE) return 0;
  }
  return W_MFILE;
}

int kw_add(const struct kw_entry *e, uint32_t *out) {
  for (uint32_t fd = 0; fd < KILN_WASI_MAX_FDS; fd++) {
    if (kiln_w.fds[fd].kind == K_FREE) {
      kiln_w.fds[fd] = *e;
      *out = fd;
      return 0;
    }
  }
  return W_MFILE;
}

void kw_free_listing(struct kw_entry *e) {
  if (e->listing != NULL) {
    kw_unmap(e->listing, e->listing->map_size);
    e->listing = NULL;
  }
}

/* remove fd, then close its host descriptor when it owns one (an error closing it is
   reported, the entry is gone either way) */
int kw_close(uint32_t fd) {
  struct kw_entry *e;
  TRY(kw_get(fd, &e));
  struct kw_entry copy = *e;
  memset(e, 0, sizeof *e);
  kw_free_listing(&copy);
  if (copy.owns) return kw_sys(k_close(copy.hostfd));
  return 0;
}

int kw_renumber(uint32_t from, uint32_t to) {
  struct kw_entry *src, *dst;
  TRY(kw_get(from, &src));
  TRY(kw_get(to, &dst));
  if (from == to) return 0;
  TRY(kw_close(to));
  kiln_w.fds[to] = *src;
  memset(src, 0, sizeof *src);
  return 0;
}

/* a stdio entry over a host fd: no seek/tell (a stream), filetype from what the host fd is */
static void stdio_entry(int hostfd, struct kw_entry *e) {
  struct kstat st;
  uint8_t ft = FT_CHARACTER_DEVICE;
  if (k_fstat(hostfd, &st) == 0) {
    uint32_t fmt = st.st_mode & K_S_IFMT;
    ft = fmt == K_S_IFREG ? FT_REGULAR_FILE : fmt == K_S_IFSOCK ? FT_SOCKET_STREAM : FT_CHARACTER_DEVICE;
  }
  memset(e, 0, sizeof *e);
  e->kind = K_STDIO;
  e->owns = 0;
  e->filetype = ft;
  e->hostfd = hostfd;
  e->preopen = -1;
  e->rbase = RIGHTS_FILE & ~(R_FD_SEEK | R_FD_TELL);
  e->rinh = 0;
}

static void close_all(void) {
  for (uint32_t fd = 0; fd < KILN_WASI_MAX_FDS; fd++) {
    if (kiln_w.fds[fd].kind != K_FREE) kw_close(fd);
  }
}

static int env_is_walk(char **env) {
  if (env == NULL) return 0;
  for (; *env != NULL; env++) {
    if (kiln_streq(*env, "KILN_WASI_RESOLVE=walk")) return 1;
  }
  return 0;
}

int kiln_wasi_init(const struct kiln_wasi_config *cfg) {
  memset(&kiln_w, 0, sizeof kiln_w);
  kiln_w.argc = cfg->argc;
  kiln_w.argv = cfg->argv;
  kiln_w.env = cfg->env;
  kiln_w.nenv = cfg->nenv;
  kiln_w.walk_forced = env_is_walk(cfg->host_env);
  if (cfg->npreopens < 0 || cfg->npreopens > (int)(sizeof kiln_w.preopens / sizeof kiln_w.preopens[0])) return -22;
  struct kw_entry e;
  uint32_t fd;
  for (int i = 0; i < 3; i++) {
    stdio_entry(i, &e);
    kw_add(&e, &fd);
  }
  for (int i = 0; i < cfg->npreopens; i++) {
    const struct kiln_preopen *p = &cfg->preopens[i];
    long r = k_openat(K_AT_FDCWD, p->host, K_O_RDONLY | K_O_DIRECTORY | K_O_CLOEXEC, 0);
    struct kstat st;
    if (r >= 0) {
      long s = k_fstat((int)r, &st);
      if (s < 0) {
        k_close((int)r);
        r = s;
      }
    }
    if (r < 0) {
      close_all();
      return (int)r;
    }
    struct kw_preopen *po = &kiln_w.preopens[i];
    po->dev = st.st_dev;
    po->ino = st.st_ino;
    po->guest = p->guest;
    po->guest_len = (uint32_t)kiln_strlen(p->guest);
    po->readonly = p->readonly != 0;
    kiln_w.npreopens = i + 1;
    memset(&e, 0, sizeof e);
    e.kind = K_DIR;
    e.owns = 1;
    e.filetype = FT_DIRECTORY;
    e.is_preopen = 1;
    e.hostfd = (int)r;
    e.preopen = i;
    /* a read-only tree withholds writing rights from its descriptors but not from what they
       hand on: an open for writing then asks for fd_write and gets EROFS */
    e.rbase = RIGHTS_DIR & (po->readonly ? ~RIGHTS_WRITING : ~0ull);
    e.rinh = RIGHTS_DIR | RIGHTS_FILE;
    if (kw_add(&e, &fd) != 0) {
      k_close((int)r);
      close_all();
      return -24;
    }
  }
  return 0;
}
