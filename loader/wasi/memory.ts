/**
 * Bounds-checked access to the guest's linear memory for the WASI host. Every pointer and
 * length coming from the guest is checked against the *current* memory size (EFAULT when out of
 * bounds), and the memory view is fetched again on every call because `memory.grow` replaces it.
 * Little-endian throughout (wasm is little-endian).
 */

import { ERRNO } from './constants.js';
import { fail } from './errors.js';

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export class GuestMemory {
  private source: (() => Uint8Array) | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private bytes: Uint8Array = new Uint8Array(0);

  /** `source` returns a view of exactly the guest memory's current contents */
  bind(source: () => Uint8Array): void {
    this.source = source;
    this.bytes = new Uint8Array(0);
  }

  /** refresh the views if the memory was replaced (grown) since the last access */
  private sync(): void {
    if (this.source === null) fail(ERRNO.FAULT);
    const b = this.source();
    if (b !== this.bytes) {
      this.bytes = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
  }

  /** checks [ptr, ptr+len) lies inside memory; returns ptr as an unsigned number */
  check(ptr: number, len: number): number {
    this.sync();
    const p = ptr >>> 0;
    // guest lengths are u32 passed as i32 (negative = large); host-computed sizes
    // (count * struct size) may exceed 2^32 and must not wrap
    const l = len >= 0 ? len : len >>> 0;
    if (p + l > this.bytes.byteLength) fail(ERRNO.FAULT);
    return p;
  }

  /** a view of [ptr, ptr+len) — valid until the next memory growth */
  slice(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + p, len >>> 0);
  }

  getU8(ptr: number): number {
    return this.view.getUint8(this.check(ptr, 1));
  }
  getU16(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }
  getU32(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }
  getU64(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }
  setU8(ptr: number, v: number): void {
    this.view.setUint8(this.check(ptr, 1), v);
  }
  setU16(ptr: number, v: number): void {
    this.view.setUint16(this.check(ptr, 2), v, true);
  }
  setU32(ptr: number, v: number): void {
    this.view.setUint32(this.check(ptr, 4), v >>> 0, true);
  }
  setU64(ptr: number, v: bigint): void {
    this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, v), true);
  }

  /** decode a UTF-8 string (EILSEQ when not valid UTF-8) */
  getString(ptr: number, len: number): string {
    const s = this.slice(ptr, len);
    try {
      return utf8Strict.decode(s);
    } catch {
      return fail(ERRNO.ILSEQ);
    }
  }

  /** copy bytes in (caller has checked the length fits) */
  write(ptr: number, data: Uint8Array): void {
    this.slice(ptr, data.byteLength).set(data);
  }

  /** the guest's iovec array as views: EFAULT if the array or any buffer is out of bounds */
  iovecs(iovs: number, count: number): Uint8Array[] {
    const n = count >>> 0;
    const base = this.check(iovs, n * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const buf = this.view.getUint32(base + i * 8, true);
      const len = this.view.getUint32(base + i * 8 + 4, true);
      out.push(this.slice(buf, len));
    }
    return out;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8.encode(s);
}

/** i64 argument (bigint from engines; numbers tolerated) as an unsigned 64-bit bigint */
export function u64(v: unknown): bigint {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v);
  if (typeof v === 'number') return BigInt.asUintN(64, BigInt(Math.trunc(v)));
  return fail(ERRNO.INVAL);
}

/** i64 argument as a signed 64-bit bigint */
export function s64(v: unknown): bigint {
  if (typeof v === 'bigint') return BigInt.asIntN(64, v);
  if (typeof v === 'number') return BigInt.asIntN(64, BigInt(Math.trunc(v)));
  return fail(ERRNO.INVAL);
}
