/**
 * The scripted WASI session that test/runtime/wasi/wasi-c.test.ts runs through kiln's C
 * runtime (harness.c) and through loader/wasi, and the tree it runs in. Descriptors: 0–2 stdio,
 * 3 = /sandbox (the tree, read-write), 4 = /ro (tree/ro, read-only), 5 = /other (tree/other,
 * read-write); new descriptors from 6, lowest free first (the comments track them).
 */

import fs from 'node:fs';
import path from 'node:path';
import { RIGHTS } from '../../../loader/wasi/index.js';
import { Script } from './script.js';

const ALL = (1n << 30n) - 1n;
const DIR_RIGHTS = ALL & ~RIGHTS.FD_WRITE;
const HOST_WRITE = RIGHTS.FD_WRITE | RIGHTS.FD_ALLOCATE | RIGHTS.FD_FILESTAT_SET_SIZE | RIGHTS.FD_DATASYNC;
const S = 3;
const RO = 4;
const OTHER = 5;
/* result slots */
const FD = 16;
const N = 24;
const N2 = 32;
const T0 = 40;
const T1 = 48;
const BIG = 0xfff00; // beyond: only OUT_AREA and the end of memory
const MEM = 1 << 20;

/** the tree both sides start from: `root` is preopened, `outside` must never change */
export function makeTree(parent: string): { root: string; outside: string } {
  const root = path.join(parent, 'root');
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(root);
  fs.writeFileSync(outside, 'secret\n');
  fs.writeFileSync(path.join(root, 'a.txt'), 'hello world\n');
  fs.mkdirSync(path.join(root, 'dir'));
  fs.writeFileSync(path.join(root, 'dir', 'inner.txt'), 'inner\n');
  fs.mkdirSync(path.join(root, 'sub', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'sub', 'deep', 'x.txt'), 'deep x\n');
  fs.mkdirSync(path.join(root, 'ro', 'rodir'), { recursive: true });
  fs.writeFileSync(path.join(root, 'ro', 'f'), 'read only\n');
  fs.writeFileSync(path.join(root, 'ro', 'rodir', 'g'), 'g\n');
  fs.mkdirSync(path.join(root, 'other'));
  fs.writeFileSync(path.join(root, 'other', 'o.txt'), 'other\n');
  fs.symlinkSync('../outside', path.join(root, 'out'));
  fs.symlinkSync('/etc/passwd', path.join(root, 'abs'));
  fs.symlinkSync('loop2', path.join(root, 'loop1'));
  fs.symlinkSync('loop1', path.join(root, 'loop2'));
  fs.symlinkSync('a.txt', path.join(root, 'rel'));
  fs.symlinkSync('sub', path.join(root, 'dirlink'));
  fs.symlinkSync('../../outside', path.join(root, 'sub', 'up2'));
  // chains: c0 → c1 → … → c40 → a.txt (c0 needs 41 links, c1 40); dc* the same to a directory
  fs.mkdirSync(path.join(root, 'chain'));
  for (let i = 0; i <= 40; i++) {
    fs.symlinkSync(i === 40 ? '../a.txt' : `c${i + 1}`, path.join(root, 'chain', `c${i}`));
    fs.symlinkSync(i === 40 ? '../sub' : `dc${i + 1}`, path.join(root, 'chain', `dc${i}`));
  }
  // a directory whose listing takes several getdents64 calls
  const big = path.join(root, 'big');
  fs.mkdirSync(big);
  for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(big, `entry-${String((i * 7919) % 1500).padStart(4, '0')}-${'n'.repeat(40)}`), '');
  // names and symlink targets that are not UTF-8 or start with a BOM (loader/wasi decodes
  // targets with TextDecoder: U+FFFD for invalid bytes, a leading BOM dropped)
  const odd = path.join(root, 'odd');
  fs.mkdirSync(odd);
  fs.symlinkSync(Buffer.from([0xff, 0x78]), path.join(odd, 'bad'));
  fs.writeFileSync(path.join(odd, '\ufffdx'), 'replacement\n');
  fs.symlinkSync(Buffer.from([0xef, 0xbb, 0xbf, 0x2e, 0x2e, 0x2f, 0x61, 0x2e, 0x74, 0x78, 0x74]), path.join(odd, 'bom'));
  fs.symlinkSync(Buffer.from([0xef, 0xbb, 0xbf, 0x2f, 0x65, 0x74, 0x63]), path.join(odd, 'bomabs'));
  fs.writeFileSync(Buffer.from(path.join(odd, 'raw-') + '\xfe', 'latin1'), 'raw\n');
  fs.symlinkSync(Buffer.from([0xef, 0xbb, 0xbf, 0x2e, 0x2e, 0x2f, 0x2e, 0x2e, 0x2f, 0x6f]), path.join(odd, 'bomup'));
  return { root, outside };
}

/** a recursive, sorted snapshot of a tree, names and targets as raw bytes (escaped) */
export function rawSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const esc = (b: Buffer): string => [...b].map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16)}`)).join('');
  const walk = (full: Buffer, rel: string): void => {
    const names = fs.readdirSync(full, { encoding: 'buffer' }).sort(Buffer.compare);
    for (const name of names) {
      const p = Buffer.concat([full, Buffer.from('/'), name]);
      const r = rel === '' ? esc(name) : `${rel}/${esc(name)}`;
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) out[r] = 'link:' + esc(fs.readlinkSync(p, { encoding: 'buffer' }));
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(p, r);
      } else out[r] = `file:${esc(fs.readFileSync(p))}`;
    }
  };
  walk(Buffer.from(dir), '');
  return out;
}

export const GUEST_ARGS = ['prog', 'first arg', 'héllo'];
export const GUEST_ENV = ['GREETING=hi there', 'LANG=C.UTF-8', 'EMPTY='];

export function buildScript(): string {
  const s = new Script();
  const str = (t: string | Uint8Array): [number, number] => s.str(t);
  const open = (
    dir: number, p: string | Uint8Array,
    o: { oflags?: number; base?: bigint; inh?: bigint; fdflags?: number; follow?: boolean; out?: number } = {},
  ): void => {
    const [pp, pl] = str(p);
    const out = o.out ?? FD;
    s.call('path_open', dir, o.follow === false ? 0 : 1, pp, pl, o.oflags ?? 0, o.base ?? ((o.oflags ?? 0) & 2 ? DIR_RIGHTS : ALL), o.inh ?? ALL, o.fdflags ?? 0, out);
    s.cmd(`show32 ${out}`);
  };
  const write = (fd: number, parts: string[]): void => {
    const io = s.iov(parts);
    s.call('fd_write', fd, io.ptr, io.len, N);
    s.cmd(`show32 ${N}`);
  };
  const read = (fd: number, sizes: number[]): void => {
    const io = s.iov(sizes);
    s.call('fd_read', fd, io.ptr, io.len, N);
    s.cmd(`show32 ${N}`);
    io.bufs.forEach((b, i) => s.cmd(`showstr ${b} ${sizes[i]}`));
  };
  const pathCall = (name: string, fd: number, p: string | Uint8Array): void => {
    const [pp, pl] = str(p);
    s.call(name, fd, pp, pl);
  };
  const fstat = (fd: number): void => {
    const b = s.alloc(64);
    s.call('fd_filestat_get', fd, b);
    s.cmd(`filestat ${b}`);
  };
  const pstat = (fd: number, p: string, follow = true): void => {
    const [pp, pl] = str(p);
    const b = s.alloc(64);
    s.call('path_filestat_get', fd, follow ? 1 : 0, pp, pl, b);
    s.cmd(`filestat ${b}`);
  };
  const fdstat = (fd: number): void => {
    const b = s.alloc(24);
    s.call('fd_fdstat_get', fd, b);
    s.cmd(`showstr ${b} 24`);
  };
  const rename = (ofd: number, o: string, nfd: number, n: string): void => {
    const [op, ol] = str(o);
    const [np, nl] = str(n);
    s.call('path_rename', ofd, op, ol, nfd, np, nl);
  };
  const link = (ofd: number, o: string, nfd: number, n: string, follow = 0): void => {
    const [op, ol] = str(o);
    const [np, nl] = str(n);
    s.call('path_link', ofd, follow, op, ol, nfd, np, nl);
  };
  const symlink = (target: string, fd: number, n: string): void => {
    const [tp, tl] = str(target);
    const [np, nl] = str(n);
    s.call('path_symlink', tp, tl, fd, np, nl);
  };
  const readlink = (fd: number, p: string, len = 64): void => {
    const [pp, pl] = str(p);
    const b = s.alloc(len);
    s.call('path_readlink', fd, pp, pl, b, len, N);
    s.cmd(`show32 ${N}`);
    s.cmd(`showstr ${b} @${N}`);
  };
  const readdir = (fd: number, len: number, cookie: bigint | number): void => {
    const b = s.alloc(len);
    s.call('fd_readdir', fd, b, len, cookie, N);
    s.cmd(`show32 ${N}`);
    s.cmd(`dirents ${b} @${N}`);
  };
  const seek = (fd: number, off: bigint | number, whence: number): void => {
    s.call('fd_seek', fd, off, whence, T0);
    s.cmd(`show64 ${T0}`);
  };

  s.cmd('echo == args and environment');
  s.call('args_sizes_get', N, N2);
  s.cmd(`show32 ${N}`);
  s.cmd(`show32 ${N2}`);
  const argv = s.alloc(64);
  const argvBuf = s.alloc(256);
  s.call('args_get', argv, argvBuf);
  s.cmd(`showstr ${argvBuf} @${N2}`);
  s.cmd(`show32 ${argv + 4}`);
  s.call('environ_sizes_get', N, N2);
  s.cmd(`show32 ${N}`);
  s.cmd(`show32 ${N2}`);
  s.call('environ_get', argv, argvBuf);
  s.cmd(`showstr ${argvBuf} @${N2}`);
  s.call('args_get', 0xfffffff0, argvBuf);
  s.call('args_get', argv, MEM - 4);
  s.call('args_sizes_get', MEM - 4, N2);
  s.call('args_sizes_get', MEM - 2, N2);
  s.call('environ_sizes_get', N, 0xffffffff);

  s.cmd('echo == preopens and stdio');
  for (const fd of [0, 3, 4, 5, 6]) {
    s.call('fd_prestat_get', fd, N);
    s.cmd(`show32 ${N + 4}`);
  }
  const nameBuf = s.alloc(16);
  s.call('fd_prestat_dir_name', 3, nameBuf, 8);
  s.cmd(`showstr ${nameBuf} 8`);
  s.call('fd_prestat_dir_name', 4, nameBuf, 2);
  s.call('fd_prestat_dir_name', 5, MEM - 3, 6);
  for (const fd of [0, 1, 3, 4, 5]) fdstat(fd);
  write(1, ['hello ', '', 'stdout\n']);
  seek(1, 0, 1);
  s.call('fd_tell', 1, T0);
  s.call('fd_pread', 0, 0, 0, 0, N);
  s.call('fd_pwrite', 1, 0, 0, 0, N);
  read(0, [8]);
  s.call('fd_write', 1, MEM - 4, 1, N);
  s.call('fd_write', 1, 0xfffffffc, 1, N);
  const badIov = s.alloc(8);
  s.u32(badIov, MEM - 2);
  s.u32(badIov + 4, 3);
  s.call('fd_write', 1, badIov, 1, N);
  const goodIov = s.iov(['x']);
  s.call('fd_write', 1, goodIov.ptr, 1, MEM - 3);
  s.call('fd_write', 1, goodIov.ptr, 0x20000000, N);
  s.call('fd_readdir', 1, 0, 0, 0, N);

  s.cmd('echo == reading a file');
  open(S, 'a.txt', { base: RIGHTS.FD_READ | RIGHTS.FD_SEEK | RIGHTS.FD_TELL | RIGHTS.FD_FILESTAT_GET }); // 6
  read(6, [5]);
  s.call('fd_tell', 6, T0);
  s.cmd(`show64 ${T0}`);
  seek(6, 0, 2);
  seek(6, -3, 1);
  seek(6, -100, 1);
  seek(6, 0, 3);
  seek(6, (1n << 53n), 0);
  seek(6, -1, 0);
  s.call('fd_seek', 6, 0, 0, MEM - 4);
  seek(6, 6, 0);
  read(6, [3, 0, 10]);
  {
    const io = s.iov([3, 10]);
    s.call('fd_pread', 6, io.ptr, io.len, 6, N);
    s.cmd(`show32 ${N}`);
    s.cmd(`showstr ${io.bufs[0]} 3`);
    s.cmd(`showstr ${io.bufs[1]} 10`);
    s.call('fd_pread', 6, io.ptr, io.len, 1n << 60n, N);
    s.call('fd_pread', 6, io.ptr, io.len, 100, N);
    s.cmd(`show32 ${N}`);
  }
  write(6, ['nope']);
  fstat(6);
  fdstat(6);
  s.call('fd_advise', 6, 0, 0, 1);

  s.cmd('echo == writing a file');
  open(S, 'new.txt', { oflags: 1 }); // 7
  write(7, ['line1\n', 'line2\n']);
  {
    const io = s.iov(['XX']);
    s.call('fd_pwrite', 7, io.ptr, io.len, 2, N);
    s.cmd(`show32 ${N}`);
    s.call('fd_pwrite', 7, io.ptr, io.len, 1n << 54n, N);
  }
  s.call('fd_tell', 7, T0);
  s.cmd(`show64 ${T0}`);
  s.call('fd_fdstat_set_flags', 7, 1);
  seek(7, 0, 0);
  write(7, ['tail\n']);
  s.call('fd_tell', 7, T0);
  s.cmd(`show64 ${T0}`);
  fdstat(7);
  s.call('fd_fdstat_set_flags', 7, 0x20);
  s.call('fd_fdstat_set_flags', 7, 16 | 2);
  write(7, ['synced\n']);
  s.call('fd_fdstat_set_flags', 7, 0);
  {
    const io = s.iov([64]);
    s.call('fd_pread', 7, io.ptr, 1, 0, N);
    s.cmd(`show32 ${N}`);
    s.cmd(`showstr ${io.bufs[0]} @${N}`);
  }
  s.call('fd_filestat_set_size', 7, 4);
  fstat(7);
  s.call('fd_filestat_set_size', 7, 1n << 60n);
  s.call('fd_allocate', 7, 0, 10);
  fstat(7);
  s.call('fd_allocate', 7, 2, 3);
  s.call('fd_allocate', 7, 0, 0);
  s.call('fd_allocate', 7, 1n << 62n, 1n << 62n);
  s.call('fd_allocate', 1, 0, 5);
  s.call('fd_advise', 7, 0, 100, 5);
  s.call('fd_advise', 7, 0, 100, 6);
  s.call('fd_datasync', 7);
  s.call('fd_sync', 7);
  s.call('fd_sync', 3);
  s.call('fd_filestat_set_times', 7, 1_000_000_123_456_789n, 2_000_000_987_654_321n, 1 | 4);
  {
    const b = s.alloc(64);
    s.call('fd_filestat_get', 7, b);
    s.cmd(`times ${b}`);
    s.call('fd_filestat_set_times', 7, 5, 1_500_000_000_000_000_001n, 4);
    s.call('fd_filestat_get', 7, b);
    s.cmd(`times ${b}`);
  }
  s.call('fd_filestat_set_times', 7, 0, 0, 1 | 2);
  s.call('fd_filestat_set_times', 7, 0, 0, 4 | 8);
  s.call('fd_filestat_set_times', 7, 0, 0, 16);
  s.call('fd_filestat_set_times', 7, 0, 0, 2 | 8);

  s.cmd('echo == path_open flags and rights');
  open(S, 'new.txt', { oflags: 1 | 4 });
  open(S, 'trunc.txt', { oflags: 1 }); // 8
  write(8, ['to be truncated']);
  s.call('fd_close', 8);
  open(S, 'trunc.txt', { oflags: 8 }); // 8
  fstat(8);
  s.call('fd_close', 8);
  open(S, 'a.txt/');
  open(S, 'missing');
  open(S, 'missing/', { oflags: 1 });
  open(S, 'dir', { oflags: 2, base: ALL });
  open(S, 'dir', { base: ALL });
  open(S, 'dir', { oflags: 2 }); // 8
  read(8, [4]);
  write(8, ['x']);
  seek(8, 0, 0);
  fdstat(8);
  open(S, 'dir', { base: RIGHTS.FD_READ }); // 9
  fdstat(9);
  s.call('fd_close', 9);
  open(S, 'a.txt', { oflags: 2 });
  open(S, 'a.txt', { oflags: 16 });
  open(S, 'a.txt', { fdflags: 32 });
  open(S, 'a.txt', { base: RIGHTS.FD_READ }); // 9
  fdstat(9);
  s.call('fd_fdstat_set_rights', 9, RIGHTS.FD_READ, 0);
  s.call('fd_fdstat_set_rights', 9, RIGHTS.FD_READ | RIGHTS.FD_SEEK, 0);
  s.call('fd_fdstat_set_rights', 9, 0, 1);
  seek(9, 1, 0);
  s.call('fd_tell', 9, T0);
  s.call('fd_fdstat_set_rights', 9, 0, 0);
  read(9, [2]);
  s.call('fd_close', 9);
  open(S, 'dir', { oflags: 2, inh: RIGHTS.FD_READ | RIGHTS.FD_SEEK }); // 9: a directory that hands out reading only
  open(9, 'inner.txt', { base: RIGHTS.FD_READ | RIGHTS.FD_WRITE });
  open(9, 'inner.txt', { base: ALL & ~RIGHTS.FD_WRITE }); // 10
  fdstat(10);
  read(10, [16]);
  s.call('fd_close', 10);
  s.call('fd_fdstat_set_rights', 9, DIR_RIGHTS & ~RIGHTS.PATH_OPEN, 0);
  open(9, 'inner.txt', { base: RIGHTS.FD_READ });
  s.call('fd_close', 9);
  open(S, 'a.txt', { follow: false, base: RIGHTS.FD_READ }); // 9
  s.call('fd_close', 9);
  open(S, 'rel', { base: RIGHTS.FD_READ }); // 9
  read(9, [5]);
  s.call('fd_close', 9);
  open(S, 'rel', { follow: false, base: RIGHTS.FD_READ });
  open(S, 'dir/../a.txt', { base: RIGHTS.FD_READ }); // 9
  s.call('fd_close', 9);
  open(S, '.', { oflags: 1 | 4 });
  open(S, '.', { oflags: 2 }); // 9
  s.call('fd_close', 9);
  open(S, 'dirlink/deep/x.txt', { base: RIGHTS.FD_READ }); // 9
  read(9, [16]);
  s.call('fd_close', 9);
  open(S, 'sub/deep/', { oflags: 2 }); // 9
  s.call('fd_close', 9);
  s.call('path_open', S, 1, 0xfffffff0, 4, 0, ALL, ALL, 0, FD);
  {
    const [pp, pl] = str('a.txt');
    s.call('path_open', S, 1, pp, pl, 0, ALL, ALL, 0, MEM - 2);
    s.call('path_open', 1, 1, pp, pl, 0, ALL, ALL, 0, FD);
    s.call('path_open', 6, 1, pp, pl, 0, ALL, ALL, 0, FD);
    s.call('path_open', 99, 1, pp, pl, 0, ALL, ALL, 0, FD);
  }

  s.cmd('echo == bad descriptors');
  s.call('fd_close', 99);
  s.call('fd_close', 0xffffffff);
  write(99, ['x']);
  read(1234567, [1]);
  s.call('fd_fdstat_get', 42, N);
  s.call('fd_filestat_get', 42, N);
  s.call('fd_seek', 42, 0, 0, T0);
  s.call('fd_tell', 42, T0);
  s.call('fd_sync', 42);
  s.call('fd_datasync', 42);
  s.call('fd_advise', 42, 0, 0, 0);
  s.call('fd_allocate', 42, 0, 1);
  s.call('fd_readdir', 42, 0, 0, 0, N);
  pathCall('path_create_directory', 42, 'x');

  s.cmd('echo == renumber and close');
  open(S, 'a.txt', { base: RIGHTS.FD_READ }); // 9
  open(S, 'dir/inner.txt', { base: RIGHTS.FD_READ }); // 10
  s.call('fd_renumber', 9, 10);
  read(10, [5]);
  s.call('fd_fdstat_get', 9, N);
  s.call('fd_renumber', 9, 9);
  s.call('fd_renumber', 10, 10);
  s.call('fd_renumber', 10, 100);
  s.call('fd_renumber', 100, 10);
  open(S, 'new.txt', { base: RIGHTS.FD_READ }); // 9
  s.call('fd_close', 9);
  s.call('fd_close', 9);
  s.call('fd_close', 10);

  s.cmd('echo == directories');
  pathCall('path_create_directory', S, 'rd');
  for (const n of ['rd/b', 'rd/a', 'rd/c']) {
    open(S, n, { oflags: 1, base: RIGHTS.FD_WRITE }); // 9
    s.call('fd_close', 9);
  }
  pathCall('path_create_directory', S, 'rd/sub');
  symlink('a', S, 'rd/ln');
  open(S, 'rd', { oflags: 2 }); // 9
  readdir(9, 4096, 0);
  readdir(9, 4096, 3);
  readdir(9, 4096, 7);
  readdir(9, 4096, 100);
  readdir(9, 30, 0);
  readdir(9, 60, 2);
  readdir(9, 0, 0);
  s.call('fd_readdir', 9, MEM - 10, 20, 0, N);
  s.call('fd_readdir', 9, 0x100, 20, 0, MEM);
  readdir(RO, 4096, 0);
  readdir(S, 4096, 0);
  s.call('fd_readdir', 6, 0x100, 20, 0, N);
  pathCall('path_create_directory', 9, 'later');
  readdir(9, 4096, 5);
  readdir(9, 4096, 0);
  s.call('fd_close', 9);

  open(S, 'big', { oflags: 2 }); // 9
  readdir(9, 120000, 0);
  readdir(9, 4096, 1400);
  s.call('fd_close', 9);
  rename(S, 'big', S, 'dir/big');
  rename(S, 'dir/big', S, 'big2');

  s.cmd('echo == mkdir rmdir unlink');
  pathCall('path_create_directory', S, 'm1');
  pathCall('path_create_directory', S, 'm1');
  pathCall('path_create_directory', S, 'm1/m2/');
  pathCall('path_create_directory', S, '.');
  pathCall('path_create_directory', S, 'm1/..');
  pathCall('path_create_directory', S, '../x');
  pathCall('path_create_directory', S, 'm1/../../x');
  pathCall('path_create_directory', S, '/abs');
  pathCall('path_create_directory', S, '');
  pathCall('path_create_directory', S, 'a\0b');
  pathCall('path_create_directory', S, new Uint8Array([0x78, 0xff]));
  pathCall('path_create_directory', S, new Uint8Array([0xed, 0xa0, 0x80]));
  pathCall('path_create_directory', S, new Uint8Array([0xef, 0xbb, 0xbf, 0x62, 0x6f, 0x6d]));
  pathCall('path_create_directory', S, 'héllo wörld');
  pathCall('path_create_directory', S, 'missing/x');
  pathCall('path_create_directory', S, 'a.txt/x');
  pathCall('path_create_directory', 6, 'x');
  pathCall('path_create_directory', RO, 'x');
  s.call('path_create_directory', S, 0xfffffff0, 5);
  pathCall('path_remove_directory', S, 'm1');
  pathCall('path_remove_directory', S, 'm1/m2');
  pathCall('path_remove_directory', S, 'a.txt');
  pathCall('path_remove_directory', S, 'a.txt/');
  pathCall('path_remove_directory', S, '.');
  pathCall('path_remove_directory', S, 'rel/');
  pathCall('path_remove_directory', S, 'missing');
  pathCall('path_remove_directory', RO, 'rodir');
  pathCall('path_unlink_file', S, 'a.txt/');
  pathCall('path_unlink_file', S, 'm1');
  pathCall('path_unlink_file', S, '.');
  pathCall('path_unlink_file', S, 'rel/');
  pathCall('path_unlink_file', S, 'trunc.txt');
  pathCall('path_unlink_file', S, 'missing');
  pathCall('path_unlink_file', RO, 'f');

  s.cmd('echo == rename link symlink readlink');
  rename(S, 'new.txt', S, 'm1/moved.txt');
  rename(S, 'm1/moved.txt', S, 'x/');
  rename(S, '.', S, 'z');
  rename(S, 'a.txt', S, '.');
  rename(S, 'missing', S, 'z');
  rename(S, 'm1/moved.txt', RO, 'moved');
  rename(RO, 'f', RO, 'g');
  rename(S, 'm1/moved.txt', OTHER, 'moved');
  rename(S, '../outside', S, 'stolen');
  rename(S, 'm1/moved.txt', S, '../moved');
  rename(S, 'm1', S, 'a.txt');
  rename(S, 'm1/moved.txt', S, 'm1/again.txt');
  link(S, 'a.txt', S, 'hard.txt');
  pstat(S, 'hard.txt');
  link(S, 'm1', S, 'm1link');
  link(S, '.', S, 'dotlink');
  link(S, 'a.txt', S, 'hard.txt');
  link(S, 'missing', S, 'z');
  link(S, 'a.txt', S, 'missing/');
  link(S, 'a.txt', S, '.');
  link(S, 'a.txt', RO, 'z');
  link(S, 'a.txt', OTHER, 'z');
  link(S, 'rel', S, 'rel-hard', 0);
  link(S, 'rel', S, 'rel-follow', 1);
  link(S, 'out', S, 'out-hard');
  link(S, 'rel', S, 'm1/rel-deeper');
  link(S, '../outside', S, 'z');
  symlink('a.txt', S, 'sl');
  readlink(S, 'sl');
  readlink(S, 'sl', 3);
  readlink(S, 'a.txt');
  readlink(S, '.');
  readlink(S, 'missing');
  readlink(S, 'out');
  readlink(S, 'sl/');
  {
    const [pp, pl] = str('sl');
    s.call('path_readlink', S, pp, pl, MEM - 2, 8, N);
    s.call('path_readlink', S, pp, pl, 0x100, 8, MEM - 1);
  }
  symlink('/etc/passwd', S, 'esc1');
  symlink('../outside', S, 'esc2');
  symlink('../a.txt', S, 'm1/up');
  symlink('../../outside', S, 'm1/esc3');
  symlink('a/../b', S, 'esc4');
  symlink('./../x', S, 'm1/ok2');
  symlink('', S, 'empty');
  symlink('a\0b', S, 'nul');
  symlink('a.txt', S, 'sl');
  symlink('a.txt', S, 'sl2/');
  symlink('a.txt', S, '.');
  symlink('f', RO, 'z');
  symlink('a.txt', S, '../z');
  readlink(S, 'm1/up');
  rename(S, 'm1/up', S, 'up-moved');
  rename(S, 'm1/up', S, 'dir/up-moved');
  pathCall('path_create_directory', S, 'd1');
  pathCall('path_create_directory', S, 'd1/d2');
  symlink('../../a.txt', S, 'd1/d2/l');
  rename(S, 'd1/d2', S, 'd2top');
  rename(S, 'd1/d2', S, 'dir/d3');
  link(S, 'dir/d3/l', S, 'l-top');
  link(S, 'dir/d3/l', S, 'dir/l-up');
  link(S, 'dir/d3/l', S, 'dir/d3/l-same');
  rename(S, 'dir/d3/l', S, 'dir/l-moved');
  rename(S, 'dir/d3', S, 'dir/d3-renamed');

  s.cmd('echo == host names and targets that are not UTF-8, or start with a BOM');
  open(S, 'odd/bad', { base: RIGHTS.FD_READ }); // 9: \xff x → U+FFFD x, as TextDecoder reads it
  read(9, [32]);
  s.call('fd_close', 9);
  open(S, 'odd/bom', { base: RIGHTS.FD_READ }); // 9: BOM a.txt → ../a.txt
  read(9, [32]);
  s.call('fd_close', 9);
  open(S, 'odd/bomabs', { base: RIGHTS.FD_READ });
  readlink(S, 'odd/bad');
  readlink(S, 'odd/bom');
  open(S, 'odd', { oflags: 2 }); // 9
  readdir(9, 4096, 0);
  s.call('fd_close', 9);
  rename(S, 'odd', S, 'dir/odd');
  rename(S, 'dir/odd', S, 'odd2');

  s.cmd('echo == filestat and times');
  pstat(S, 'a.txt');
  pstat(S, 'sl', false);
  pstat(S, 'sl', true);
  pstat(S, 'dir');
  pstat(S, '.');
  pstat(S, 'missing');
  pstat(S, 'a.txt/');
  pstat(S, 'dirlink/', false);
  pstat(S, 'out', false);
  pstat(RO, 'f');
  {
    const [pp, pl] = str('a.txt');
    s.call('path_filestat_get', S, 1, pp, pl, MEM - 8);
    const b = s.alloc(64);
    s.call('path_filestat_set_times', S, 1, pp, pl, 3_000_000_000_000_000_007n, 4_000_000_000_000_000_009n, 1 | 4);
    s.call('path_filestat_get', S, 1, pp, pl, b);
    s.cmd(`times ${b}`);
    s.call('path_filestat_set_times', S, 1, pp, pl, 0, 0, 2 | 8);
    s.call('path_filestat_set_times', S, 1, pp, pl, 0, 0, 1 | 2);
    s.call('path_filestat_set_times', S, 1, pp, pl, 0, 0, 32);
    s.call('path_filestat_set_times', RO, 1, pp, pl, 0, 0, 2);
    const [sp, sl] = str('sl');
    s.call('path_filestat_set_times', S, 0, sp, sl, 7_000_000_000n, 8_000_000_001n, 1 | 4);
    s.call('path_filestat_get', S, 0, sp, sl, b);
    s.cmd(`times ${b}`);
    const [dp, dl] = str('.');
    s.call('path_filestat_set_times', S, 0, dp, dl, 9_000_000_000n, 9_000_000_000n, 1 | 4);
    s.call('path_filestat_get', S, 0, dp, dl, b);
    s.cmd(`times ${b}`);
    const [mp, ml] = str('missing');
    s.call('path_filestat_set_times', S, 0, mp, ml, 0, 0, 2);
  }

  s.cmd('echo == escapes');
  for (const p of ['../outside', 'dir/../../outside', '/etc/passwd', 'out', 'out/x', 'abs', 'abs/x', 'sub/up2',
    'sub/up2/x', 'loop1', 'loop1/x', 'chain/c0', 'chain/c1', 'chain/dc0/deep/x.txt', 'chain/dc1/deep/x.txt',
    'dir/..', 'dir/../..', 'dirlink/../a.txt', 'dirlink/../../outside', '.', './', 'a.txt/.', 'sub/deep/../../a.txt']) {
    open(S, p, { base: RIGHTS.FD_READ });
    s.call('fd_close', 9);
  }
  open(S, 'out', { base: RIGHTS.FD_READ, follow: false });
  pstat(S, 'out/', false);
  pstat(S, 'loop1', true);
  pstat(S, 'loop1', false);
  open(RO, '../a.txt', { base: RIGHTS.FD_READ });
  open(RO, '../ro/f', { base: RIGHTS.FD_READ });
  open(RO, 'rodir/../../a.txt', { base: RIGHTS.FD_READ });
  open(OTHER, '../a.txt', { base: RIGHTS.FD_READ });
  open(S, 'dir', { oflags: 2 }); // 9
  open(9, '../a.txt', { base: RIGHTS.FD_READ });
  open(9, 'inner.txt/..', { oflags: 2 });
  symlink('../a.txt', 9, 'updir');
  open(9, 'updir', { base: RIGHTS.FD_READ });
  s.call('fd_close', 9);

  open(RO, 'rodir/../f', { base: RIGHTS.FD_READ | RIGHTS.FD_WRITE });
  open(RO, 'rodir/../f', { base: RIGHTS.FD_READ }); // 9
  s.call('fd_close', 9);
  open(RO, 'rodir', { oflags: 2, base: RIGHTS.PATH_OPEN | RIGHTS.FD_READDIR }); // 9
  open(9, '../f', { base: RIGHTS.FD_READ });
  open(9, 'g/../../f', { base: RIGHTS.FD_READ });
  s.call('fd_close', 9);
  // the read-only tree lies inside the read-write one: reachable for writing through it
  pathCall('path_create_directory', S, 'ro/../ro/made-through-sandbox');
  pathCall('path_create_directory', S, 'x'.repeat(300));
  pathCall('path_create_directory', S, 'dir/' + 'x'.repeat(255));
  symlink('\ufeffa.txt', S, 'bom-target');
  readlink(S, 'bom-target');
  {
    const io = s.iov([4]);
    s.call('fd_pread', 3, io.ptr, 1, 0, N);
    s.call('fd_pwrite', 3, io.ptr, 1, 0, N);
    s.call('fd_tell', 3, T0);
    s.call('fd_filestat_set_size', 3, 0);
    s.call('fd_allocate', 3, 0, 1);
    s.call('fd_advise', 3, 0, 0, 0);
  }

  s.cmd('echo == read-only preopen');
  open(RO, 'f', { base: RIGHTS.FD_READ | RIGHTS.FD_WRITE });
  open(RO, 'f', { oflags: 1, base: RIGHTS.FD_READ });
  open(RO, 'new', { oflags: 1, base: RIGHTS.FD_READ });
  open(RO, 'f', { oflags: 8, base: RIGHTS.FD_READ });
  open(RO, 'f', { fdflags: 1, base: RIGHTS.FD_READ });
  open(RO, 'f', { base: RIGHTS.FD_READ | RIGHTS.FD_ALLOCATE });
  open(RO, 'f', { base: RIGHTS.FD_READ | RIGHTS.FD_FILESTAT_SET_SIZE });
  open(RO, 'f', { base: RIGHTS.FD_READ | RIGHTS.FD_DATASYNC });
  open(RO, 'f'); // ALL: asks for fd_write
  open(RO, 'f', { base: ALL & ~(RIGHTS.FD_WRITE | RIGHTS.FD_ALLOCATE | RIGHTS.FD_FILESTAT_SET_SIZE | RIGHTS.FD_DATASYNC) }); // 9
  fdstat(9);
  read(9, [9]);
  write(9, ['x']);
  s.call('fd_pwrite', 9, 0, 0, 0, N);
  s.call('fd_allocate', 9, 0, 1);
  s.call('fd_filestat_set_size', 9, 0);
  s.call('fd_filestat_set_times', 9, 0, 0, 2);
  s.call('fd_fdstat_set_flags', 9, 1);
  s.call('fd_fdstat_set_flags', 9, 4);
  s.call('fd_datasync', 9);
  s.call('fd_close', 9);
  open(RO, 'rodir', { oflags: 2 });
  open(RO, 'rodir', { oflags: 2, base: ALL & ~HOST_WRITE }); // 9
  fdstat(9);
  pathCall('path_create_directory', 9, 'x');
  pathCall('path_unlink_file', 9, 'g');
  open(9, 'g', { base: RIGHTS.FD_READ | RIGHTS.FD_WRITE });
  open(9, 'g', { base: RIGHTS.FD_READ }); // 10
  s.call('fd_close', 10);
  s.call('fd_filestat_set_times', 9, 0, 0, 2);
  s.call('fd_close', 9);
  s.call('fd_filestat_set_times', RO, 0, 0, 2);
  s.call('fd_fdstat_set_flags', RO, 1);
  link(RO, 'f', RO, 'f2');
  link(RO, 'f', S, 'f2');
  rename(RO, 'rodir', RO, 'x');
  symlink('f', RO, 'l');
  pathCall('path_remove_directory', RO, 'rodir');
  pathCall('path_unlink_file', RO, 'rodir/g');

  s.cmd('echo == clocks random sockets');
  for (const id of [0, 1, 2, 3]) {
    s.call('clock_res_get', id, T0);
    s.cmd(`nonzero ${T0} 8`);
    s.call('clock_time_get', id, 0, T0);
    s.cmd(`nonzero ${T0} 8`);
  }
  s.call('clock_res_get', 4, T0);
  s.call('clock_res_get', 0, MEM - 4);
  s.call('clock_time_get', 9, 0, T0);
  s.call('clock_time_get', 0, 0, MEM - 7);
  s.call('clock_time_get', 1, 0, T0);
  s.call('clock_time_get', 1, 0, T1);
  s.cmd(`diffge ${T0} ${T1} 0`);
  const rnd = s.alloc(64);
  s.call('random_get', rnd, 64);
  s.cmd(`nonzero ${rnd} 64`);
  s.call('random_get', rnd, 0);
  s.call('random_get', MEM - 10, 11);
  s.call('random_get', MEM - 10, 10);
  s.call('sched_yield');
  s.call('proc_raise', 2);
  for (const fd of [3, 99, 1, 0]) {
    s.call('sock_accept', fd, 0, N);
    s.call('sock_recv', fd, 0, 0, 0, N, N2);
    s.call('sock_send', fd, 0, 0, 0, N);
    s.call('sock_shutdown', fd, 2);
  }

  s.cmd('echo == poll_oneoff');
  const subs = s.alloc(48 * 4);
  const evs = s.alloc(32 * 4);
  const sub = (i: number, userdata: number, tag: number, f: { fd?: number; id?: number; timeout?: bigint; flags?: number }): void => {
    const b = subs + i * 48;
    s.cmd(`fill ${b} 48 0`);
    s.u64(b, userdata);
    s.u8(b + 8, tag);
    if (tag === 0) {
      s.u32(b + 16, f.id ?? 1);
      s.u64(b + 24, f.timeout ?? 0n);
      s.u16(b + 40, f.flags ?? 0);
    } else {
      s.u32(b + 16, f.fd ?? 0);
    }
  };
  open(S, 'a.txt', { base: RIGHTS.FD_READ | RIGHTS.POLL_FD_READWRITE | RIGHTS.FD_SEEK }); // 9
  seek(9, 7, 0);
  sub(0, 7, 0, { id: 1, timeout: 30_000_000n });
  s.call('clock_time_get', 1, 0, T0);
  s.call('poll_oneoff', subs, evs, 1, N);
  s.call('clock_time_get', 1, 0, T1);
  s.cmd(`show32 ${N}`);
  s.cmd(`events ${evs} @${N}`);
  s.cmd(`diffge ${T0} ${T1} 30000000`);
  sub(0, 1, 0, { id: 1, timeout: 10_000_000_000n });
  sub(1, 2, 1, { fd: 9 });
  sub(2, 3, 2, { fd: 1 });
  sub(3, 4, 1, { fd: 77 });
  s.call('poll_oneoff', subs, evs, 4, N);
  s.cmd(`show32 ${N}`);
  s.cmd(`events ${evs} @${N}`);
  sub(0, 5, 1, { fd: 3 });
  sub(1, 6, 0, { id: 9, timeout: 1n });
  sub(2, 8, 0, { id: 0, timeout: 0n, flags: 1 });
  s.call('poll_oneoff', subs, evs, 3, N);
  s.cmd(`show32 ${N}`);
  s.cmd(`events ${evs} @${N}`);
  sub(0, 9, 0, { id: 1, timeout: 1_000_000n });
  sub(1, 10, 0, { id: 1, timeout: 20_000_000n });
  s.call('poll_oneoff', subs, evs, 2, N);
  s.cmd(`show32 ${N}`);
  s.cmd(`events ${evs} @${N}`);
  s.call('poll_oneoff', subs, evs, 0, N);
  sub(0, 11, 5, {});
  s.call('poll_oneoff', subs, evs, 1, N);
  s.call('poll_oneoff', MEM - 40, evs, 1, N);
  s.call('poll_oneoff', subs, MEM - 40, 2, N);
  s.call('poll_oneoff', subs, evs, 1, MEM - 1);
  s.call('fd_close', 9);

  s.cmd('echo == closing and replacing preopens');
  open(S, 'a.txt', { base: RIGHTS.FD_READ }); // 9
  s.call('fd_renumber', 9, OTHER);
  s.call('fd_prestat_get', OTHER, N);
  read(OTHER, [5]);
  pathCall('path_create_directory', OTHER, 'x');
  s.call('fd_close', RO);
  s.call('fd_prestat_get', RO, N);
  pathCall('path_create_directory', RO, 'x');
  open(S, 'dir', { oflags: 2 }); // 4: the lowest free descriptor
  fdstat(4);
  s.call('fd_prestat_get', 4, N);
  readdir(4, 4096, 0);
  s.call('fd_renumber', S, 4);
  s.call('fd_prestat_get', 4, N);
  s.cmd(`show32 ${N + 4}`);
  pathCall('path_create_directory', 4, 'after-renumber');
  pathCall('path_create_directory', S, 'x');

  s.cmd('echo == the end');
  s.call('fd_fdstat_get', 0xfffffff0, BIG);
  s.call('proc_exit', 3);
  s.cmd('echo not reached');
  return s.text();
}
