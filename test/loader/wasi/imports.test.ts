/**
 * The shape of the WASI import object: exactly the 46 functions of wasi_snapshot_preview1,
 * each surviving hostile arguments (pointers past the end of memory, huge lengths, unknown
 * fds) by returning an errno rather than throwing, and `Wasi.start` semantics.
 */

import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERRNO, WasiExit, createWasi } from '../../../loader/wasi/index.js';
import { Guest, rmrf, tempDir } from './harness.js';

/** every preview1 function with its parameter kinds: p = pointer, n = i32 number, L = i64 */
const SIGNATURES: Record<string, string> = {
  args_get: 'pp', args_sizes_get: 'pp', environ_get: 'pp', environ_sizes_get: 'pp',
  clock_res_get: 'np', clock_time_get: 'nLp',
  fd_advise: 'nLLn', fd_allocate: 'nLL', fd_close: 'n', fd_datasync: 'n', fd_fdstat_get: 'np',
  fd_fdstat_set_flags: 'nn', fd_fdstat_set_rights: 'nLL', fd_filestat_get: 'np',
  fd_filestat_set_size: 'nL', fd_filestat_set_times: 'nLLn', fd_pread: 'nppLp', fd_prestat_get: 'np',
  fd_prestat_dir_name: 'npp', fd_pwrite: 'nppLp', fd_read: 'nppp', fd_readdir: 'nppLp',
  fd_renumber: 'nn', fd_seek: 'nLnp', fd_sync: 'n', fd_tell: 'np', fd_write: 'nppp',
  path_create_directory: 'npp', path_filestat_get: 'nnppp', path_filestat_set_times: 'nnppLLn',
  path_link: 'nnppnpp', path_open: 'nnppnLLnp', path_readlink: 'nppppp', path_remove_directory: 'npp',
  path_rename: 'nppnpp', path_symlink: 'ppnpp', path_unlink_file: 'npp',
  poll_oneoff: 'pppp', proc_exit: 'n', proc_raise: 'n', sched_yield: '', random_get: 'pp',
  sock_accept: 'nnp', sock_recv: 'nppnpp', sock_send: 'nppnp', sock_shutdown: 'nn',
};

let dir: string;
let g: Guest;
beforeEach(() => {
  dir = tempDir('imports');
  fs.writeFileSync(`${dir}/f.txt`, 'data');
  g = new Guest({ args: ['a'], env: { K: 'v' }, preopens: [{ hostPath: dir, guestPath: '/d' }] });
});
afterEach(() => {
  g.wasi.close();
  rmrf(dir);
});

describe('the import object', () => {
  it('has exactly the 46 functions of wasi_snapshot_preview1', () => {
    expect(Object.keys(SIGNATURES).length).toBe(46);
    expect(Object.keys(g.wasi.imports).sort()).toEqual(['wasi_snapshot_preview1']);
    expect(Object.keys(g.wasi.imports['wasi_snapshot_preview1']!).sort()).toEqual(Object.keys(SIGNATURES).sort());
    for (const f of Object.values(g.wasi.imports['wasi_snapshot_preview1']!)) expect(typeof f).toBe('function');
  });

  for (const [name, sig] of Object.entries(SIGNATURES)) {
    if (name === 'proc_exit') continue;
    it(`${name} returns an errno for pointers past the end of memory`, () => {
      // fd 3 (the preopen) and 0 for numbers, so only the pointers are wrong
      const args = [...sig].map((k, i) => (k === 'p' ? 0xfffffff0 | 0 : k === 'L' ? 0n : i === 0 ? 3 : 0));
      const r = g.call(name, ...args);
      expect(typeof r).toBe('number');
      const expected: Record<string, number> = {
        // calls that never touch memory with these arguments
        fd_advise: ERRNO.ISDIR, fd_allocate: ERRNO.ISDIR, fd_close: 0, fd_datasync: 0,
        fd_fdstat_set_flags: 0, fd_fdstat_set_rights: 0, fd_filestat_set_size: ERRNO.ISDIR,
        fd_filestat_set_times: 0, fd_renumber: 0, fd_sync: 0, proc_raise: ERRNO.NOSYS, sched_yield: 0,
        clock_res_get: ERRNO.FAULT, clock_time_get: ERRNO.FAULT, fd_seek: ERRNO.ISDIR, fd_tell: ERRNO.ISDIR,
        fd_read: ERRNO.ISDIR, fd_write: ERRNO.ISDIR, fd_pread: ERRNO.ISDIR, fd_pwrite: ERRNO.ISDIR,
        random_get: ERRNO.FAULT, poll_oneoff: ERRNO.FAULT,
        sock_accept: ERRNO.NOTSOCK, sock_recv: ERRNO.NOTSOCK, sock_send: ERRNO.NOTSOCK, sock_shutdown: ERRNO.NOTSOCK,
        // their (other) directory fd argument is 0 here, which is not a directory
        path_symlink: ERRNO.NOTDIR, path_link: ERRNO.NOTDIR, path_rename: ERRNO.NOTDIR,
      };
      expect(r).toBe(expected[name] ?? ERRNO.FAULT);
    });
  }

  it('every pointer-taking call refuses a length that runs past the end', () => {
    expect(g.call('fd_prestat_dir_name', 3, 65000, 1000)).toBe(ERRNO.FAULT);
    expect(g.call('random_get', 0, 0x7fffffff)).toBe(ERRNO.FAULT);
    expect(g.call('path_create_directory', 3, 100, 0x7fffffff)).toBe(ERRNO.FAULT);
    const io = g.alloc(8);
    g.view.setUint32(io, 10, true);
    g.view.setUint32(io + 4, 0xffffffff, true);
    expect(g.call('fd_write', 1, io, 1, g.alloc(4))).toBe(ERRNO.FAULT);
    expect(g.call('fd_write', 1, io, 0x20000000, g.alloc(4))).toBe(ERRNO.FAULT);
    // an iovec count whose array size wraps past 2^32 must not pass the bounds check
    expect(g.call('fd_read', 0, 0, 0x20000000, g.alloc(4))).toBe(ERRNO.FAULT);
    expect(g.call('poll_oneoff', 0, 0, 0x15555556, g.alloc(4))).toBe(ERRNO.FAULT);
  });

  it('fails every call with EFAULT before a memory is bound', () => {
    const w = createWasi({ args: [], env: {}, preopens: [] });
    expect((w.functions['random_get'] as unknown as (a: number, b: number) => number)(0, 4)).toBe(ERRNO.FAULT);
  });

  it('refuses a preopen that is not a directory', () => {
    expect(() => createWasi({ args: [], env: {}, preopens: [{ hostPath: `${dir}/f.txt`, guestPath: '/x' }] })).toThrow(
      /cannot preopen/,
    );
  });
});

describe('Wasi.start', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  it('returns 0 when _start returns', () => {
    const w = createWasi({ args: [], env: {}, preopens: [] });
    expect(w.start({ exports: { memory, _start: () => undefined } })).toBe(0);
  });
  it('returns the proc_exit code', () => {
    const w = createWasi({ args: [], env: {}, preopens: [] });
    const exit = w.functions['proc_exit'] as unknown as (c: number) => void;
    expect(w.start({ exports: { memory, _start: () => exit(3) } })).toBe(3);
  });
  it('accepts kiln-style exported functions (objects with call)', () => {
    const w = createWasi({ args: [], env: {}, preopens: [] });
    expect(w.start({ exports: { memory, _start: { call: () => { throw new WasiExit(9); } } } })).toBe(9);
  });
  it('propagates other errors unchanged', () => {
    const w = createWasi({ args: [], env: {}, preopens: [] });
    const boom = new Error('trap');
    expect(() => w.start({ exports: { memory, _start: () => { throw boom; } } })).toThrow(boom);
  });
  it('refuses a module without memory or _start', () => {
    const w = createWasi({ args: [], env: {}, preopens: [] });
    expect(() => w.start({ exports: { _start: () => undefined } })).toThrow(/exports no memory/);
    expect(() => w.start({ exports: { memory } })).toThrow(/exports no _start/);
  });
});
