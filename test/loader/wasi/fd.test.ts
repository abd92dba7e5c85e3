/**
 * WASI preview1 `fd_*` imports called directly against a test-owned memory: the struct
 * layouts they write (fdstat, filestat, prestat, dirent), positions, flags, rights, and their
 * error paths (EBADF, EFAULT, EISDIR, ESPIPE, EINVAL, ENOTCAPABLE, ENAMETOOLONG …).
 */

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERRNO, RIGHTS } from '../../../loader/wasi/index.js';
import { Guest, rmrf, tempDir } from './harness.js';

const BOX = 3;
const CREAT = 1;
let dir: string;
let outPath: string;
let inPath: string;
let outFd: number;
let inFd: number;
let g: Guest;

beforeEach(() => {
  dir = tempDir('fd');
  fs.writeFileSync(path.join(dir, 'f.txt'), 'hello world');
  fs.mkdirSync(path.join(dir, 'sub'));
  outPath = path.join(dir, '..', path.basename(dir) + '.stdout');
  inPath = path.join(dir, '..', path.basename(dir) + '.stdin');
  fs.writeFileSync(inPath, 'typed input');
  outFd = fs.openSync(outPath, 'w+');
  inFd = fs.openSync(inPath, 'r');
  g = new Guest({ args: [], env: {}, preopens: [{ hostPath: dir, guestPath: '/sandbox' }], stdin: inFd, stdout: outFd });
});
afterEach(() => {
  g.wasi.close();
  fs.closeSync(outFd);
  fs.closeSync(inFd);
  rmrf(dir);
  fs.rmSync(outPath);
  fs.rmSync(inPath);
});

function openF(name = 'f.txt', opts: Parameters<Guest['open']>[2] = {}): number {
  const [e, fd] = g.open(BOX, name, opts);
  expect(e).toBe(0);
  return fd;
}

describe('fd_write / fd_read', () => {
  it('fd_write gathers iovecs to stdout synchronously', () => {
    const io = g.iovs(['hello ', '', 'stdout\n']);
    const n = g.alloc(4);
    expect(g.call('fd_write', 1, io.ptr, io.len, n)).toBe(0);
    expect(g.u32(n)).toBe(13);
    expect(fs.readFileSync(outPath, 'utf8')).toBe('hello stdout\n');
  });
  it('fd_write writes a file at its position and advances it', () => {
    const fd = openF();
    expect(g.write(fd, 'HELLO')).toEqual([0, 5]);
    expect(g.write(fd, '_')).toEqual([0, 1]);
    expect(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8')).toBe('HELLO_world');
  });
  it('fd_write errors: EBADF, EISDIR, EFAULT, ENOTCAPABLE', () => {
    expect(g.write(99, 'x')[0]).toBe(ERRNO.BADF);
    expect(g.write(BOX, 'x')[0]).toBe(ERRNO.ISDIR);
    const n = g.alloc(4);
    expect(g.call('fd_write', 1, 65536 - 4, 1, n)).toBe(ERRNO.FAULT);
    const io = g.alloc(8);
    g.view.setUint32(io, 65000, true);
    g.view.setUint32(io + 4, 1000, true);
    expect(g.call('fd_write', 1, io, 1, n)).toBe(ERRNO.FAULT);
    const fd = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.write(fd, 'x')[0]).toBe(ERRNO.NOTCAPABLE);
    expect(fs.readFileSync(outPath, 'utf8')).toBe('');
  });
  it('fd_read scatters into iovecs and reports EOF as 0', () => {
    const fd = openF();
    const io = g.iovs([5, 3, 10]);
    const n = g.alloc(4);
    expect(g.call('fd_read', fd, io.ptr, io.len, n)).toBe(0);
    expect(g.u32(n)).toBe(11);
    expect(g.text(io.bufs[0]!, 5) + '|' + g.text(io.bufs[1]!, 3) + '|' + g.text(io.bufs[2]!, 3)).toBe('hello| wo|rld');
    expect(g.read(fd, 4)).toEqual([0, '']);
  });
  it('fd_read reads stdin', () => {
    expect(g.read(0, 5)).toEqual([0, 'typed']);
    expect(g.read(0, 50)).toEqual([0, ' input']);
  });
  it('fd_read errors: EBADF, EISDIR, EFAULT, ENOTCAPABLE', () => {
    expect(g.read(42, 1)[0]).toBe(ERRNO.BADF);
    expect(g.read(BOX, 1)[0]).toBe(ERRNO.ISDIR);
    const fd = openF('f.txt', { base: RIGHTS.FD_WRITE });
    expect(g.read(fd, 1)[0]).toBe(ERRNO.NOTCAPABLE);
    const fd2 = openF();
    const io = g.iovs([4]);
    expect(g.call('fd_read', fd2, io.ptr, io.len, 65535)).toBe(ERRNO.FAULT);
  });
});

describe('positions: fd_seek, fd_tell, fd_pread, fd_pwrite', () => {
  it('fd_seek moves by whence set/cur/end and fd_tell reports it', () => {
    const fd = openF();
    const p = g.alloc(8);
    expect(g.call('fd_seek', fd, 6n, 0, p)).toBe(0);
    expect(g.u64(p)).toBe(6n);
    expect(g.read(fd, 3)).toEqual([0, 'wor']);
    expect(g.call('fd_seek', fd, -2n, 1, p)).toBe(0);
    expect(g.u64(p)).toBe(7n);
    expect(g.call('fd_seek', fd, -1n, 2, p)).toBe(0);
    expect(g.u64(p)).toBe(10n);
    expect(g.call('fd_tell', fd, p)).toBe(0);
    expect(g.u64(p)).toBe(10n);
    expect(g.read(fd, 3)).toEqual([0, 'd']);
  });
  it('fd_seek errors: EINVAL (negative result, bad whence), ESPIPE (stdio), EISDIR, EBADF, EFAULT', () => {
    const fd = openF();
    const p = g.alloc(8);
    expect(g.call('fd_seek', fd, -1n, 0, p)).toBe(ERRNO.INVAL);
    expect(g.call('fd_seek', fd, 0n, 3, p)).toBe(ERRNO.INVAL);
    expect(g.call('fd_seek', 1, 0n, 0, p)).toBe(ERRNO.SPIPE);
    expect(g.call('fd_seek', BOX, 0n, 0, p)).toBe(ERRNO.ISDIR);
    expect(g.call('fd_seek', 77, 0n, 0, p)).toBe(ERRNO.BADF);
    expect(g.call('fd_seek', fd, 0n, 0, 65532)).toBe(ERRNO.FAULT);
  });
  it('fd_tell errors: ESPIPE for stdio, ENOTCAPABLE without the right, EBADF', () => {
    const p = g.alloc(8);
    expect(g.call('fd_tell', 1, p)).toBe(ERRNO.SPIPE);
    const fd = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_tell', fd, p)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_tell', 50, p)).toBe(ERRNO.BADF);
  });
  it('fd_pread reads at an offset without moving the position', () => {
    const fd = openF();
    const io = g.iovs([5]);
    const n = g.alloc(4);
    expect(g.call('fd_pread', fd, io.ptr, io.len, 6n, n)).toBe(0);
    expect(g.text(io.bufs[0]!, g.u32(n))).toBe('world');
    expect(g.read(fd, 5)).toEqual([0, 'hello']);
  });
  it('fd_pwrite writes at an offset without moving the position', () => {
    const fd = openF();
    const io = g.iovs(['W']);
    const n = g.alloc(4);
    expect(g.call('fd_pwrite', fd, io.ptr, io.len, 6n, n)).toBe(0);
    expect(g.u32(n)).toBe(1);
    expect(g.read(fd, 11)).toEqual([0, 'hello World']);
  });
  it('fd_pread/fd_pwrite errors: ESPIPE, ENOTCAPABLE, EISDIR, EBADF', () => {
    const io = g.iovs([4]);
    const n = g.alloc(4);
    expect(g.call('fd_pread', 0, io.ptr, io.len, 0n, n)).toBe(ERRNO.SPIPE);
    expect(g.call('fd_pwrite', 1, io.ptr, io.len, 0n, n)).toBe(ERRNO.SPIPE);
    const fd = openF('f.txt', { base: RIGHTS.FD_READ | RIGHTS.FD_WRITE });
    expect(g.call('fd_pread', fd, io.ptr, io.len, 0n, n)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_pwrite', fd, io.ptr, io.len, 0n, n)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_pread', BOX, io.ptr, io.len, 0n, n)).toBe(ERRNO.ISDIR);
    expect(g.call('fd_pwrite', 66, io.ptr, io.len, 0n, n)).toBe(ERRNO.BADF);
  });
});

describe('fd_close and fd_renumber', () => {
  it('fd_close frees the descriptor, which is reused', () => {
    const fd = openF();
    expect(g.call('fd_close', fd)).toBe(0);
    expect(g.read(fd, 1)[0]).toBe(ERRNO.BADF);
    expect(g.call('fd_close', fd)).toBe(ERRNO.BADF);
    expect(openF()).toBe(fd);
  });
  it('fd_renumber moves a descriptor over another one', () => {
    const a = openF();
    const b = openF('sub', { oflags: 2 });
    expect(g.call('fd_renumber', a, b)).toBe(0);
    expect(g.read(a, 1)[0]).toBe(ERRNO.BADF);
    expect(g.read(b, 5)).toEqual([0, 'hello']);
  });
  it('fd_renumber errors: EBADF for a closed source or target', () => {
    const a = openF();
    expect(g.call('fd_renumber', a, 40)).toBe(ERRNO.BADF);
    expect(g.call('fd_renumber', 40, a)).toBe(ERRNO.BADF);
    expect(g.call('fd_renumber', a, a)).toBe(0);
  });
});

describe('fdstat', () => {
  it('fd_fdstat_get describes stdio, a preopen and a file', () => {
    const st = g.alloc(24);
    expect(g.call('fd_fdstat_get', 1, st)).toBe(0);
    expect(g.u8(st)).toBe(4); // stdout redirected to a regular file
    expect(g.u64(st + 8) & RIGHTS.FD_WRITE).toBe(RIGHTS.FD_WRITE);
    expect(g.u64(st + 8) & RIGHTS.FD_SEEK).toBe(0n);
    expect(g.call('fd_fdstat_get', BOX, st)).toBe(0);
    expect(g.u8(st)).toBe(3);
    expect(g.u64(st + 8) & RIGHTS.PATH_OPEN).toBe(RIGHTS.PATH_OPEN);
    expect(g.u64(st + 16) & RIGHTS.FD_WRITE).toBe(RIGHTS.FD_WRITE);
    const fd = openF('f.txt', { fdflags: 1 | 4 });
    expect(g.call('fd_fdstat_get', fd, st)).toBe(0);
    expect([g.u8(st), g.u16(st + 2)]).toEqual([4, 5]);
    expect(g.u64(st + 8) & RIGHTS.PATH_OPEN).toBe(0n); // narrowed to file rights
  });
  it('fd_fdstat_get errors: EBADF, EFAULT', () => {
    expect(g.call('fd_fdstat_get', 9, g.alloc(24))).toBe(ERRNO.BADF);
    expect(g.call('fd_fdstat_get', 1, 65530)).toBe(ERRNO.FAULT);
  });
  it('fd_fdstat_set_flags switches append mode on', () => {
    const fd = openF();
    expect(g.call('fd_fdstat_set_flags', fd, 1)).toBe(0);
    expect(g.write(fd, '!')).toEqual([0, 1]);
    expect(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8')).toBe('hello world!');
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    expect(g.u16(st + 2)).toBe(1);
  });
  it('fd_fdstat_set_flags errors: EINVAL for unknown flags, ENOTCAPABLE, EBADF', () => {
    const fd = openF();
    expect(g.call('fd_fdstat_set_flags', fd, 64)).toBe(ERRNO.INVAL);
    const fd2 = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_fdstat_set_flags', fd2, 4)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_fdstat_set_flags', 31, 0)).toBe(ERRNO.BADF);
  });
  it('fd_fdstat_set_rights only narrows', () => {
    const fd = openF();
    expect(g.call('fd_fdstat_set_rights', fd, RIGHTS.FD_READ, 0n)).toBe(0);
    expect(g.write(fd, 'x')[0]).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_fdstat_set_rights', fd, RIGHTS.FD_READ | RIGHTS.FD_WRITE, 0n)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_fdstat_set_rights', fd, RIGHTS.FD_READ, 1n)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_fdstat_set_rights', 30, 0n, 0n)).toBe(ERRNO.BADF);
  });
});

describe('filestat', () => {
  it('fd_filestat_get fills the 64-byte filestat', () => {
    const fd = openF();
    const st = g.alloc(64);
    expect(g.call('fd_filestat_get', fd, st)).toBe(0);
    const host = fs.statSync(path.join(dir, 'f.txt'), { bigint: true });
    expect([g.u64(st), g.u64(st + 8), g.u8(st + 16), g.u64(st + 24), g.u64(st + 32)]).toEqual([host.dev, host.ino, 4, 1n, 11n]);
    expect(g.u64(st + 48)).toBe(host.mtimeNs);
    expect(g.call('fd_filestat_get', BOX, st)).toBe(0);
    expect(g.u8(st + 16)).toBe(3);
  });
  it('fd_filestat_get errors: EBADF, EFAULT, ENOTCAPABLE', () => {
    expect(g.call('fd_filestat_get', 12, g.alloc(64))).toBe(ERRNO.BADF);
    expect(g.call('fd_filestat_get', BOX, 65500)).toBe(ERRNO.FAULT);
    const fd = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_filestat_get', fd, g.alloc(64))).toBe(ERRNO.NOTCAPABLE);
  });
  it('fd_filestat_set_size truncates and extends', () => {
    const fd = openF();
    expect(g.call('fd_filestat_set_size', fd, 5n)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8')).toBe('hello');
    expect(g.call('fd_filestat_set_size', fd, 7n)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'f.txt'))).toEqual(Buffer.from('hello\0\0'));
  });
  it('fd_filestat_set_size errors: EISDIR, ENOTCAPABLE, EBADF', () => {
    expect(g.call('fd_filestat_set_size', BOX, 0n)).toBe(ERRNO.ISDIR);
    const fd = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_filestat_set_size', fd, 0n)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_filestat_set_size', 13, 0n)).toBe(ERRNO.BADF);
  });
  it('fd_filestat_set_times sets exact times and "now"', () => {
    const fd = openF();
    expect(g.call('fd_filestat_set_times', fd, 1_000_000_000_000_000_001n, 2_000_000_000_123_456_789n, 1 | 4)).toBe(0);
    let st = fs.statSync(path.join(dir, 'f.txt'), { bigint: true });
    expect([st.atimeNs, st.mtimeNs]).toEqual([1_000_000_000_000_000_001n, 2_000_000_000_123_456_789n]);
    expect(g.call('fd_filestat_set_times', fd, 0n, 0n, 8)).toBe(0);
    st = fs.statSync(path.join(dir, 'f.txt'), { bigint: true });
    expect(st.atimeNs).toBe(1_000_000_000_000_000_001n);
    expect(Number(st.mtimeNs / 1_000_000n) - Date.now()).toBeLessThan(5000);
    expect(Number(st.mtimeNs / 1_000_000n) - Date.now()).toBeGreaterThan(-5000);
  });
  it('fd_filestat_set_times errors: EINVAL for conflicting flags, ENOTCAPABLE, EBADF', () => {
    const fd = openF();
    expect(g.call('fd_filestat_set_times', fd, 0n, 0n, 1 | 2)).toBe(ERRNO.INVAL);
    expect(g.call('fd_filestat_set_times', fd, 0n, 0n, 4 | 8)).toBe(ERRNO.INVAL);
    expect(g.call('fd_filestat_set_times', fd, 0n, 0n, 16)).toBe(ERRNO.INVAL);
    const fd2 = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_filestat_set_times', fd2, 0n, 0n, 2)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_filestat_set_times', 14, 0n, 0n, 2)).toBe(ERRNO.BADF);
  });
});

describe('fd_advise, fd_allocate, fd_datasync, fd_sync', () => {
  it('fd_advise accepts the six advice values', () => {
    const fd = openF();
    for (let a = 0; a <= 5; a++) expect(g.call('fd_advise', fd, 0n, 100n, a)).toBe(0);
  });
  it('fd_advise errors: EINVAL for unknown advice, EBADF, ENOTCAPABLE', () => {
    const fd = openF();
    expect(g.call('fd_advise', fd, 0n, 0n, 6)).toBe(ERRNO.INVAL);
    expect(g.call('fd_advise', 21, 0n, 0n, 0)).toBe(ERRNO.BADF);
    const fd2 = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_advise', fd2, 0n, 0n, 0)).toBe(ERRNO.NOTCAPABLE);
  });
  it('fd_allocate extends the file and never shrinks it', () => {
    const fd = openF();
    expect(g.call('fd_allocate', fd, 10n, 90n)).toBe(0);
    expect(fs.statSync(path.join(dir, 'f.txt')).size).toBe(100);
    expect(g.call('fd_allocate', fd, 0n, 5n)).toBe(0);
    expect(fs.statSync(path.join(dir, 'f.txt')).size).toBe(100);
  });
  it('fd_allocate errors: EINVAL for zero length, EISDIR, ENOTCAPABLE, EBADF', () => {
    const fd = openF();
    expect(g.call('fd_allocate', fd, 0n, 0n)).toBe(ERRNO.INVAL);
    expect(g.call('fd_allocate', BOX, 0n, 1n)).toBe(ERRNO.ISDIR);
    const fd2 = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_allocate', fd2, 0n, 1n)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_allocate', 22, 0n, 1n)).toBe(ERRNO.BADF);
  });
  it('fd_datasync and fd_sync flush files and directories', () => {
    const fd = openF();
    expect(g.call('fd_datasync', fd)).toBe(0);
    expect(g.call('fd_sync', fd)).toBe(0);
    expect(g.call('fd_sync', BOX)).toBe(0);
  });
  it('fd_datasync and fd_sync errors: EBADF, ENOTCAPABLE', () => {
    expect(g.call('fd_datasync', 23)).toBe(ERRNO.BADF);
    expect(g.call('fd_sync', 23)).toBe(ERRNO.BADF);
    const fd = openF('f.txt', { base: RIGHTS.FD_READ });
    expect(g.call('fd_datasync', fd)).toBe(ERRNO.NOTCAPABLE);
    expect(g.call('fd_sync', fd)).toBe(ERRNO.NOTCAPABLE);
  });
});

describe('preopens: fd_prestat_get, fd_prestat_dir_name', () => {
  it('fd_prestat_get reports a directory and its name length', () => {
    const p = g.alloc(8);
    g.view.setUint32(p, 0xffffffff, true);
    expect(g.call('fd_prestat_get', BOX, p)).toBe(0);
    expect([g.u8(p), g.u8(p + 1), g.u32(p + 4)]).toEqual([0, 0, 8]);
  });
  it('fd_prestat_get answers EBADF for stdio, files, and the end of the preopens', () => {
    expect(g.call('fd_prestat_get', 0, g.alloc(8))).toBe(ERRNO.BADF);
    expect(g.call('fd_prestat_get', 4, g.alloc(8))).toBe(ERRNO.BADF);
    const fd = openF('sub', { oflags: 2 });
    expect(g.call('fd_prestat_get', fd, g.alloc(8))).toBe(ERRNO.BADF);
    expect(g.call('fd_prestat_get', BOX, 65534)).toBe(ERRNO.FAULT);
  });
  it('fd_prestat_dir_name writes the guest path', () => {
    const p = g.alloc(16);
    expect(g.call('fd_prestat_dir_name', BOX, p, 8)).toBe(0);
    expect(g.text(p, 8)).toBe('/sandbox');
  });
  it('fd_prestat_dir_name errors: ENAMETOOLONG, EBADF, EFAULT', () => {
    expect(g.call('fd_prestat_dir_name', BOX, g.alloc(8), 4)).toBe(ERRNO.NAMETOOLONG);
    expect(g.call('fd_prestat_dir_name', 1, g.alloc(8), 8)).toBe(ERRNO.BADF);
    expect(g.call('fd_prestat_dir_name', BOX, 65530, 8)).toBe(ERRNO.FAULT);
  });
});

/** parse fd_readdir output into [next, ino, type, name] rows (complete entries only) */
function dirents(buf: number, used: number): [bigint, bigint, number, string][] {
  const rows: [bigint, bigint, number, string][] = [];
  let at = 0;
  while (at + 24 <= used) {
    const len = g.u32(buf + at + 16);
    if (at + 24 + len > used) break;
    rows.push([g.u64(buf + at), g.u64(buf + at + 8), g.u8(buf + at + 20), g.text(buf + at + 24, len)]);
    at += 24 + len;
  }
  return rows;
}

describe('fd_readdir', () => {
  it('lists ., .., then entries sorted, with cookies, inodes and types', () => {
    fs.symlinkSync('f.txt', path.join(dir, 'ln'));
    const buf = g.alloc(1024);
    const used = g.alloc(4);
    expect(g.call('fd_readdir', BOX, buf, 1024, 0n, used)).toBe(0);
    const rows = dirents(buf, g.u32(used));
    expect(g.u32(used)).toBe(5 * 24 + 1 + 2 + 5 + 2 + 3);
    expect(rows.map(([n, , t, name]) => [n, t, name])).toEqual([
      [1n, 3, '.'],
      [2n, 3, '..'],
      [3n, 4, 'f.txt'],
      [4n, 7, 'ln'],
      [5n, 3, 'sub'],
    ]);
    expect(rows[2]![1]).toBe(fs.lstatSync(path.join(dir, 'f.txt'), { bigint: true }).ino);
  });
  it('continues from a cookie and fills a small buffer completely (truncating the last entry)', () => {
    const buf = g.alloc(64);
    const used = g.alloc(4);
    expect(g.call('fd_readdir', BOX, buf, 40, 2n, used)).toBe(0);
    expect(g.u32(used)).toBe(40);
    expect(dirents(buf, 40).map((r) => r[3])).toEqual(['f.txt']);
    expect(g.call('fd_readdir', BOX, buf, 64, 3n, used)).toBe(0);
    expect(dirents(buf, g.u32(used)).map((r) => r[3])).toEqual(['sub']);
    expect(g.call('fd_readdir', BOX, buf, 64, 4n, used)).toBe(0);
    expect(g.u32(used)).toBe(0);
  });
  it('fd_readdir errors: ENOTDIR on a file, EBADF, EFAULT, ENOTCAPABLE', () => {
    const fd = openF();
    expect(g.call('fd_readdir', fd, g.alloc(64), 64, 0n, g.alloc(4))).toBe(ERRNO.NOTDIR);
    expect(g.call('fd_readdir', 17, g.alloc(64), 64, 0n, g.alloc(4))).toBe(ERRNO.BADF);
    expect(g.call('fd_readdir', BOX, 65500, 64, 0n, g.alloc(4))).toBe(ERRNO.FAULT);
    const d = openF('sub', { oflags: 2, base: RIGHTS.PATH_OPEN });
    expect(g.call('fd_readdir', d, g.alloc(64), 64, 0n, g.alloc(4))).toBe(ERRNO.NOTCAPABLE);
  });
});

describe('files created through path_open', () => {
  it('creates, writes with append, and reads back', () => {
    const fd = openF('new.txt', { oflags: CREAT, fdflags: 1 });
    expect(g.write(fd, 'a')).toEqual([0, 1]);
    const p = g.alloc(8);
    g.call('fd_seek', fd, 0n, 0, p);
    expect(g.write(fd, 'b')).toEqual([0, 1]);
    expect(fs.readFileSync(path.join(dir, 'new.txt'), 'utf8')).toBe('ab');
  });
});
