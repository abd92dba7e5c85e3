/**
 * The guest's file descriptor table: stdio at 0–2, preopened directories from 3 on, then
 * whatever path_open hands out (lowest free number first). Each entry records its host fd,
 * its preview1 filetype, rights, fdflags, the file position (kept here because Node has no
 * lseek; reads and writes on files are positional). A directory entry's host fd is a real open
 * directory that guest paths are resolved beneath (sandbox.ts): entries hold descriptors, never
 * paths, so moving a directory on the host cannot change what an entry refers to.
 */

import fs from 'node:fs';
import { ERRNO, FILETYPE, RIGHTS, RIGHTS_DIR, RIGHTS_FILE, RIGHTS_WRITING } from './constants.js';
import { fail } from './errors.js';
import { AT_FDCWD, O, closeFd, openAt } from './host-fs.js';

export interface Preopen {
  /** canonical host directory (realpath at creation), for messages only */
  readonly root: string;
  /** identity of the root directory, to measure how deep a directory lies below it */
  readonly dev: bigint;
  readonly ino: bigint;
  /** the name the guest sees (fd_prestat_dir_name) */
  readonly guestPath: string;
  readonly readonly: boolean;
}

export type FdKind = 'stdio' | 'file' | 'dir';

/** one directory entry of a cached fd_readdir listing */
export interface DirListingEntry {
  name: Uint8Array;
  ino: bigint;
  type: number;
}

export class FdEntry {
  kind: FdKind;
  hostFd: number;
  /** false for stdio: closing the guest fd never closes the host's 0/1/2 */
  ownsHostFd: boolean;
  filetype: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
  fdflags = 0;
  position = 0n;
  /** null only for stdio */
  preopen: Preopen | null;
  /** true for the preopened directory entries themselves (fd_prestat_get) */
  isPreopen = false;
  /** fd_readdir listing, taken at cookie 0 so cookies stay stable */
  listing: DirListingEntry[] | null = null;

  constructor(
    kind: FdKind,
    hostFd: number,
    ownsHostFd: boolean,
    filetype: number,
    rightsBase: bigint,
    rightsInheriting: bigint,
    preopen: Preopen | null,
  ) {
    this.kind = kind;
    this.hostFd = hostFd;
    this.ownsHostFd = ownsHostFd;
    this.filetype = filetype;
    this.rightsBase = rightsBase;
    this.rightsInheriting = rightsInheriting;
    this.preopen = preopen;
  }
}

/** preview1 filetype of a host stat result */
export function filetypeOf(st: fs.Stats | fs.BigIntStats): number {
  if (st.isFile()) return FILETYPE.REGULAR_FILE;
  if (st.isDirectory()) return FILETYPE.DIRECTORY;
  if (st.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return FILETYPE.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FILETYPE.BLOCK_DEVICE;
  if (st.isSocket()) return FILETYPE.SOCKET_STREAM;
  return FILETYPE.UNKNOWN;
}

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();

  /**
   * `limit`: the most descriptors the guest may hold at once, stdio and preopens included
   * (as RLIMIT_NOFILE counts a process's 0, 1 and 2); opening beyond it fails with EMFILE
   */
  constructor(private readonly limit: number = Infinity) {}

  /** EMFILE when the guest holds as many descriptors as it may (checked before a host descriptor is opened) */
  checkRoom(): void {
    if (this.entries.size >= this.limit) fail(ERRNO.MFILE);
  }

  /** entry for fd, or EBADF */
  get(fd: number): FdEntry {
    const e = this.entries.get(fd >>> 0);
    if (e === undefined) return fail(ERRNO.BADF);
    return e;
  }

  has(fd: number): boolean {
    return this.entries.has(fd >>> 0);
  }

  /** put an entry at the lowest free descriptor */
  add(entry: FdEntry): number {
    this.checkRoom();
    let fd = 0;
    while (this.entries.has(fd)) fd++;
    this.entries.set(fd, entry);
    return fd;
  }

  set(fd: number, entry: FdEntry): void {
    this.entries.set(fd >>> 0, entry);
  }

  /** remove fd and close its host descriptor when it owns one */
  close(fd: number): void {
    const e = this.get(fd);
    this.entries.delete(fd >>> 0);
    if (e.ownsHostFd) closeFd(e.hostFd);
  }

  /** move `from` onto `to` (closing what `to` held) */
  renumber(from: number, to: number): void {
    const src = this.get(from);
    this.get(to);
    if ((from >>> 0) === (to >>> 0)) return;
    this.close(to);
    this.entries.delete(from >>> 0);
    this.entries.set(to >>> 0, src);
  }

  /** close every host descriptor the table owns */
  closeAll(): void {
    for (const [fd, e] of this.entries) {
      this.entries.delete(fd);
      if (e.ownsHostFd) {
        try {
          closeFd(e.hostFd);
        } catch {
          /* already gone */
        }
      }
    }
  }
}

/** a stdio entry over a host fd: rights follow what the host fd is */
export function stdioEntry(hostFd: number): FdEntry {
  let filetype: number = FILETYPE.CHARACTER_DEVICE;
  try {
    const st = fs.fstatSync(hostFd);
    filetype = st.isFile() ? FILETYPE.REGULAR_FILE : st.isSocket() ? FILETYPE.SOCKET_STREAM : FILETYPE.CHARACTER_DEVICE;
  } catch {
    /* closed host fd: still present, reads/writes will report the host error */
  }
  // seek/tell are withheld (stdio is a stream here), which is also what makes wasi-libc's
  // isatty() answer true for a character device
  const base = RIGHTS_FILE & ~(RIGHTS.FD_SEEK | RIGHTS.FD_TELL);
  return new FdEntry('stdio', hostFd, false, filetype, base, 0n, null);
}

/** the entry of a preopened directory: `root` is opened once, and its identity recorded */
export function preopenEntry(root: string, guestPath: string, readonly: boolean): FdEntry {
  const hostFd = openAt(AT_FDCWD, root, O.RDONLY | O.DIRECTORY);
  let p: Preopen;
  try {
    const st = fs.fstatSync(hostFd, { bigint: true });
    p = { root, guestPath, readonly, dev: st.dev, ino: st.ino };
  } catch (e) {
    closeFd(hostFd);
    throw e;
  }
  // a read-only tree withholds writing rights from its descriptors, but not from what they
  // may hand on: wasi-libc masks an open's rights by the directory's inheriting rights, so an
  // open for writing then asks for fd_write and is refused with EROFS, as on a read-only mount
  const mask = readonly ? ~RIGHTS_WRITING : ~0n;
  const e = new FdEntry('dir', hostFd, true, FILETYPE.DIRECTORY, RIGHTS_DIR & mask, RIGHTS_DIR | RIGHTS_FILE, p);
  e.isPreopen = true;
  return e;
}
