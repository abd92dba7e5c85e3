/*
 * kiln native runtime, WASI layer: small shared helpers. Linux errno → preview1 errno (by
 * name, as loader/wasi/errors.ts maps Node's error codes; anything without a preview1 name is
 * EIO), guest strings (strict UTF-8 as TextDecoder({fatal:true}) decodes them, lossy UTF-8 as
 * TextDecoder() does for symlink targets), the scratch allocator that every call releases when
 * it returns, filestat encoding, utimensat times, sleeping and the monotonic clock.
 */
#include "internal.h"

static const uint8_t ERRNO_MAP[132] = {
  [1] = W_PERM, [2] = W_NOENT, [3] = 71, [4] = W_INTR, [5] = W_IO, [6] = 60, [7] = W_2BIG,
  [8] = 45, [9] = W_BADF, [10] = 12, [11] = W_AGAIN, [12] = W_NOMEM, [13] = W_ACCES,
  [14] = W_FAULT, [16] = W_BUSY, [17] = W_EXIST, [18] = W_XDEV, [19] = W_NODEV,
  [20] = W_NOTDIR, [21] = W_ISDIR, [22] = W_INVAL, [23] = 41, [24] = W_MFILE, [25] = 59,
  [26] = 74, [27] = W_FBIG, [28] = 51, [29] = W_SPIPE, [30] = W_ROFS, [31] = 34, [32] = 64,
  [33] = 18, [34] = 68, [35] = 16, [36] = W_NAMETOOLONG, [37] = 46, [38] = W_NOSYS, [39] = 55,
  [40] = W_LOOP, [42] = 49, [43] = 24, [67] = 47, [71] = 65, [72] = 36, [74] = 9,
  [75] = W_OVERFLOW, [84] = W_ILSEQ, [88] = W_NOTSOCK, [89] = 17, [90] = 35, [91] = 67,
  [92] = 50, [93] = 66, [95] = 58, [97] = 5, [98] = 3, [99] = 4, [100] = 38, [101] = 40,
  [102] = 39, [103] = 13, [104] = 15, [105] = 42, [106] = 30, [107] = 53, [110] = 73,
  [111] = 14, [113] = 23, [114] = 7, [115] = 26, [116] = 72, [122] = 19, [125] = 11,
  [130] = 62, [131] = 56,
};

int kw_errno(long e) {
  if (e > 0 && e < (long)sizeof ERRNO_MAP && ERRNO_MAP[e] != 0) return ERRNO_MAP[e];
  return W_IO;
}

/* ---- UTF-8 (the WHATWG decoder's rules: no overlongs, no surrogates, at most U+10FFFF) ---- */

/* length of the valid sequence at p[0..n), or 0 when it is invalid; *bad = bytes of the
   maximal invalid subpart (at least 1) */
static uint32_t utf8_seq(const uint8_t *p, uint64_t n, uint32_t *bad) {
  uint8_t b = p[0];
  uint32_t need;
  uint8_t lo = 0x80, hi = 0xBF;
  *bad = 1;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) need = 1;
  else if (b >= 0xE0 && b <= 0xEF) {
    need = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (uint32_t i = 1; i <= need; i++) {
    if (i >= n || p[i] < lo || p[i] > hi) {
      *bad = i;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

static int has_bom(const uint8_t *p, uint64_t n) {
  return n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
}

int kw_guest_str(const struct kiln_mem *m, uint32_t ptr, uint32_t len, struct kw_str *out) {
  TRY(m_check(m, ptr, len));
  const uint8_t *p = m_at(m, ptr);
  for (uint64_t i = 0; i < len;) {
    uint32_t bad;
    uint32_t k = utf8_seq(p + i, len - i, &bad);
    if (k == 0) return W_ILSEQ;
    i += k;
  }
  if (has_bom(p, len)) {
    p += 3;
    len -= 3;
  }
  out->p = p;
  out->n = len;
  return 0;
}

char *kw_lossy_utf8(const uint8_t *p, uint64_t n, uint64_t *out_len) {
  char *out = kw_scratch(n * 3 + 1);
  if (out == NULL) return NULL;
  uint64_t o = 0;
  for (uint64_t i = 0; i < n;) {
    uint32_t bad;
    uint32_t k = utf8_seq(p + i, n - i, &bad);
    if (k == 0) {
      out[o++] = (char)0xEF;
      out[o++] = (char)0xBF;
      out[o++] = (char)0xBD;
      i += bad;
    } else {
      memcpy(out + o, p + i, k);
      o += k;
      i += k;
    }
  }
  if (has_bom((const uint8_t *)out, o)) {
    memmove(out, out + 3, o - 3);
    o -= 3;
  }
  out[o] = 0;
  *out_len = o;
  return out;
}

/* ---- scratch: a lazily reserved region, bump-allocated, released at the end of each call ---- */
#define SCRATCH_SIZE (256ull << 20)
#define SCRATCH_KEEP (1ull << 20)
static uint8_t *scratch_base;
static uint64_t scratch_top, scratch_high;

void *kw_scratch(uint64_t n) {
  if (scratch_base == NULL) {
    long r = k_mmap(NULL, SCRATCH_SIZE, K_PROT_READ | K_PROT_WRITE,
                    K_MAP_PRIVATE | K_MAP_ANONYMOUS | K_MAP_NORESERVE, -1, 0);
    if (r < 0 && r > -4096) return NULL;
    scratch_base = (uint8_t *)r;
  }
  uint64_t size = (n + 15) & ~15ull;
  if (size < n || size > SCRATCH_SIZE - scratch_top) return NULL;
  void *p = scratch_base + scratch_top;
  scratch_top += size;
  if (scratch_top > scratch_high) scratch_high = scratch_top;
  return p;
}

uint64_t kw_scratch_mark(void) { return scratch_top; }

void kw_scratch_release(uint64_t mark) {
  scratch_top = mark;
  /* give back what a large call touched, keeping the first MiB warm */
  if (mark == 0 && scratch_high > SCRATCH_KEEP) {
    k_madvise(scratch_base + SCRATCH_KEEP, scratch_high - SCRATCH_KEEP, K_MADV_DONTNEED);
    scratch_high = SCRATCH_KEEP;
  }
}

void *kw_map(uint64_t size) {
  long r = k_mmap(NULL, size, K_PROT_READ | K_PROT_WRITE, K_MAP_PRIVATE | K_MAP_ANONYMOUS, -1, 0);
  if (r < 0 && r > -4096) return NULL;
  return (void *)r;
}

void kw_unmap(void *p, uint64_t size) { k_munmap(p, size); }

/* ---- stat, times, sleeping ---- */
uint8_t kw_filetype_of_mode(uint32_t mode) {
  switch (mode & K_S_IFMT) {
    case K_S_IFREG: return FT_REGULAR_FILE;
    case K_S_IFDIR: return FT_DIRECTORY;
    case K_S_IFLNK: return FT_SYMBOLIC_LINK;
    case K_S_IFCHR: return FT_CHARACTER_DEVICE;
    case K_S_IFBLK: return FT_BLOCK_DEVICE;
    case K_S_IFSOCK: return FT_SOCKET_STREAM;
    default: return FT_UNKNOWN;
  }
}

static uint64_t ns_of(uint64_t sec, uint64_t nsec) { return sec * 1000000000ull + nsec; }

/* dev @0 ino @8 filetype u8 @16 nlink @24 size @32 atim @40 mtim @48 ctim @56 */
void kw_write_filestat(uint8_t *p, const struct kstat *st) {
  memset(p, 0, FILESTAT_SIZE);
  kiln_st64(p, st->st_dev);
  kiln_st64(p + 8, st->st_ino);
  p[16] = kw_filetype_of_mode(st->st_mode);
  kiln_st64(p + 24, (uint64_t)st->st_nlink);
  kiln_st64(p + 32, (uint64_t)st->st_size);
  kiln_st64(p + 40, ns_of(st->st_atime_sec, st->st_atime_nsec));
  kiln_st64(p + 48, ns_of(st->st_mtime_sec, st->st_mtime_nsec));
  kiln_st64(p + 56, ns_of(st->st_ctime_sec, st->st_ctime_nsec));
}

static void time_of(uint32_t fst, uint32_t set, uint32_t now, uint64_t v, struct k_timespec *t) {
  if (fst & now) {
    t->tv_sec = 0;
    t->tv_nsec = K_UTIME_NOW;
  } else if (fst & set) {
    t->tv_sec = (int64_t)(v / 1000000000ull);
    t->tv_nsec = (int64_t)(v % 1000000000ull);
  } else {
    t->tv_sec = 0;
    t->tv_nsec = K_UTIME_OMIT;
  }
}

int kw_new_times(uint32_t fst, uint64_t atim, uint64_t mtim, struct k_timespec t[2]) {
  if (fst & ~15u) return W_INVAL;
  if ((fst & FST_ATIM) && (fst & FST_ATIM_NOW)) return W_INVAL;
  if ((fst & FST_MTIM) && (fst & FST_MTIM_NOW)) return W_INVAL;
  time_of(fst, FST_ATIM, FST_ATIM_NOW, atim, &t[0]);
  time_of(fst, FST_MTIM, FST_MTIM_NOW, mtim, &t[1]);
  return 0;
}

void kw_sleep_ns(uint64_t ns) {
  struct k_timespec req = { (int64_t)(ns / 1000000000ull), (int64_t)(ns % 1000000000ull) };
  struct k_timespec rem;
  while (k_nanosleep(&req, &rem) == -K_EINTR) req = rem;
}

uint64_t kw_monotonic_ns(void) {
  struct k_timespec t = { 0, 0 };
  k_clock_gettime(1, &t);
  return ns_of((uint64_t)t.tv_sec, (uint64_t)t.tv_nsec);
}
