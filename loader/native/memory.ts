/**
 * Linear memory in native memory (design.md, "Linear memory and bounds"): each 32-bit memory
 * reserves 8 GiB of address space (PROT_NONE + MAP_NORESERVE) whose accessible prefix is
 * read-write. Growing only mprotects more pages, so the base never moves; the JS views are
 * recreated after a grow. Every vmctx using the memory holds its base (vmctx+16) and size in
 * bytes (vmctx+24); grow updates the size in all of them (memories are shared through
 * imports). Code compiled with explicit bounds compares every access with vmctx+24; code
 * compiled for guard pages relies on the reservation: any u32 index + u32 offset + access
 * size lands inside it, in a page that is read-write exactly when the access is in bounds.
 * When 8 GiB of address space cannot be had, a memory reserves only its maximum size and is
 * not `guarded`: only explicit-bounds code may use it. When even that cannot be had (a tight
 * `ulimit -v`), it reserves the largest power-of-two fraction of it that still holds the
 * initial size, and `memory.grow` past that returns -1 (which the spec allows at any time).
 */

import { KilnError } from '../../formats/errors.js';
import type { MemType } from '../../formats/wasm/types.js';
import type { WasmMemory } from '../api.js';
import { MAX_PAGES, PAGE_SIZE } from '../instance/memory.js';
import { PROT_NONE, PROT_READ, PROT_WRITE } from '../sys/libc.js';
import { OS_PAGE, mapPages, pageAlign, protectPages, putAddr, tryMapPages, unmapPages, viewOf } from './native-mem.js';

/** the address space each memory reserves: 4 GiB of pages plus 4 GiB for any u32 offset */
export const MEMORY_RESERVE = 8 * 2 ** 30;

/** a vmctx's memory fields: base at +at, size at +at+8 */
interface MemoryUser {
  readonly dv: DataView;
  readonly at: number;
}

/**
 * Reserves room for `maxPages` pages, or failing that for the largest halving of it that still
 * holds `minPages`; the last try reports the mapping error.
 */
function reserveUpTo(maxPages: number, minPages: number): { base: number; bytes: number } {
  for (let pages = maxPages; pages > minPages; pages = Math.floor(pages / 2)) {
    const bytes = Math.max(pageAlign(pages * PAGE_SIZE), OS_PAGE);
    const base = tryMapPages(bytes, PROT_NONE);
    if (base !== null) return { base, bytes };
  }
  const bytes = Math.max(pageAlign(minPages * PAGE_SIZE), OS_PAGE);
  return { base: mapPages(bytes, PROT_NONE, 'a linear memory reservation'), bytes };
}

export class NativeMemory implements WasmMemory {
  readonly kind = 'memory' as const;
  readonly type: MemType;
  readonly maxPages: number;
  /** start of the reservation = address of byte 0 */
  readonly base: number;
  /** true when the reservation is the full MEMORY_RESERVE (guard-page code may use it) */
  readonly guarded: boolean;
  private readonly reserved: number;
  private pages: number;
  private u8: Uint8Array;
  private readonly users: MemoryUser[] = [];
  private disposed = false;

  constructor(type: MemType, limitPages?: number) {
    this.type = type;
    this.maxPages = Math.min(type.limits.max ?? MAX_PAGES, MAX_PAGES, limitPages ?? MAX_PAGES);
    if (type.limits.min > this.maxPages) {
      throw new KilnError(
        'uninstantiable',
        `a memory of ${type.limits.min} pages exceeds the limit of ${this.maxPages} pages (${this.maxPages * PAGE_SIZE} bytes)`,
      );
    }
    const full = tryMapPages(MEMORY_RESERVE, PROT_NONE);
    this.guarded = full !== null;
    if (full !== null) {
      this.reserved = MEMORY_RESERVE;
      this.base = full;
    } else {
      const part = reserveUpTo(this.maxPages, type.limits.min);
      this.reserved = part.bytes;
      this.base = part.base;
      this.maxPages = Math.min(this.maxPages, Math.floor(part.bytes / PAGE_SIZE));
    }
    this.pages = 0;
    this.u8 = new Uint8Array(0);
    if (!this.commit(type.limits.min)) {
      unmapPages(this.base, this.reserved);
      throw new KilnError('uninstantiable', `cannot allocate a memory of ${type.limits.min} pages`);
    }
  }

  /** makes the first `pages` pages read-write and refreshes the view */
  private commit(pages: number): boolean {
    const from = this.pages * PAGE_SIZE;
    const to = pages * PAGE_SIZE;
    if (!protectPages(this.base + from, to - from, PROT_READ | PROT_WRITE)) return false;
    this.pages = pages;
    this.u8 = to === 0 ? new Uint8Array(0) : new Uint8Array(viewOf(this.base, to));
    for (const u of this.users) putAddr(u.dv, u.at + 8, to);
    return true;
  }

  /** writes base and size into a vmctx (at +at and +at+8) and keeps the size current there */
  attach(dv: DataView, at: number): void {
    putAddr(dv, at, this.base);
    putAddr(dv, at + 8, this.pages * PAGE_SIZE);
    this.users.push({ dv, at });
  }

  get buffer(): ArrayBuffer {
    return this.u8.buffer as ArrayBuffer;
  }

  bytes(): Uint8Array {
    return this.u8;
  }

  /** current size in bytes */
  get byteLength(): number {
    return this.pages * PAGE_SIZE;
  }

  size(): number {
    return this.pages;
  }

  grow(delta: number): number {
    const old = this.pages;
    if (!(delta >= 0) || this.disposed) return -1;
    const next = old + delta;
    if (next > this.maxPages) return -1;
    if (delta === 0) return old;
    return this.commit(next) ? old : -1;
  }

  /** releases the reservation; the memory must not be used afterwards */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.u8 = new Uint8Array(0);
    unmapPages(this.base, this.reserved);
  }
}
