/*
 * kiln native runtime: the linear memory and its runtime functions. The memory is one 8 GiB
 * PROT_NONE reservation of which the accessible pages are read-write, so it never moves (the
 * vmctx's base is constant: docs/native-abi.md) and guard-page code needs no bounds checks;
 * growing makes more pages read-write. Bulk operations check the whole range before writing
 * anything and trap "out of bounds memory access" as the interpreter does.
 */
#include "rt.h"

static long k_mprotect(void *addr, uint64_t n, int prot) { return K_SC(SYS_mprotect, addr, n, prot, 0, 0, 0); }

static uint64_t mem_size(void) { return vm_word(VM_MEM_SIZE); }

void rt_memory_init(void) {
  uint64_t n = KM(KM_DATA_COUNT);
  const uint64_t *data = KM_PTR(KM_DATA);
  static uint8_t no_segments[1];
  R.data_dropped = no_segments;
  if (n > 0) {
    long p = k_mmap(0, n, K_PROT_READ | K_PROT_WRITE, K_MAP_PRIVATE | K_MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p > -4096) rt_fail("cannot map memory", 0);
    R.data_dropped = (uint8_t *)p;
  }
  if (KM(KM_MEM_PRESENT) == 0) return;
  uint64_t max = KM(KM_MEM_MAX);
  uint64_t limit = KM(KM_MEM_LIMIT);
  if (limit != 0 && limit < max) max = limit;
  if (max > 65536) max = 65536;
  R.mem_max_pages = max;
  uint64_t min = KM(KM_MEM_MIN);
  if (min > max) rt_fail("the module's initial memory is larger than the memory limit (--max-memory)", 0);
  long base = k_mmap(0, MEMORY_RESERVE, K_PROT_NONE, K_MAP_PRIVATE | K_MAP_ANONYMOUS | K_MAP_NORESERVE, -1, 0);
  if (base < 0 && base > -4096) rt_fail("cannot reserve 8 GiB of address space for the linear memory", 0);
  R.mem_base = (uint8_t *)base;
  if (min > 0 && k_mprotect(R.mem_base, min * WASM_PAGE, K_PROT_READ | K_PROT_WRITE) != 0) rt_fail("cannot map the initial linear memory", 0);
  vm_set(VM_MEM_BASE, (uint64_t)base);
  vm_set(VM_MEM_SIZE, min * WASM_PAGE);
  /* active segments (their bounds were checked when the executable was built), then dropped */
  for (uint64_t k = 0; k < n; k++) {
    const uint64_t *s = data + k * DATA_REC;
    if (s[DATA_ACTIVE] == 0) continue;
    memcpy(R.mem_base + s[DATA_OFFSET], (const void *)(uintptr_t)s[DATA_BYTES], s[DATA_LENGTH]);
    R.data_dropped[k] = 1;
  }
}

int32_t kiln_rt_memory_grow(uintptr_t vm, int32_t m, int32_t delta) {
  (void)vm;
  (void)m;
  uint64_t old = mem_size() / WASM_PAGE;
  uint64_t d = (uint32_t)delta;
  if (KM(KM_MEM_PRESENT) == 0 || old + d > R.mem_max_pages) return -1;
  if (d > 0 && k_mprotect(R.mem_base + old * WASM_PAGE, d * WASM_PAGE, K_PROT_READ | K_PROT_WRITE) != 0) return -1;
  vm_set(VM_MEM_SIZE, (old + d) * WASM_PAGE);
  return (int32_t)old;
}

void kiln_rt_memory_fill(uintptr_t vm, int32_t m, int32_t d, int32_t v, int32_t n) {
  (void)vm;
  (void)m;
  uint64_t dst = (uint32_t)d, len = (uint32_t)n;
  if (dst + len > mem_size()) return rt_trap(TRAP_MEMORY_OOB);
  memset(R.mem_base + dst, v & 255, len);
}

void kiln_rt_memory_copy(uintptr_t vm, int32_t dm, int32_t sm, int32_t d, int32_t s, int32_t n) {
  (void)vm;
  (void)dm;
  (void)sm;
  uint64_t dst = (uint32_t)d, src = (uint32_t)s, len = (uint32_t)n;
  if (src + len > mem_size() || dst + len > mem_size()) return rt_trap(TRAP_MEMORY_OOB);
  memmove(R.mem_base + dst, R.mem_base + src, len);
}

void kiln_rt_memory_init(uintptr_t vm, int32_t m, int32_t seg, int32_t d, int32_t s, int32_t n) {
  (void)vm;
  (void)m;
  const uint64_t *rec = KM_PTR(KM_DATA) + (uint64_t)(uint32_t)seg * DATA_REC;
  uint64_t have = R.data_dropped[(uint32_t)seg] ? 0 : rec[DATA_LENGTH];
  uint64_t dst = (uint32_t)d, src = (uint32_t)s, len = (uint32_t)n;
  if (src + len > have || dst + len > mem_size()) return rt_trap(TRAP_MEMORY_OOB);
  memcpy(R.mem_base + dst, (const uint8_t *)(uintptr_t)rec[DATA_BYTES] + src, len);
}

void kiln_rt_data_drop(uintptr_t vm, int32_t seg) {
  (void)vm;
  R.data_dropped[(uint32_t)seg] = 1;
}
