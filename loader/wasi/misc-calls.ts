/**
 * WASI preview1 imports that are not about files: args_*, environ_*, clock_*, poll_oneoff,
 * proc_exit, proc_raise, sched_yield, random_get and sock_*.
 *
 * poll_oneoff sleeps for real (Atomics.wait, no busy loop) until the earliest clock
 * subscription expires; fd subscriptions on files and stdio are always ready, and when any is
 * ready the call returns at once with those events (plus clocks already expired).
 * Sockets: this host never hands the guest a WASI socket, so sock_* answer EBADF for an unknown
 * fd and ENOTSOCK for every other one: files, directories, pipes, terminals, and stdio that
 * the host happened to connect to a socket (Node's spawn gives a child socketpairs).
 */

import { randomFillSync } from 'node:crypto';
import { CLOCK, ERRNO, EVENTTYPE, FILETYPE, LAYOUT, RIGHTS, SUBCLOCK_ABSTIME } from './constants.js';
import type { WasiContext, WasiImport } from './context.js';
import { guard, realtimeNs, sleepMs } from './context.js';
import { WasiErrno, WasiExit, fail } from './errors.js';
import { bytesAvailable } from './fd-calls.js';
import type { GuestMemory } from './memory.js';

function cpuNs(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
}

/** current time of a clock in ns (EINVAL for an unknown clock id) */
export function clockNow(id: number): bigint {
  switch (id) {
    case CLOCK.REALTIME:
      return realtimeNs();
    case CLOCK.MONOTONIC:
      return process.hrtime.bigint();
    case CLOCK.PROCESS_CPUTIME:
    case CLOCK.THREAD_CPUTIME: // one JS thread runs the guest: thread time = process time
      return cpuNs();
    default:
      return fail(ERRNO.INVAL);
  }
}

/** resolution in ns: realtime is an hrtime offset to a ms wall clock; CPU time is µs */
function clockRes(id: number): bigint {
  switch (id) {
    case CLOCK.REALTIME:
      return 1000n;
    case CLOCK.MONOTONIC:
      return 1n;
    case CLOCK.PROCESS_CPUTIME:
    case CLOCK.THREAD_CPUTIME:
      return 1000n;
    default:
      return fail(ERRNO.INVAL);
  }
}

/** args_get and environ_get share this: write pointers + NUL-terminated strings */
function writeStrings(mem: GuestMemory, list: Uint8Array[], ptrs: number, buf: number): void {
  let size = 0;
  for (const s of list) size += s.byteLength;
  mem.check(ptrs, list.length * 4);
  let at = mem.check(buf, size);
  list.forEach((s, i) => {
    mem.setU32(ptrs + i * 4, at);
    mem.write(at, s);
    at += s.byteLength;
  });
}

function writeSizes(mem: GuestMemory, list: Uint8Array[], countPtr: number, sizePtr: number): void {
  mem.check(countPtr, 4);
  mem.check(sizePtr, 4);
  let size = 0;
  for (const s of list) size += s.byteLength;
  mem.setU32(countPtr, list.length);
  mem.setU32(sizePtr, size);
}

interface PendingEvent {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
}

export function miscCalls(ctx: WasiContext): Record<string, WasiImport> {
  const { mem, fds } = ctx;

  /** shared by the four sock_* calls */
  const noSockets = (fd: number): never => {
    fds.get(fd);
    return fail(ERRNO.NOTSOCK);
  };

  return {
    args_get: guard((argv: number, argvBuf: number) => writeStrings(mem, ctx.args, argv, argvBuf)),
    args_sizes_get: guard((argc: number, bufSize: number) => writeSizes(mem, ctx.args, argc, bufSize)),
    environ_get: guard((environ: number, buf: number) => writeStrings(mem, ctx.env, environ, buf)),
    environ_sizes_get: guard((count: number, bufSize: number) => writeSizes(mem, ctx.env, count, bufSize)),

    clock_res_get: guard((id: number, ptr: number) => {
      const r = clockRes(id);
      mem.check(ptr, 8);
      mem.setU64(ptr, r);
    }),

    clock_time_get: guard((id: number, _precision: bigint, ptr: number) => {
      const t = clockNow(id);
      mem.check(ptr, 8);
      mem.setU64(ptr, t);
    }),

    poll_oneoff: guard((inPtr: number, outPtr: number, nsubs: number, neventsPtr: number) => {
      const n = nsubs >>> 0;
      if (n === 0) fail(ERRNO.INVAL);
      const inBase = mem.check(inPtr, n * LAYOUT.SUBSCRIPTION_SIZE);
      const outBase = mem.check(outPtr, n * LAYOUT.EVENT_SIZE);
      mem.check(neventsPtr, 4);
      const ready: PendingEvent[] = [];
      const clocks: { userdata: bigint; deadline: bigint }[] = [];
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        const s = inBase + i * LAYOUT.SUBSCRIPTION_SIZE;
        const userdata = mem.getU64(s);
        const tag = mem.getU8(s + 8);
        if (tag === EVENTTYPE.CLOCK) {
          const id = mem.getU32(s + 16);
          const timeout = mem.getU64(s + 24);
          const abs = (mem.getU16(s + 40) & SUBCLOCK_ABSTIME) !== 0;
          let now: bigint;
          try {
            now = clockNow(id);
          } catch (e) {
            if (!(e instanceof WasiErrno)) throw e;
            ready.push({ userdata, error: e.errno, type: EVENTTYPE.CLOCK, nbytes: 0n });
            continue;
          }
          const wait = abs ? (timeout > now ? timeout - now : 0n) : timeout;
          clocks.push({ userdata, deadline: start + wait });
        } else if (tag === EVENTTYPE.FD_READ || tag === EVENTTYPE.FD_WRITE) {
          const fd = mem.getU32(s + 16);
          const ev: PendingEvent = { userdata, error: ERRNO.SUCCESS, type: tag, nbytes: 0n };
          if (!fds.has(fd)) ev.error = ERRNO.BADF;
          else {
            const e = fds.get(fd);
            if ((e.rightsBase & RIGHTS.POLL_FD_READWRITE) === 0n) ev.error = ERRNO.NOTCAPABLE;
            else if (tag === EVENTTYPE.FD_READ) ev.nbytes = bytesAvailable(e);
          }
          ready.push(ev);
        } else {
          fail(ERRNO.INVAL);
        }
      }
      if (ready.length === 0 && clocks.length > 0) {
        // sleep until the earliest deadline, then report every clock due by then
        let first = clocks[0]!.deadline;
        for (const c of clocks) if (c.deadline < first) first = c.deadline;
        for (;;) {
          const left = first - process.hrtime.bigint();
          if (left <= 0n) break;
          sleepMs(Number(left) / 1e6);
        }
      }
      const now = process.hrtime.bigint();
      for (const c of clocks) {
        if (c.deadline <= now) ready.push({ userdata: c.userdata, error: ERRNO.SUCCESS, type: EVENTTYPE.CLOCK, nbytes: 0n });
      }
      ready.forEach((ev, i) => {
        const o = outBase + i * LAYOUT.EVENT_SIZE;
        mem.slice(o, LAYOUT.EVENT_SIZE).fill(0);
        mem.setU64(o, ev.userdata);
        mem.setU16(o + 8, ev.error);
        mem.setU8(o + 10, ev.type);
        mem.setU64(o + 16, ev.nbytes);
      });
      mem.setU32(neventsPtr, ready.length);
    }),

    proc_exit: (code: number): void => {
      throw new WasiExit(code >>> 0);
    },

    // signals are not delivered to a guest by this host
    proc_raise: guard((_sig: number) => fail(ERRNO.NOSYS)),

    sched_yield: guard(() => undefined),

    random_get: guard((buf: number, len: number) => {
      randomFillSync(mem.slice(buf, len));
    }),

    sock_accept: guard((fd: number, _flags: number, _fdPtr: number) => noSockets(fd)),
    sock_recv: guard((fd: number, _ri: number, _riLen: number, _flags: number, _lenPtr: number, _flagsPtr: number) =>
      noSockets(fd),
    ),
    sock_send: guard((fd: number, _si: number, _siLen: number, _flags: number, _lenPtr: number) => noSockets(fd)),
    sock_shutdown: guard((fd: number, _how: number) => noSockets(fd)),
  };
}

