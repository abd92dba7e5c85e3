/*
 * kiln native runtime, WASI layer: the preview1 `fd_*` calls, ported from
 * loader/wasi/fd-calls.ts with its order of checks and its errno choices. Files are read and
 * written positionally (pread64/pwrite64) at a position kept in the fd entry; stdio is a stream
 * (no position, ESPIPE for seeks). append/sync/dsync are applied on every write, so
 * fd_fdstat_set_flags can change them at any time. Arguments: a[i], 8 bytes each, i32
 * zero-extended; the result is the errno.
 */
#include "internal.h"

/* EFAULT unless the iovec array and every buffer it names lie inside memory */
static int check_iovecs(const struct kiln_mem *m, uint32_t iovs, uint32_t n) {
  TRY(m_check(m, iovs, (uint64_t)n * 8));
  const uint8_t *v = m_at(m, iovs);
  for (uint32_t i = 0; i < n; i++) TRY(m_check(m, kiln_ld32(v + i * 8), kiln_ld32(v + i * 8 + 4)));
  return 0;
}

#define IOV_BUF(m, iovs, i) m_at((m), kiln_ld32(m_at((m), (iovs)) + (i) * 8))
#define IOV_LEN(m, iovs, i) kiln_ld32(m_at((m), (iovs)) + (i) * 8 + 4)

static int read_at(const struct kw_entry *e, const struct kiln_mem *m, uint32_t iovs, uint32_t n,
                   uint64_t pos, uint64_t *total) {
  *total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = IOV_LEN(m, iovs, i);
    if (len == 0) continue;
    long r = k_pread(e->hostfd, IOV_BUF(m, iovs, i), len, pos + *total);
    if (r < 0) return kw_errno(-r);
    *total += (uint64_t)r;
    if ((uint64_t)r < len) break;
  }
  return 0;
}

static int write_at(const struct kw_entry *e, const struct kiln_mem *m, uint32_t iovs, uint32_t n,
                    uint64_t pos, uint64_t *total) {
  *total = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len = IOV_LEN(m, iovs, i);
    const uint8_t *buf = IOV_BUF(m, iovs, i);
    uint64_t off = 0;
    while (off < len) {
      long r = k_pwrite(e->hostfd, buf + off, len - off, pos + *total + off);
      if (r < 0) return kw_errno(-r);
      if (r == 0) return W_IO;
      off += (uint64_t)r;
    }
    *total += off;
  }
  return 0;
}

static int sync_after_write(const struct kw_entry *e) {
  if (e->fdflags & FDF_SYNC) return kw_sys(k_fsync(e->hostfd));
  if (e->fdflags & FDF_DSYNC) return kw_sys(k_fdatasync(e->hostfd));
  return 0;
}

/* read from a stream, waiting out EAGAIN unless the guest asked for nonblock */
static int stream_read(const struct kw_entry *e, uint8_t *buf, uint32_t len, uint64_t *got) {
  for (;;) {
    long r = k_read(e->hostfd, buf, len);
    if (r >= 0) {
      *got = (uint64_t)r;
      return 0;
    }
    if (r != -K_EAGAIN || (e->fdflags & FDF_NONBLOCK)) return kw_errno(-r);
    kw_sleep_ns(1000000);
  }
}

/* write all of a buffer to a stream, so nothing is lost or reordered at exit */
static int stream_write_all(const struct kw_entry *e, const uint8_t *buf, uint32_t len) {
  uint64_t off = 0;
  while (off < len) {
    long r = k_write(e->hostfd, buf + off, len - off);
    if (r == -K_EAGAIN) {
      kw_sleep_ns(1000000);
      continue;
    }
    if (r < 0) return kw_errno(-r);
    off += (uint64_t)r;
  }
  return 0;
}

static int file_size(const struct kw_entry *e, uint64_t *size) {
  struct kstat st;
  TRY(kw_sys(k_fstat(e->hostfd, &st)));
  *size = (uint64_t)st.st_size;
  return 0;
}

W_CALL(fd_advise) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_data_entry(a32(a, 0), &e));
  TRY(kw_need(e, R_FD_ADVISE));
  if (a32(a, 3) > ADVICE_MAX) return W_INVAL;
  return 0; /* a hint: accepted and ignored, as loader/wasi does */
}

W_CALL(fd_allocate) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_data_entry(a32(a, 0), &e));
  TRY(kw_writable(e));
  TRY(kw_need(e, R_FD_ALLOCATE));
  uint64_t off = a[1], len = a[2];
  if (len == 0) return W_INVAL;
  if (off > MAX_FILE || len > MAX_FILE - off) return W_FBIG;
  if (e->kind == K_STDIO) return W_SPIPE;
  struct kstat st;
  TRY(kw_sys(k_fstat(e->hostfd, &st)));
  if ((st.st_mode & K_S_IFMT) != K_S_IFREG) return W_NODEV;
  if (off + len > (uint64_t)st.st_size) return kw_sys(k_ftruncate(e->hostfd, off + len));
  return 0;
}

W_CALL(fd_close) {
  (void)m;
  return kw_close(a32(a, 0));
}

W_CALL(fd_datasync) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  TRY(kw_need(e, R_FD_DATASYNC));
  return kw_sys(k_fdatasync(e->hostfd));
}

W_CALL(fd_fdstat_get) {
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  TRY(m_check(m, a32(a, 1), FDSTAT_SIZE));
  uint8_t *p = m_at(m, a32(a, 1));
  memset(p, 0, FDSTAT_SIZE);
  p[0] = e->filetype;
  kiln_st16(p + 2, (uint16_t)e->fdflags);
  kiln_st64(p + 8, e->rbase);
  kiln_st64(p + 16, e->rinh);
  return 0;
}

W_CALL(fd_fdstat_set_flags) {
  (void)m;
  struct kw_entry *e;
  uint32_t flags = a32(a, 1);
  TRY(kw_get(a32(a, 0), &e));
  if (flags & FDF_APPEND) TRY(kw_writable(e));
  TRY(kw_need(e, R_FD_FDSTAT_SET_FLAGS));
  if (flags & ~(uint32_t)FDF_ALL) return W_INVAL;
  e->fdflags = flags & FDF_ALL;
  return 0;
}

W_CALL(fd_fdstat_set_rights) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  if ((a[1] & ~e->rbase) != 0 || (a[2] & ~e->rinh) != 0) return W_NOTCAPABLE;
  e->rbase = a[1];
  e->rinh = a[2];
  return 0;
}

W_CALL(fd_filestat_get) {
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  TRY(kw_need(e, R_FD_FILESTAT_GET));
  TRY(m_check(m, a32(a, 1), FILESTAT_SIZE));
  struct kstat st;
  TRY(kw_sys(k_fstat(e->hostfd, &st)));
  kw_write_filestat(m_at(m, a32(a, 1)), &st);
  return 0;
}

W_CALL(fd_filestat_set_size) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_data_entry(a32(a, 0), &e));
  TRY(kw_writable(e));
  TRY(kw_need(e, R_FD_FILESTAT_SET_SIZE));
  if (a[1] > MAX_FILE) return W_FBIG;
  return kw_sys(k_ftruncate(e->hostfd, a[1]));
}

W_CALL(fd_filestat_set_times) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  TRY(kw_writable(e));
  TRY(kw_need(e, R_FD_FILESTAT_SET_TIMES));
  struct k_timespec t[2];
  TRY(kw_new_times(a32(a, 3), a[1], a[2], t));
  return kw_sys(k_utimensat(e->hostfd, "", t, K_AT_EMPTY_PATH));
}

W_CALL(fd_pread) {
  struct kw_entry *e;
  TRY(kw_data_entry(a32(a, 0), &e));
  if (e->kind == K_STDIO) return W_SPIPE;
  TRY(kw_need(e, R_FD_READ | R_FD_SEEK));
  TRY(check_iovecs(m, a32(a, 1), a32(a, 2)));
  TRY(m_check(m, a32(a, 4), 4));
  if (a[3] > MAX_FILE) return W_INVAL;
  uint64_t n;
  TRY(read_at(e, m, a32(a, 1), a32(a, 2), a[3], &n));
  kiln_st32(m_at(m, a32(a, 4)), (uint32_t)n);
  return 0;
}

W_CALL(fd_prestat_get) {
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  if (!e->is_preopen || e->preopen < 0) return W_BADF;
  TRY(m_check(m, a32(a, 1), PRESTAT_SIZE));
  uint8_t *p = m_at(m, a32(a, 1));
  memset(p, 0, PRESTAT_SIZE);
  p[0] = 0; /* preopentype dir */
  kiln_st32(p + 4, kiln_w.preopens[e->preopen].guest_len);
  return 0;
}

W_CALL(fd_prestat_dir_name) {
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  if (!e->is_preopen || e->preopen < 0) return W_BADF;
  const struct kw_preopen *po = &kiln_w.preopens[e->preopen];
  TRY(m_check(m, a32(a, 1), a32(a, 2)));
  if (a32(a, 2) < po->guest_len) return W_NAMETOOLONG;
  memcpy(m_at(m, a32(a, 1)), po->guest, po->guest_len);
  return 0;
}

W_CALL(fd_pwrite) {
  struct kw_entry *e;
  TRY(kw_data_entry(a32(a, 0), &e));
  TRY(kw_writable(e));
  if (e->kind == K_STDIO) return W_SPIPE;
  TRY(kw_need(e, R_FD_WRITE | R_FD_SEEK));
  TRY(check_iovecs(m, a32(a, 1), a32(a, 2)));
  TRY(m_check(m, a32(a, 4), 4));
  if (a[3] > MAX_FILE) return W_FBIG;
  uint64_t n;
  TRY(write_at(e, m, a32(a, 1), a32(a, 2), a[3], &n));
  TRY(sync_after_write(e));
  kiln_st32(m_at(m, a32(a, 4)), (uint32_t)n);
  return 0;
}

W_CALL(fd_read) {
  struct kw_entry *e;
  uint32_t iovs = a32(a, 1), n = a32(a, 2);
  TRY(kw_data_entry(a32(a, 0), &e));
  TRY(kw_need(e, R_FD_READ));
  TRY(check_iovecs(m, iovs, n));
  TRY(m_check(m, a32(a, 3), 4));
  uint64_t total = 0;
  if (e->kind == K_STDIO) {
    for (uint32_t i = 0; i < n; i++) {
      uint32_t len = IOV_LEN(m, iovs, i);
      if (len == 0) continue;
      uint64_t got = 0;
      TRY(stream_read(e, IOV_BUF(m, iovs, i), len, &got));
      total += got;
      if (got < len) break;
    }
  } else {
    TRY(read_at(e, m, iovs, n, e->position, &total));
    e->position += total;
  }
  kiln_st32(m_at(m, a32(a, 3)), (uint32_t)total);
  return 0;
}

W_CALL(fd_readdir) {
  struct kw_entry *e;
  uint32_t buf = a32(a, 1), buf_len = a32(a, 2), used_ptr = a32(a, 4);
  uint64_t cookie = a[3];
  TRY(kw_get(a32(a, 0), &e));
  if (e->kind != K_DIR) return W_NOTDIR;
  TRY(kw_need(e, R_FD_READDIR));
  TRY(m_check(m, buf, buf_len));
  TRY(m_check(m, used_ptr, 4));
  if (cookie == 0 || e->listing == NULL) TRY(kw_list_directory(e));
  const struct kw_listing *l = e->listing;
  uint8_t *out = m_at(m, buf);
  uint64_t used = 0;
  for (uint64_t i = cookie; i < l->count && used < buf_len; i++) {
    const struct kw_lent *d = &l->ents[i];
    uint8_t header[DIRENT_SIZE];
    memset(header, 0, sizeof header);
    kiln_st64(header, i + 1);
    kiln_st64(header + 8, d->ino);
    kiln_st32(header + 16, d->name_len);
    header[20] = (uint8_t)d->type;
    const uint8_t *name = (const uint8_t *)l + d->name_off;
    for (uint64_t k = 0; k < DIRENT_SIZE + d->name_len && used < buf_len; k++) {
      out[used++] = k < DIRENT_SIZE ? header[k] : name[k - DIRENT_SIZE];
    }
  }
  kiln_st32(m_at(m, used_ptr), (uint32_t)used);
  return 0;
}

W_CALL(fd_renumber) {
  (void)m;
  return kw_renumber(a32(a, 0), a32(a, 1));
}

W_CALL(fd_seek) {
  struct kw_entry *e;
  int64_t off = (int64_t)a[1];
  uint32_t whence = a32(a, 2);
  TRY(kw_data_entry(a32(a, 0), &e));
  if (e->kind == K_STDIO) return W_SPIPE;
  TRY(kw_need(e, off == 0 && whence == 1 ? R_FD_TELL : R_FD_SEEK));
  TRY(m_check(m, a32(a, 3), 8));
  uint64_t base;
  if (whence == 0) base = 0;
  else if (whence == 1) base = e->position;
  else if (whence == 2) TRY(file_size(e, &base));
  else return W_INVAL;
  uint64_t pos;
  if (off >= 0) {
    if ((uint64_t)off > MAX_FILE || base > MAX_FILE - (uint64_t)off) {
      /* base + off is positive here, so only the upper limit can fail */
      return W_OVERFLOW;
    }
    pos = base + (uint64_t)off;
  } else {
    uint64_t back = (uint64_t)0 - (uint64_t)off;
    if (back > base) return W_INVAL;
    pos = base - back;
    if (pos > MAX_FILE) return W_OVERFLOW;
  }
  e->position = pos;
  kiln_st64(m_at(m, a32(a, 3)), pos);
  return 0;
}

W_CALL(fd_sync) {
  (void)m;
  struct kw_entry *e;
  TRY(kw_get(a32(a, 0), &e));
  TRY(kw_need(e, R_FD_SYNC));
  return kw_sys(k_fsync(e->hostfd));
}

W_CALL(fd_tell) {
  struct kw_entry *e;
  TRY(kw_data_entry(a32(a, 0), &e));
  if (e->kind == K_STDIO) return W_SPIPE;
  TRY(kw_need(e, R_FD_TELL));
  TRY(m_check(m, a32(a, 1), 8));
  kiln_st64(m_at(m, a32(a, 1)), e->position);
  return 0;
}

W_CALL(fd_write) {
  struct kw_entry *e;
  uint32_t iovs = a32(a, 1), n = a32(a, 2);
  TRY(kw_data_entry(a32(a, 0), &e));
  TRY(kw_writable(e));
  TRY(kw_need(e, R_FD_WRITE));
  TRY(check_iovecs(m, iovs, n));
  TRY(m_check(m, a32(a, 3), 4));
  uint64_t total = 0;
  if (e->kind == K_STDIO) {
    for (uint32_t i = 0; i < n; i++) {
      uint32_t len = IOV_LEN(m, iovs, i);
      TRY(stream_write_all(e, IOV_BUF(m, iovs, i), len));
      total += len;
    }
  } else {
    if (e->fdflags & FDF_APPEND) TRY(file_size(e, &e->position));
    TRY(write_at(e, m, iovs, n, e->position, &total));
    e->position += total;
    TRY(sync_after_write(e));
  }
  kiln_st32(m_at(m, a32(a, 3)), (uint32_t)total);
  return 0;
}

/* used by poll_oneoff: bytes available to read from a file entry at its position */
int kw_bytes_available(const struct kw_entry *e, uint64_t *n) {
  *n = 0;
  if (e->kind != K_FILE) return 0;
  uint64_t size;
  TRY(file_size(e, &size));
  *n = size > e->position ? size - e->position : 0;
  return 0;
}
