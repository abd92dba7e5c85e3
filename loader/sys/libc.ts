/**
 * The C library, reached through koffi (no native addon to build): the handful of Linux
 * system calls kiln's host needs beyond Node's `fs`, loaded once on first use. Today: the
 * `*at` family that WASI uses to resolve guest paths relative to real directory descriptors
 * (openat, openat2 through syscall(2), mkdirat, unlinkat, renameat, linkat, symlinkat,
 * readlinkat, utimensat), directory streams (fdopendir/readdir), and for the native engine the
 * memory calls (mmap, munmap, mprotect, madvise, calloc, free) and the signal calls of its
 * fault handler (sigaction, sigaltstack), with addresses as plain numbers
 * (x86-64 and AArch64 user addresses fit in 48 bits, well inside a double's exact range).
 *
 * Every wrapper returns the raw C result; `lastErrno()` reads errno right after a failure.
 * `openat` and `syscall` are variadic in C. openat is declared with its optional mode as a fixed
 * fourth argument, which the x86-64 SysV and AAPCS64 (Linux) calling conventions pass exactly as
 * a variadic int; syscall is called through koffi's variadic form.
 */

import { createRequire } from 'node:module';
import os from 'node:os';

type KoffiModule = typeof import('koffi');
type NativeFn = (...args: unknown[]) => unknown;

/** Linux's openat2 system call number (the same on x86-64 and AArch64, added in 5.6) */
export const SYS_OPENAT2 = 437;

export interface Libc {
  readonly koffi: KoffiModule;
  openat(dirfd: number, path: string, flags: number, mode: number): number;
  openat2(dirfd: number, path: string, how: Uint8Array): number;
  mkdirat(dirfd: number, path: string, mode: number): number;
  unlinkat(dirfd: number, path: string, flags: number): number;
  renameat(olddirfd: number, oldpath: string, newdirfd: number, newpath: string): number;
  linkat(olddirfd: number, oldpath: string, newdirfd: number, newpath: string, flags: number): number;
  symlinkat(target: string, newdirfd: number, linkpath: string): number;
  /** the number of bytes placed in `buf`, or -1 */
  readlinkat(dirfd: number, path: string, buf: Uint8Array): number;
  /** times: [atime sec, atime nsec, mtime sec, mtime nsec] */
  utimensat(dirfd: number, path: string | null, times: BigInt64Array, flags: number): number;
  dup(fd: number): number;
  close(fd: number): number;
  /** an opaque DIR* (null on failure); takes ownership of fd */
  fdopendir(fd: number): unknown;
  /** the next struct dirent*, or null at the end */
  readdir(dir: unknown): unknown;
  rewinddir(dir: unknown): void;
  closedir(dir: unknown): number;
  /** the mapped address, or MAP_FAILED (-1 as an unsigned address: 2^64 - 1 rounds to 2^64) */
  mmap(addr: number, len: number, prot: number, flags: number, fd: number, offset: number): number;
  munmap(addr: number, len: number): number;
  mprotect(addr: number, len: number, prot: number): number;
  madvise(addr: number, len: number, advice: number): number;
  /** sigaction(2) with glibc's struct sigaction at native addresses (0 for NULL) */
  sigaction(sig: number, act: number, oldact: number): number;
  /** sigaltstack(2) with stack_t at native addresses (0 for NULL) */
  sigaltstack(ss: number, old: number): number;
  /** zeroed heap memory (0 on failure) */
  calloc(count: number, size: number): number;
  free(addr: number): void;
  /** _exit(2): ends the process at once, from any thread, without joining worker threads */
  exitNow(status: number): never;
}

/** mmap/mprotect constants (Linux, the same on x86-64 and AArch64) */
export const PROT_NONE = 0;
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const MAP_PRIVATE = 0x02;
export const MAP_ANONYMOUS = 0x20;
export const MAP_NORESERVE = 0x4000;
/** prefault the pages (the same value on x86-64 and AArch64 Linux) */
export const MAP_POPULATE = 0x8000;
export const MADV_DONTNEED = 4;
/** signals and sigaltstack flags (Linux x86-64 and AArch64) */
export const SIGBUS = 7;
export const SIGSEGV = 11;
export const SS_DISABLE = 2;

/** true when an mmap result is MAP_FAILED ((void *)-1, which arrives as 2^64 as a number) */
export function mapFailed(addr: number): boolean {
  return addr <= 0 || addr >= 2 ** 63;
}

let loaded: Libc | null = null;

/** errno after the last failed call into libc */
export function lastErrno(): number {
  return libc().koffi.errno();
}

/** errno number → its symbolic name (`ENOENT`), from Node's own table */
const ERRNO_CODE = new Map<number, string>(Object.entries(os.constants.errno).map(([name, n]) => [n, name]));

export function errnoCode(errno: number): string {
  return ERRNO_CODE.get(errno) ?? `E${errno}`;
}

/** an Error shaped like Node's system errors (`code`, `errno`, `syscall`) */
export function sysError(syscall: string, errno: number): NodeJS.ErrnoException {
  const code = errnoCode(errno);
  const err: NodeJS.ErrnoException = new Error(`${syscall}: ${code}`);
  err.code = code;
  err.errno = errno;
  err.syscall = syscall;
  return err;
}

export function libc(): Libc {
  if (loaded !== null) return loaded;
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as KoffiModule;
  const lib = koffi.load('libc.so.6');
  const fn = (decl: string): NativeFn => lib.func(decl) as NativeFn;
  const syscall = fn('long syscall(long nr, ...)');
  const openat = fn('int openat(int dirfd, const char *path, int flags, int mode)');
  const mkdirat = fn('int mkdirat(int dirfd, const char *path, int mode)');
  const unlinkat = fn('int unlinkat(int dirfd, const char *path, int flags)');
  const renameat = fn('int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)');
  const linkat = fn('int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)');
  const symlinkat = fn('int symlinkat(const char *target, int newdirfd, const char *linkpath)');
  const readlinkat = fn('long readlinkat(int dirfd, const char *path, _Out_ uint8_t *buf, size_t len)');
  const utimensat = fn('int utimensat(int dirfd, const char *path, const int64_t *times, int flags)');
  const dup = fn('int dup(int fd)');
  const close = fn('int close(int fd)');
  const fdopendir = fn('void *fdopendir(int fd)');
  const readdir = fn('void *readdir(void *dir)');
  const rewinddir = fn('void rewinddir(void *dir)');
  const closedir = fn('int closedir(void *dir)');
  const mmap = fn('uintptr_t mmap(uintptr_t addr, size_t len, int prot, int flags, int fd, int64_t offset)');
  const munmap = fn('int munmap(uintptr_t addr, size_t len)');
  const mprotect = fn('int mprotect(uintptr_t addr, size_t len, int prot)');
  const madvise = fn('int madvise(uintptr_t addr, size_t len, int advice)');
  const sigaction = fn('int sigaction(int sig, uintptr_t act, uintptr_t oldact)');
  const sigaltstack = fn('int sigaltstack(uintptr_t ss, uintptr_t old)');
  const calloc = fn('uintptr_t calloc(size_t count, size_t size)');
  const free = fn('void free(uintptr_t addr)');
  const exit = fn('void _exit(int status)');
  loaded = {
    koffi,
    openat: (d, p, f, m) => openat(d, p, f, m) as number,
    openat2: (d, p, how) => Number(syscall(SYS_OPENAT2, 'int', d, 'const char *', p, 'void *', how, 'size_t', how.byteLength)),
    mkdirat: (d, p, m) => mkdirat(d, p, m) as number,
    unlinkat: (d, p, f) => unlinkat(d, p, f) as number,
    renameat: (od, op, nd, np) => renameat(od, op, nd, np) as number,
    linkat: (od, op, nd, np, f) => linkat(od, op, nd, np, f) as number,
    symlinkat: (t, d, p) => symlinkat(t, d, p) as number,
    readlinkat: (d, p, buf) => Number(readlinkat(d, p, buf, buf.byteLength)),
    utimensat: (d, p, t, f) => utimensat(d, p, t, f) as number,
    dup: (fd) => dup(fd) as number,
    close: (fd) => close(fd) as number,
    fdopendir: (fd) => fdopendir(fd),
    readdir: (dir) => readdir(dir),
    rewinddir: (dir) => {
      rewinddir(dir);
    },
    closedir: (dir) => closedir(dir) as number,
    mmap: (a, l, p, f, fd, o) => Number(mmap(a, l, p, f, fd, o)),
    munmap: (a, l) => munmap(a, l) as number,
    mprotect: (a, l, p) => mprotect(a, l, p) as number,
    madvise: (a, l, adv) => madvise(a, l, adv) as number,
    sigaction: (sig, act, old) => sigaction(sig, act, old) as number,
    sigaltstack: (ss, old) => sigaltstack(ss, old) as number,
    calloc: (n, size) => Number(calloc(n, size)),
    free: (a) => {
      free(a);
    },
    exitNow: (status) => {
      exit(status);
      throw new Error('_exit returned');
    },
  };
  return loaded;
}
