/**
 * Sandboxed path resolution for WASI preview1 path_* calls. A guest path is resolved by hand,
 * one component at a time, below the directory fd it is relative to:
 *   - absolute paths are refused (ENOTCAPABLE); wasi-libc turns absolute C paths into
 *     (preopen fd, relative path) pairs itself, so a conforming guest never sends one;
 *   - `..` pops a component and may never climb above the preopen root (ENOTCAPABLE);
 *   - every symlink met on the way (and the last component when following) is read with
 *     lstat + readlink and its target resolved in the same preopen: an absolute target or one
 *     climbing above the root is ENOTCAPABLE, more than MAX_SYMLINKS links is ELOOP.
 * Every component kept in the result is a real directory (lstat said so), so the host path
 * handed to Node's fs names exactly what was checked. Node has no openat(); the race between
 * this check and the use of the path (another host process swapping a directory for a symlink)
 * is outside what this host defends against, and is documented in docs/wasi.md.
 */

import fs from 'node:fs';
import { ERRNO, MAX_SYMLINKS } from './constants.js';
import { fail } from './errors.js';
import type { FdEntry, Preopen } from './fdtable.js';

export interface Resolved {
  readonly preopen: Preopen;
  /** components below the preopen root, the final one included when `named` */
  readonly parts: string[];
  /** true when the path ends in a name (not `.`/`..`/the root itself) */
  readonly named: boolean;
  /** the path ended in `/` (or `/.`): the final object must be a directory */
  readonly mustBeDir: boolean;
  /** lstat of the final object, or null when it does not exist */
  readonly stat: fs.BigIntStats | null;
  /** absolute host path */
  readonly host: string;
}

export function hostPathOf(p: Preopen, parts: readonly string[]): string {
  return parts.length === 0 ? p.root : p.root + '/' + parts.join('/');
}

function lstatOrNull(path: string): fs.BigIntStats | null {
  const st = fs.lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return st ?? null;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((c) => c !== '' && c !== '.');
}

/** basic checks on a guest path string */
export function checkPathString(path: string): void {
  if (path.length === 0) fail(ERRNO.NOENT);
  if (path.includes('\0')) fail(ERRNO.INVAL);
  if (path.startsWith('/')) fail(ERRNO.NOTCAPABLE);
}

/**
 * Resolve `path` relative to directory entry `dir`. With `follow`, a symlink in the final
 * position is followed too; otherwise the final component is left as it is (callers then use
 * lstat / O_NOFOLLOW / unlink / rename, which do not follow it either). A trailing slash makes
 * the final component follow like POSIX does, except with `neverFollowFinal` (rmdir, unlink,
 * rename, symlink), where a final symlink with a trailing slash is ENOTDIR.
 */
export function resolvePath(dir: FdEntry, path: string, follow: boolean, neverFollowFinal = false): Resolved {
  checkPathString(path);
  const preopen = dir.preopen;
  if (preopen === null) return fail(ERRNO.NOTDIR);
  let mustBeDir = /\/\.?$/.test(path) || path === '.';
  if (neverFollowFinal) follow = false;
  else if (mustBeDir) follow = true;
  const queue = splitPath(path);
  const stack = dir.parts.slice();
  let named = false;
  let stat: fs.BigIntStats | null = null;
  let links = 0;
  while (queue.length > 0) {
    const c = queue.shift() as string;
    if (c === '..') {
      if (stack.length === 0) fail(ERRNO.NOTCAPABLE);
      stack.pop();
      named = false;
      stat = null;
      continue;
    }
    const isLast = queue.length === 0;
    const host = hostPathOf(preopen, stack) + '/' + c;
    const st = lstatOrNull(host);
    if (st === null) {
      if (!isLast) fail(ERRNO.NOENT);
      stack.push(c);
      named = true;
      stat = null;
      break;
    }
    if (st.isSymbolicLink() && (!isLast || follow)) {
      if (++links > MAX_SYMLINKS) fail(ERRNO.LOOP);
      const target = fs.readlinkSync(host, 'utf8');
      if (target.length === 0) fail(ERRNO.NOENT);
      if (target.startsWith('/')) fail(ERRNO.NOTCAPABLE);
      if (isLast && /\/\.?$/.test(target)) mustBeDir = true;
      queue.unshift(...splitPath(target));
      continue;
    }
    if (!isLast && !st.isDirectory()) fail(ERRNO.NOTDIR);
    stack.push(c);
    named = true;
    stat = st;
  }
  if (!named) stat = lstatOrNull(hostPathOf(preopen, stack));
  if (mustBeDir && stat !== null && !stat.isDirectory()) fail(ERRNO.NOTDIR);
  return { preopen, parts: stack, named, mustBeDir, stat, host: hostPathOf(preopen, stack) };
}

/**
 * Check that a symlink with `target`, placed at `linkParts` (its own path below the root),
 * stays inside the preopen: relative, and never climbing above the root lexically.
 */
export function checkSymlinkTarget(target: string, linkParts: readonly string[]): void {
  if (target.length === 0) fail(ERRNO.NOENT);
  if (target.includes('\0')) fail(ERRNO.INVAL);
  if (target.startsWith('/')) fail(ERRNO.NOTCAPABLE);
  const stack = linkParts.slice(0, -1);
  for (const c of splitPath(target)) {
    if (c === '..') {
      if (stack.length === 0) fail(ERRNO.NOTCAPABLE);
      stack.pop();
    } else {
      stack.push(c);
    }
  }
}
