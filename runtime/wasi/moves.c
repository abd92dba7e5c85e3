/*
 * kiln native runtime, WASI layer: keeping guest-made symlinks inside their preopen when
 * things move (loader/wasi/moves.ts). path_rename checks what it moves: a symlink's target
 * from the destination; for a directory moved to a shallower place, every symlink below it
 * from where it will sit, read through descriptors only (openat O_NOFOLLOW, getdents64). Beyond
 * 100,000 entries or 256 levels the rename is refused with EXDEV, so `mv` falls back to copying.
 */
#include "internal.h"

#define MAX_SCANNED 100000
#define MAX_SCAN_DEPTH 256

static int scan(int dir, uint64_t depth, uint32_t level, int64_t *left) {
  if (level > MAX_SCAN_DEPTH) return W_XDEV;
  uint64_t mark = kw_scratch_mark();
  struct kw_rawent *ents;
  uint64_t n;
  int err = kw_read_directory(dir, &ents, &n);
  for (uint64_t i = 0; err == 0 && i < n; i++) {
    const struct kw_rawent *d = &ents[i];
    if ((d->name_len == 1 && d->name[0] == '.') || (d->name_len == 2 && d->name[0] == '.' && d->name[1] == '.')) continue;
    if (--*left < 0) {
      err = W_XDEV;
      break;
    }
    if (d->dtype == K_DT_LNK || d->dtype == K_DT_UNKNOWN) {
      uint64_t inner = kw_scratch_mark();
      char *target;
      uint64_t tn;
      if (kw_readlink_str(dir, d->name, &target, &tn) == 0) {
        uint64_t climb = kw_climb_of(target, tn);
        kw_scratch_release(inner);
        if (climb > depth) err = W_NOTCAPABLE;
        continue;
      }
      kw_scratch_release(inner); /* not a symlink (DT_UNKNOWN) */
    }
    if (d->dtype == K_DT_DIR || d->dtype == K_DT_UNKNOWN) {
      int sub;
      if (kw_open_at(dir, d->name, K_O_RDONLY | K_O_DIRECTORY | K_O_NOFOLLOW, 0, &sub) != 0) continue;
      err = scan(sub, depth + 1, level + 1, left);
      k_close(sub);
    }
  }
  kw_scratch_release(mark);
  return err;
}

int kw_check_moved_tree(int srcdir, const char *srcname, const struct kstat *srcst, int dstdir,
                       const struct kw_preopen *root) {
  uint32_t fmt = srcst->st_mode & K_S_IFMT;
  if (fmt == K_S_IFLNK) {
    char *target;
    uint64_t tn;
    uint32_t depth;
    TRY(kw_readlink_str(srcdir, srcname, &target, &tn));
    TRY(kw_depth_below_root(dstdir, root, &depth));
    return kw_check_symlink_target(target, tn, depth);
  }
  if (fmt != K_S_IFDIR) return 0;
  uint32_t from, to;
  TRY(kw_depth_below_root(srcdir, root, &from));
  TRY(kw_depth_below_root(dstdir, root, &to));
  from++;
  to++;
  if (to >= from) return 0;
  int top;
  TRY(kw_open_at(srcdir, srcname, K_O_RDONLY | K_O_DIRECTORY | K_O_NOFOLLOW, 0, &top));
  int64_t left = MAX_SCANNED;
  int err = scan(top, to, 0, &left);
  k_close(top);
  return err;
}
