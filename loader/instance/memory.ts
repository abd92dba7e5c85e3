/**
 * Linear memory instances (spec §4.2.8 memory instances, §4.4.7 memory.grow). One object is
 * shared by every instance that imports or exports it.
 *
 * Growth keeps spare capacity: the ArrayBuffer is reallocated only when the new size exceeds
 * it, and then grows geometrically, so a program that grows its heap a page at a time (sbrk)
 * copies O(n) bytes in total instead of O(n²). (A resizable ArrayBuffer would grow in place,
 * but DataView access to one is about 12× slower on Node 20.) Consequently:
 *   - `dv` spans the whole buffer; generated code bounds-checks against `len`;
 *   - `u8` is an exact view of the `len` bytes in use (what `bytes()` returns);
 *   - `buffer` (the JS API's view of memory) is an ArrayBuffer of exactly `len` bytes: when
 *     there is spare capacity it is trimmed first, which costs one copy.
 * `dv`/`u8`/`len` are replaced on growth; engines that cache them re-read them after anything
 * that can grow the memory (calls, memory.grow).
 */

import { KilnError } from '../../formats/errors.js';
import type { MemType } from '../../formats/wasm/types.js';
import type { WasmMemory } from '../api.js';

export const PAGE_SIZE = 65536;
/** spec maximum for 32-bit memories */
export const MAX_PAGES = 65536;

export class Memory implements WasmMemory {
  readonly kind = 'memory' as const;
  readonly type: MemType;
  /** backing store: `len` bytes in use, the rest spare capacity (always zero) */
  private buf: ArrayBuffer;
  dv: DataView;
  u8: Uint8Array;
  /** current size in bytes */
  len: number;
  /** current size in pages */
  pages: number;

  /** throws KilnError('uninstantiable') when the initial size cannot be allocated */
  constructor(type: MemType) {
    this.type = type;
    this.pages = type.limits.min;
    this.len = this.pages * PAGE_SIZE;
    try {
      this.buf = new ArrayBuffer(this.len);
    } catch {
      throw new KilnError('uninstantiable', `cannot allocate a memory of ${this.pages} pages (${this.len} bytes)`);
    }
    this.dv = new DataView(this.buf);
    this.u8 = new Uint8Array(this.buf);
  }

  /** the memory's contents as an ArrayBuffer of exactly size() pages */
  get buffer(): ArrayBuffer {
    if (this.buf.byteLength !== this.len) this.setBuffer(this.buf.slice(0, this.len));
    return this.buf;
  }

  bytes(): Uint8Array {
    return this.u8;
  }

  size(): number {
    return this.pages;
  }

  /** returns the old size in pages, or -1 (limit reached or allocation failed) */
  grow(delta: number): number {
    const old = this.pages;
    if (!(delta >= 0)) return -1;
    const max = Math.min(this.type.limits.max ?? MAX_PAGES, MAX_PAGES);
    const next = old + delta;
    if (next > max) return -1;
    if (delta === 0) return old;
    const nextLen = next * PAGE_SIZE;
    if (nextLen > this.buf.byteLength) {
      const grown = this.allocate(next, max);
      if (grown === null) return -1;
      new Uint8Array(grown).set(this.u8);
      this.setBuffer(grown);
    }
    // within capacity the new pages are already zero: spare capacity is never written
    // (generated code checks against `len`; `u8`, bytes() and `buffer` are exact), and
    // not touching it leaves the OS pages uncommitted until the program uses them
    this.len = nextLen;
    this.pages = next;
    this.u8 = new Uint8Array(this.buf, 0, nextLen);
    return old;
  }

  /** a zeroed buffer for at least `pages` pages: 1.5× the current capacity when that fits */
  private allocate(pages: number, max: number): ArrayBuffer | null {
    const roomy = Math.min(max, Math.max(pages, Math.ceil((this.buf.byteLength / PAGE_SIZE) * 1.5)));
    for (const p of roomy > pages ? [roomy, pages] : [pages]) {
      try {
        return new ArrayBuffer(p * PAGE_SIZE);
      } catch {
        // out of memory for this size: try the exact size, then give up (grow returns -1)
      }
    }
    return null;
  }

  private setBuffer(buf: ArrayBuffer): void {
    this.buf = buf;
    this.dv = new DataView(buf);
    this.u8 = new Uint8Array(buf, 0, this.len);
  }
}
