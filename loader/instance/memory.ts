/**
 * Linear memory instances (spec §4.2.8 memory instances, §4.4.7 memory.grow). One object is
 * shared by every instance that imports or exports it. The contents live in an ArrayBuffer
 * that is REPLACED on growth; `dv`/`u8`/`len` always describe the current buffer, and engines
 * that cache them must re-read them after anything that can grow the memory (calls, grow).
 */

import type { MemType } from '../../formats/wasm/types.js';
import type { WasmMemory } from '../api.js';

export const PAGE_SIZE = 65536;
/** spec maximum for 32-bit memories */
export const MAX_PAGES = 65536;

export class Memory implements WasmMemory {
  readonly kind = 'memory' as const;
  readonly type: MemType;
  buf: ArrayBuffer;
  dv: DataView;
  u8: Uint8Array;
  /** current size in bytes */
  len: number;
  /** current size in pages */
  pages: number;

  constructor(type: MemType) {
    this.type = type;
    this.pages = type.limits.min;
    this.len = this.pages * PAGE_SIZE;
    this.buf = new ArrayBuffer(this.len);
    this.dv = new DataView(this.buf);
    this.u8 = new Uint8Array(this.buf);
  }

  get buffer(): ArrayBuffer {
    return this.buf;
  }

  size(): number {
    return this.pages;
  }

  /** returns the old size in pages, or -1 (limit reached or allocation failed) */
  grow(delta: number): number {
    const old = this.pages;
    if (!(delta >= 0)) return -1;
    const max = this.type.limits.max ?? MAX_PAGES;
    const next = old + delta;
    if (next > max || next > MAX_PAGES) return -1;
    if (delta === 0) return old;
    let buf: ArrayBuffer;
    try {
      buf = new ArrayBuffer(next * PAGE_SIZE);
    } catch {
      return -1;
    }
    const u8 = new Uint8Array(buf);
    u8.set(this.u8);
    this.buf = buf;
    this.u8 = u8;
    this.dv = new DataView(buf);
    this.len = next * PAGE_SIZE;
    this.pages = next;
    return old;
  }
}
