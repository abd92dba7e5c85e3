/**
 * Fixed-width little-endian bytes for the `.cwasm` container: a growable writer, and a reader
 * whose every read is range-checked against its window so that a damaged artifact gives a
 * `corrupt` error at the offending file offset, never an out-of-range read.
 */

import { Writer } from '../wasm/writer.js';
import { CwasmError } from './errors.js';

/** fixed-width little-endian values on the wasm encoder's growable buffer (formats/wasm/writer.ts) */
export class ByteWriter {
  private readonly w = new Writer(4096);

  /** bytes written so far */
  get pos(): number {
    return this.w.pos;
  }
  /** room for n bytes: their offset (read `this.w.view` only after this: growing replaces it) */
  private at(n: number): number {
    this.w.reserve(n);
    const at = this.w.pos;
    this.w.pos += n;
    return at;
  }
  u8(v: number): void {
    this.w.u8(v);
  }
  u16(v: number): void {
    const a = this.at(2);
    this.w.view.setUint16(a, v, true);
  }
  u32(v: number): void {
    const a = this.at(4);
    this.w.view.setUint32(a, v >>> 0, true);
  }
  i32(v: number): void {
    const a = this.at(4);
    this.w.view.setInt32(a, v, true);
  }
  /** a non-negative integer below 2^53 as 8 bytes */
  u64(v: number): void {
    const a = this.at(8);
    this.w.view.setBigUint64(a, BigInt(v), true);
  }
  bytes(b: Uint8Array): void {
    this.w.bytes(b);
  }
  /** zero bytes up to a multiple of `align` */
  align(align: number): void {
    while (this.w.pos % align !== 0) this.w.u8(0);
  }
  /** overwrite 4 bytes already written */
  patchU32(at: number, v: number): void {
    this.w.view.setUint32(at, v >>> 0, true);
  }
  finish(): Uint8Array {
    return this.w.finish();
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
