/**
 * WASI preview1 `path_*` imports called directly against a test-owned memory: path_open with
 * every oflag, fdflag and lookup flag, rights narrowing, and each path call's success and
 * error paths (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, ELOOP, EINVAL, EBADF, EFAULT …).
 */

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERRNO, RIGHTS } from '../../../loader/wasi/index.js';
import { Guest, rmrf, tempDir } from './harness.js';

const BOX = 3;
const CREAT = 1;
const DIRECTORY = 2;
const EXCL = 4;
const TRUNC = 8;
let dir: string;
let g: Guest;
const host = (p: string): string => path.join(dir, p);

beforeEach(() => {
  dir = tempDir('path');
  fs.writeFileSync(host('f.txt'), 'content');
  fs.mkdirSync(host('sub'));
  fs.writeFileSync(host('sub/inner.txt'), 'inner');
  fs.symlinkSync('f.txt', host('ln'));
  fs.symlinkSync('sub', host('lnsub'));
  fs.symlinkSync('missing', host('dangling'));
  g = new Guest({ args: [], env: {}, preopens: [{ hostPath: dir, guestPath: '.' }] });
});
afterEach(() => {
  g.wasi.close();
  rmrf(dir);
});

/** two-path call helper: name(fd, a, alen, fd, b, blen) */
function two(name: 'path_rename', a: string, b: string): number {
  const [ap, al] = g.str(a);
  const [bp, bl] = g.str(b);
  return g.call(name, BOX, ap, al, BOX, bp, bl);
}
function link(a: string, b: string, follow = false): number {
  const [ap, al] = g.str(a);
  const [bp, bl] = g.str(b);
  return g.call('path_link', BOX, follow ? 1 : 0, ap, al, BOX, bp, bl);
}
function symlink(target: string, at: string): number {
  const [ap, al] = g.str(target);
  const [bp, bl] = g.str(at);
  return g.call('path_symlink', ap, al, BOX, bp, bl);
}
function filestat(p: string, follow: boolean): [number, number, bigint] {
  const [pp, pl] = g.str(p);
  const st = g.alloc(64);
  const e = g.call('path_filestat_get', BOX, follow ? 1 : 0, pp, pl, st);
  return [e, g.u8(st + 16), g.u64(st + 32)];
}

describe('path_open', () => {
  it('opens an existing file for reading', () => {
    const [e, fd] = g.open(BOX, 'sub/inner.txt', { base: RIGHTS.FD_READ });
    expect(e).toBe(0);
    expect(fd).toBe(4);
    expect(g.read(fd, 10)).toEqual([0, 'inner']);
  });
  it('creates with O_CREAT, refuses an existing file with O_EXCL (EEXIST)', () => {
    expect(g.open(BOX, 'made.txt', { oflags: CREAT })[0]).toBe(0);
    expect(fs.existsSync(host('made.txt'))).toBe(true);
    expect(g.open(BOX, 'made.txt', { oflags: CREAT | EXCL })[0]).toBe(ERRNO.EXIST);
    expect(g.open(BOX, 'other.txt', { oflags: CREAT | EXCL })[0]).toBe(0);
  });
  it('truncates with O_TRUNC', () => {
    expect(g.open(BOX, 'f.txt', { oflags: TRUNC })[0]).toBe(0);
    expect(fs.readFileSync(host('f.txt'), 'utf8')).toBe('');
  });
  it('O_DIRECTORY opens directories and refuses files (ENOTDIR)', () => {
    const [e, fd] = g.open(BOX, 'sub', { oflags: DIRECTORY });
    expect(e).toBe(0);
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    expect(g.u8(st)).toBe(3);
    expect(g.open(fd, 'inner.txt')[0]).toBe(0);
    expect(g.open(BOX, 'f.txt', { oflags: DIRECTORY })[0]).toBe(ERRNO.NOTDIR);
    expect(g.open(BOX, 'f.txt/')[0]).toBe(ERRNO.NOTDIR);
  });
  it('follows symlinks with symlink_follow, refuses them without (ELOOP)', () => {
    const [e, fd] = g.open(BOX, 'ln');
    expect(e).toBe(0);
    expect(g.read(fd, 20)).toEqual([0, 'content']);
    expect(g.open(BOX, 'ln', { follow: false })[0]).toBe(ERRNO.LOOP);
    expect(g.open(BOX, 'lnsub/inner.txt', { follow: false })[0]).toBe(0);
  });
  it('creates the target of a dangling symlink when following', () => {
    expect(g.open(BOX, 'dangling', { oflags: CREAT })[0]).toBe(0);
    expect(fs.existsSync(host('missing'))).toBe(true);
  });
  it('records fdflags append, dsync, nonblock, rsync, sync', () => {
    const [e, fd] = g.open(BOX, 'f.txt', { fdflags: 31 });
    expect(e).toBe(0);
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    expect(g.u16(st + 2)).toBe(31);
    expect(g.write(fd, '!')).toEqual([0, 1]);
    expect(fs.readFileSync(host('f.txt'), 'utf8')).toBe('content!');
  });
  it('narrows rights to the file type and the directory inheriting rights', () => {
    const [, fd] = g.open(BOX, 'f.txt', { base: RIGHTS.FD_READ | RIGHTS.PATH_OPEN | RIGHTS.FD_SEEK, inheriting: 0n });
    const st = g.alloc(24);
    g.call('fd_fdstat_get', fd, st);
    expect([g.u64(st + 8), g.u64(st + 16)]).toEqual([RIGHTS.FD_READ | RIGHTS.FD_SEEK, 0n]);
    expect(g.write(fd, 'x')[0]).toBe(ERRNO.NOTCAPABLE);
  });
  it('refuses read/write access the directory cannot pass on (ENOTCAPABLE)', () => {
    const [, sub] = g.open(BOX, 'sub', { oflags: DIRECTORY, inheriting: RIGHTS.FD_READ });
    expect(g.open(sub, 'inner.txt', { base: RIGHTS.FD_WRITE })[0]).toBe(ERRNO.NOTCAPABLE);
    expect(g.open(sub, 'inner.txt', { base: RIGHTS.FD_READ })[0]).toBe(0);
  });
  it('errors: ENOENT, ENOTDIR (file as directory), EISDIR (writing a directory), EINVAL, EBADF, EFAULT', () => {
    expect(g.open(BOX, 'nope.txt')[0]).toBe(ERRNO.NOENT);
    expect(g.open(BOX, 'nope/x.txt', { oflags: CREAT })[0]).toBe(ERRNO.NOENT);
    expect(g.open(BOX, 'f.txt/x')[0]).toBe(ERRNO.NOTDIR);
    expect(g.open(BOX, '')[0]).toBe(ERRNO.NOENT);
    expect(g.open(BOX, 'sub', { oflags: CREAT, base: RIGHTS.FD_WRITE })[0]).toBe(ERRNO.ISDIR);
    expect(g.open(BOX, 'f.txt', { oflags: 16 })[0]).toBe(ERRNO.INVAL);
    expect(g.open(BOX, 'f.txt', { fdflags: 32 })[0]).toBe(ERRNO.INVAL);
    expect(g.open(9, 'f.txt')[0]).toBe(ERRNO.BADF);
    const [, fd] = g.open(BOX, 'f.txt');
    expect(g.open(fd, 'x')[0]).toBe(ERRNO.NOTDIR);
    expect(g.call('path_open', BOX, 1, 65530, 10, 0, 0n, 0n, 0, g.alloc(4))).toBe(ERRNO.FAULT);
    const [p, l] = g.str('f.txt');
    expect(g.call('path_open', BOX, 1, p, l, 0, 0n, 0n, 0, 65534)).toBe(ERRNO.FAULT);
  });
  it('refuses invalid UTF-8 paths (EILSEQ)', () => {
    const p = g.alloc(4);
    g.bytes.set([0x66, 0xff, 0x66], p);
    expect(g.call('path_open', BOX, 1, p, 3, 0, 0n, 0n, 0, g.alloc(4))).toBe(ERRNO.ILSEQ);
  });
});

describe('path_create_directory', () => {
  it('creates a directory', () => {
    expect(g.path('path_create_directory', BOX, 'sub/new')).toBe(0);
    expect(fs.statSync(host('sub/new')).isDirectory()).toBe(true);
  });
  it('errors: EEXIST, ENOENT, ENOTDIR, EBADF', () => {
    expect(g.path('path_create_directory', BOX, 'sub')).toBe(ERRNO.EXIST);
    expect(g.path('path_create_directory', BOX, 'ln')).toBe(ERRNO.EXIST);
    expect(g.path('path_create_directory', BOX, '.')).toBe(ERRNO.EXIST);
    expect(g.path('path_create_directory', BOX, 'no/new')).toBe(ERRNO.NOENT);
    expect(g.path('path_create_directory', BOX, 'f.txt/new')).toBe(ERRNO.NOTDIR);
    expect(g.path('path_create_directory', 1, 'x')).toBe(ERRNO.NOTDIR);
    expect(g.path('path_create_directory', 8, 'x')).toBe(ERRNO.BADF);
  });
});

describe('path_filestat_get', () => {
  it('stats files, follows symlinks only when asked', () => {
    expect(filestat('f.txt', false)).toEqual([0, 4, 7n]);
    expect(filestat('ln', true)).toEqual([0, 4, 7n]);
    expect(filestat('ln', false)).toEqual([0, 7, 5n]);
    expect(filestat('lnsub', true)[1]).toBe(3);
    expect(filestat('.', false)[1]).toBe(3);
  });
  it('errors: ENOENT, ENOTDIR, EFAULT', () => {
    expect(filestat('none', true)[0]).toBe(ERRNO.NOENT);
    expect(filestat('dangling', true)[0]).toBe(ERRNO.NOENT);
    expect(filestat('f.txt/x', true)[0]).toBe(ERRNO.NOTDIR);
    const [p, l] = g.str('f.txt');
    expect(g.call('path_filestat_get', BOX, 0, p, l, 65500)).toBe(ERRNO.FAULT);
  });
});

describe('path_filestat_set_times', () => {
  it('sets times on the target, or on the link itself without symlink_follow', () => {
    const [p, l] = g.str('ln');
    const T = 1_500_000_000_000_000_000n;
    expect(g.call('path_filestat_set_times', BOX, 1, p, l, T, T, 1 | 4)).toBe(0);
    expect(fs.statSync(host('f.txt'), { bigint: true }).mtimeNs).toBe(T);
    expect(g.call('path_filestat_set_times', BOX, 0, p, l, T + 1_000_000_000n, T + 1_000_000_000n, 1 | 4)).toBe(0);
    expect(fs.lstatSync(host('ln'), { bigint: true }).mtimeNs).toBe(T + 1_000_000_000n);
    expect(fs.statSync(host('f.txt'), { bigint: true }).mtimeNs).toBe(T);
  });
  it('keeps every nanosecond, leaves an unset time alone, and takes "now" from the clock', () => {
    const [p, l] = g.str('f.txt');
    const A = 1_234_567_890_123_456_789n;
    const M = 987_654_321_987_654_321n;
    expect(g.call('path_filestat_set_times', BOX, 1, p, l, A, M, 1 | 4)).toBe(0);
    let st = fs.statSync(host('f.txt'), { bigint: true });
    expect([st.atimeNs, st.mtimeNs]).toEqual([A, M]);
    expect(g.call('path_filestat_set_times', BOX, 1, p, l, 0n, M + 1n, 4)).toBe(0);
    st = fs.statSync(host('f.txt'), { bigint: true });
    expect([st.atimeNs, st.mtimeNs]).toEqual([A, M + 1n]);
    const before = BigInt(Date.now() - 5000) * 1_000_000n;
    expect(g.call('path_filestat_set_times', BOX, 1, p, l, 0n, 0n, 2)).toBe(0);
    st = fs.statSync(host('f.txt'), { bigint: true });
    expect(st.atimeNs > before).toBe(true);
    expect(st.mtimeNs).toBe(M + 1n);
    // the directory itself, through `.`
    const [d, dl] = g.str('.');
    expect(g.call('path_filestat_set_times', BOX, 1, d, dl, A, M, 1 | 4)).toBe(0);
    st = fs.statSync(dir, { bigint: true });
    expect([st.atimeNs, st.mtimeNs]).toEqual([A, M]);
  });
  it('errors: ENOENT, EINVAL', () => {
    const [p, l] = g.str('none');
    expect(g.call('path_filestat_set_times', BOX, 1, p, l, 0n, 0n, 2)).toBe(ERRNO.NOENT);
    const [q, m] = g.str('f.txt');
    expect(g.call('path_filestat_set_times', BOX, 1, q, m, 0n, 0n, 1 | 2)).toBe(ERRNO.INVAL);
  });
});

describe('path_link', () => {
  it('creates a hard link', () => {
    expect(link('f.txt', 'sub/hard.txt')).toBe(0);
    expect(fs.readFileSync(host('sub/hard.txt'), 'utf8')).toBe('content');
    expect(fs.statSync(host('f.txt')).nlink).toBe(2);
  });
  it('links the symlink itself, or its target with symlink_follow', () => {
    expect(link('ln', 'ln2')).toBe(0);
    expect(fs.lstatSync(host('ln2')).isSymbolicLink()).toBe(true);
    expect(link('ln', 'hard2', true)).toBe(0);
    expect(fs.lstatSync(host('hard2')).isFile()).toBe(true);
  });
  it('errors: EEXIST, ENOENT, EPERM (directories), EBADF, ENOTDIR', () => {
    expect(link('f.txt', 'sub')).toBe(ERRNO.EXIST);
    expect(link('none', 'x')).toBe(ERRNO.NOENT);
    expect(link('sub', 'sub2')).toBe(ERRNO.PERM);
    const [a, al] = g.str('f.txt');
    expect(g.call('path_link', 11, 0, a, al, BOX, a, al)).toBe(ERRNO.BADF);
    expect(g.call('path_link', BOX, 0, a, al, 2, a, al)).toBe(ERRNO.NOTDIR);
  });
});

describe('path_readlink', () => {
  it('reads a link target, truncating to the buffer', () => {
    const [p, l] = g.str('lnsub');
    const buf = g.alloc(16);
    const used = g.alloc(4);
    expect(g.call('path_readlink', BOX, p, l, buf, 16, used)).toBe(0);
    expect(g.text(buf, g.u32(used))).toBe('sub');
    expect(g.call('path_readlink', BOX, p, l, buf, 2, used)).toBe(0);
    expect(g.text(buf, g.u32(used))).toBe('su');
  });
  it('errors: EINVAL (not a link), ENOENT, EFAULT', () => {
    const buf = g.alloc(16);
    const used = g.alloc(4);
    const [p, l] = g.str('f.txt');
    expect(g.call('path_readlink', BOX, p, l, buf, 16, used)).toBe(ERRNO.INVAL);
    const [q, m] = g.str('none');
    expect(g.call('path_readlink', BOX, q, m, buf, 16, used)).toBe(ERRNO.NOENT);
    expect(g.call('path_readlink', BOX, p, l, 65530, 16, used)).toBe(ERRNO.FAULT);
  });
});

describe('path_remove_directory', () => {
  it('removes an empty directory', () => {
    fs.mkdirSync(host('empty'));
    expect(g.path('path_remove_directory', BOX, 'empty')).toBe(0);
    expect(fs.existsSync(host('empty'))).toBe(false);
  });
  it('errors: ENOTEMPTY, ENOTDIR (file, symlink), ENOENT, EINVAL (the root)', () => {
    expect(g.path('path_remove_directory', BOX, 'sub')).toBe(ERRNO.NOTEMPTY);
    expect(g.path('path_remove_directory', BOX, 'f.txt')).toBe(ERRNO.NOTDIR);
    expect(g.path('path_remove_directory', BOX, 'lnsub')).toBe(ERRNO.NOTDIR);
    expect(g.path('path_remove_directory', BOX, 'lnsub/')).toBe(ERRNO.NOTDIR);
    expect(g.path('path_remove_directory', BOX, 'none')).toBe(ERRNO.NOENT);
    expect(g.path('path_remove_directory', BOX, '.')).toBe(ERRNO.INVAL);
    expect(fs.existsSync(host('sub'))).toBe(true);
  });
});

describe('path_rename', () => {
  it('renames files and directories, replacing an existing file', () => {
    expect(two('path_rename', 'f.txt', 'sub/g.txt')).toBe(0);
    expect(fs.readFileSync(host('sub/g.txt'), 'utf8')).toBe('content');
    expect(two('path_rename', 'sub/g.txt', 'sub/inner.txt')).toBe(0);
    expect(fs.readFileSync(host('sub/inner.txt'), 'utf8')).toBe('content');
    expect(two('path_rename', 'sub', 'sub2')).toBe(0);
    expect(fs.statSync(host('sub2')).isDirectory()).toBe(true);
  });
  it('renames a symlink, not its target', () => {
    expect(two('path_rename', 'ln', 'ln3')).toBe(0);
    expect(fs.readlinkSync(host('ln3'))).toBe('f.txt');
    expect(fs.existsSync(host('f.txt'))).toBe(true);
  });
  it('errors: ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, EBUSY (.), EINVAL (into itself)', () => {
    expect(two('path_rename', 'none', 'x')).toBe(ERRNO.NOENT);
    expect(two('path_rename', 'f.txt', 'newdir/')).toBe(ERRNO.NOTDIR);
    expect(two('path_rename', 'f.txt', 'sub')).toBe(ERRNO.ISDIR);
    fs.mkdirSync(host('d2'));
    expect(two('path_rename', 'd2', 'sub')).toBe(ERRNO.NOTEMPTY);
    expect(two('path_rename', '.', 'x')).toBe(ERRNO.BUSY);
    expect(two('path_rename', 'sub', 'sub/deeper')).toBe(ERRNO.INVAL);
  });
});

describe('path_symlink', () => {
  it('creates relative symlinks, also dangling ones', () => {
    expect(symlink('../f.txt', 'sub/up')).toBe(0);
    expect(fs.readlinkSync(host('sub/up'))).toBe('../f.txt');
    expect(g.open(BOX, 'sub/up')[0]).toBe(0);
    expect(symlink('nowhere', 'd2')).toBe(0);
    expect(fs.readlinkSync(host('d2'))).toBe('nowhere');
  });
  it('errors: EEXIST, ENOENT (missing parent or empty target), EBADF', () => {
    expect(symlink('f.txt', 'ln')).toBe(ERRNO.EXIST);
    expect(symlink('f.txt', 'sub')).toBe(ERRNO.EXIST);
    expect(symlink('f.txt', 'no/x')).toBe(ERRNO.NOENT);
    expect(symlink('', 'x')).toBe(ERRNO.NOENT);
    const [p, l] = g.str('x');
    expect(g.call('path_symlink', p, l, 10, p, l)).toBe(ERRNO.BADF);
  });
});

describe('path_unlink_file', () => {
  it('removes files and symlinks (not their targets)', () => {
    expect(g.path('path_unlink_file', BOX, 'ln')).toBe(0);
    expect(fs.existsSync(host('ln'))).toBe(false);
    expect(fs.existsSync(host('f.txt'))).toBe(true);
    expect(g.path('path_unlink_file', BOX, 'sub/inner.txt')).toBe(0);
    expect(fs.readdirSync(host('sub'))).toEqual([]);
  });
  it('errors: EISDIR, ENOENT, ENOTDIR (trailing slash on a file), EBADF', () => {
    expect(g.path('path_unlink_file', BOX, 'sub')).toBe(ERRNO.ISDIR);
    expect(g.path('path_unlink_file', BOX, 'none')).toBe(ERRNO.NOENT);
    expect(g.path('path_unlink_file', BOX, 'f.txt/')).toBe(ERRNO.NOTDIR);
    expect(g.path('path_unlink_file', 33, 'f.txt')).toBe(ERRNO.BADF);
    expect(fs.existsSync(host('f.txt'))).toBe(true);
  });
});
