/**
 * Byte reader for the WebAssembly binary format (spec §5.1–§5.2): bytes, LEB128 integers
 * (§5.2.2), IEEE floats as raw bits (§5.2.3), vectors' lengths and UTF-8 names (§5.2.4).
 *
 * Reads are bounded by the end of the whole input, not of the current section, exactly like
 * the spec's reference interpreter: a section or function body that overruns its declared
 * size is reported by the caller's size check ("section size mismatch"), which keeps our
 * error wording identical to the testsuite's. Every error is a KilnError 'malformed' carrying
 * the byte offset where the reference interpreter reports it.
 */

import { malformed, type KilnError } from '../errors.js';

export const UNEXPECTED_END = 'unexpected end of section or function';

// ignoreBOM: a leading U+FEFF is part of a wasm name, not a byte order mark
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** current byte offset */
  pos: number;
  /** one past the last readable byte */
  readonly end: number;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = pos;
    this.end = end;
  }

  /** an "unexpected end" error at the end of input */
  eof(): KilnError {
    return malformed(UNEXPECTED_END, this.end);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    const pos = this.pos;
    if (pos >= this.end) throw this.eof();
    this.pos = pos + 1;
    return this.bytes[pos] as number;
  }

  /** the next byte without consuming it, or -1 at the end */
  peek(): number {
    return this.pos < this.end ? (this.bytes[this.pos] as number) : -1;
  }

  /** u32 LEB128: at most 5 bytes, the 5th holding only 4 value bits */
  u32(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) throw this.eof();
    let b = bytes[pos++] as number;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let result = b & 0x7f;
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw this.eof();
      b = bytes[pos++] as number;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result;
      }
    }
    if (pos >= end) throw this.eof();
    b = bytes[pos++] as number;
    if ((b & 0x70) !== 0) throw malformed('integer too large', pos - 1);
    if (b >= 0x80) throw malformed('integer representation too long', pos);
    this.pos = pos;
    return (result | (b << 28)) >>> 0;
  }

  /** s32 LEB128: the 5th byte's unused bits must sign-extend bit 31 */
  s32(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let result = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.eof();
      const b = bytes[pos++] as number;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        const unused = 25 - shift; // bits above the 7*(k) value bits
        return (result << unused) >> unused;
      }
    }
    if (pos >= end) throw this.eof();
    const b = bytes[pos++] as number;
    const ext = b & 0x78;
    if (ext !== 0 && ext !== 0x78) throw malformed('integer too large', pos - 1);
    if (b >= 0x80) throw malformed('integer representation too long', pos);
    this.pos = pos;
    return result | (b << 28);
  }

  /** s33 LEB128 (block types), as a number in [-2^32, 2^32) */
  s33(): number {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 4; i++) {
      if (pos >= end) throw this.eof();
      const b = bytes[pos++] as number;
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) {
        this.pos = pos;
        return (b & 0x40) !== 0 ? result - scale : result;
      }
    }
    if (pos >= end) throw this.eof();
    const b = bytes[pos++] as number;
    const ext = b & 0x70;
    if (ext !== 0 && ext !== 0x70) throw malformed('integer too large', pos - 1);
    if (b >= 0x80) throw malformed('integer representation too long', pos);
    this.pos = pos;
    result += (b & 0x7f) * scale;
    return (b & 0x40) !== 0 ? result - scale * 128 : result;
  }

  /** s64 LEB128 as a signed bigint */
  s64(): bigint {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    // fast path: up to 4 bytes fit a small integer exactly
    let small = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.eof();
      const b = bytes[pos++] as number;
      small |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        const unused = 25 - shift;
        return BigInt((small << unused) >> unused);
      }
    }
    let result = BigInt(small >>> 0);
    let shift = 28n;
    for (let i = 4; i < 10; i++) {
      if (pos >= end) throw this.eof();
      const b = bytes[pos++] as number;
      if (i === 9) {
        const ext = b & 0x7f;
        if (ext !== 0 && ext !== 0x7f) throw malformed('integer too large', pos - 1);
        if (b >= 0x80) throw malformed('integer representation too long', pos);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (b < 0x80) {
        this.pos = pos;
        if ((b & 0x40) !== 0) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
    throw malformed('integer representation too long', pos);
  }

  /** skip an s64 LEB128 with the same checks as s64(), without building its value */
  skipS64(): void {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw this.eof();
      const b = bytes[pos++] as number;
      if (i === 9) {
        const ext = b & 0x7f;
        if (ext !== 0 && ext !== 0x7f) throw malformed('integer too large', pos - 1);
        if (b >= 0x80) throw malformed('integer representation too long', pos);
      }
      if (b < 0x80) {
        this.pos = pos;
        return;
      }
    }
    throw malformed('integer representation too long', pos);
  }

  /** skip n bytes (throws "unexpected end" when fewer remain) */
  skip(n: number): void {
    if (this.pos + n > this.end) throw this.eof();
    this.pos += n;
  }

  /** an unsigned LEB128 of N < 7 bits (limits flags: N = 1) */
  uN(n: number): number {
    const b = this.u8();
    if ((b & 0x7f) >= 1 << n) throw malformed('integer too large', this.pos - 1);
    if (b >= 0x80) throw malformed('integer representation too long', this.pos);
    return b;
  }

  /** f32 as its IEEE 754 bits (unsigned) */
  f32bits(): number {
    const pos = this.pos;
    if (pos + 4 > this.end) throw this.eof();
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  /** f64 as its IEEE 754 bits (unsigned bigint) */
  f64bits(): bigint {
    const pos = this.pos;
    if (pos + 8 > this.end) throw this.eof();
    this.pos = pos + 8;
    return this.view.getBigUint64(pos, true);
  }

  /** n raw bytes, copied */
  bytesN(n: number): Uint8Array {
    const pos = this.pos;
    if (pos + n > this.end) throw this.eof();
    this.pos = pos + n;
    return this.bytes.slice(pos, pos + n);
  }

  /**
   * A vector length or byte count (the reference interpreter's `len32`): a u32 that must not
   * exceed the bytes left in the input counted from the length's own first byte. So no count
   * can make us allocate beyond the input's size.
   *
   * Counted from the length's first byte, a byte count can still run past the end of the
   * input by up to the width of the length field itself. A caller that takes a byte range
   * from it must use byteLen() (or check the range itself), never trust `pos + n`.
   */
  len(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - at) throw malformed('length out of bounds', at);
    return n;
  }

  /**
   * A byte count whose bytes must all be present: len() (so "length out of bounds" as the
   * reference interpreter reports it), then "unexpected end" at the end of the input when
   * fewer than n bytes follow the length field.
   */
  byteLen(): number {
    const n = this.len();
    if (n > this.end - this.pos) throw this.eof();
    return n;
  }

  /**
   * A one-byte type code read as the spec's s7 LEB128 (value types, reference types, the
   * function type form 0x60): a continuation bit makes the encoding too long.
   */
  typeCode(): number {
    const b = this.u8();
    if (b >= 0x80) throw malformed('integer representation too long', this.pos);
    return b;
  }

  /** a name: length-prefixed strict UTF-8 (§5.2.4); a name cut by the end is "unexpected end" */
  name(): string {
    const n = this.byteLen();
    const start = this.pos;
    this.pos = start + n;
    return decodeUtf8(this.bytes, start, start + n);
  }
}

/**
 * Strict UTF-8 (Unicode §3.9 table 3-7): no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequences. Throws "malformed UTF-8 encoding" at the bad byte.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    ascii = false;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else throw malformed('malformed UTF-8 encoding', i);
    if (i + need >= end) throw malformed('malformed UTF-8 encoding', i);
    const c1 = bytes[i + 1] as number;
    if (c1 < lo || c1 > hi) throw malformed('malformed UTF-8 encoding', i);
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) throw malformed('malformed UTF-8 encoding', i);
    }
    i += need + 1;
  }
  if (ascii && end - start <= 32) {
    let s = '';
    for (let k = start; k < end; k++) s += String.fromCharCode(bytes[k] as number);
    return s;
  }
  return utf8.decode(bytes.subarray(start, end));
}
