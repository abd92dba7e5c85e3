/**
 * Native memory for the native engine: page mappings (mmap/mprotect/munmap) and small zeroed
 * heap blocks (calloc/free), each with a zero-copy JS view (koffi.view). Addresses are plain
 * numbers (user addresses fit in 48 bits). Every failure is a KilnError naming what was
 * being allocated.
 */

import { KilnError } from '../../formats/errors.js';
import {
  MAP_ANONYMOUS,
  MAP_NORESERVE,
  MAP_POPULATE,
  MAP_PRIVATE,
  PROT_NONE,
  errnoCode,
  lastErrno,
  libc,
  mapFailed,
} from '../sys/libc.js';

export const OS_PAGE = 4096;

export const pageAlign = (n: number): number => Math.ceil(n / OS_PAGE) * OS_PAGE;

/** a private anonymous mapping of `len` bytes (PROT_NONE mappings are MAP_NORESERVE) */
export function mapPages(len: number, prot: number, what: string, options: { readonly populate?: boolean } = {}): number {
  const flags = MAP_PRIVATE | MAP_ANONYMOUS | (prot === PROT_NONE ? MAP_NORESERVE : 0) | (options.populate === true ? MAP_POPULATE : 0);
  const addr = libc().mmap(0, len, prot, flags, -1, 0);
  if (mapFailed(addr)) {
    throw new KilnError('uninstantiable', `cannot map ${len} bytes for ${what}: ${errnoCode(lastErrno())}`);
  }
  return addr;
}

/** `mapPages`, or null when the kernel refuses */
export function tryMapPages(len: number, prot: number): number | null {
  const flags = MAP_PRIVATE | MAP_ANONYMOUS | (prot === PROT_NONE ? MAP_NORESERVE : 0);
  const addr = libc().mmap(0, len, prot, flags, -1, 0);
  return mapFailed(addr) ? null : addr;
}

/** changes the protection of whole pages; returns false when the kernel refuses */
export function protectPages(addr: number, len: number, prot: number): boolean {
  return len === 0 || libc().mprotect(addr, len, prot) === 0;
}

export function unmapPages(addr: number, len: number): void {
  libc().munmap(addr, len);
}

/** a zero-copy ArrayBuffer over [addr, addr + len) */
export function viewOf(addr: number, len: number): ArrayBuffer {
  return libc().koffi.view(addr, len);
}

/** A zeroed heap block with a DataView over it; `free()` releases it (once). */
export class NativeBlock {
  readonly addr: number;
  readonly size: number;
  readonly dv: DataView;
  readonly buffer: ArrayBuffer;
  private freed = false;

  constructor(size: number, what: string) {
    this.size = Math.max(8, size);
    this.addr = libc().calloc(1, this.size);
    if (this.addr === 0) throw new KilnError('uninstantiable', `cannot allocate ${this.size} bytes for ${what}`);
    this.buffer = viewOf(this.addr, this.size);
    this.dv = new DataView(this.buffer);
  }

  /** the 64-bit word at byte `off` as a number (addresses, i64 cells read as addresses) */
  word(off: number): number {
    return this.dv.getUint32(off, true) + this.dv.getUint32(off + 4, true) * 2 ** 32;
  }

  setWord(off: number, v: number): void {
    this.dv.setUint32(off, v % 2 ** 32, true);
    this.dv.setUint32(off + 4, Math.floor(v / 2 ** 32), true);
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    libc().free(this.addr);
  }
}

/** writes a 64-bit address into a DataView at `off` */
export function putAddr(dv: DataView, off: number, v: number): void {
  dv.setUint32(off, v % 2 ** 32, true);
  dv.setUint32(off + 4, Math.floor(v / 2 ** 32), true);
}

/** reads a 64-bit address from a DataView at `off` */
export function getAddr(dv: DataView, off: number): number {
  return dv.getUint32(off, true) + dv.getUint32(off + 4, true) * 2 ** 32;
}
