/*
 * kiln native runtime, WASI layer: reading directories through their descriptors
 * (getdents64 from offset 0, as host-fs.ts readDirectory does through a rewound directory
 * stream) and the fd_readdir listing of fd-calls.ts listDirectory: `.`, `..` (a preopen's root
 * names itself as `..`), then the entries sorted by name (bytewise, as Buffer.compare), kept
 * in a mapping of its own so that cookies stay stable until the next cookie 0.
 */
#include "internal.h"

#define CHUNK 32768

int kw_read_directory(int fd, struct kw_rawent **out, uint64_t *count) {
  TRY(kw_sys(k_lseek(fd, 0, K_SEEK_SET)));
  /* the raw records: consecutive scratch chunks (the bump allocator keeps them contiguous) */
  uint8_t *raw = kw_scratch(CHUNK);
  if (raw == NULL) return W_NOMEM;
  uint64_t used = 0, cap = CHUNK, n = 0;
  for (;;) {
    if (cap - used < 1024) {
      if (kw_scratch(CHUNK) != raw + cap) return W_NOMEM;
      cap += CHUNK;
    }
    long r = k_getdents64(fd, raw + used, cap - used);
    if (r < 0) return kw_errno(-r);
    if (r == 0) break;
    for (uint64_t o = used; o < used + (uint64_t)r; o += kiln_ld16(raw + o + 16)) n++;
    used += (uint64_t)r;
  }
  struct kw_rawent *ents = kw_scratch((n == 0 ? 1 : n) * sizeof *ents);
  if (ents == NULL) return W_NOMEM;
  uint64_t i = 0;
  for (uint64_t o = 0; o < used; o += kiln_ld16(raw + o + 16)) {
    struct kw_rawent *e = &ents[i++];
    e->ino = kiln_ld64(raw + o);
    e->dtype = raw[o + 18];
    e->name = (const char *)raw + o + 19;
    e->name_len = (uint32_t)kiln_strlen(e->name);
  }
  *out = ents;
  *count = n;
  return 0;
}

static int name_cmp(const struct kw_rawent *a, const struct kw_rawent *b) {
  uint32_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
  int c = memcmp(a->name, b->name, n);
  if (c != 0) return c;
  return a->name_len < b->name_len ? -1 : a->name_len > b->name_len ? 1 : 0;
}

static void sift(struct kw_rawent *a, uint64_t root, uint64_t n) {
  for (;;) {
    uint64_t child = root * 2 + 1;
    if (child >= n) return;
    if (child + 1 < n && name_cmp(&a[child], &a[child + 1]) < 0) child++;
    if (name_cmp(&a[root], &a[child]) >= 0) return;
    struct kw_rawent t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

static void sort_by_name(struct kw_rawent *a, uint64_t n) {
  for (uint64_t i = n / 2; i > 0; i--) sift(a, i - 1, n);
  for (uint64_t end = n; end > 1; end--) {
    struct kw_rawent t = a[0];
    a[0] = a[end - 1];
    a[end - 1] = t;
    sift(a, 0, end - 1);
  }
}

static int is_dot_name(const struct kw_rawent *e) {
  return (e->name_len == 1 && e->name[0] == '.') || (e->name_len == 2 && e->name[0] == '.' && e->name[1] == '.');
}

/* preview1 filetype of a d_type; -1 asks lstat (DT_UNKNOWN and anything unlisted) */
static int dtype_filetype(uint8_t d) {
  switch (d) {
    case K_DT_FIFO: return FT_UNKNOWN;
    case K_DT_CHR: return FT_CHARACTER_DEVICE;
    case K_DT_DIR: return FT_DIRECTORY;
    case K_DT_BLK: return FT_BLOCK_DEVICE;
    case K_DT_REG: return FT_REGULAR_FILE;
    case K_DT_LNK: return FT_SYMBOLIC_LINK;
    case K_DT_SOCK: return FT_SOCKET_STREAM;
    default: return -1;
  }
}

int kw_list_directory(struct kw_entry *e) {
  struct kstat self;
  TRY(kw_sys(k_fstat(e->hostfd, &self)));
  const struct kw_preopen *po = e->preopen >= 0 ? &kiln_w.preopens[e->preopen] : NULL;
  int at_root = e->is_preopen || (po != NULL && self.st_dev == po->dev && self.st_ino == po->ino);
  uint64_t parent_ino = self.st_ino;
  if (!at_root) {
    int up;
    struct kstat ust;
    TRY(kw_open_at(e->hostfd, "..", K_O_PATH | K_O_DIRECTORY, 0, &up));
    int err = kw_sys(k_fstat(up, &ust));
    k_close(up);
    TRY(err);
    parent_ino = ust.st_ino;
  }
  struct kw_rawent *raw;
  uint64_t n;
  TRY(kw_read_directory(e->hostfd, &raw, &n));
  uint64_t k = 0;
  for (uint64_t i = 0; i < n; i++) {
    if (!is_dot_name(&raw[i])) raw[k++] = raw[i];
  }
  n = k;
  sort_by_name(raw, n);
  /* types: d_type, or lstat of the entry (gone meanwhile: left out) */
  int *types = kw_scratch((n == 0 ? 1 : n) * sizeof *types);
  if (types == NULL) return W_NOMEM;
  uint64_t names = 3, kept = 0;
  for (uint64_t i = 0; i < n; i++) {
    types[i] = dtype_filetype(raw[i].dtype);
    if (types[i] < 0) {
      struct kstat st;
      int exists;
      TRY(kw_lstat_at(e->hostfd, raw[i].name, &st, &exists));
      types[i] = exists ? kw_filetype_of_mode(st.st_mode) : -2;
    }
    if (types[i] != -2) {
      names += raw[i].name_len;
      kept++;
    }
  }
  uint64_t count = kept + 2;
  uint64_t size = sizeof(struct kw_listing) + count * sizeof(struct kw_lent) + names;
  size = (size + 4095) & ~4095ull;
  struct kw_listing *l = kw_map(size);
  if (l == NULL) return W_NOMEM;
  l->map_size = size;
  l->count = count;
  char *nb = (char *)&l->ents[count];
  uint32_t off = (uint32_t)(nb - (char *)l);
  memcpy(nb, "...", 3);
  l->ents[0] = (struct kw_lent){ self.st_ino, off, 1, FT_DIRECTORY, 0 };
  l->ents[1] = (struct kw_lent){ parent_ino, off + 1, 2, FT_DIRECTORY, 0 };
  off += 3;
  uint64_t j = 2;
  for (uint64_t i = 0; i < n; i++) {
    if (types[i] == -2) continue;
    memcpy((char *)l + off, raw[i].name, raw[i].name_len);
    l->ents[j++] = (struct kw_lent){ raw[i].ino, off, raw[i].name_len, (uint32_t)types[i], 0 };
    off += raw[i].name_len;
  }
  kw_free_listing(e);
  e->listing = l;
  return 0;
}
