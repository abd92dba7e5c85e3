/**
 * Linear memory instances (spec §4.2.8 memory instances, §4.4.7 memory.grow), the JavaScript
 * implementation of `WasmMemory` (the interpreter's). One object is shared by every instance
 * that imports or exports it.
 *
 * A memory starts with a buffer of exactly its initial size (most memories never grow). The
 * first growth beyond it allocates, once, the memory's whole reachable size — the lowest of
 * its declared maximum, the spec's 65,536 pages and the engine's maxMemoryPages — as one
 * zero-filled ArrayBuffer. V8 gets that from calloc, i.e. from mmap for large sizes, and
 * Linux commits a page only when it is first written: growing to 4 GiB then costs one copy
 * of the contents at the first grow and nothing per page (4 GiB in 16-page steps: 8.3 s and
 * 5.4 GB resident before, well under a second and tens of MB after). When the system refuses
 * that allocation, growth falls back to geometric spare capacity (1.5×), which copies O(n)
 * bytes in total. (A resizable ArrayBuffer would grow in place, but DataView access to one is
 * several times slower on Node 20; measured again for this design.) Consequently:
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
  /** the most pages this memory can have: declared maximum, spec maximum, engine limit */
  readonly maxPages: number;
  /** number of times growth allocated a new backing store (and copied the contents) */
  reallocations = 0;
  /** backing store: `len` bytes in use, the rest spare capacity (always zero) */
  private buf: ArrayBuffer;
  dv: DataView;
  u8: Uint8Array;
  /** current size in bytes */
  len: number;
  /** current size in pages */
  pages: number;

  /**
   * `limitPages`: the engine's maxMemoryPages, if any. Throws KilnError('uninstantiable')
   * when the initial size exceeds that limit or cannot be allocated.
   */
  constructor(type: MemType, limitPages?: number) {
    this.type = type;
    this.maxPages = Math.min(type.limits.max ?? MAX_PAGES, MAX_PAGES, limitPages ?? MAX_PAGES);
    if (limitPages !== undefined && type.limits.min > limitPages) {
      throw new KilnError(
        'uninstantiable',
        `a memory of ${type.limits.min} pages exceeds the limit of ${limitPages} pages (${limitPages * PAGE_SIZE} bytes)`,
      );
    }
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
    const next = old + delta;
    if (next > this.maxPages) return -1;
    if (delta === 0) return old;
    const nextLen = next * PAGE_SIZE;
    if (nextLen > this.buf.byteLength) {
      const grown = this.allocate(next);
      if (grown === null) return -1;
      new Uint8Array(grown).set(this.u8);
      this.setBuffer(grown);
      this.reallocations++;
    }
    // within capacity the new pages are already zero: spare capacity is never written
    // (generated code checks against `len`; `u8`, bytes() and `buffer` are exact), and
    // not touching it leaves the OS pages uncommitted until the program uses them
    this.len = nextLen;
    this.pages = next;
    this.u8 = new Uint8Array(this.buf, 0, nextLen);
    return old;
  }

  /**
   * A zeroed buffer for at least `pages` pages: the whole reachable size; failing that, 1.5×
   * the current capacity; failing that, exactly `pages`; else null (grow returns -1).
   */
  private allocate(pages: number): ArrayBuffer | null {
    const roomy = Math.min(this.maxPages, Math.max(pages, Math.ceil((this.buf.byteLength / PAGE_SIZE) * 1.5)));
    let tried = -1;
    // maxPages ≥ roomy ≥ pages: largest first, each size once
    for (const p of [this.maxPages, roomy, pages]) {
      if (p === tried) continue;
      tried = p;
      try {
        return new ArrayBuffer(p * PAGE_SIZE);
      } catch {
        // the system refused this size: try the next, smaller one
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
