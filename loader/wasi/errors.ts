/**
 * Error plumbing of the WASI host: `WasiErrno` is thrown inside an import to return an errno,
 * `WasiExit` is thrown by proc_exit and travels through the engine to `Wasi.start`, and
 * `toErrno` turns Node's system errors (`err.code === 'ENOENT'` …) into preview1 errno values.
 */

import { ERRNO, ERRNO_NAMES } from './constants.js';

/** Thrown by `proc_exit`; engines propagate it unchanged. `code` is the exit code (u32). */
export class WasiExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`wasi exit ${code}`);
    this.name = 'WasiExit';
    this.code = code;
  }
}

export function isWasiExit(e: unknown): e is WasiExit {
  return e instanceof WasiExit;
}

/** Internal: aborts an import call with a preview1 errno. */
export class WasiErrno extends Error {
  readonly errno: number;
  constructor(errno: number) {
    super(`wasi errno ${ERRNO_NAMES[errno] ?? errno}`);
    this.name = 'WasiErrno';
    this.errno = errno;
  }
}

export function fail(errno: number): never {
  throw new WasiErrno(errno);
}

/** host error code (Node's `err.code`) → preview1 errno */
const HOST_CODES = new Map<string, number>();
ERRNO_NAMES.forEach((name, i) => {
  if (i > 0) HOST_CODES.set('E' + name.toUpperCase(), i);
});
HOST_CODES.set('EACCES', ERRNO.ACCES);
HOST_CODES.set('E2BIG', ERRNO.TOOBIG);
HOST_CODES.set('EOPNOTSUPP', ERRNO.NOTSUP);
HOST_CODES.set('EWOULDBLOCK', ERRNO.AGAIN);
HOST_CODES.set('ENOTSUP', ERRNO.NOTSUP);

/** Map an error thrown inside an import to an errno; rethrow what is not a host error. */
export function toErrno(e: unknown): number {
  if (e instanceof WasiErrno) return e.errno;
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') {
      const n = HOST_CODES.get(code);
      if (n !== undefined) return n;
      if (/^E[A-Z0-9]+$/.test(code)) return ERRNO.IO;
    }
  }
  throw e;
}

/** name of an errno for messages and docs, e.g. `notcapable` */
export function errnoName(n: number): string {
  return ERRNO_NAMES[n] ?? `errno${n}`;
}
