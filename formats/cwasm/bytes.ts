/**
 * Fixed-width little-endian bytes for the `.cwasm` container: a growable writer, and a reader
 * whose every read is range-checked against its window so that a damaged artifact gives a
 * `corrupt` error at the offending file offset, never an out-of-range read.
 */

import { CwasmError } from './errors.js';

export class ByteWriter {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  /** bytes written so far */
  pos = 0;

  private room(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v;
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
  }
  i32(v: number): void {
    this.room(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }
  /** a non-negative integer below 2^53 as 8 bytes */
  u64(v: number): void {
    this.room(8);
    this.view.setBigUint64(this.pos, BigInt(v), true);
    this.pos += 8;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** zero bytes up to a multiple of `align` */
  align(align: number): void {
    while (this.pos % align !== 0) this.u8(0);
  }
  /** overwrite 4 bytes already written */
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** reads inside [start, end) of `bytes`; errors name file offsets (`base` + position) */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  pos: number;
  readonly end: number;
  /** what the window holds, for error messages */
  readonly what: string;

  constructor(bytes: Uint8Array, what: string, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
    this.what = what;
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.end) throw new CwasmError('corrupt', `${this.what} ends early (wanted ${n} bytes at 0x${at.toString(16)})`, at);
    this.pos = at + n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)] as number;
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  /** 8 bytes that must hold an integer below 2^53 */
  u64(): number {
    const at = this.need(8);
    const v = this.view.getBigUint64(at, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new CwasmError('corrupt', `${this.what}: value at 0x${at.toString(16)} is out of range`, at);
    return Number(v);
  }
  /** a view (no copy) of the next n bytes */
  view8(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }
  remaining(): number {
    return this.end - this.pos;
  }
}
