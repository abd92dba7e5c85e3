/*
 * kiln native runtime, WASI layer: what the files of runtime/wasi/ share. The preview1 numbers
 * (errno values, rights bits, filetypes, flags, struct layouts: the witx spec, as
 * loader/wasi/constants.ts), the fd table entry, bounds-checked guest memory access (as
 * loader/wasi/memory.ts: EFAULT when [ptr, ptr+len) leaves the current memory), the Linux errno
 * mapping, the scratch allocator and the sandboxed resolver's interface.
 *
 * Convention: every internal function returns 0 or a preview1 errno (never a Linux one); the
 * TRY macro propagates it. Results go through out-parameters.
 */
#ifndef KILN_WASI_INTERNAL_H
#define KILN_WASI_INTERNAL_H

#include <stdint.h>
#include <stddef.h>
#include "../sys.h"
#include "../lib.h"
#include "wasi.h"

/* preview1 errno values (witx order) used by name */
enum {
  W_SUCCESS = 0, W_2BIG = 1, W_ACCES = 2, W_AGAIN = 6, W_BADF = 8, W_BUSY = 10, W_EXIST = 20,
  W_FAULT = 21, W_FBIG = 22, W_ILSEQ = 25, W_INTR = 27, W_INVAL = 28, W_IO = 29, W_ISDIR = 31,
  W_LOOP = 32, W_MFILE = 33, W_NAMETOOLONG = 37, W_NODEV = 43, W_NOENT = 44, W_NOMEM = 48,
  W_NOSYS = 52, W_NOTDIR = 54, W_NOTSOCK = 57, W_OVERFLOW = 61, W_PERM = 63, W_ROFS = 69,
  W_SPIPE = 70, W_XDEV = 75, W_NOTCAPABLE = 76,
};

/* rights bits */
#define R_FD_DATASYNC (1ull << 0)
#define R_FD_READ (1ull << 1)
#define R_FD_SEEK (1ull << 2)
#define R_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define R_FD_SYNC (1ull << 4)
#define R_FD_TELL (1ull << 5)
#define R_FD_WRITE (1ull << 6)
#define R_FD_ADVISE (1ull << 7)
#define R_FD_ALLOCATE (1ull << 8)
#define R_PATH_CREATE_DIRECTORY (1ull << 9)
#define R_PATH_CREATE_FILE (1ull << 10)
#define R_PATH_LINK_SOURCE (1ull << 11)
#define R_PATH_LINK_TARGET (1ull << 12)
#define R_PATH_OPEN (1ull << 13)
#define R_FD_READDIR (1ull << 14)
#define R_PATH_READLINK (1ull << 15)
#define R_PATH_RENAME_SOURCE (1ull << 16)
#define R_PATH_RENAME_TARGET (1ull << 17)
#define R_PATH_FILESTAT_GET (1ull << 18)
#define R_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define R_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define R_FD_FILESTAT_GET (1ull << 21)
#define R_FD_FILESTAT_SET_SIZE (1ull << 22)
#define R_FD_FILESTAT_SET_TIMES (1ull << 23)
#define R_PATH_SYMLINK (1ull << 24)
#define R_PATH_REMOVE_DIRECTORY (1ull << 25)
#define R_PATH_UNLINK_FILE (1ull << 26)
#define R_POLL_FD_READWRITE (1ull << 27)

#define RIGHTS_FILE                                                                              \
  (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_TELL |      \
   R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE |      \
   R_FD_FILESTAT_SET_TIMES | R_POLL_FD_READWRITE)
#define RIGHTS_DIR                                                                               \
  (R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_DATASYNC | R_PATH_CREATE_DIRECTORY |                \
   R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR |  \
   R_PATH_READLINK | R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |        \
   R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET |                   \
   R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE)
#define RIGHTS_WRITING                                                                           \
  (R_FD_DATASYNC | R_FD_WRITE | R_FD_ALLOCATE | R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE |  \
   R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET |      \
   R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_SET_SIZE |              \
   R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE)
#define RIGHTS_NEED_HOST_WRITE (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE | R_FD_DATASYNC)

enum {
  FT_UNKNOWN = 0, FT_BLOCK_DEVICE = 1, FT_CHARACTER_DEVICE = 2, FT_DIRECTORY = 3,
  FT_REGULAR_FILE = 4, FT_SOCKET_DGRAM = 5, FT_SOCKET_STREAM = 6, FT_SYMBOLIC_LINK = 7,
};
enum { FDF_APPEND = 1, FDF_DSYNC = 2, FDF_NONBLOCK = 4, FDF_RSYNC = 8, FDF_SYNC = 16, FDF_ALL = 31 };
enum { OF_CREAT = 1, OF_DIRECTORY = 2, OF_EXCL = 4, OF_TRUNC = 8, OF_ALL = 15 };
enum { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8 };
#define LOOKUP_SYMLINK_FOLLOW 1
#define ADVICE_MAX 5
#define MAX_SYMLINKS 40
/* Number.MAX_SAFE_INTEGER: the largest file offset loader/wasi accepts */
#define MAX_FILE 9007199254740991ull

#define FILESTAT_SIZE 64
#define FDSTAT_SIZE 24
#define DIRENT_SIZE 24
#define PRESTAT_SIZE 8
#define SUBSCRIPTION_SIZE 48
#define EVENT_SIZE 32

#define TRY(x)                 \
  do {                         \
    int try_e_ = (x);          \
    if (try_e_ != 0) return try_e_; \
  } while (0)

/* ---- fd table (fdtable.c) ---- */
enum { K_FREE = 0, K_STDIO = 1, K_FILE = 2, K_DIR = 3 };
#define KILN_WASI_MAX_FDS 1024

struct kw_preopen {
  uint64_t dev, ino;          /* identity of the root directory */
  const char *guest;          /* fd_prestat_dir_name */
  uint32_t guest_len;
  int readonly;
};

/* one fd_readdir listing (its own mapping): `.`, `..`, then the entries sorted by name */
struct kw_lent { uint64_t ino; uint32_t name_off; uint32_t name_len; uint32_t type; uint32_t pad; };
struct kw_listing { uint64_t map_size; uint64_t count; struct kw_lent ents[]; };

struct kw_entry {
  uint8_t kind;
  uint8_t owns;        /* 0 for stdio: closing the guest fd never closes the host's 0/1/2 */
  uint8_t filetype;
  uint8_t is_preopen;  /* the preopened directory itself (fd_prestat_get) */
  int hostfd;
  int preopen;         /* index into the preopen table, -1 for stdio */
  uint32_t fdflags;
  uint64_t rbase, rinh;
  uint64_t position;   /* file position, kept here as loader/wasi keeps it */
  struct kw_listing *listing;
};

struct kw_state {
  struct kw_entry fds[KILN_WASI_MAX_FDS];
  struct kw_preopen preopens[64];
  int npreopens;
  int argc; char **argv;
  const char *const *env; int nenv;
  int walk_forced;     /* KILN_WASI_RESOLVE=walk */
  int strategy;        /* 0 undecided, 1 openat2, 2 walk */
};
extern struct kw_state kiln_w;

int kw_get(uint32_t fd, struct kw_entry **out);       /* EBADF */
int kw_dir_entry(uint32_t fd, struct kw_entry **out); /* EBADF / ENOTDIR */
int kw_data_entry(uint32_t fd, struct kw_entry **out);/* EBADF / EISDIR */
int kw_check_room(void);                             /* EMFILE */
int kw_add(const struct kw_entry *e, uint32_t *fd);
int kw_close(uint32_t fd);
int kw_renumber(uint32_t from, uint32_t to);
void kw_free_listing(struct kw_entry *e);
static inline int kw_need(const struct kw_entry *e, uint64_t rights) {
  return (e->rbase & rights) == rights ? 0 : W_NOTCAPABLE;
}
static inline int kw_writable(const struct kw_entry *e) {
  return e->preopen >= 0 && kiln_w.preopens[e->preopen].readonly ? W_ROFS : 0;
}

/* ---- memory, errors, utf-8, scratch (util.c) ---- */
static inline int m_check(const struct kiln_mem *m, uint64_t ptr, uint64_t len) {
  return ptr + len > m->size ? W_FAULT : 0;
}
static inline uint8_t *m_at(const struct kiln_mem *m, uint64_t ptr) { return m->base + ptr; }
/* arguments from the call buffer */
static inline uint32_t a32(const uint64_t *a, int i) { return (uint32_t)a[i]; }

/* preview1 errno of a Linux errno */
int kw_errno(long linux_errno);
/* 0 for r >= 0, else the preview1 errno of -r */
static inline int kw_sys(long r) { return r < 0 ? kw_errno(-r) : 0; }

/* a guest string checked (EFAULT), strictly UTF-8 (EILSEQ), a leading BOM dropped (as
   TextDecoder does) */
struct kw_str { const uint8_t *p; uint64_t n; };
int kw_guest_str(const struct kiln_mem *m, uint32_t ptr, uint32_t len, struct kw_str *out);
/* lossy UTF-8 decoding (U+FFFD for each maximal invalid subpart, a leading BOM dropped) into
   the scratch area, NUL-terminated; NULL when out of scratch memory */
char *kw_lossy_utf8(const uint8_t *p, uint64_t n, uint64_t *out_len);

void *kw_scratch(uint64_t n);        /* 16-byte aligned, NULL when exhausted */
uint64_t kw_scratch_mark(void);
void kw_scratch_release(uint64_t mark);

/* a private anonymous mapping (for readdir listings), NULL on failure */
void *kw_map(uint64_t size);
void kw_unmap(void *p, uint64_t size);

uint8_t kw_filetype_of_mode(uint32_t mode);
void kw_write_filestat(uint8_t *p, const struct kstat *st);
int kw_new_times(uint32_t fst, uint64_t atim, uint64_t mtim, struct k_timespec t[2]);
void kw_sleep_ns(uint64_t ns);
uint64_t kw_monotonic_ns(void);

/* ---- directories read raw (readdir.c) ---- */
/* one record of a raw directory read: points into the scratch area */
struct kw_rawent { uint64_t ino; const char *name; uint32_t name_len; uint8_t dtype; };
/* every entry of the directory open at fd (`.` and `..` included), from the start */
int kw_read_directory(int fd, struct kw_rawent **out, uint64_t *count);
int kw_list_directory(struct kw_entry *e);

/* ---- sandboxed path resolution (resolve.c) ---- */
enum { FOLLOW = 0, NOFOLLOW = 1, NEVER = 2 };
struct kw_target {
  int dirfd;            /* O_PATH descriptor of the final object's directory; closed by kw_release */
  const char *name;     /* final component (with its trailing '/'), NULL for the directory itself */
  int has_stat;         /* the final object exists (lstat, or after following) */
  struct kstat st;
};
int kw_resolve(const struct kw_entry *dir, const struct kw_str *path, int mode, struct kw_target *t);
static inline void kw_release(struct kw_target *t) { k_close(t->dirfd); }
int kw_depth_below_root(int dirfd, const struct kw_preopen *root, uint32_t *depth);
/* checkSymlinkTarget of loader/wasi/sandbox.ts */
int kw_check_symlink_target(const char *target, uint64_t n, uint32_t depth);
/* a symlink target's climb: its leading `..` count, UINT64_MAX for a later `..` */
uint64_t kw_climb_of(const char *target, uint64_t n);
/* readlinkAt of loader/wasi/host-fs.ts: the target decoded lossily, in scratch */
int kw_readlink_str(int dirfd, const char *name, char **out, uint64_t *n);
int kw_open_at(int dirfd, const char *name, int flags, int mode, int *fd);
/* lstat by O_PATH|O_NOFOLLOW open + fstat: *exists = 0 on ENOENT */
int kw_lstat_at(int dirfd, const char *name, struct kstat *st, int *exists);

/* ---- moves (moves.c) ---- */
int kw_check_moved_tree(int srcdir, const char *srcname, const struct kstat *srcst, int dstdir,
                       const struct kw_preopen *root);

/* ---- for poll_oneoff: fd-calls.c, misc-calls.c ---- */
int kw_bytes_available(const struct kw_entry *e, uint64_t *n);
/* current time of a preview1 clock in ns (EINVAL for an unknown id) */
int kw_clock_now(uint32_t id, uint64_t *ns);

/* ---- the calls ---- */
typedef int (*kw_call_fn)(uint64_t *a, struct kiln_mem *m);
#define W_CALL(name) int kiln_wasi_##name(uint64_t *a, struct kiln_mem *m)

#endif
