/**
 * WASI preview1 imports outside the file system, called directly against a test-owned memory:
 * args_*, environ_*, clock_*, poll_oneoff, proc_exit, proc_raise, sched_yield, random_get,
 * sock_*. Success and error paths (EFAULT for out-of-bounds pointers, EINVAL, EBADF …).
 */

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERRNO, WasiExit, createWasi, isWasiExit } from '../../../loader/wasi/index.js';
import { Guest, rmrf, tempDir } from './harness.js';

const OOB = 65536 - 2; // last bytes of the 1-page memory: any 4/8-byte slot there is out of bounds

let dir: string;
let g: Guest;
beforeEach(() => {
  dir = tempDir('misc');
  fs.writeFileSync(path.join(dir, 'f.txt'), '0123456789');
  g = new Guest({ args: ['prog', 'é x'], env: { A: '1', BB: 'two' }, preopens: [{ hostPath: dir, guestPath: '/d' }] });
});
afterEach(() => {
  g.wasi.close();
  rmrf(dir);
});

describe('args and environ', () => {
  it('args_sizes_get counts arguments and NUL-terminated UTF-8 bytes', () => {
    const a = g.alloc(4);
    const b = g.alloc(4);
    expect(g.call('args_sizes_get', a, b)).toBe(0);
    expect([g.u32(a), g.u32(b)]).toEqual([2, 5 + 5]);
  });
  it('args_get writes pointers and strings', () => {
    const argv = g.alloc(8);
    const buf = g.alloc(10);
    expect(g.call('args_get', argv, buf)).toBe(0);
    expect(g.u32(argv)).toBe(buf);
    expect(g.u32(argv + 4)).toBe(buf + 5);
    expect(g.text(buf, 10)).toBe('prog\0é x\0');
  });
  it('args_* answer EFAULT for out-of-bounds pointers', () => {
    expect(g.call('args_sizes_get', OOB, g.alloc(4))).toBe(ERRNO.FAULT);
    expect(g.call('args_get', g.alloc(8), OOB)).toBe(ERRNO.FAULT);
    expect(g.call('args_get', -4, g.alloc(16))).toBe(ERRNO.FAULT);
  });
  it('environ_sizes_get and environ_get give KEY=VALUE strings', () => {
    const a = g.alloc(4);
    const b = g.alloc(4);
    expect(g.call('environ_sizes_get', a, b)).toBe(0);
    expect([g.u32(a), g.u32(b)]).toEqual([2, 4 + 7]);
    const env = g.alloc(8);
    const buf = g.alloc(11);
    expect(g.call('environ_get', env, buf)).toBe(0);
    expect(g.u32(env + 4)).toBe(buf + 4);
    expect(g.text(buf, 11)).toBe('A=1\0BB=two\0');
  });
  it('environ_* answer EFAULT for out-of-bounds pointers', () => {
    expect(g.call('environ_sizes_get', g.alloc(4), OOB)).toBe(ERRNO.FAULT);
    expect(g.call('environ_get', OOB, g.alloc(16))).toBe(ERRNO.FAULT);
  });
});

describe('clocks', () => {
  it('clock_res_get reports each clock resolution', () => {
    const p = g.alloc(8);
    const res = [0, 1, 2, 3].map((id) => {
      expect(g.call('clock_res_get', id, p)).toBe(0);
      return g.u64(p);
    });
    expect(res).toEqual([1000n, 1n, 1000n, 1000n]);
  });
  it('clock_res_get refuses unknown clocks (EINVAL) and bad pointers (EFAULT)', () => {
    expect(g.call('clock_res_get', 4, g.alloc(8))).toBe(ERRNO.INVAL);
    expect(g.call('clock_res_get', 1, OOB)).toBe(ERRNO.FAULT);
  });
  it('clock_time_get reads realtime, monotonic and CPU clocks', () => {
    const p = g.alloc(8);
    expect(g.call('clock_time_get', 0, 1n, p)).toBe(0);
    const wall = g.u64(p);
    expect(wall / 1_000_000_000n).toBeGreaterThan(1_600_000_000n);
    expect(Number(wall / 1_000_000n) - Date.now()).toBeLessThan(5000);
    expect(g.call('clock_time_get', 1, 1n, p)).toBe(0);
    const m1 = g.u64(p);
    expect(g.call('clock_time_get', 1, 1n, p)).toBe(0);
    expect(g.u64(p)).toBeGreaterThanOrEqual(m1);
    expect(g.call('clock_time_get', 2, 0n, p)).toBe(0);
    expect(g.u64(p)).toBeGreaterThan(0n);
    expect(g.call('clock_time_get', 3, 0n, p)).toBe(0);
    expect(g.u64(p)).toBeGreaterThan(0n);
  });
  it('clock_time_get refuses unknown clocks (EINVAL) and bad pointers (EFAULT)', () => {
    expect(g.call('clock_time_get', 9, 0n, g.alloc(8))).toBe(ERRNO.INVAL);
    expect(g.call('clock_time_get', 0, 0n, OOB)).toBe(ERRNO.FAULT);
  });
});

/** write subscriptions; each is [userdata, tag, a, b, flags] (clock: id, timeout; fd: fd) */
function subs(list: [bigint, number, number, bigint, number][]): number {
  const p = g.alloc(48 * list.length);
  list.forEach(([ud, tag, a, b, flags], i) => {
    const s = p + i * 48;
    g.view.setBigUint64(s, ud, true);
    g.view.setUint8(s + 8, tag);
    g.view.setUint32(s + 16, a, true);
    g.view.setBigUint64(s + 24, b, true);
    g.view.setUint16(s + 40, flags, true);
  });
  return p;
}

function events(out: number, n: number): { userdata: bigint; error: number; type: number; nbytes: bigint }[] {
  return Array.from({ length: n }, (_, i) => ({
    userdata: g.u64(out + i * 32),
    error: g.u16(out + i * 32 + 8),
    type: g.u8(out + i * 32 + 10),
    nbytes: g.u64(out + i * 32 + 16),
  }));
}

describe('poll_oneoff', () => {
  it('sleeps for a relative clock timeout without spinning', () => {
    const inp = subs([[7n, 0, 1, 300_000_000n, 0]]);
    const out = g.alloc(32);
    const n = g.alloc(4);
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    expect(g.call('poll_oneoff', inp, out, 1, n)).toBe(0);
    const elapsed = process.hrtime.bigint() - t0;
    const cpu = process.cpuUsage(cpu0);
    // a lower bound (the timeout is honoured), and no spinning: a busy wait would burn about
    // 300 ms of CPU; the wide margin absorbs the process's other threads (V8's compiler, GC)
    expect(elapsed).toBeGreaterThanOrEqual(300_000_000n);
    expect(cpu.user + cpu.system).toBeLessThan(200_000); // µs
    expect(g.u32(n)).toBe(1);
    expect(events(out, 1)).toEqual([{ userdata: 7n, error: 0, type: 0, nbytes: 0n }]);
  });
  it('returns at once for an absolute deadline in the past', () => {
    const inp = subs([[1n, 0, 0, 1_000_000_000n, 1]]);
    const out = g.alloc(32);
    const n = g.alloc(4);
    expect(g.call('poll_oneoff', inp, out, 1, n)).toBe(0);
    expect(events(out, g.u32(n))).toEqual([{ userdata: 1n, error: 0, type: 0, nbytes: 0n }]);
  });
  it('waits for an absolute realtime deadline', () => {
    const now = process.hrtime.bigint();
    const p = g.alloc(8);
    g.call('clock_time_get', 0, 0n, p);
    const inp = subs([[2n, 0, 0, g.u64(p) + 30_000_000n, 1]]);
    const out = g.alloc(32);
    const n = g.alloc(4);
    expect(g.call('poll_oneoff', inp, out, 1, n)).toBe(0);
    expect(process.hrtime.bigint() - now).toBeGreaterThanOrEqual(29_000_000n);
    expect(g.u32(n)).toBe(1);
  });
  it('reports only the earliest of several clocks', () => {
    const inp = subs([
      [1n, 0, 1, 60_000_000_000n, 0],
      [2n, 0, 1, 5_000_000n, 0],
    ]);
    const out = g.alloc(64);
    const n = g.alloc(4);
    expect(g.call('poll_oneoff', inp, out, 2, n)).toBe(0);
    expect(events(out, g.u32(n))).toEqual([{ userdata: 2n, error: 0, type: 0, nbytes: 0n }]);
  });
  it('reports ready fds at once (read nbytes = bytes left, write ready) and bad fds as EBADF', () => {
    const [e, fd] = g.open(3, 'f.txt');
    expect(e).toBe(0);
    const inp = subs([
      [1n, 0, 1, 60_000_000_000n, 0],
      [2n, 1, fd, 0n, 0],
      [3n, 2, 1, 0n, 0],
      [4n, 1, 99, 0n, 0],
    ]);
    const out = g.alloc(4 * 32);
    const n = g.alloc(4);
    expect(g.call('poll_oneoff', inp, out, 4, n)).toBe(0);
    expect(events(out, g.u32(n))).toEqual([
      { userdata: 2n, error: 0, type: 1, nbytes: 10n },
      { userdata: 3n, error: 0, type: 2, nbytes: 0n },
      { userdata: 4n, error: ERRNO.BADF, type: 1, nbytes: 0n },
    ]);
  });
  it('reports an unknown clock as an EINVAL event', () => {
    const inp = subs([[5n, 0, 17, 0n, 0]]);
    const out = g.alloc(32);
    const n = g.alloc(4);
    expect(g.call('poll_oneoff', inp, out, 1, n)).toBe(0);
    expect(events(out, g.u32(n))).toEqual([{ userdata: 5n, error: ERRNO.INVAL, type: 0, nbytes: 0n }]);
  });
  it('refuses zero subscriptions and unknown tags (EINVAL), bad pointers (EFAULT)', () => {
    expect(g.call('poll_oneoff', g.alloc(48), g.alloc(32), 0, g.alloc(4))).toBe(ERRNO.INVAL);
    expect(g.call('poll_oneoff', subs([[1n, 9, 0, 0n, 0]]), g.alloc(32), 1, g.alloc(4))).toBe(ERRNO.INVAL);
    expect(g.call('poll_oneoff', 65536 - 40, g.alloc(32), 1, g.alloc(4))).toBe(ERRNO.FAULT);
    expect(g.call('poll_oneoff', subs([[1n, 0, 1, 0n, 0]]), 65536 - 16, 1, g.alloc(4))).toBe(ERRNO.FAULT);
  });
});

describe('proc, sched and random', () => {
  it('proc_exit throws WasiExit with the code', () => {
    let thrown: unknown;
    try {
      g.call('proc_exit', 7);
    } catch (e) {
      thrown = e;
    }
    expect(isWasiExit(thrown)).toBe(true);
    expect((thrown as WasiExit).code).toBe(7);
  });
  it('proc_exit passes the code as an unsigned 32-bit value', () => {
    expect(() => g.call('proc_exit', -1)).toThrow(WasiExit);
    try {
      g.call('proc_exit', -1);
    } catch (e) {
      expect((e as WasiExit).code).toBe(4294967295);
    }
  });
  it('proc_raise is not supported (ENOSYS)', () => {
    expect(g.call('proc_raise', 15)).toBe(ERRNO.NOSYS);
  });
  it('sched_yield succeeds', () => {
    expect(g.call('sched_yield')).toBe(0);
  });
  it('random_get fills the buffer', () => {
    const p = g.alloc(4096);
    expect(g.call('random_get', p, 4096)).toBe(0);
    const bytes = g.bytes.slice(p, p + 4096);
    expect(new Set(bytes).size).toBeGreaterThan(200);
    expect(g.call('random_get', p, 0)).toBe(0);
  });
  it('random_get answers EFAULT past the end of memory', () => {
    expect(g.call('random_get', 65000, 1000)).toBe(ERRNO.FAULT);
  });
  it('sees memory growth between calls', () => {
    expect(g.call('random_get', 70000, 16)).toBe(ERRNO.FAULT);
    g.memory.grow(1);
    expect(g.call('random_get', 70000, 16)).toBe(0);
  });
});

describe('sockets', () => {
  const calls: [string, (fd: number) => (number | bigint)[]][] = [
    ['sock_accept', (fd) => [fd, 0, g.alloc(4)]],
    ['sock_recv', (fd) => [fd, g.alloc(8), 1, 0, g.alloc(4), g.alloc(4)]],
    ['sock_send', (fd) => [fd, g.alloc(8), 1, 0, g.alloc(4)]],
    ['sock_shutdown', (fd) => [fd, 3]],
  ];
  for (const [name, args] of calls) {
    it(`${name}: EBADF for a closed fd, ENOTSOCK for files and directories`, () => {
      expect(g.call(name, ...args(99))).toBe(ERRNO.BADF);
      expect(g.call(name, ...args(3))).toBe(ERRNO.NOTSOCK);
      const [, fd] = g.open(3, 'f.txt');
      expect(g.call(name, ...args(fd))).toBe(ERRNO.NOTSOCK);
    });
  }
  it('answers ENOTSOCK even for a host socket inherited as stdin (it is no WASI socket)', async () => {
    const sockPath = path.join(dir, 's.sock');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(sockPath, r));
    const client = net.connect(sockPath);
    await new Promise<void>((r) => client.once('connect', () => r()));
    const fd = (client as unknown as { _handle: { fd: number } })._handle.fd;
    const w = createWasi({ args: [], env: {}, preopens: [], stdin: fd });
    const m = new WebAssembly.Memory({ initial: 1 });
    w.bindMemory(() => m.buffer);
    const f = w.functions as unknown as Record<string, (...a: number[]) => number>;
    const st = 64;
    expect(f['fd_fdstat_get']!(0, st)).toBe(0);
    expect(new Uint8Array(m.buffer)[st]).toBe(6); // socket_stream
    expect(f['sock_shutdown']!(0, 3)).toBe(ERRNO.NOTSOCK);
    expect(f['sock_send']!(0, 16, 1, 0, 32)).toBe(ERRNO.NOTSOCK);
    client.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
