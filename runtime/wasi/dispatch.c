/*
 * kiln native runtime, WASI layer: kiln_wasi_call, the entry from the runtime core. The
 * function is chosen by id through a table of function pointers (ids: runtime/wasi/ids.h, the
 * 46 names sorted by byte order); the scratch memory a call used is released when it returns.
 */
#include "internal.h"
#include "ids.h"

#define W_DECL(name) int kiln_wasi_##name(uint64_t *a, struct kiln_mem *m);
#define W_LIST(X)                                                                                 \
  X(args_get) X(args_sizes_get) X(clock_res_get) X(clock_time_get) X(environ_get)                 \
  X(environ_sizes_get) X(fd_advise) X(fd_allocate) X(fd_close) X(fd_datasync) X(fd_fdstat_get)    \
  X(fd_fdstat_set_flags) X(fd_fdstat_set_rights) X(fd_filestat_get) X(fd_filestat_set_size)       \
  X(fd_filestat_set_times) X(fd_pread) X(fd_prestat_dir_name) X(fd_prestat_get) X(fd_pwrite)      \
  X(fd_read) X(fd_readdir) X(fd_renumber) X(fd_seek) X(fd_sync) X(fd_tell) X(fd_write)            \
  X(path_create_directory) X(path_filestat_get) X(path_filestat_set_times) X(path_link)           \
  X(path_open) X(path_readlink) X(path_remove_directory) X(path_rename) X(path_symlink)           \
  X(path_unlink_file) X(poll_oneoff) X(proc_exit) X(proc_raise) X(random_get) X(sched_yield)      \
  X(sock_accept) X(sock_recv) X(sock_send) X(sock_shutdown)

W_LIST(W_DECL)

#define W_PTR(name) kiln_wasi_##name,
static const kw_call_fn CALLS[KILN_WASI_COUNT] = { W_LIST(W_PTR) };

#define W_NAME(name) #name,
const char *const kiln_wasi_names[KILN_WASI_COUNT] = { W_LIST(W_NAME) };

void kiln_wasi_call(int id, uint64_t *buf, struct kiln_mem *mem) {
  if (id < 0 || id >= KILN_WASI_COUNT) {
    buf[0] = W_NOSYS;
    return;
  }
  uint64_t mark = kw_scratch_mark();
  int err = CALLS[id](buf, mem);
  kw_scratch_release(mark);
  buf[0] = (uint32_t)err;
}
