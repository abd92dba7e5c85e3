/**
 * Path operations on real directory descriptors for the WASI host: thin wrappers over the libc
 * `*at` calls (loader/sys/libc.ts) that throw Node-style system errors (`err.code === 'ENOENT'`),
 * which `toErrno` maps to preview1 errno values. Every path handed to these is a single
 * component (or `.`) relative to a directory descriptor that the sandbox resolver produced, so
 * the kernel never walks a guest path on its own, except through openat2 with RESOLVE_BENEATH.
 */

import fs from 'node:fs';
import { lastErrno, libc, sysError } from '../sys/libc.js';

/** Linux open(2) and *at(2) flag values (asm-generic, shared by x86-64 and AArch64) */
export const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  CREAT: 0o100,
  EXCL: 0o200,
  TRUNC: 0o1000,
  NONBLOCK: 0o4000,
  DIRECTORY: fs.constants.O_DIRECTORY,
  NOFOLLOW: fs.constants.O_NOFOLLOW,
  CLOEXEC: 0o2000000,
  PATH: 0o10000000,
} as const;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_EMPTY_PATH = 0x1000;
export const RESOLVE_NO_MAGICLINKS = 0x02;
export const RESOLVE_BENEATH = 0x08;
/** utimensat's special nanosecond values */
export const UTIME_NOW = (1n << 30n) - 1n;
export const UTIME_OMIT = (1n << 30n) - 2n;

function check(name: string, r: number): number {
  if (r < 0) throw sysError(name, lastErrno());
  return r;
}

export function openAt(dirfd: number, path: string, flags: number, mode = 0o666): number {
  return check('openat', libc().openat(dirfd, path, flags | O.CLOEXEC, mode));
}

/** an O_PATH descriptor of `name` itself (a symlink is not followed) */
export function openPathNoFollow(dirfd: number, name: string): number {
  return openAt(dirfd, name, O.PATH | O.NOFOLLOW);
}

/** a reusable open_how for openat2 */
function openHow(flags: number, mode: number, resolve: number): Uint8Array {
  const how = new Uint8Array(24);
  const dv = new DataView(how.buffer);
  dv.setBigUint64(0, BigInt(flags | O.CLOEXEC), true);
  dv.setBigUint64(8, BigInt(mode), true);
  dv.setBigUint64(16, BigInt(resolve), true);
  return how;
}

/**
 * openat2(dirfd, path, flags, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS): the kernel resolves the
 * whole path and refuses (EXDEV) any step that would leave dirfd's tree. Retries EAGAIN, which
 * the kernel returns when a concurrent rename makes a `..` step unverifiable.
 */
export function openBeneath(dirfd: number, path: string, flags: number, mode = 0): number {
  const how = openHow(flags, mode, RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS);
  for (let attempt = 0; ; attempt++) {
    const r = libc().openat2(dirfd, path, how);
    if (r >= 0) return r;
    const errno = lastErrno();
    if (errno !== 11 /* EAGAIN */ || attempt >= 16) throw sysError('openat2', errno);
  }
}

let openat2Support: boolean | null = null;

/**
 * Whether this kernel has a working openat2 (Linux >= 5.6; qemu-user does not emulate it, and a
 * seccomp filter may refuse it). The probe resolves "/" beneath the working directory, which a
 * working openat2 refuses with EXDEV; any other answer (ENOSYS, EPERM, EINVAL) means the
 * component walk is used instead.
 */
export function hasOpenat2(): boolean {
  if (openat2Support === null) {
    const r = libc().openat2(AT_FDCWD, '/', openHow(O.PATH | O.DIRECTORY, 0, RESOLVE_BENEATH));
    if (r >= 0) closeFd(r);
    openat2Support = r < 0 && lastErrno() === 18; /* EXDEV */
  }
  return openat2Support;
}

/**
 * Close a descriptor this host opened through libc. Not fs.closeSync: on a worker thread Node
 * tracks the descriptors its own fs opened, warns about closing others, and closes what it
 * thinks is still open when the thread ends, so every guest descriptor goes through libc
 * from open to close.
 */
export function closeFd(fd: number): void {
  check('close', libc().close(fd));
}

export function fstat(fd: number): fs.BigIntStats {
  return fs.fstatSync(fd, { bigint: true });
}

/** lstat of `name` in `dirfd`, or null when it does not exist */
export function lstatAt(dirfd: number, name: string): fs.BigIntStats | null {
  let fd: number;
  try {
    fd = openPathNoFollow(dirfd, name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    return fstat(fd);
  } finally {
    closeFd(fd);
  }
}

const linkBuf = new Uint8Array(4096);
const utf8 = new TextDecoder('utf-8');

/** the target of the symlink `name` in `dirfd` (`''` reads the symlink that dirfd itself is) */
export function readlinkAtBytes(dirfd: number, name: string): Uint8Array {
  const n = check('readlinkat', libc().readlinkat(dirfd, name, linkBuf));
  return linkBuf.slice(0, n);
}

export function readlinkAt(dirfd: number, name: string): string {
  return utf8.decode(readlinkAtBytes(dirfd, name));
}

export function mkdirAt(dirfd: number, name: string): void {
  check('mkdirat', libc().mkdirat(dirfd, name, 0o777));
}

export function unlinkAt(dirfd: number, name: string, removeDir: boolean): void {
  check('unlinkat', libc().unlinkat(dirfd, name, removeDir ? AT_REMOVEDIR : 0));
}

export function renameAt(oldDir: number, oldName: string, newDir: number, newName: string): void {
  check('renameat', libc().renameat(oldDir, oldName, newDir, newName));
}

export function linkAt(oldDir: number, oldName: string, newDir: number, newName: string): void {
  check('linkat', libc().linkat(oldDir, oldName, newDir, newName, 0));
}

export function symlinkAt(target: string, dirfd: number, name: string): void {
  check('symlinkat', libc().symlinkat(target, dirfd, name));
}

/**
 * Set atime/mtime to the nanosecond. Each time is a bigint of nanoseconds, UTIME_NOW or
 * UTIME_OMIT (as tv_nsec). With name === null the descriptor itself is changed.
 */
export function setTimesAt(dirfd: number, name: string | null, atime: bigint, mtime: bigint, noFollow: boolean): void {
  const split = (t: bigint): [bigint, bigint] => (t === UTIME_NOW || t === UTIME_OMIT ? [0n, t] : [t / 1_000_000_000n, t % 1_000_000_000n]);
  const times = new BigInt64Array([...split(atime), ...split(mtime)]);
  const flags = name === null ? AT_EMPTY_PATH : noFollow ? AT_SYMLINK_NOFOLLOW : 0;
  check('utimensat', libc().utimensat(dirfd, name ?? '', times, flags));
}

export function dupFd(fd: number): number {
  return check('dup', libc().dup(fd));
}

/** one entry of a directory stream */
export interface RawDirent {
  name: Uint8Array;
  ino: bigint;
  /** d_type (DT_*), 0 when the file system does not say */
  dtype: number;
}

/**
 * Every entry of the directory open at `fd` (including `.` and `..`), read through a
 * directory stream on a duplicate of fd, from the start. glibc's struct dirent on 64-bit
 * Linux: d_ino u64 @0, d_off @8, d_reclen u16 @16, d_type u8 @18, d_name @19.
 */
export function readDirectory(fd: number): RawDirent[] {
  const c = libc();
  const dup = dupFd(fd);
  const dir = c.fdopendir(dup);
  if (dir === null) {
    const errno = lastErrno();
    closeFd(dup);
    throw sysError('fdopendir', errno);
  }
  const out: RawDirent[] = [];
  try {
    c.rewinddir(dir); // the duplicate shares its offset with fd: start from the beginning
    for (;;) {
      const ent = c.readdir(dir);
      if (ent === null) break;
      const reclen = c.koffi.decode(ent, 16, 'uint16') as number;
      const rec = new Uint8Array(c.koffi.view(ent, reclen)).slice();
      const dv = new DataView(rec.buffer);
      let end = 19;
      while (end < rec.byteLength && rec[end] !== 0) end++;
      out.push({ name: rec.slice(19, end), ino: dv.getBigUint64(0, true), dtype: rec[18] as number });
    }
  } finally {
    c.closedir(dir);
  }
  return out;
}
