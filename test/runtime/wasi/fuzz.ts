/**
 * Random sessions of WASI path operations for test/runtime/wasi/wasi-c.test.ts: a seeded
 * sequence of calls over a small vocabulary of names in the tree of sequence.ts, which kiln's
 * C layer and loader/wasi must answer identically, call by call, leaving the same tree.
 */

import { RIGHTS } from '../../../loader/wasi/index.js';
import { Script } from './script.js';

const ALL = (1n << 30n) - 1n;
const DIR_RIGHTS = ALL & ~RIGHTS.FD_WRITE;

/** a small deterministic PRNG (mulberry32) */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/*
 * The expected answers come from loader/wasi in one resolver mode (openat2 where the kernel has
 * it), compared with the C layer in both. Left out of the vocabulary, because loader/wasi's two
 * modes answer them differently (and the C layer follows each mode exactly): the odd/ links
 * whose targets are not UTF-8 (the kernel follows the raw bytes, the walk the decoded string)
 * and chain/dc1 followed by a final symlink (the walk counts the kernel's 40 links too).
 */
const FUZZ_NAMES = [
  'a.txt', 'dir', 'sub', 'sub/deep', 'sub/deep/x.txt', 'dirlink', 'dirlink/deep', 'rel', 'out', 'abs', 'loop1',
  'sub/up2', 'chain/c1', 'chain/c0', 'ro', 'ro/f', 'ro/rodir', 'other', 'n1', 'n2', 'n1/n3',
  'dir/n4', 'sl1', 'sl2', 'dir/inner.txt', 'missing', 'n1/sl3', '.', '..',
];
const FUZZ_TARGETS = [
  'a.txt', '../a.txt', 'dir', '..', '../..', 'sub/deep', '/abs', 'n1', 'sl1', '../outside', 'x/../y', '.', 'n1/',
  'sl2', '../n1', 'missing',
];

/**
 * A random session of path operations over a small vocabulary of names (variants with `./`,
 * `../`, a trailing `/`, `/..`), relative to the preopens and to directory descriptors opened
 * on the way: what both implementations must answer identically, operation by operation.
 */
export function buildFuzzScript(seed: number, count: number): string {
  const s = new Script();
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const pathOf = (): string => {
    const n = pick(FUZZ_NAMES);
    const r = rnd();
    if (r < 0.08) return `${n}/`;
    if (r < 0.14) return `./${n}`;
    if (r < 0.18) return `../${n}`;
    if (r < 0.24) return `dir/../${n}`;
    if (r < 0.28) return `${n}/..`;
    if (r < 0.31) return `sub/deep/../../${n}`;
    return n;
  };
  const DIRFD = 16;
  const FILEFD = 20;
  const OUT = 24;
  const FDOUT = 28;
  const buf = s.alloc(4096);
  // descriptors from path_open (never a preopen or stdio: a failed open leaves 99, no descriptor)
  s.u32(DIRFD, 99);
  s.u32(FILEFD, 99);
  const dirFd = (): string => pick(['3', '3', '3', '4', '5', `@${DIRFD}`]);
  const str = (p: string): string => {
    const [pp, pl] = s.str(p);
    return `${pp} ${pl}`;
  };
  for (let i = 0; i < count; i++) {
    const op = Math.floor(rnd() * 13);
    s.cmd(`echo #${i}`);
    s.cmd(`fill ${buf} 64 0`);
    s.cmd(`u32 ${OUT} 0`);
    switch (op) {
      case 0:
        s.cmd(`call path_create_directory ${dirFd()} ${str(pathOf())}`);
        break;
      case 1:
        s.cmd(`call path_remove_directory ${dirFd()} ${str(pathOf())}`);
        break;
      case 2:
        s.cmd(`call path_unlink_file ${dirFd()} ${str(pathOf())}`);
        break;
      case 3:
        s.cmd(`call path_rename ${dirFd()} ${str(pathOf())} ${dirFd()} ${str(pathOf())}`);
        break;
      case 4:
        s.cmd(`call path_link ${dirFd()} ${rnd() < 0.5 ? 1 : 0} ${str(pathOf())} ${dirFd()} ${str(pathOf())}`);
        break;
      case 5:
        s.cmd(`call path_symlink ${str(pick(FUZZ_TARGETS))} ${dirFd()} ${str(pathOf())}`);
        break;
      case 6: {
        const oflags = pick([0, 0, 1, 2, 1 | 4, 8, 1 | 8]);
        const base = pick([RIGHTS.FD_READ, RIGHTS.FD_READ | RIGHTS.FD_WRITE, DIR_RIGHTS, ALL, RIGHTS.FD_READ | RIGHTS.FD_READDIR]);
        s.cmd(`u32 ${FDOUT} 99`);
        s.cmd(`call path_open ${dirFd()} ${rnd() < 0.7 ? 1 : 0} ${str(pathOf())} ${oflags} ${base} ${ALL} 0 ${FDOUT}`);
        s.cmd(`show32 ${FDOUT}`);
        s.cmd(`call fd_fdstat_get @${FDOUT} ${buf}`);
        s.cmd(`showstr ${buf} 24`);
        const slot = oflags & 2 || rnd() < 0.4 ? DIRFD : FILEFD;
        s.cmd(`call fd_close @${slot}`);
        s.cmd(`u32 ${slot} @${FDOUT}`);
        break;
      }
      case 7:
        s.cmd(`call path_filestat_get ${dirFd()} ${rnd() < 0.5 ? 1 : 0} ${str(pathOf())} ${buf}`);
        s.cmd(`filestat ${buf}`);
        break;
      case 8:
        s.cmd(`call path_readlink ${dirFd()} ${str(pathOf())} ${buf} 64 ${OUT}`);
        s.cmd(`showstr ${buf} @${OUT}`);
        break;
      case 9:
        s.cmd(`call path_filestat_set_times ${dirFd()} ${rnd() < 0.5 ? 1 : 0} ${str(pathOf())} 1000000000 2000000000 5`);
        break;
      case 10:
        s.cmd(`call fd_readdir @${DIRFD} ${buf} 4096 0 ${OUT}`);
        s.cmd(`dirents ${buf} @${OUT}`);
        break;
      case 11: {
        const io = s.iov(['data' + i]);
        s.cmd(`call fd_write @${FILEFD} ${io.ptr} 1 ${OUT}`);
        s.cmd(`call fd_read @${FILEFD} ${io.ptr} 1 ${OUT}`);
        s.cmd(`show32 ${OUT}`);
        break;
      }
      default:
        s.cmd(`call fd_filestat_get @${FILEFD} ${buf}`);
        s.cmd(`filestat ${buf}`);
        break;
    }
  }
  s.cmd('echo done');
  return s.text();
}
