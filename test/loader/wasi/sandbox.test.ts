/**
 * Sandbox escape attempts against the WASI host: every one must fail with the documented
 * errno (docs/wasi.md) and leave everything outside the preopen — and the whole read-only
 * preopen — byte for byte as it was.
 */

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERRNO, RIGHTS } from '../../../loader/wasi/index.js';
import { Guest, rmrf, snapshot, tempDir } from './harness.js';

const BOX = 3; // read-write preopen
const RO = 4; // read-only preopen
const BOX2 = 5; // second read-write preopen

let world: string;
let g: Guest;
let before: Record<string, string>;

beforeEach(() => {
  world = tempDir('sandbox');
  for (const d of ['outside', 'outside/inner', 'box', 'box/a', 'box/a/b', 'ro', 'ro/d', 'box2']) fs.mkdirSync(path.join(world, d));
  fs.writeFileSync(path.join(world, 'outside/secret.txt'), 'secret');
  fs.writeFileSync(path.join(world, 'box/a/file.txt'), 'inside');
  fs.writeFileSync(path.join(world, 'ro/data.txt'), 'read only');
  fs.symlinkSync('../outside', path.join(world, 'box/out'));
  fs.symlinkSync('/etc', path.join(world, 'box/abs'));
  fs.symlinkSync('loop2', path.join(world, 'box/loop1'));
  fs.symlinkSync('loop1', path.join(world, 'box/loop2'));
  fs.symlinkSync('self', path.join(world, 'box/self'));
  g = new Guest({
    args: [],
    env: {},
    preopens: [
      { hostPath: path.join(world, 'box'), guestPath: '/box' },
      { hostPath: path.join(world, 'ro'), guestPath: '/ro', readonly: true },
      { hostPath: path.join(world, 'box2'), guestPath: '/box2' },
    ],
  });
  before = untouchable();
});

afterEach(() => {
  // nothing outside the read-write preopens changed, whatever the test did
  expect(untouchable()).toEqual(before);
  g.wasi.close();
  rmrf(world);
});

/** outside/ and ro/, which the guest may never modify */
function untouchable(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(snapshot(path.join(world, 'outside')))) out['outside/' + k] = v;
  for (const [k, v] of Object.entries(snapshot(path.join(world, 'ro')))) out['ro/' + k] = v;
  return out;
}

const CREAT = 1;
const DIRECTORY = 2;
const TRUNC = 8;

describe('paths cannot leave the preopen', () => {
  it('refuses a leading .. (ENOTCAPABLE)', () => {
    expect(g.open(BOX, '../outside/secret.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('refuses a .. chain that climbs one level too far (ENOTCAPABLE)', () => {
    expect(g.open(BOX, 'a/../../outside/secret.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
    expect(g.open(BOX, 'a/b/../../../outside/secret.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('allows .. that stays inside', () => {
    const [e] = g.open(BOX, 'a/b/../../a/./file.txt');
    expect(e).toBe(ERRNO.SUCCESS);
  });
  it('refuses ./.. and a bare .. (ENOTCAPABLE)', () => {
    expect(g.open(BOX, './..')).toEqual([ERRNO.NOTCAPABLE, -1]);
    const [p, l] = g.str('..');
    expect(g.call('path_filestat_get', BOX, 1, p, l, g.alloc(64))).toBe(ERRNO.NOTCAPABLE);
  });
  it('refuses absolute paths (ENOTCAPABLE)', () => {
    expect(g.open(BOX, '/etc/passwd')).toEqual([ERRNO.NOTCAPABLE, -1]);
    expect(g.path('path_create_directory', BOX, '/tmp/kiln-evil')).toBe(ERRNO.NOTCAPABLE);
  });
  it('refuses paths with a NUL byte (EINVAL)', () => {
    expect(g.open(BOX, 'a/file.txt\0../../x')).toEqual([ERRNO.INVAL, -1]);
  });
  it('cannot climb out of a subdirectory fd, not even to its parent inside the preopen (ENOTCAPABLE)', () => {
    // a directory descriptor is a capability for its own tree, as in cap-std and wasmtime
    const [e, dfd] = g.open(BOX, 'a', { oflags: DIRECTORY });
    expect(e).toBe(ERRNO.SUCCESS);
    expect(g.open(dfd, '../../outside/secret.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
    expect(g.open(dfd, '../a/file.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
    expect(g.open(dfd, 'b/../file.txt')[0]).toBe(ERRNO.SUCCESS);
  });
  it('refuses creating a directory above the root (ENOTCAPABLE)', () => {
    expect(g.path('path_create_directory', BOX, '../evil')).toBe(ERRNO.NOTCAPABLE);
  });
  it('refuses unlinking and removing outside (ENOTCAPABLE)', () => {
    expect(g.path('path_unlink_file', BOX, '../outside/secret.txt')).toBe(ERRNO.NOTCAPABLE);
    expect(g.path('path_remove_directory', BOX, '../outside/inner')).toBe(ERRNO.NOTCAPABLE);
    expect(g.path('path_remove_directory', BOX, 'a/..')).toBe(ERRNO.INVAL);
  });
});

describe('symlinks are resolved inside the preopen', () => {
  it('refuses a host symlink pointing outside (ENOTCAPABLE)', () => {
    expect(g.open(BOX, 'out/secret.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
    expect(g.open(BOX, 'out', { oflags: DIRECTORY })).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('refuses creating a file through a symlink pointing outside (ENOTCAPABLE)', () => {
    expect(g.open(BOX, 'out/new.txt', { oflags: CREAT })).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('refuses a symlink with an absolute target (ENOTCAPABLE)', () => {
    expect(g.open(BOX, 'abs/passwd')).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('refuses .. after an escaping symlink (ENOTCAPABLE)', () => {
    expect(g.open(BOX, 'out/../box/a/file.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('reports symlink loops as ELOOP', () => {
    expect(g.open(BOX, 'loop1')).toEqual([ERRNO.LOOP, -1]);
    expect(g.open(BOX, 'self/x')).toEqual([ERRNO.LOOP, -1]);
  });
  it('does not follow a final symlink without symlink_follow (ELOOP from O_NOFOLLOW)', () => {
    expect(g.open(BOX, 'out', { follow: false })).toEqual([ERRNO.LOOP, -1]);
  });
  it('refuses guest symlinks with escaping or absolute targets at creation (ENOTCAPABLE)', () => {
    for (const target of ['../outside', '/tmp', 'a/../../outside', 'a/b/../../../outside/secret.txt']) {
      const [t, tl] = g.str(target);
      const [n, nl] = g.str('evil');
      expect(g.call('path_symlink', t, tl, BOX, n, nl)).toBe(ERRNO.NOTCAPABLE);
    }
    expect(fs.existsSync(path.join(world, 'box/evil'))).toBe(false);
  });
  it('refuses to move a guest symlink where it would point outside (ENOTCAPABLE), and never follows one out', () => {
    const [t, tl] = g.str('..');
    const [n, nl] = g.str('a/up');
    expect(g.call('path_symlink', t, tl, BOX, n, nl)).toBe(ERRNO.SUCCESS);
    expect(g.open(BOX, 'a/up/a/file.txt')[0]).toBe(ERRNO.SUCCESS);
    const [o, ol] = g.str('a/up');
    const [r, rl] = g.str('up');
    expect(g.call('path_rename', BOX, o, ol, BOX, r, rl)).toBe(ERRNO.NOTCAPABLE);
    expect(fs.readlinkSync(path.join(world, 'box/a/up'))).toBe('..');
    // a directory holding it may not move up either
    const [d, dl] = g.str('a/b');
    const [u, ul] = g.str('a/b/up2');
    const [t2, t2l] = g.str('../..');
    expect(g.call('path_symlink', t2, t2l, BOX, u, ul)).toBe(ERRNO.SUCCESS);
    const [top, topl] = g.str('b');
    expect(g.call('path_rename', BOX, d, dl, BOX, top, topl)).toBe(ERRNO.NOTCAPABLE);
    expect(fs.existsSync(path.join(world, 'box/a/b/up2'))).toBe(true);
    // a host-made link that escapes is refused on use
    expect(g.open(BOX, 'out/secret.txt')).toEqual([ERRNO.NOTCAPABLE, -1]);
  });
  it('refuses setting times through an escaping symlink (ENOTCAPABLE)', () => {
    const [p, l] = g.str('out/secret.txt');
    expect(g.call('path_filestat_set_times', BOX, 1, p, l, 0n, 0n, 1 | 4)).toBe(ERRNO.NOTCAPABLE);
  });
});

describe('renames and links cannot cross the boundary', () => {
  it('refuses renaming to outside (ENOTCAPABLE)', () => {
    const [o, ol] = g.str('a/file.txt');
    const [n, nl] = g.str('../outside/stolen.txt');
    expect(g.call('path_rename', BOX, o, ol, BOX, n, nl)).toBe(ERRNO.NOTCAPABLE);
    const [n2, nl2] = g.str('out/stolen.txt');
    expect(g.call('path_rename', BOX, o, ol, BOX, n2, nl2)).toBe(ERRNO.NOTCAPABLE);
  });
  it('refuses renaming between preopens (EXDEV)', () => {
    const [o, ol] = g.str('a/file.txt');
    const [n, nl] = g.str('moved.txt');
    expect(g.call('path_rename', BOX, o, ol, BOX2, n, nl)).toBe(ERRNO.XDEV);
    expect(fs.existsSync(path.join(world, 'box2/moved.txt'))).toBe(false);
  });
  it('refuses linking between preopens (EXDEV)', () => {
    const [o, ol] = g.str('a/file.txt');
    const [n, nl] = g.str('linked.txt');
    expect(g.call('path_link', BOX, 0, o, ol, BOX2, n, nl)).toBe(ERRNO.XDEV);
  });
  it('refuses hard links to or from outside (ENOTCAPABLE)', () => {
    const [o, ol] = g.str('a/file.txt');
    const [n, nl] = g.str('../outside/hl');
    expect(g.call('path_link', BOX, 0, o, ol, BOX, n, nl)).toBe(ERRNO.NOTCAPABLE);
    const [o2, ol2] = g.str('out/secret.txt');
    const [n2, nl2] = g.str('copy');
    expect(g.call('path_link', BOX, 1, o2, ol2, BOX, n2, nl2)).toBe(ERRNO.NOTCAPABLE);
  });
});

describe('a read-only preopen refuses every write (EROFS)', () => {
  it('refuses opening for writing, creating, truncating and appending', () => {
    expect(g.open(RO, 'data.txt', { base: RIGHTS.FD_WRITE })).toEqual([ERRNO.ROFS, -1]);
    expect(g.open(RO, 'new.txt', { oflags: CREAT, base: RIGHTS.FD_READ })).toEqual([ERRNO.ROFS, -1]);
    expect(g.open(RO, 'data.txt', { oflags: TRUNC, base: RIGHTS.FD_READ })).toEqual([ERRNO.ROFS, -1]);
    expect(g.open(RO, 'data.txt', { fdflags: 1, base: RIGHTS.FD_READ })).toEqual([ERRNO.ROFS, -1]);
  });
  it('refuses writes through a file opened for reading', () => {
    const [e, fd] = g.open(RO, 'data.txt', { base: RIGHTS.FD_READ | RIGHTS.FD_FILESTAT_GET });
    expect(e).toBe(ERRNO.SUCCESS);
    expect(g.read(fd, 100)).toEqual([ERRNO.SUCCESS, 'read only']);
    expect(g.write(fd, 'x')[0]).toBe(ERRNO.ROFS);
    expect(g.call('fd_filestat_set_size', fd, 0n)).toBe(ERRNO.ROFS);
    expect(g.call('fd_allocate', fd, 0n, 100n)).toBe(ERRNO.ROFS);
    expect(g.call('fd_filestat_set_times', fd, 0n, 0n, 1 | 4)).toBe(ERRNO.ROFS);
    expect(g.call('fd_fdstat_set_flags', fd, 1)).toBe(ERRNO.ROFS);
  });
  it('refuses directory changes', () => {
    expect(g.path('path_create_directory', RO, 'newdir')).toBe(ERRNO.ROFS);
    expect(g.path('path_remove_directory', RO, 'd')).toBe(ERRNO.ROFS);
    expect(g.path('path_unlink_file', RO, 'data.txt')).toBe(ERRNO.ROFS);
    const [o, ol] = g.str('data.txt');
    const [n, nl] = g.str('renamed.txt');
    expect(g.call('path_rename', RO, o, ol, RO, n, nl)).toBe(ERRNO.ROFS);
    expect(g.call('path_link', RO, 0, o, ol, RO, n, nl)).toBe(ERRNO.ROFS);
    expect(g.call('path_symlink', o, ol, RO, n, nl)).toBe(ERRNO.ROFS);
    expect(g.call('path_filestat_set_times', RO, 0, o, ol, 0n, 0n, 2 | 8)).toBe(ERRNO.ROFS);
  });
  it('refuses moving a file out of it into a writable preopen', () => {
    const [o, ol] = g.str('data.txt');
    const [n, nl] = g.str('taken.txt');
    expect(g.call('path_rename', RO, o, ol, BOX, n, nl)).toBe(ERRNO.ROFS);
  });
  it('holds no writing rights itself, and refuses an open that asks for fd_write with EROFS', () => {
    const st = g.alloc(24);
    expect(g.call('fd_fdstat_get', RO, st)).toBe(ERRNO.SUCCESS);
    expect(g.u64(st + 8) & RIGHTS.PATH_CREATE_FILE).toBe(0n);
    // inheriting keeps fd_write so that wasi-libc asks for it on open(O_WRONLY) ...
    expect(g.u64(st + 16) & RIGHTS.FD_WRITE).toBe(RIGHTS.FD_WRITE);
    // ... and gets EROFS, as on a read-only mount, instead of a descriptor it cannot write
    expect(g.open(RO, 'data.txt', { base: RIGHTS.FD_WRITE })).toEqual([ERRNO.ROFS, -1]);
    const [e, fd] = g.open(RO, 'data.txt', { base: RIGHTS.FD_READ });
    expect(e).toBe(ERRNO.SUCCESS);
    expect(g.call('fd_fdstat_get', fd, st)).toBe(ERRNO.SUCCESS);
    expect(g.u64(st + 8) & RIGHTS.FD_WRITE).toBe(0n);
  });
});
