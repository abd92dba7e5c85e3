/**
 * State shared by the WASI import implementations (memory, fd table, args, environment) and
 * the small helpers they all use: the errno guard around each import, rights checks, the
 * read-only-preopen check, and writing `filestat` structs.
 */

import fs from 'node:fs';
import { ERRNO, FSTFLAGS, LAYOUT } from './constants.js';
import { fail, toErrno } from './errors.js';
import type { FdEntry, FdTable } from './fdtable.js';
import { filetypeOf } from './fdtable.js';
import type { GuestMemory } from './memory.js';
import { UTIME_NOW, UTIME_OMIT } from './host-fs.js';

export interface WasiContext {
  readonly mem: GuestMemory;
  readonly fds: FdTable;
  /** NUL-terminated UTF-8 arguments */
  readonly args: Uint8Array[];
  /** NUL-terminated UTF-8 `KEY=VALUE` strings */
  readonly env: Uint8Array[];
}

/** an import: JS values in (i32 → number, i64 → bigint), errno out */
export type WasiImport = (...args: never[]) => number | void;

/**
 * Run an import body, returning 0 on success or the errno it failed with. Host fs errors map
 * to their errno; WasiExit and genuine bugs propagate.
 */
export function guard<A extends unknown[]>(body: (...a: A) => void): (...a: A) => number {
  return (...a: A): number => {
    try {
      body(...a);
      return ERRNO.SUCCESS;
    } catch (e) {
      return toErrno(e);
    }
  };
}

/** ENOTCAPABLE unless the fd holds every right in `rights` */
export function need(e: FdEntry, rights: bigint): void {
  if ((e.rightsBase & rights) !== rights) fail(ERRNO.NOTCAPABLE);
}

/** EROFS for anything below a read-only preopen */
export function writable(e: FdEntry): void {
  if (e.preopen !== null && e.preopen.readonly) fail(ERRNO.ROFS);
}

/** fd that must be a directory (path_* calls): EBADF / ENOTDIR */
export function dirEntry(ctx: WasiContext, fd: number): FdEntry {
  const e = ctx.fds.get(fd);
  if (e.kind !== 'dir') fail(ERRNO.NOTDIR);
  return e;
}

/** fd that must not be a directory (data calls): EBADF / EISDIR */
export function dataEntry(ctx: WasiContext, fd: number): FdEntry {
  const e = ctx.fds.get(fd);
  if (e.kind === 'dir') fail(ERRNO.ISDIR);
  return e;
}

export function writeFilestat(mem: GuestMemory, ptr: number, st: fs.BigIntStats): void {
  const p = mem.check(ptr, LAYOUT.FILESTAT_SIZE);
  mem.slice(p, LAYOUT.FILESTAT_SIZE).fill(0);
  mem.setU64(p, st.dev);
  mem.setU64(p + 8, st.ino);
  mem.setU8(p + 16, filetypeOf(st));
  mem.setU64(p + 24, st.nlink);
  mem.setU64(p + 32, st.size);
  mem.setU64(p + 40, st.atimeNs);
  mem.setU64(p + 48, st.mtimeNs);
  mem.setU64(p + 56, st.ctimeNs);
}

/** realtime clock in ns: an hrtime reading offset to the wall clock once */
const realtimeBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
export function realtimeNs(): bigint {
  return realtimeBase + process.hrtime.bigint();
}

/**
 * atime/mtime for fd/path_filestat_set_times as utimensat values: nanoseconds for an explicit
 * time, UTIME_NOW for "now", UTIME_OMIT to keep the current value; the kernel applies them
 * exactly, to the nanosecond.
 */
export function newTimes(fst: number, atim: bigint, mtim: bigint): [bigint, bigint] {
  if ((fst & ~15) !== 0) fail(ERRNO.INVAL);
  if ((fst & FSTFLAGS.ATIM) !== 0 && (fst & FSTFLAGS.ATIM_NOW) !== 0) fail(ERRNO.INVAL);
  if ((fst & FSTFLAGS.MTIM) !== 0 && (fst & FSTFLAGS.MTIM_NOW) !== 0) fail(ERRNO.INVAL);
  const pick = (set: number, setNow: number, value: bigint): bigint =>
    (fst & setNow) !== 0 ? UTIME_NOW : (fst & set) !== 0 ? value : UTIME_OMIT;
  return [pick(FSTFLAGS.ATIM, FSTFLAGS.ATIM_NOW, atim), pick(FSTFLAGS.MTIM, FSTFLAGS.MTIM_NOW, mtim)];
}

/** sleep without spinning (Atomics.wait on a private SharedArrayBuffer) */
const sleeper = new Int32Array(new SharedArrayBuffer(4));
export function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}
