/**
 * WASI preview1 `path_*` imports (witx: path_create_directory … path_unlink_file). Every guest
 * path goes through `resolvePath` (sandbox.ts) first; the host call then uses the resolved
 * host path with a non-following primitive for the final component (O_NOFOLLOW, lstat,
 * lutimes, unlink, rmdir, rename, link). Read-only preopens refuse every modification with
 * EROFS before any rights check; operations spanning two preopens are EXDEV.
 */

import fs from 'node:fs';
import {
  ERRNO, FDFLAGS, FDFLAGS_ALL, LAYOUT, LOOKUP_SYMLINK_FOLLOW, OFLAGS, OFLAGS_ALL, RIGHTS,
  RIGHTS_DIR, RIGHTS_FILE, RIGHTS_NEED_HOST_WRITE, RIGHTS_WRITING,
} from './constants.js';
import type { WasiContext, WasiImport } from './context.js';
import { dirEntry, guard, need, newTimes, writable, writeFilestat } from './context.js';
import { fail } from './errors.js';
import { FdEntry, filetypeOf } from './fdtable.js';
import { u64 } from './memory.js';
import { checkSymlinkTarget, resolvePath } from './sandbox.js';

const C = fs.constants;

function follows(lookupflags: number): boolean {
  return (lookupflags & LOOKUP_SYMLINK_FOLLOW) !== 0;
}

export function pathCalls(ctx: WasiContext): Record<string, WasiImport> {
  const { mem, fds } = ctx;
  const str = (ptr: number, len: number): string => mem.getString(ptr, len);
  /**
   * The shared checks of an operation from one directory to another (link, rename): both
   * writable, each with its right, both paths read, and both inside one preopen (else EXDEV).
   */
  const twoDirs = (
    oldFd: number, oldPath: number, oldLen: number, oldRight: bigint,
    newFd: number, newPath: number, newLen: number, newRight: bigint,
  ): { od: FdEntry; nd: FdEntry; op: string; np: string } => {
    const od = dirEntry(ctx, oldFd);
    const nd = dirEntry(ctx, newFd);
    writable(od);
    writable(nd);
    need(od, oldRight);
    need(nd, newRight);
    const op = str(oldPath, oldLen);
    const np = str(newPath, newLen);
    if (od.preopen !== nd.preopen) fail(ERRNO.XDEV);
    return { od, nd, op, np };
  };

  return {
    path_create_directory: guard((fd: number, path: number, pathLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_CREATE_DIRECTORY);
      const r = resolvePath(d, str(path, pathLen), false, true);
      if (!r.named || r.stat !== null) fail(ERRNO.EXIST);
      fs.mkdirSync(r.host);
    }),

    path_filestat_get: guard((fd: number, flags: number, path: number, pathLen: number, ptr: number) => {
      const d = dirEntry(ctx, fd);
      need(d, RIGHTS.PATH_FILESTAT_GET);
      const p = str(path, pathLen);
      mem.check(ptr, LAYOUT.FILESTAT_SIZE);
      const r = resolvePath(d, p, follows(flags));
      if (r.stat === null) fail(ERRNO.NOENT);
      writeFilestat(mem, ptr, r.stat);
    }),

    path_filestat_set_times: guard(
      (fd: number, flags: number, path: number, pathLen: number, atim: bigint, mtim: bigint, fst: number) => {
        const d = dirEntry(ctx, fd);
        writable(d);
        need(d, RIGHTS.PATH_FILESTAT_SET_TIMES);
        const r = resolvePath(d, str(path, pathLen), follows(flags));
        if (r.stat === null) fail(ERRNO.NOENT);
        const [a, m] = newTimes(fst, u64(atim), u64(mtim), r.stat);
        if (r.stat.isSymbolicLink()) fs.lutimesSync(r.host, a, m);
        else fs.utimesSync(r.host, a, m);
      },
    ),

    path_link: guard(
      (oldFd: number, oldFlags: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number) => {
        const { od, nd, op, np } = twoDirs(oldFd, oldPath, oldLen, RIGHTS.PATH_LINK_SOURCE, newFd, newPath, newLen, RIGHTS.PATH_LINK_TARGET);
        const src = resolvePath(od, op, follows(oldFlags));
        const dst = resolvePath(nd, np, false, true);
        if (src.stat === null) fail(ERRNO.NOENT);
        if (!src.named || src.stat.isDirectory()) fail(ERRNO.PERM);
        if (!dst.named || dst.stat !== null) fail(ERRNO.EXIST);
        fs.linkSync(src.host, dst.host);
      },
    ),

    path_open: guard(
      (
        fd: number, dirflags: number, path: number, pathLen: number, oflags: number,
        rightsBase: bigint, rightsInheriting: bigint, fdflags: number, fdPtr: number,
      ) => {
        const d = dirEntry(ctx, fd);
        need(d, RIGHTS.PATH_OPEN);
        const p = str(path, pathLen);
        mem.check(fdPtr, 4);
        if ((oflags & ~OFLAGS_ALL) !== 0 || (fdflags & ~FDFLAGS_ALL) !== 0) fail(ERRNO.INVAL);
        let base = u64(rightsBase);
        let inheriting = u64(rightsInheriting);
        const r = resolvePath(d, p, follows(dirflags));
        // a directory is always opened read-only on the host; its rights are narrowed below
        const isDir = (oflags & OFLAGS.DIRECTORY) !== 0 || r.mustBeDir || (r.stat !== null && r.stat.isDirectory());
        const wantsWrite = !isDir && (base & RIGHTS_NEED_HOST_WRITE) !== 0n;
        if (d.preopen?.readonly === true) {
          if ((oflags & (OFLAGS.CREAT | OFLAGS.TRUNC)) !== 0 || (fdflags & FDFLAGS.APPEND) !== 0 || wantsWrite) {
            fail(ERRNO.ROFS);
          }
        }
        if ((oflags & OFLAGS.CREAT) !== 0) need(d, RIGHTS.PATH_CREATE_FILE);
        if ((oflags & OFLAGS.TRUNC) !== 0) need(d, RIGHTS.PATH_FILESTAT_SET_SIZE);
        // the access mode (read / write) must be inheritable; other requested rights are
        // narrowed to what the directory can hand out (wasi-libc asks for "all it may")
        const access = base & (RIGHTS.FD_READ | RIGHTS.FD_WRITE);
        if (!isDir && (access & ~d.rightsInheriting) !== 0n) fail(ERRNO.NOTCAPABLE);
        base &= d.rightsInheriting;
        inheriting &= d.rightsInheriting;

        if (!r.named && (oflags & OFLAGS.CREAT) !== 0 && (oflags & OFLAGS.EXCL) !== 0) fail(ERRNO.EXIST);
        let flags = C.O_NOFOLLOW;
        if ((oflags & OFLAGS.CREAT) !== 0) flags |= C.O_CREAT;
        if ((oflags & OFLAGS.EXCL) !== 0) flags |= C.O_EXCL;
        if ((oflags & OFLAGS.TRUNC) !== 0) flags |= C.O_TRUNC;
        if ((oflags & OFLAGS.DIRECTORY) !== 0 || r.mustBeDir) flags |= C.O_DIRECTORY;
        if ((fdflags & FDFLAGS.NONBLOCK) !== 0) flags |= C.O_NONBLOCK;
        if (wantsWrite) flags |= (base & RIGHTS.FD_READ) !== 0n ? C.O_RDWR : C.O_WRONLY;
        else flags |= C.O_RDONLY;
        if ((oflags & OFLAGS.DIRECTORY) !== 0 && r.stat !== null && !r.stat.isDirectory()) {
          fail(r.stat.isSymbolicLink() ? ERRNO.LOOP : ERRNO.NOTDIR);
        }
        const hostFd = fs.openSync(r.host, flags, 0o666);
        let entry: FdEntry;
        try {
          const st = fs.fstatSync(hostFd, { bigint: true });
          const ro = d.preopen?.readonly === true ? ~RIGHTS_WRITING : ~0n;
          if (st.isDirectory()) {
            entry = new FdEntry('dir', hostFd, true, filetypeOf(st), base & RIGHTS_DIR & ro, inheriting & ro, d.preopen, r.parts);
          } else {
            entry = new FdEntry('file', hostFd, true, filetypeOf(st), base & RIGHTS_FILE & ro, inheriting & ro, d.preopen, r.parts);
          }
        } catch (err) {
          fs.closeSync(hostFd);
          throw err;
        }
        entry.fdflags = fdflags;
        mem.setU32(fdPtr, fds.add(entry));
      },
    ),

    path_readlink: guard((fd: number, path: number, pathLen: number, buf: number, bufLen: number, usedPtr: number) => {
      const d = dirEntry(ctx, fd);
      need(d, RIGHTS.PATH_READLINK);
      const p = str(path, pathLen);
      const out = mem.slice(buf, bufLen);
      mem.check(usedPtr, 4);
      const r = resolvePath(d, p, false);
      if (r.stat === null) fail(ERRNO.NOENT);
      if (!r.stat.isSymbolicLink()) fail(ERRNO.INVAL);
      const target = fs.readlinkSync(r.host, { encoding: 'buffer' });
      const n = Math.min(target.byteLength, out.byteLength);
      out.set(target.subarray(0, n));
      mem.setU32(usedPtr, n);
    }),

    path_remove_directory: guard((fd: number, path: number, pathLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_REMOVE_DIRECTORY);
      const r = resolvePath(d, str(path, pathLen), false, true);
      if (!r.named) fail(ERRNO.INVAL);
      if (r.stat === null) fail(ERRNO.NOENT);
      if (!r.stat.isDirectory()) fail(ERRNO.NOTDIR);
      fs.rmdirSync(r.host);
    }),

    path_rename: guard((fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number) => {
      const { od, nd, op, np } = twoDirs(fd, oldPath, oldLen, RIGHTS.PATH_RENAME_SOURCE, newFd, newPath, newLen, RIGHTS.PATH_RENAME_TARGET);
      const src = resolvePath(od, op, false, true);
      const dst = resolvePath(nd, np, false, true);
      if (!src.named || !dst.named) fail(ERRNO.BUSY);
      if (src.stat === null) fail(ERRNO.NOENT);
      if (dst.mustBeDir && !src.stat.isDirectory()) fail(ERRNO.NOTDIR);
      fs.renameSync(src.host, dst.host);
    }),

    path_symlink: guard((oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_SYMLINK);
      const target = str(oldPath, oldLen);
      const r = resolvePath(d, str(newPath, newLen), false, true);
      if (!r.named || r.stat !== null) fail(ERRNO.EXIST);
      checkSymlinkTarget(target, r.parts);
      fs.symlinkSync(target, r.host);
    }),

    path_unlink_file: guard((fd: number, path: number, pathLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_UNLINK_FILE);
      const r = resolvePath(d, str(path, pathLen), false, true);
      if (!r.named) fail(ERRNO.ISDIR);
      if (r.stat === null) fail(ERRNO.NOENT);
      if (r.stat.isDirectory()) fail(ERRNO.ISDIR);
      fs.unlinkSync(r.host);
    }),
  };
}
