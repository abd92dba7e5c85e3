/**
 * WASI preview1 `fd_*` imports (witx: wasi_snapshot_preview1.witx, module functions fd_advise …
 * fd_write). Files are accessed with positional reads/writes and the position is kept in the
 * fd entry (Node has no lseek); stdio is a stream (no position, ESPIPE for seeks). fdflags
 * append/sync/dsync are applied by this host on every write, so fd_fdstat_set_flags can change
 * them at any time.
 */

import fs from 'node:fs';
import { ADVICE_MAX, ERRNO, FDFLAGS, FDFLAGS_ALL, FILETYPE, LAYOUT, PREOPENTYPE_DIR, RIGHTS, WHENCE } from './constants.js';
import type { WasiContext, WasiImport } from './context.js';
import { dataEntry, guard, need, newTimes, sleepMs, writable, writeFilestat } from './context.js';
import { fail } from './errors.js';
import type { DirListingEntry, FdEntry } from './fdtable.js';
import { filetypeOf } from './fdtable.js';
import { O, closeFd, lstatAt, openAt, readDirectory, setTimesAt } from './host-fs.js';
import { encodeUtf8, s64, u64 } from './memory.js';

const MAX_FILE = BigInt(Number.MAX_SAFE_INTEGER);

/** errno of a host error, or undefined */
function hostCode(e: unknown): string | undefined {
  return e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined;
}

/** read into `buf` from a stream, waiting out EAGAIN unless the guest asked for nonblock */
function streamRead(e: FdEntry, buf: Uint8Array): number {
  for (;;) {
    try {
      return fs.readSync(e.hostFd, buf, 0, buf.byteLength, null);
    } catch (err) {
      const code = hostCode(err);
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN' || (e.fdflags & FDFLAGS.NONBLOCK) !== 0) throw err;
      sleepMs(1);
    }
  }
}

/** write all of `data` to a stream, synchronously, so nothing is lost or reordered at exit */
function streamWriteAll(e: FdEntry, data: Uint8Array): void {
  let off = 0;
  while (off < data.byteLength) {
    try {
      off += fs.writeSync(e.hostFd, data, off, data.byteLength - off);
    } catch (err) {
      if (hostCode(err) !== 'EAGAIN') throw err;
      sleepMs(1);
    }
  }
}

function readAt(e: FdEntry, bufs: Uint8Array[], pos: bigint): number {
  let total = 0;
  for (const b of bufs) {
    if (b.byteLength === 0) continue;
    const n = fs.readSync(e.hostFd, b, 0, b.byteLength, pos + BigInt(total));
    total += n;
    if (n < b.byteLength) break;
  }
  return total;
}

function writeAt(e: FdEntry, bufs: Uint8Array[], pos: bigint): number {
  let total = 0;
  for (const b of bufs) {
    let off = 0;
    while (off < b.byteLength) {
      off += fs.writeSync(e.hostFd, b, off, b.byteLength - off, Number(pos + BigInt(total + off)));
    }
    total += off;
  }
  return total;
}

function syncAfterWrite(e: FdEntry): void {
  if ((e.fdflags & FDFLAGS.SYNC) !== 0) fs.fsyncSync(e.hostFd);
  else if ((e.fdflags & FDFLAGS.DSYNC) !== 0) fs.fdatasyncSync(e.hostFd);
}

function concat(bufs: Uint8Array[]): Uint8Array {
  if (bufs.length === 1) return bufs[0] as Uint8Array;
  let n = 0;
  for (const b of bufs) n += b.byteLength;
  const out = new Uint8Array(n);
  n = 0;
  for (const b of bufs) {
    out.set(b, n);
    n += b.byteLength;
  }
  return out;
}

/** preview1 filetype of a d_type (DT_*) value; 0 (DT_UNKNOWN) asks lstat */
const DTYPE_FILETYPE: Record<number, number> = {
  1: FILETYPE.UNKNOWN, // fifo
  2: FILETYPE.CHARACTER_DEVICE,
  4: FILETYPE.DIRECTORY,
  6: FILETYPE.BLOCK_DEVICE,
  8: FILETYPE.REGULAR_FILE,
  10: FILETYPE.SYMBOLIC_LINK,
  12: FILETYPE.SOCKET_STREAM,
};

const DOT = encodeUtf8('.');
const DOTDOT = encodeUtf8('..');
const sameName = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);

/**
 * The fd_readdir listing of the directory open at `e`: `.`, `..`, then the entries sorted by
 * name, read from the descriptor itself (never through a path). The root of a preopen lists
 * itself as its own `..`, so nothing outside the sandbox is described.
 */
function listDirectory(e: FdEntry): DirListingEntry[] {
  const self = fs.fstatSync(e.hostFd, { bigint: true });
  const atRoot = e.isPreopen || (e.preopen !== null && self.dev === e.preopen.dev && self.ino === e.preopen.ino);
  let parentIno = self.ino;
  if (!atRoot) {
    const up = openAt(e.hostFd, '..', O.PATH | O.DIRECTORY);
    try {
      parentIno = fs.fstatSync(up, { bigint: true }).ino;
    } finally {
      closeFd(up);
    }
  }
  const out: DirListingEntry[] = [
    { name: DOT, ino: self.ino, type: FILETYPE.DIRECTORY },
    { name: DOTDOT, ino: parentIno, type: FILETYPE.DIRECTORY },
  ];
  const entries = readDirectory(e.hostFd).filter((d) => !sameName(d.name, DOT) && !sameName(d.name, DOTDOT));
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const d of entries) {
    let type = DTYPE_FILETYPE[d.dtype];
    if (type === undefined) {
      const st = lstatAt(e.hostFd, Buffer.from(d.name).toString('utf8'));
      if (st === null) continue;
      type = filetypeOf(st);
    }
    out.push({ name: d.name, ino: d.ino, type });
  }
  return out;
}

export function fdCalls(ctx: WasiContext): Record<string, WasiImport> {
  const { mem, fds } = ctx;
  return {
    fd_advise: guard((fd: number, offset: bigint, len: bigint, advice: number) => {
      const e = dataEntry(ctx, fd);
      need(e, RIGHTS.FD_ADVISE);
      u64(offset);
      u64(len);
      if ((advice >>> 0) > ADVICE_MAX) fail(ERRNO.INVAL);
      // Node has no posix_fadvise; advice is only a hint, accepted and ignored
    }),

    fd_allocate: guard((fd: number, offset: bigint, len: bigint) => {
      const e = dataEntry(ctx, fd);
      writable(e);
      need(e, RIGHTS.FD_ALLOCATE);
      const end = u64(offset) + u64(len);
      if (u64(len) === 0n) fail(ERRNO.INVAL);
      if (end > MAX_FILE) fail(ERRNO.FBIG);
      if (e.kind === 'stdio') fail(ERRNO.SPIPE);
      const st = fs.fstatSync(e.hostFd, { bigint: true });
      if (!st.isFile()) fail(ERRNO.NODEV);
      if (end > st.size) fs.ftruncateSync(e.hostFd, Number(end));
    }),

    fd_close: guard((fd: number) => {
      fds.close(fd);
    }),

    fd_datasync: guard((fd: number) => {
      const e = fds.get(fd);
      need(e, RIGHTS.FD_DATASYNC);
      fs.fdatasyncSync(e.hostFd);
    }),

    fd_fdstat_get: guard((fd: number, ptr: number) => {
      const e = fds.get(fd);
      const p = mem.check(ptr, LAYOUT.FDSTAT_SIZE);
      mem.slice(p, LAYOUT.FDSTAT_SIZE).fill(0);
      mem.setU8(p, e.filetype);
      mem.setU16(p + 2, e.fdflags);
      mem.setU64(p + 8, e.rightsBase);
      mem.setU64(p + 16, e.rightsInheriting);
    }),

    fd_fdstat_set_flags: guard((fd: number, flags: number) => {
      const e = fds.get(fd);
      if ((flags & FDFLAGS.APPEND) !== 0) writable(e);
      need(e, RIGHTS.FD_FDSTAT_SET_FLAGS);
      if ((flags & ~FDFLAGS_ALL) !== 0) fail(ERRNO.INVAL);
      e.fdflags = flags & FDFLAGS_ALL;
    }),

    fd_fdstat_set_rights: guard((fd: number, base: bigint, inheriting: bigint) => {
      const e = fds.get(fd);
      const b = u64(base);
      const i = u64(inheriting);
      if ((b & ~e.rightsBase) !== 0n || (i & ~e.rightsInheriting) !== 0n) fail(ERRNO.NOTCAPABLE);
      e.rightsBase = b;
      e.rightsInheriting = i;
    }),

    fd_filestat_get: guard((fd: number, ptr: number) => {
      const e = fds.get(fd);
      need(e, RIGHTS.FD_FILESTAT_GET);
      mem.check(ptr, LAYOUT.FILESTAT_SIZE);
      writeFilestat(mem, ptr, fs.fstatSync(e.hostFd, { bigint: true }));
    }),

    fd_filestat_set_size: guard((fd: number, size: bigint) => {
      const e = dataEntry(ctx, fd);
      writable(e);
      need(e, RIGHTS.FD_FILESTAT_SET_SIZE);
      const n = u64(size);
      if (n > MAX_FILE) fail(ERRNO.FBIG);
      fs.ftruncateSync(e.hostFd, Number(n));
    }),

    fd_filestat_set_times: guard((fd: number, atim: bigint, mtim: bigint, fst: number) => {
      const e = fds.get(fd);
      writable(e);
      need(e, RIGHTS.FD_FILESTAT_SET_TIMES);
      const [a, m] = newTimes(fst, u64(atim), u64(mtim));
      setTimesAt(e.hostFd, null, a, m, false);
    }),

    fd_pread: guard((fd: number, iovs: number, iovsLen: number, offset: bigint, nreadPtr: number) => {
      const e = dataEntry(ctx, fd);
      if (e.kind === 'stdio') fail(ERRNO.SPIPE);
      need(e, RIGHTS.FD_READ | RIGHTS.FD_SEEK);
      const bufs = mem.iovecs(iovs, iovsLen);
      mem.check(nreadPtr, 4);
      const pos = u64(offset);
      if (pos > MAX_FILE) fail(ERRNO.INVAL);
      mem.setU32(nreadPtr, readAt(e, bufs, pos));
    }),

    fd_prestat_get: guard((fd: number, ptr: number) => {
      const e = fds.get(fd);
      if (!e.isPreopen || e.preopen === null) fail(ERRNO.BADF);
      const p = mem.check(ptr, LAYOUT.PRESTAT_SIZE);
      mem.slice(p, LAYOUT.PRESTAT_SIZE).fill(0);
      mem.setU8(p, PREOPENTYPE_DIR);
      mem.setU32(p + 4, encodeUtf8(e.preopen.guestPath).byteLength);
    }),

    fd_prestat_dir_name: guard((fd: number, path: number, pathLen: number) => {
      const e = fds.get(fd);
      if (!e.isPreopen || e.preopen === null) fail(ERRNO.BADF);
      const name = encodeUtf8(e.preopen.guestPath);
      mem.check(path, pathLen);
      if ((pathLen >>> 0) < name.byteLength) fail(ERRNO.NAMETOOLONG);
      mem.write(path, name);
    }),

    fd_pwrite: guard((fd: number, iovs: number, iovsLen: number, offset: bigint, nwrittenPtr: number) => {
      const e = dataEntry(ctx, fd);
      writable(e);
      if (e.kind === 'stdio') fail(ERRNO.SPIPE);
      need(e, RIGHTS.FD_WRITE | RIGHTS.FD_SEEK);
      const bufs = mem.iovecs(iovs, iovsLen);
      mem.check(nwrittenPtr, 4);
      const pos = u64(offset);
      if (pos > MAX_FILE) fail(ERRNO.FBIG);
      const n = writeAt(e, bufs, pos);
      syncAfterWrite(e);
      mem.setU32(nwrittenPtr, n);
    }),

    fd_read: guard((fd: number, iovs: number, iovsLen: number, nreadPtr: number) => {
      const e = dataEntry(ctx, fd);
      need(e, RIGHTS.FD_READ);
      const bufs = mem.iovecs(iovs, iovsLen);
      mem.check(nreadPtr, 4);
      let total = 0;
      if (e.kind === 'stdio') {
        for (const b of bufs) {
          if (b.byteLength === 0) continue;
          const n = streamRead(e, b);
          total += n;
          if (n < b.byteLength) break;
        }
      } else {
        total = readAt(e, bufs, e.position);
        e.position += BigInt(total);
      }
      mem.setU32(nreadPtr, total);
    }),

    fd_readdir: guard((fd: number, buf: number, bufLen: number, cookie: bigint, bufusedPtr: number) => {
      const e = fds.get(fd);
      if (e.kind !== 'dir') fail(ERRNO.NOTDIR);
      need(e, RIGHTS.FD_READDIR);
      const out = mem.slice(buf, bufLen);
      mem.check(bufusedPtr, 4);
      const c = u64(cookie);
      if (c === 0n || e.listing === null) e.listing = listDirectory(e);
      const list = e.listing;
      let used = 0;
      const header = new DataView(new ArrayBuffer(LAYOUT.DIRENT_SIZE));
      for (let i = c; i < BigInt(list.length) && used < out.byteLength; i++) {
        const d = list[Number(i)] as DirListingEntry;
        header.setBigUint64(0, i + 1n, true);
        header.setBigUint64(8, d.ino, true);
        header.setUint32(16, d.name.byteLength, true);
        header.setUint32(20, d.type, true); // d_type u8 then padding, all zero but the type
        const record = new Uint8Array(LAYOUT.DIRENT_SIZE + d.name.byteLength);
        record.set(new Uint8Array(header.buffer), 0);
        record.set(d.name, LAYOUT.DIRENT_SIZE);
        const n = Math.min(record.byteLength, out.byteLength - used);
        out.set(record.subarray(0, n), used);
        used += n;
      }
      mem.setU32(bufusedPtr, used);
    }),

    fd_renumber: guard((fd: number, to: number) => {
      fds.renumber(fd, to);
    }),

    fd_seek: guard((fd: number, offset: bigint, whence: number, newoffsetPtr: number) => {
      const e = dataEntry(ctx, fd);
      if (e.kind === 'stdio') fail(ERRNO.SPIPE);
      const off = s64(offset);
      need(e, off === 0n && whence === WHENCE.CUR ? RIGHTS.FD_TELL : RIGHTS.FD_SEEK);
      mem.check(newoffsetPtr, 8);
      let base: bigint;
      if (whence === WHENCE.SET) base = 0n;
      else if (whence === WHENCE.CUR) base = e.position;
      else if (whence === WHENCE.END) base = fs.fstatSync(e.hostFd, { bigint: true }).size;
      else return fail(ERRNO.INVAL);
      const pos = base + off;
      if (pos < 0n) fail(ERRNO.INVAL);
      if (pos > MAX_FILE) fail(ERRNO.OVERFLOW);
      e.position = pos;
      mem.setU64(newoffsetPtr, pos);
    }),

    fd_sync: guard((fd: number) => {
      const e = fds.get(fd);
      need(e, RIGHTS.FD_SYNC);
      fs.fsyncSync(e.hostFd);
    }),

    fd_tell: guard((fd: number, ptr: number) => {
      const e = dataEntry(ctx, fd);
      if (e.kind === 'stdio') fail(ERRNO.SPIPE);
      need(e, RIGHTS.FD_TELL);
      mem.check(ptr, 8);
      mem.setU64(ptr, e.position);
    }),

    fd_write: guard((fd: number, iovs: number, iovsLen: number, nwrittenPtr: number) => {
      const e = dataEntry(ctx, fd);
      writable(e);
      need(e, RIGHTS.FD_WRITE);
      const bufs = mem.iovecs(iovs, iovsLen);
      mem.check(nwrittenPtr, 4);
      let n: number;
      if (e.kind === 'stdio') {
        const data = concat(bufs);
        streamWriteAll(e, data);
        n = data.byteLength;
      } else {
        if ((e.fdflags & FDFLAGS.APPEND) !== 0) e.position = fs.fstatSync(e.hostFd, { bigint: true }).size;
        n = writeAt(e, bufs, e.position);
        e.position += BigInt(n);
        syncAfterWrite(e);
      }
      mem.setU32(nwrittenPtr, n);
    }),
  };
}

/** used by poll_oneoff: bytes available to read from a file entry at its position */
export function bytesAvailable(e: FdEntry): bigint {
  if (e.kind !== 'file') return 0n;
  const st = fs.fstatSync(e.hostFd, { bigint: true });
  return st.size > e.position ? st.size - e.position : 0n;
}

