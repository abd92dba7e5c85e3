/*
 * kiln native runtime: raw Linux system calls for x86-64 and AArch64, no libc.
 *
 * One inline-asm entry per ISA (x86-64: `syscall`, number in rax, arguments in rdi rsi rdx r10
 * r8 r9, rcx and r11 clobbered; AArch64: `svc 0`, number in x8, arguments in x0..x5), the
 * system call numbers of both ISAs (they differ: AArch64 uses the asm-generic table and has only
 * the *at forms, so the runtime uses the *at forms on both), the flag values the runtime needs
 * (open flags differ between the two ISAs too) and the kernel's `struct stat` of each ISA.
 * Every wrapper returns the kernel's raw result: >= 0 on success, -errno on failure.
 */
#ifndef KILN_RUNTIME_SYS_H
#define KILN_RUNTIME_SYS_H

#include <stdint.h>
#include <stddef.h>

#if defined(__x86_64__)
#define SYS_read 0
#define SYS_write 1
#define SYS_close 3
#define SYS_fstat 5
#define SYS_lseek 8
#define SYS_mmap 9
#define SYS_munmap 11
#define SYS_pread64 17
#define SYS_pwrite64 18
#define SYS_sched_yield 24
#define SYS_madvise 28
#define SYS_nanosleep 35
#define SYS_fsync 74
#define SYS_fdatasync 75
#define SYS_ftruncate 77
#define SYS_getdents64 217
#define SYS_clock_gettime 228
#define SYS_clock_getres 229
#define SYS_exit_group 231
#define SYS_openat 257
#define SYS_mkdirat 258
#define SYS_newfstatat 262
#define SYS_unlinkat 263
#define SYS_linkat 265
#define SYS_symlinkat 266
#define SYS_readlinkat 267
#define SYS_utimensat 280
#define SYS_renameat2 316
#define SYS_getrandom 318
#define SYS_openat2 437

/* open flags (x86-64 values) */
#define K_O_DIRECTORY 0200000
#define K_O_NOFOLLOW 0400000

/* the kernel's struct stat on x86-64 (144 bytes) */
struct kstat {
  uint64_t st_dev;
  uint64_t st_ino;
  uint64_t st_nlink;
  uint32_t st_mode;
  uint32_t st_uid;
  uint32_t st_gid;
  uint32_t pad0;
  uint64_t st_rdev;
  int64_t st_size;
  int64_t st_blksize;
  int64_t st_blocks;
  uint64_t st_atime_sec;
  uint64_t st_atime_nsec;
  uint64_t st_mtime_sec;
  uint64_t st_mtime_nsec;
  uint64_t st_ctime_sec;
  uint64_t st_ctime_nsec;
  int64_t reserved[3];
};

static inline long k_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long rax __asm__("rax") = n;
  register long rdi __asm__("rdi") = a;
  register long rsi __asm__("rsi") = b;
  register long rdx __asm__("rdx") = c;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall"
                   : "+r"(rax)
                   : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return rax;
}

#elif defined(__aarch64__)
#define SYS_mkdirat 34
#define SYS_unlinkat 35
#define SYS_symlinkat 36
#define SYS_linkat 37
#define SYS_ftruncate 46
#define SYS_openat 56
#define SYS_close 57
#define SYS_getdents64 61
#define SYS_lseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_pread64 67
#define SYS_pwrite64 68
#define SYS_readlinkat 78
#define SYS_newfstatat 79
#define SYS_fstat 80
#define SYS_fsync 82
#define SYS_fdatasync 83
#define SYS_utimensat 88
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_clock_gettime 113
#define SYS_clock_getres 114
#define SYS_sched_yield 124
#define SYS_munmap 215
#define SYS_mmap 222
#define SYS_madvise 233
#define SYS_renameat2 276
#define SYS_getrandom 278
#define SYS_openat2 437

/* open flags (AArch64 values: they differ from x86-64's) */
#define K_O_DIRECTORY 040000
#define K_O_NOFOLLOW 0100000

/* the kernel's struct stat on AArch64 (asm-generic, 128 bytes) */
struct kstat {
  uint64_t st_dev;
  uint64_t st_ino;
  uint32_t st_mode;
  uint32_t st_nlink;
  uint32_t st_uid;
  uint32_t st_gid;
  uint64_t st_rdev;
  uint64_t pad1;
  int64_t st_size;
  int32_t st_blksize;
  int32_t pad2;
  int64_t st_blocks;
  uint64_t st_atime_sec;
  uint64_t st_atime_nsec;
  uint64_t st_mtime_sec;
  uint64_t st_mtime_nsec;
  uint64_t st_ctime_sec;
  uint64_t st_ctime_nsec;
  uint32_t unused[2];
};

static inline long k_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc 0"
                   : "+r"(x0)
                   : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                   : "memory");
  return x0;
}
#else
#error "kiln runtime: x86-64 or AArch64 only"
#endif

/* flags shared by both ISAs */
#define K_O_RDONLY 0
#define K_O_WRONLY 1
#define K_O_RDWR 2
#define K_O_CREAT 0100
#define K_O_EXCL 0200
#define K_O_TRUNC 01000
#define K_O_NONBLOCK 04000
#define K_O_CLOEXEC 02000000
#define K_O_PATH 010000000

#define K_AT_FDCWD (-100)
#define K_AT_SYMLINK_NOFOLLOW 0x100
#define K_AT_REMOVEDIR 0x200
#define K_AT_EMPTY_PATH 0x1000
#define K_RESOLVE_NO_MAGICLINKS 0x02
#define K_RESOLVE_BENEATH 0x08
#define K_UTIME_NOW ((1l << 30) - 1)
#define K_UTIME_OMIT ((1l << 30) - 2)

#define K_S_IFMT 0170000
#define K_S_IFSOCK 0140000
#define K_S_IFLNK 0120000
#define K_S_IFREG 0100000
#define K_S_IFBLK 0060000
#define K_S_IFDIR 0040000
#define K_S_IFCHR 0020000

#define K_PROT_READ 1
#define K_PROT_WRITE 2
#define K_MAP_PRIVATE 0x02
#define K_MAP_ANONYMOUS 0x20
#define K_MAP_NORESERVE 0x4000
#define K_MADV_DONTNEED 4

#define K_SEEK_SET 0

/* Linux errno values used by name (the same on both ISAs) */
#define K_ENOENT 2
#define K_EINTR 4
#define K_EAGAIN 11
#define K_ENOMEM 12
#define K_EXDEV 18
#define K_ENOSYS 38

struct k_timespec { int64_t tv_sec; int64_t tv_nsec; };
struct k_open_how { uint64_t flags; uint64_t mode; uint64_t resolve; };
/* getdents64 records: d_ino u64 @0, d_off s64 @8, d_reclen u16 @16, d_type u8 @18, d_name @19 */
#define K_DT_UNKNOWN 0
#define K_DT_FIFO 1
#define K_DT_CHR 2
#define K_DT_DIR 4
#define K_DT_BLK 6
#define K_DT_REG 8
#define K_DT_LNK 10
#define K_DT_SOCK 12

#define K_SC(n, a, b, c, d, e, f) \
  k_syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static inline long k_read(int fd, void *buf, size_t n) { return K_SC(SYS_read, fd, buf, n, 0, 0, 0); }
static inline long k_write(int fd, const void *buf, size_t n) { return K_SC(SYS_write, fd, buf, n, 0, 0, 0); }
static inline long k_pread(int fd, void *buf, size_t n, uint64_t off) { return K_SC(SYS_pread64, fd, buf, n, off, 0, 0); }
static inline long k_pwrite(int fd, const void *buf, size_t n, uint64_t off) { return K_SC(SYS_pwrite64, fd, buf, n, off, 0, 0); }
static inline long k_close(int fd) { return K_SC(SYS_close, fd, 0, 0, 0, 0, 0); }
static inline long k_fstat(int fd, struct kstat *st) { return K_SC(SYS_fstat, fd, st, 0, 0, 0, 0); }
static inline long k_fstatat(int dirfd, const char *path, struct kstat *st, int flags) {
  return K_SC(SYS_newfstatat, dirfd, path, st, flags, 0, 0);
}
static inline long k_lseek(int fd, int64_t off, int whence) { return K_SC(SYS_lseek, fd, off, whence, 0, 0, 0); }
static inline long k_openat(int dirfd, const char *path, int flags, int mode) {
  return K_SC(SYS_openat, dirfd, path, flags, mode, 0, 0);
}
static inline long k_openat2(int dirfd, const char *path, struct k_open_how *how) {
  return K_SC(SYS_openat2, dirfd, path, how, sizeof *how, 0, 0);
}
static inline long k_mkdirat(int dirfd, const char *path, int mode) { return K_SC(SYS_mkdirat, dirfd, path, mode, 0, 0, 0); }
static inline long k_unlinkat(int dirfd, const char *path, int flags) { return K_SC(SYS_unlinkat, dirfd, path, flags, 0, 0, 0); }
static inline long k_renameat(int od, const char *op, int nd, const char *np) {
  return K_SC(SYS_renameat2, od, op, nd, np, 0, 0);
}
static inline long k_linkat(int od, const char *op, int nd, const char *np, int flags) {
  return K_SC(SYS_linkat, od, op, nd, np, flags, 0);
}
static inline long k_symlinkat(const char *target, int dirfd, const char *path) {
  return K_SC(SYS_symlinkat, target, dirfd, path, 0, 0, 0);
}
static inline long k_readlinkat(int dirfd, const char *path, char *buf, size_t n) {
  return K_SC(SYS_readlinkat, dirfd, path, buf, n, 0, 0);
}
static inline long k_utimensat(int dirfd, const char *path, const struct k_timespec *t, int flags) {
  return K_SC(SYS_utimensat, dirfd, path, t, flags, 0, 0);
}
static inline long k_getdents64(int fd, void *buf, size_t n) { return K_SC(SYS_getdents64, fd, buf, n, 0, 0, 0); }
static inline long k_ftruncate(int fd, uint64_t len) { return K_SC(SYS_ftruncate, fd, len, 0, 0, 0, 0); }
static inline long k_fsync(int fd) { return K_SC(SYS_fsync, fd, 0, 0, 0, 0, 0); }
static inline long k_fdatasync(int fd) { return K_SC(SYS_fdatasync, fd, 0, 0, 0, 0, 0); }
static inline long k_clock_gettime(int id, struct k_timespec *t) { return K_SC(SYS_clock_gettime, id, t, 0, 0, 0, 0); }
static inline long k_clock_getres(int id, struct k_timespec *t) { return K_SC(SYS_clock_getres, id, t, 0, 0, 0, 0); }
static inline long k_nanosleep(const struct k_timespec *req, struct k_timespec *rem) {
  return K_SC(SYS_nanosleep, req, rem, 0, 0, 0, 0);
}
static inline long k_sched_yield(void) { return K_SC(SYS_sched_yield, 0, 0, 0, 0, 0, 0); }
static inline long k_getrandom(void *buf, size_t n, unsigned flags) { return K_SC(SYS_getrandom, buf, n, flags, 0, 0, 0); }
static inline long k_mmap(void *addr, size_t n, int prot, int flags, int fd, long off) {
  return K_SC(SYS_mmap, addr, n, prot, flags, fd, off);
}
static inline long k_munmap(void *addr, size_t n) { return K_SC(SYS_munmap, addr, n, 0, 0, 0, 0); }
static inline long k_madvise(void *addr, size_t n, int advice) { return K_SC(SYS_madvise, addr, n, advice, 0, 0, 0); }
__attribute__((noreturn)) static inline void k_exit_group(int code) {
  for (;;) K_SC(SYS_exit_group, code, 0, 0, 0, 0, 0);
}

#endif
