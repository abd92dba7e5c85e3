/**
 * CodeBuffer: little-endian appends, growth, patches and their bounds.
 */

import { describe, expect, it } from 'vitest';
import { CodeBuffer } from '../../targets/code-buffer.js';

describe('CodeBuffer', () => {
  it('appends little-endian values and grows past its initial capacity', () => {
    const b = new CodeBuffer(16);
    for (let i = 0; i < 100; i++) b.u8(i);
    b.u16(0x1234);
    b.u32(0xdeadbeef);
    b.u64(-2n);
    expect(b.length).toBe(100 + 2 + 4 + 8);
    const bytes = b.bytes();
    expect(bytes[99]).toBe(99);
    expect(Array.from(bytes.subarray(100))).toEqual([0x34, 0x12, 0xef, 0xbe, 0xad, 0xde, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });
  it('patches and reads back written bytes, and refuses patches past the end', () => {
    const b = new CodeBuffer();
    b.u32(0);
    b.u8(0);
    b.patch32(0, -5);
    b.patch8(4, 0x80);
    expect(b.read32(0)).toBe(-5);
    expect(Array.from(b.view())).toEqual([0xfb, 0xff, 0xff, 0xff, 0x80]);
    expect(() => b.patch32(2, 0)).toThrow(new RangeError('patch at 2 outside the 5 bytes written'));
  });
  it('after release() refuses appends and shows no bytes; the next buffer starts empty', () => {
    const a = new CodeBuffer(64);
    for (let i = 0; i < 40; i++) a.u8(0xcc);
    const code = a.bytes();
    a.release();
    expect(() => a.u8(1)).toThrow('CodeBuffer used after release()');
    expect(a.length).toBe(0);
    expect(a.view().length).toBe(0);
    expect(code.length).toBe(40);
    const b = new CodeBuffer(16);
    expect(b.length).toBe(0);
    b.u32(0x01020304);
    expect(Array.from(b.bytes())).toEqual([4, 3, 2, 1]);
    expect(Array.from(code.subarray(0, 4))).toEqual([0xcc, 0xcc, 0xcc, 0xcc]);
  });
});
