/*
 * kiln native runtime: tables and their runtime functions. Each table is an array of 8-byte
 * references (funcref record addresses, 0 = null) in a mapping reserved for its maximum (up to
 * 2^26 elements; growing beyond fails with -1, as the spec allows), filled from the template
 * the module image holds (active element segments already applied). Bounds are checked before
 * anything is written ("out of bounds table access").
 */
#include "rt.h"

#define TABLE_CAP_LIMIT (1ULL << 26)

static uint64_t *table_base(uint32_t t) { return (uint64_t *)(uintptr_t)vm_word(VM_TABLES + 16 * (uint64_t)t); }
static uint32_t table_size(uint32_t t) { return *(uint32_t *)(R.vmctx + VM_TABLES + 16 * (uint64_t)t + 8); }
static void set_table_size(uint32_t t, uint32_t n) { *(uint32_t *)(R.vmctx + VM_TABLES + 16 * (uint64_t)t + 8) = n; }

static void *map_zeroed(uint64_t bytes) {
  if (bytes == 0) bytes = 8;
  long p = k_mmap(0, bytes, K_PROT_READ | K_PROT_WRITE, K_MAP_PRIVATE | K_MAP_ANONYMOUS | K_MAP_NORESERVE, -1, 0);
  if (p < 0 && p > -4096) rt_fail("cannot map a table", 0);
  return (void *)p;
}

void rt_tables_init(void) {
  uint64_t n = KM(KM_TABLE_COUNT);
  R.tables = map_zeroed(16 * n);
  for (uint64_t t = 0; t < n; t++) {
    const uint64_t *rec = KM_PTR(KM_TABLES) + t * TABLE_REC;
    uint64_t cap = rec[TABLE_MAX];
    if (cap > TABLE_CAP_LIMIT) cap = TABLE_CAP_LIMIT;
    if (cap < rec[TABLE_MIN]) cap = rec[TABLE_MIN];
    uint64_t *base = map_zeroed(8 * cap);
    memcpy(base, (const void *)(uintptr_t)rec[TABLE_TEMPLATE], 8 * rec[TABLE_MIN]);
    R.tables[2 * t] = (uint64_t)(uintptr_t)base;
    R.tables[2 * t + 1] = cap;
    vm_set(VM_TABLES + 16 * t, (uint64_t)(uintptr_t)base);
    set_table_size((uint32_t)t, (uint32_t)rec[TABLE_MIN]);
  }
  uint64_t ne = KM(KM_ELEM_COUNT);
  R.elem_dropped = map_zeroed(ne);
  const uint64_t *elems = KM_PTR(KM_ELEMS);
  for (uint64_t k = 0; k < ne; k++) R.elem_dropped[k] = elems[k * ELEM_REC + ELEM_PASSIVE] ? 0 : 1;
}

uintptr_t kiln_rt_table_get(uintptr_t vm, int32_t t, int32_t i) {
  (void)vm;
  if ((uint32_t)i >= table_size((uint32_t)t)) {
    rt_trap(TRAP_TABLE_OOB);
    return 0;
  }
  return (uintptr_t)table_base((uint32_t)t)[(uint32_t)i];
}

void kiln_rt_table_set(uintptr_t vm, int32_t t, int32_t i, uintptr_t v) {
  (void)vm;
  if ((uint32_t)i >= table_size((uint32_t)t)) return rt_trap(TRAP_TABLE_OOB);
  table_base((uint32_t)t)[(uint32_t)i] = v;
}

int32_t kiln_rt_table_size(uintptr_t vm, int32_t t) {
  (void)vm;
  return (int32_t)table_size((uint32_t)t);
}

int32_t kiln_rt_table_grow(uintptr_t vm, int32_t t, uintptr_t init, int32_t delta) {
  (void)vm;
  uint64_t old = table_size((uint32_t)t);
  uint64_t want = old + (uint32_t)delta;
  const uint64_t *rec = KM_PTR(KM_TABLES) + (uint64_t)(uint32_t)t * TABLE_REC;
  if (want > rec[TABLE_MAX] || want > R.tables[2 * (uint32_t)t + 1]) return -1;
  uint64_t *base = table_base((uint32_t)t);
  for (uint64_t k = old; k < want; k++) base[k] = init;
  set_table_size((uint32_t)t, (uint32_t)want);
  return (int32_t)old;
}

void kiln_rt_table_fill(uintptr_t vm, int32_t t, int32_t i, uintptr_t v, int32_t n) {
  (void)vm;
  uint64_t at = (uint32_t)i, len = (uint32_t)n;
  if (at + len > table_size((uint32_t)t)) return rt_trap(TRAP_TABLE_OOB);
  uint64_t *base = table_base((uint32_t)t);
  for (uint64_t k = 0; k < len; k++) base[at + k] = v;
}

void kiln_rt_table_copy(uintptr_t vm, int32_t dt, int32_t st, int32_t d, int32_t s, int32_t n) {
  (void)vm;
  uint64_t dst = (uint32_t)d, src = (uint32_t)s, len = (uint32_t)n;
  if (src + len > table_size((uint32_t)st) || dst + len > table_size((uint32_t)dt)) return rt_trap(TRAP_TABLE_OOB);
  memmove(table_base((uint32_t)dt) + dst, table_base((uint32_t)st) + src, 8 * len);
}

void kiln_rt_table_init(uintptr_t vm, int32_t t, int32_t e, int32_t d, int32_t s, int32_t n) {
  (void)vm;
  const uint64_t *rec = KM_PTR(KM_ELEMS) + (uint64_t)(uint32_t)e * ELEM_REC;
  uint64_t have = R.elem_dropped[(uint32_t)e] ? 0 : rec[ELEM_LENGTH];
  uint64_t dst = (uint32_t)d, src = (uint32_t)s, len = (uint32_t)n;
  if (src + len > have || dst + len > table_size((uint32_t)t)) return rt_trap(TRAP_TABLE_OOB);
  memcpy(table_base((uint32_t)t) + dst, (const uint64_t *)(uintptr_t)rec[ELEM_ITEMS] + src, 8 * len);
}

void kiln_rt_elem_drop(uintptr_t vm, int32_t e) {
  (void)vm;
  R.elem_dropped[(uint32_t)e] = 1;
}

uintptr_t kiln_rt_ref_func(uintptr_t vm, int32_t f) {
  (void)vm;
  return (uintptr_t)KM_PTR(KM_FUNCREFS)[(uint32_t)f];
}
