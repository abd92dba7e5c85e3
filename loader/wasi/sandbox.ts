/**
 * Sandboxed resolution of guest paths for the WASI `path_*` calls, on real directory
 * descriptors (the capability model of cap-std and wasmtime, here written for kiln):
 *   - every WASI directory descriptor holds an open host directory descriptor, never a path, so
 *     renaming or replacing a directory on the host cannot change what a descriptor means;
 *   - a guest path is resolved beneath the descriptor it is relative to. Its directory part is
 *     opened with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS), where the kernel refuses
 *     any step out of the tree, or, where openat2 is missing (older kernels, qemu-user) or
 *     KILN_WASI_RESOLVE=walk forces it, by a component-by-component walk that opens each
 *     component with O_PATH | O_NOFOLLOW relative to the previous one and expands symlinks
 *     itself. Both follow at most 40 symlinks (Linux's MAXSYMLINKS) and never leave the tree;
 *   - the final component stays a name relative to an O_PATH descriptor of its directory, and
 *     the operation is the matching `*at` call, which does not follow a final symlink
 *     (symlinks that the call should follow are expanded here first).
 * Error precedence: absolute paths, and `..` that climbs above the starting directory
 * lexically, are ENOTCAPABLE before anything is looked up, so a path that would leave the
 * sandbox is refused whether or not its target exists.
 */

import type fs from 'node:fs';
import { ERRNO, MAX_SYMLINKS } from './constants.js';
import { fail } from './errors.js';
import type { FdEntry } from './fdtable.js';
import { O, closeFd, fstat, hasOpenat2, lstatAt, openAt, openBeneath, openPathNoFollow, readlinkAt } from './host-fs.js';

/**
 * How the final component is treated:
 *   - follow: a final symlink is followed (lookupflags SYMLINK_FOLLOW);
 *   - nofollow: it is not, except that a trailing slash follows it, as POSIX says;
 *   - never: the call acts on the name itself (mkdir, rmdir, unlink, rename, symlink, link
 *     target): the kernel's `*at` call decides, and never follows it.
 */
export type FollowMode = 'follow' | 'nofollow' | 'never';

export interface Target {
  /** O_PATH descriptor of the directory holding the final object; closed by withTarget */
  readonly dirFd: number;
  /**
   * the final component as handed to the `*at` call (with its trailing `/` when the guest
   * path had one, so the kernel applies Linux's rules), or null when the path names the
   * directory dirFd itself (`.`, `a/..`)
   */
  readonly name: string | null;
  /** lstat of the final object (after following, when asked); null when it does not exist */
  readonly stat: fs.BigIntStats | null;
}

/** basic checks on a guest path string */
export function checkPathString(path: string): void {
  if (path.length === 0) fail(ERRNO.NOENT);
  if (path.includes('\0')) fail(ERRNO.INVAL);
  if (path.startsWith('/')) fail(ERRNO.NOTCAPABLE);
}

function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '');
}

/** ENOTCAPABLE when `..` climbs above depth 0, counting from `depth` */
function checkLexical(comps: readonly string[], depth: number): void {
  for (const c of comps) {
    if (c === '..') {
      if (--depth < 0) fail(ERRNO.NOTCAPABLE);
    } else if (c !== '.') {
      depth++;
    }
  }
}

let strategy: 'openat2' | 'walk' | null = null;

/**
 * The resolution strategy, decided once per process: openat2 where the kernel has it, unless
 * KILN_WASI_RESOLVE=walk (read at the first path call) forces the component walk.
 */
export function resolveStrategy(): 'openat2' | 'walk' {
  strategy ??= process.env['KILN_WASI_RESOLVE'] !== 'walk' && hasOpenat2() ? 'openat2' : 'walk';
  return strategy;
}

/** a symlink's target, checked: relative, not empty */
function linkTarget(fd: number, name: string): string {
  const target = readlinkAt(fd, name);
  if (target.length === 0) fail(ERRNO.NOENT);
  if (target.startsWith('/')) fail(ERRNO.NOTCAPABLE);
  return target;
}

interface LinkBudget {
  links: number;
}

function spend(budget: LinkBudget): void {
  if (++budget.links > MAX_SYMLINKS) fail(ERRNO.LOOP);
}

/**
 * The fallback resolver: opens `comps` below `base` one component at a time, each with
 * O_PATH | O_NOFOLLOW relative to the descriptor before it, expanding symlinks in place;
 * `..` pops a descriptor and may never pop `base`. Returns an owned O_PATH descriptor.
 */
function walkDir(base: number, comps: readonly string[], budget: LinkBudget): number {
  const stack: number[] = [];
  const queue = comps.slice().reverse();
  try {
    while (queue.length > 0) {
      const c = queue.pop() as string;
      if (c === '.' || c === '') continue;
      if (c === '..') {
        const top = stack.pop();
        if (top === undefined) return fail(ERRNO.NOTCAPABLE);
        closeFd(top);
        continue;
      }
      const fd = openPathNoFollow(stack[stack.length - 1] ?? base, c);
      let st: fs.BigIntStats;
      try {
        st = fstat(fd);
        if (st.isSymbolicLink()) {
          spend(budget);
          const target = linkTarget(fd, '');
          for (const t of components(target).reverse()) queue.push(t);
          continue;
        }
        if (!st.isDirectory()) fail(ERRNO.NOTDIR);
      } catch (e) {
        closeFd(fd);
        throw e;
      }
      stack.push(fd);
    }
    return stack.pop() ?? openAt(base, '.', O.PATH | O.DIRECTORY);
  } finally {
    for (const fd of stack) closeFd(fd);
  }
}

/** the directory `comps` below `base`, by the kernel: openat2 with RESOLVE_BENEATH */
function beneathDir(base: number, comps: readonly string[]): number {
  try {
    return openBeneath(base, comps.length === 0 ? '.' : comps.join('/'), O.PATH | O.DIRECTORY);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EXDEV') fail(ERRNO.NOTCAPABLE);
    throw e;
  }
}

function openDir(base: number, comps: readonly string[], budget: LinkBudget): number {
  return resolveStrategy() === 'openat2' ? beneathDir(base, comps) : walkDir(base, comps, budget);
}

/** Resolve `path` below directory entry `dir`; the caller closes `dirFd` (see withTarget). */
export function resolve(dir: FdEntry, path: string, mode: FollowMode): Target {
  checkPathString(path);
  let comps = components(path);
  checkLexical(comps, 0);
  let trailing = path.endsWith('/');
  const budget: LinkBudget = { links: 0 };
  for (;;) {
    const last = comps[comps.length - 1];
    if (last === undefined || last === '.' || last === '..') {
      const fd = openDir(dir.hostFd, comps, budget);
      return { dirFd: fd, name: null, stat: statOrClose(fd) };
    }
    const head = comps.slice(0, -1);
    const parent = openDir(dir.hostFd, head, budget);
    let st: fs.BigIntStats | null;
    let target: string | null = null;
    try {
      st = lstatAt(parent, last);
      const follow = mode === 'follow' || (trailing && mode === 'nofollow');
      if (st !== null && st.isSymbolicLink() && follow) {
        spend(budget);
        target = linkTarget(parent, last);
      } else if (trailing && mode !== 'never' && st !== null && !st.isDirectory()) {
        fail(ERRNO.NOTDIR);
      }
    } catch (e) {
      closeFd(parent);
      throw e;
    }
    if (target === null) return { dirFd: parent, name: trailing ? last + '/' : last, stat: st };
    closeFd(parent);
    // the link's target replaces it, resolved again from the top: its `..` steps are
    // physical, and the resolver refuses any that would leave the tree
    if (target.endsWith('/')) trailing = true;
    comps = [...head, ...components(target)];
  }
}

function statOrClose(fd: number): fs.BigIntStats {
  try {
    return fstat(fd);
  } catch (e) {
    closeFd(fd);
    throw e;
  }
}

/** resolve, run `body` on the target, then close the target's directory descriptor */
export function withTarget<T>(dir: FdEntry, path: string, mode: FollowMode, body: (t: Target) => T): T {
  const t = resolve(dir, path, mode);
  try {
    return body(t);
  } finally {
    closeFd(t.dirFd);
  }
}

/**
 * How many directories `dirFd` lies below the root of its preopen, found by walking `..`
 * on real descriptors (so it is where the directory actually is now, not where a path said it
 * was). ENOTCAPABLE if the root is never reached (the directory was moved out of it).
 */
export function depthBelowRoot(dirFd: number, root: { dev: bigint; ino: bigint }): number {
  let fd = openAt(dirFd, '.', O.PATH | O.DIRECTORY);
  try {
    for (let depth = 0; depth < 4096; depth++) {
      const st = fstat(fd);
      if (st.dev === root.dev && st.ino === root.ino) return depth;
      const up = openAt(fd, '..', O.PATH | O.DIRECTORY);
      const upSt = fstat(up);
      closeFd(fd);
      fd = up;
      if (upSt.dev === st.dev && upSt.ino === st.ino) break; // the file system's root
    }
  } finally {
    closeFd(fd);
  }
  return fail(ERRNO.NOTCAPABLE);
}

/**
 * Check that a symlink with `target`, placed in a directory `depth` levels below its
 * preopen's root, stays inside the preopen when followed from where it sits. The target must
 * be relative, and its `..` steps must all come first and climb at most `depth` levels: a `..`
 * after a name would step out of whatever that name resolves to (`s/..` with `s -> .` is the
 * root's parent), which no lexical check can bound.
 */
export function checkSymlinkTarget(target: string, depth: number): void {
  if (target.length === 0) fail(ERRNO.NOENT);
  if (target.includes('\0')) fail(ERRNO.INVAL);
  if (target.startsWith('/')) fail(ERRNO.NOTCAPABLE);
  if (climbOf(target) > depth) fail(ERRNO.NOTCAPABLE);
}

/** how many levels a symlink target climbs: its leading `..` count; Infinity for a later `..` */
export function climbOf(target: string): number {
  let climb = 0;
  let named = false;
  for (const c of components(target)) {
    if (c === '..') {
      if (named) return Infinity;
      climb++;
    } else if (c !== '.') {
      named = true;
    }
  }
  return climb;
}
