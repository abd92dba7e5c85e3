/**
 * Ending the process at once, from the main thread, while a worker thread may be blocked in a
 * system call. `process.exit` first stops and joins every worker, and a worker blocked in a
 * synchronous read (a program waiting on stdin, in fd_read) is joined only once that read
 * returns. libc's `_exit` ends the process immediately with the given status. All output the
 * program made is already written (WASI writes synchronously), and so is kiln's own message
 * (the caller writes it with writeSync). Falls back to `process.exit` where libc cannot be
 * loaded.
 */

import { createRequire } from 'node:module';

type KoffiModule = typeof import('koffi');

export function hardExit(code: number): never {
  try {
    const koffi = createRequire(import.meta.url)('koffi') as KoffiModule;
    const exit = koffi.load('libc.so.6').func('void _exit(int status)') as (status: number) => void;
    exit(code);
  } catch {
    // no koffi or no glibc: the ordinary exit below
  }
  process.exit(code);
}
