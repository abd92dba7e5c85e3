/**
 * Growable byte buffer for the binary encoder (spec §5.1–§5.2): bytes, minimal LEB128
 * integers (§5.2.2), raw IEEE bits (§5.2.3), UTF-8 names (§5.2.4), and length prefixes
 * inserted after the content is written (so every size is a minimal LEB128).
 */

const utf8 = new TextEncoder();

export class Writer {
  buf: Uint8Array;
  view: DataView;
  /** number of bytes written */
  pos = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** make room for n more bytes */
  reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** a copy of the bytes written */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  u8(b: number): void {
    if (this.pos >= this.buf.length) this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** unsigned LEB128 of a number in [0, 2^32) (also used for u1 limits flags) */
  u32(v: number): void {
    this.reserve(5);
    const buf = this.buf;
    let pos = this.pos;
    v = v >>> 0;
    while (v >= 0x80) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** signed LEB128 of a number in [-2^31, 2^31) */
  s32(v: number): void {
    this.reserve(5);
    const buf = this.buf;
    let pos = this.pos;
    v |= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        buf[pos++] = b;
        break;
      }
      buf[pos++] = b | 0x80;
    }
    this.pos = pos;
  }

  /** signed LEB128 of a number in [-2^32, 2^32) (block types) */
  s33(v: number): void {
    if (v >= -0x80000000 && v <= 0x7fffffff) {
      this.s32(v);
      return;
    }
    this.s64(BigInt(v));
  }

  /** signed LEB128 of a 64-bit integer (taken modulo 2^64 as signed) */
  s64(v: bigint): void {
    if (v >= -0x80000000n && v <= 0x7fffffffn) {
      this.s32(Number(v));
      return;
    }
    v = BigInt.asIntN(64, v);
    this.reserve(10);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.buf[this.pos++] = b;
        return;
      }
      this.buf[this.pos++] = b | 0x80;
    }
  }

  f32bits(bits: number): void {
    this.reserve(4);
    this.view.setUint32(this.pos, bits >>> 0, true);
    this.pos += 4;
  }

  f64bits(bits: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, bits), true);
    this.pos += 8;
  }

  bytes(b: Uint8Array | readonly number[]): void {
    this.reserve(b.length);
    if (b instanceof Uint8Array) this.buf.set(b, this.pos);
    else for (let i = 0; i < b.length; i++) this.buf[this.pos + i] = b[i] as number;
    this.pos += b.length;
  }

  /** a name: u32 byte length then UTF-8 */
  name(s: string): void {
    const enc = utf8.encode(s);
    this.u32(enc.length);
    this.bytes(enc);
  }

  /**
   * Insert the minimal u32 LEB128 of (pos - start) at `start`, shifting the content written
   * since `start` right: the length prefix of a section, body or sized payload.
   */
  insertLength(start: number): void {
    const len = this.pos - start;
    let n = 1;
    while (len >= 2 ** (7 * n) && n < 5) n++;
    this.reserve(n);
    this.buf.copyWithin(start + n, start, this.pos);
    let v = len;
    for (let i = 0; i < n; i++) {
      this.buf[start + i] = i === n - 1 ? v & 0x7f : (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.pos += n;
  }
}

/** byte length of the minimal u32 LEB128 of v */
export function u32Size(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}
