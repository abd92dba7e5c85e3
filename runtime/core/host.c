/*
 * kiln native runtime: calls from wasm to the host. Every imported function's slot holds the
 * exit trampoline of its type and a host context record whose word at +16 says what it is
 * (module.h); the trampoline spills the arguments to a buffer of 8-byte slots, moves to the host
 * stack and calls kiln_host_call (the runtime block's host-call callback), which writes the
 * results into the same buffer and returns 0.
 */
#include "rt.h"
#include "../wasi/wasi.h"

int32_t kiln_host_call(uintptr_t ctx, uint64_t *buf, uintptr_t fp) {
  (void)fp;
  uint64_t target = *(uint64_t *)(ctx + HOST_CTX_TARGET);
  if (target < HOST_TARGET_SPECTEST) {
    struct kiln_mem mem = { (uint8_t *)(uintptr_t)vm_word(VM_MEM_BASE), vm_word(VM_MEM_SIZE) };
    kiln_wasi_call((int)target, buf, &mem);
  }
  /* the spectest functions print nothing and return nothing */
  return 0;
}
