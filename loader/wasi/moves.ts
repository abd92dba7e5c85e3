/**
 * Keeping guest-made symlinks inside their preopen when things move. path_symlink checks a new
 * link's target from where the link sits (sandbox.ts, checkSymlinkTarget); a rename can later
 * move a link, or a directory holding links, closer to the root, after which a target that
 * climbed `..` safely would climb out. kiln itself never follows such a link outside, but a
 * host user who later does would be exposed, so path_rename checks what it moves:
 *   - a symlink: its target, from the destination;
 *   - a directory moved to a shallower place: every symlink below it, from where it will sit.
 *     The scan reads descriptors only (openat with O_NOFOLLOW, directory streams); beyond
 *     MAX_SCANNED entries the rename is refused with EXDEV, which makes `mv` and similar
 *     programs fall back to copying, where each new link is checked as it is created.
 */

import type fs from 'node:fs';
import { ERRNO } from './constants.js';
import { fail } from './errors.js';
import type { Preopen } from './fdtable.js';
import { O, closeFd, openAt, readDirectory, readlinkAt } from './host-fs.js';
import { checkSymlinkTarget, climbOf, depthBelowRoot } from './sandbox.js';

/** entries a directory move may scan before it is refused with EXDEV */
export const MAX_SCANNED = 100_000;
/** directory levels below the moved directory the scan descends (each holds a descriptor) */
export const MAX_SCAN_DEPTH = 256;

const DT_DIR = 4;
const DT_LNK = 10;
const DT_UNKNOWN = 0;

export function checkMovedTree(srcDir: number, srcName: string, srcStat: fs.BigIntStats, dstDir: number, root: Preopen): void {
  if (srcStat.isSymbolicLink()) {
    checkSymlinkTarget(readlinkAt(srcDir, srcName), depthBelowRoot(dstDir, root));
    return;
  }
  if (!srcStat.isDirectory()) return;
  const from = depthBelowRoot(srcDir, root) + 1;
  const to = depthBelowRoot(dstDir, root) + 1;
  if (to >= from) return;
  const top = openAt(srcDir, srcName, O.RDONLY | O.DIRECTORY | O.NOFOLLOW);
  try {
    scan(top, to, 0, { left: MAX_SCANNED });
  } finally {
    closeFd(top);
  }
}

/** every symlink below `dir` (which will sit `depth` levels below the root) must stay inside */
function scan(dir: number, depth: number, level: number, budget: { left: number }): void {
  if (level > MAX_SCAN_DEPTH) fail(ERRNO.XDEV);
  for (const d of readDirectory(dir)) {
    const name = Buffer.from(d.name).toString('utf8');
    if (name === '.' || name === '..') continue;
    if (--budget.left < 0) fail(ERRNO.XDEV);
    if (d.dtype === DT_LNK || d.dtype === DT_UNKNOWN) {
      let target: string | null = null;
      try {
        target = readlinkAt(dir, name);
      } catch {
        target = null; // not a symlink (DT_UNKNOWN)
      }
      if (target !== null) {
        if (climbOf(target) > depth) fail(ERRNO.NOTCAPABLE);
        continue;
      }
    }
    if (d.dtype === DT_DIR || d.dtype === DT_UNKNOWN) {
      let sub: number;
      try {
        sub = openAt(dir, name, O.RDONLY | O.DIRECTORY | O.NOFOLLOW);
      } catch {
        continue; // not a directory
      }
      try {
        scan(sub, depth + 1, level + 1, budget);
      } finally {
        closeFd(sub);
      }
    }
  }
}
