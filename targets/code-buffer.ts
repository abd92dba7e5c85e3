/**
 * A growable little-endian byte buffer that encoders append machine code to.
 * ISA-neutral: both targets write through it. Growing doubles the capacity, so appending
 * n bytes costs O(n) overall and nothing is allocated per instruction.
 */

/** no storage: the state of a released buffer */
const RELEASED = new Uint8Array(0);

export class CodeBuffer {
  /** storage a released buffer gave back, taken by the next buffer made (one function's code
   *  after another: allocating a fresh backing store per function is a measurable cost) */
  private static spare: Uint8Array | null = null;
  private data: Uint8Array;
  private len = 0;

  constructor(capacity = 256) {
    const spare = CodeBuffer.spare;
    if (spare !== null && spare.length >= capacity) {
      CodeBuffer.spare = null;
      this.data = spare;
    } else {
      this.data = new Uint8Array(Math.max(16, capacity));
    }
  }

  /**
   * Hand the storage to the next CodeBuffer; this one is then unusable (an append throws, a
   * read sees no bytes). Call it only when nothing will read the bytes again (after `bytes()`).
   */
  release(): void {
    if (this.data === RELEASED) return;
    const spare = CodeBuffer.spare;
    if (spare === null || spare.length < this.data.length) CodeBuffer.spare = this.data;
    this.data = RELEASED;
    this.len = 0;
  }

  get length(): number {
    return this.len;
  }

  /** room for n more bytes (the check is small enough to be inlined at every append) */
  private reserve(n: number): void {
    if (this.len + n > this.data.length) this.grow(n);
  }

  private grow(n: number): void {
    if (this.data === RELEASED) throw new Error('CodeBuffer used after release()');
    let cap = this.data.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.data.subarray(0, this.len));
    this.data = next;
  }

  u8(v: number): void {
    this.reserve(1);
    this.data[this.len++] = v & 0xff;
  }

  u16(v: number): void {
    this.reserve(2);
    this.data[this.len++] = v & 0xff;
    this.data[this.len++] = (v >>> 8) & 0xff;
  }

  u32(v: number): void {
    this.reserve(4);
    this.put32(this.len, v);
    this.len += 4;
  }

  u64(v: bigint): void {
    const lo = Number(BigInt.asUintN(32, v));
    const hi = Number(BigInt.asUintN(32, v >> 32n));
    this.u32(lo);
    this.u32(hi);
  }

  /** Overwrite one byte already written (fixups). */
  patch8(at: number, v: number): void {
    this.check(at, 1);
    this.data[at] = v & 0xff;
  }

  /** Overwrite four bytes already written (fixups). */
  patch32(at: number, v: number): void {
    this.check(at, 4);
    this.put32(at, v);
  }

  /** Read back four bytes as a signed integer. */
  read32(at: number): number {
    this.check(at, 4);
    const d = this.data;
    return d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24);
  }

  /** A copy of the bytes written so far. */
  bytes(): Uint8Array {
    return this.data.slice(0, this.len);
  }

  /** A view of bytes [from, to) without copying; valid until the next append. */
  view(from = 0, to = this.len): Uint8Array {
    return this.data.subarray(from, to);
  }

  private put32(at: number, v: number): void {
    const d = this.data;
    d[at] = v & 0xff;
    d[at + 1] = (v >>> 8) & 0xff;
    d[at + 2] = (v >>> 16) & 0xff;
    d[at + 3] = (v >>> 24) & 0xff;
  }

  private check(at: number, n: number): void {
    if (at < 0 || at + n > this.len) throw new RangeError(`patch at ${at} outside the ${this.len} bytes written`);
  }
}
