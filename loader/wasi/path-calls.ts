/**
 * WASI preview1 `path_*` imports (witx: path_create_directory … path_unlink_file). Every guest
 * path is resolved beneath a real directory descriptor by sandbox.ts, which hands back an
 * O_PATH descriptor of the final object's directory and the final name; the operation is then
 * the matching `*at` system call on that pair (host-fs.ts), which never follows a final
 * symlink on its own. Read-only preopens refuse every modification with EROFS before any
 * rights check; operations spanning two preopens are EXDEV. Symlinks the guest creates or
 * moves must stay inside the preopen when followed from where they then sit.
 */

import {
  ERRNO, FDFLAGS, FDFLAGS_ALL, LAYOUT, LOOKUP_SYMLINK_FOLLOW, OFLAGS, OFLAGS_ALL, RIGHTS,
  RIGHTS_DIR, RIGHTS_FILE, RIGHTS_NEED_HOST_WRITE, RIGHTS_WRITING,
} from './constants.js';
import type { WasiContext, WasiImport } from './context.js';
import { dirEntry, guard, need, newTimes, writable, writeFilestat } from './context.js';
import { fail } from './errors.js';
import { FdEntry, filetypeOf } from './fdtable.js';
import {
  O, closeFd, fstat, linkAt, mkdirAt, openAt, readlinkAt, readlinkAtBytes, renameAt, setTimesAt, symlinkAt, unlinkAt,
} from './host-fs.js';
import { u64 } from './memory.js';
import { checkMovedTree } from './moves.js';
import type { FollowMode } from './sandbox.js';
import { checkSymlinkTarget, depthBelowRoot, withTarget } from './sandbox.js';

function follows(lookupflags: number): FollowMode {
  return (lookupflags & LOOKUP_SYMLINK_FOLLOW) !== 0 ? 'follow' : 'nofollow';
}

/** host open(2) flags for a path_open request (`isDir`: the target is a directory) */
function hostOpenFlags(oflags: number, fdflags: number, base: bigint, isDir: boolean): number {
  let flags = O.NOFOLLOW;
  if ((oflags & OFLAGS.CREAT) !== 0) flags |= O.CREAT;
  if ((oflags & OFLAGS.EXCL) !== 0) flags |= O.EXCL;
  if ((oflags & OFLAGS.TRUNC) !== 0) flags |= O.TRUNC;
  if ((oflags & OFLAGS.DIRECTORY) !== 0) flags |= O.DIRECTORY;
  if ((fdflags & FDFLAGS.NONBLOCK) !== 0) flags |= O.NONBLOCK;
  // write-type rights need a host descriptor open for writing; a directory is opened
  // read-only (its other rights are narrowed later), but asking it for fd_write is EISDIR, as
  // open(O_RDWR) of a directory is
  if (isDir) {
    if ((base & RIGHTS.FD_WRITE) !== 0n) fail(ERRNO.ISDIR);
    flags |= O.RDONLY;
  } else if ((base & RIGHTS_NEED_HOST_WRITE) !== 0n) {
    flags |= (base & RIGHTS.FD_READ) !== 0n ? O.RDWR : O.WRONLY;
  } else {
    flags |= O.RDONLY;
  }
  return flags;
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
      withTarget(d, str(path, pathLen), 'never', (t) => {
        if (t.name === null) fail(ERRNO.EXIST);
        mkdirAt(t.dirFd, t.name);
      });
    }),

    path_filestat_get: guard((fd: number, flags: number, path: number, pathLen: number, ptr: number) => {
      const d = dirEntry(ctx, fd);
      need(d, RIGHTS.PATH_FILESTAT_GET);
      const p = str(path, pathLen);
      mem.check(ptr, LAYOUT.FILESTAT_SIZE);
      withTarget(d, p, follows(flags), (t) => {
        if (t.stat === null) fail(ERRNO.NOENT);
        writeFilestat(mem, ptr, t.stat);
      });
    }),

    path_filestat_set_times: guard(
      (fd: number, flags: number, path: number, pathLen: number, atim: bigint, mtim: bigint, fst: number) => {
        const d = dirEntry(ctx, fd);
        writable(d);
        need(d, RIGHTS.PATH_FILESTAT_SET_TIMES);
        const p = str(path, pathLen);
        const [a, m] = newTimes(fst, u64(atim), u64(mtim));
        withTarget(d, p, follows(flags), (t) => {
          if (t.stat === null) fail(ERRNO.NOENT);
          if (t.name === null) {
            const self = openAt(t.dirFd, '.', O.RDONLY | O.DIRECTORY);
            try {
              setTimesAt(self, null, a, m, true);
            } finally {
              closeFd(self);
            }
          } else {
            setTimesAt(t.dirFd, t.name, a, m, true);
          }
        });
      },
    ),

    path_link: guard(
      (oldFd: number, oldFlags: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number) => {
        const { od, nd, op, np } = twoDirs(oldFd, oldPath, oldLen, RIGHTS.PATH_LINK_SOURCE, newFd, newPath, newLen, RIGHTS.PATH_LINK_TARGET);
        withTarget(od, op, follows(oldFlags), (src) => {
          if (src.stat === null) fail(ERRNO.NOENT);
          if (src.name === null || src.stat.isDirectory()) fail(ERRNO.PERM);
          const srcName = src.name;
          withTarget(nd, np, 'never', (dst) => {
            if (dst.name === null) fail(ERRNO.EXIST);
            // a hard link to a symlink is a second symlink: it must be safe where it lands
            if (src.stat?.isSymbolicLink() === true && nd.preopen !== null) {
              checkSymlinkTarget(readlinkAt(src.dirFd, srcName), depthBelowRoot(dst.dirFd, nd.preopen));
            }
            linkAt(src.dirFd, srcName, dst.dirFd, dst.name);
          });
        });
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
        fds.checkRoom();
        let base = u64(rightsBase);
        let inheriting = u64(rightsInheriting);
        if (d.preopen?.readonly === true) {
          const wantsWrite = (base & RIGHTS_NEED_HOST_WRITE) !== 0n;
          if ((oflags & (OFLAGS.CREAT | OFLAGS.TRUNC)) !== 0 || (fdflags & FDFLAGS.APPEND) !== 0 || wantsWrite) {
            fail(ERRNO.ROFS);
          }
        }
        if ((oflags & OFLAGS.CREAT) !== 0) need(d, RIGHTS.PATH_CREATE_FILE);
        if ((oflags & OFLAGS.TRUNC) !== 0) need(d, RIGHTS.PATH_FILESTAT_SET_SIZE);
        // the access mode (read / write) must be inheritable; other requested rights are
        // narrowed to what the directory can hand out (wasi-libc asks for "all it may")
        const access = base & (RIGHTS.FD_READ | RIGHTS.FD_WRITE);
        if ((access & ~d.rightsInheriting) !== 0n) fail(ERRNO.NOTCAPABLE);
        base &= d.rightsInheriting;
        inheriting &= d.rightsInheriting;
        const hostFd = withTarget(d, p, follows(dirflags), (t) => {
          if (t.name === null && (oflags & OFLAGS.CREAT) !== 0 && (oflags & OFLAGS.EXCL) !== 0) fail(ERRNO.EXIST);
          const isDir = t.name === null || t.name.endsWith('/') || t.stat?.isDirectory() === true;
          return openAt(t.dirFd, t.name ?? '.', hostOpenFlags(oflags, fdflags, base, isDir));
        });
        let entry: FdEntry;
        try {
          const st = fstat(hostFd);
          const ro = d.preopen?.readonly === true ? ~RIGHTS_WRITING : ~0n;
          const isDir = st.isDirectory();
          const kind = isDir ? 'dir' : 'file';
          const rights = base & (isDir ? RIGHTS_DIR : RIGHTS_FILE) & ro;
          entry = new FdEntry(kind, hostFd, true, filetypeOf(st), rights, inheriting, d.preopen);
        } catch (err) {
          closeFd(hostFd);
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
      withTarget(d, p, 'nofollow', (t) => {
        if (t.stat === null) fail(ERRNO.NOENT);
        if (t.name === null || !t.stat.isSymbolicLink()) fail(ERRNO.INVAL);
        const target = readlinkAtBytes(t.dirFd, t.name);
        const n = Math.min(target.byteLength, out.byteLength);
        out.set(target.subarray(0, n));
        mem.setU32(usedPtr, n);
      });
    }),

    path_remove_directory: guard((fd: number, path: number, pathLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_REMOVE_DIRECTORY);
      withTarget(d, str(path, pathLen), 'never', (t) => {
        if (t.name === null) fail(ERRNO.INVAL);
        unlinkAt(t.dirFd, t.name, true);
      });
    }),

    path_rename: guard((fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number) => {
      const { od, nd, op, np } = twoDirs(fd, oldPath, oldLen, RIGHTS.PATH_RENAME_SOURCE, newFd, newPath, newLen, RIGHTS.PATH_RENAME_TARGET);
      withTarget(od, op, 'never', (src) => {
        withTarget(nd, np, 'never', (dst) => {
          if (src.name === null || dst.name === null) fail(ERRNO.BUSY);
          if (src.stat === null) fail(ERRNO.NOENT);
          if (nd.preopen !== null) checkMovedTree(src.dirFd, src.name, src.stat, dst.dirFd, nd.preopen);
          renameAt(src.dirFd, src.name, dst.dirFd, dst.name);
        });
      });
    }),

    path_symlink: guard((oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_SYMLINK);
      const target = str(oldPath, oldLen);
      withTarget(d, str(newPath, newLen), 'never', (t) => {
        if (t.name === null || t.stat !== null) fail(ERRNO.EXIST);
        if (d.preopen !== null) checkSymlinkTarget(target, depthBelowRoot(t.dirFd, d.preopen));
        symlinkAt(target, t.dirFd, t.name);
      });
    }),

    path_unlink_file: guard((fd: number, path: number, pathLen: number) => {
      const d = dirEntry(ctx, fd);
      writable(d);
      need(d, RIGHTS.PATH_UNLINK_FILE);
      withTarget(d, str(path, pathLen), 'never', (t) => {
        if (t.name === null) fail(ERRNO.ISDIR);
        unlinkAt(t.dirFd, t.name, false);
      });
    }),
  };
}
