import { describe, expect, it } from 'vitest';
import { KilnTrap } from '../../../../loader/trap.js';
import { asI16, asI32, asI64, asU8, i8, op, rep, vop } from './helpers.js';

const memory = (): Uint8Array => Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 0x81) & 0xff);
const bytes = (m: Uint8Array, at: number, n: number): number[] => Array.from(m.subarray(at, at + n));

function trapOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnTrap) return e.trapKind;
    throw e;
  }
  return undefined;
}

describe('SIMD memory access', () => {
  it('v128.load / v128.store copy 16 bytes and store returns undefined', () => {
    const m = memory();
    expect(Array.from(vop('v128.load', m, 48))).toEqual(bytes(m, 48, 16));
    const v = i8(...rep(-1, 16));
    expect(op('v128.store', m, 3, v)).toBeUndefined();
    expect(bytes(m, 3, 16)).toEqual(rep(255, 16));
    expect(bytes(m, 0, 3)).toEqual(bytes(memory(), 0, 3));
    expect(bytes(m, 19, 5)).toEqual(bytes(memory(), 19, 5));
  });

  it('traps when ea + width exceeds the memory, including ea beyond 2^32', () => {
    const m = memory();
    expect(trapOf(() => op('v128.load', m, 49))).toBe('out of bounds memory access');
    expect(trapOf(() => op('v128.load', m, 48))).toBeUndefined();
    expect(trapOf(() => op('v128.store', m, 49, new Uint8Array(16)))).toBe('out of bounds memory access');
    expect(trapOf(() => op('v128.load64_splat', m, 57))).toBe('out of bounds memory access');
    expect(trapOf(() => op('v128.load8_splat', m, 63))).toBeUndefined();
    expect(trapOf(() => op('v128.load32_zero', m, 61))).toBe('out of bounds memory access');
    expect(trapOf(() => op('v128.load16x4_s', m, 57))).toBe('out of bounds memory access');
    expect(trapOf(() => op('v128.load8_lane', m, 2 ** 32 + 1, new Uint8Array(16), 0))).toBe('out of bounds memory access');
    expect(trapOf(() => op('v128.store64_lane', m, 60, new Uint8Array(16), 1))).toBe('out of bounds memory access');
    expect(bytes(m, 0, 64)).toEqual(bytes(memory(), 0, 64)); // a trapping store writes nothing
  });

  it('load extend widens 8 bytes signed or unsigned', () => {
    const m = Uint8Array.from([0xff, 0x80, 0x7f, 0x00, 0xfe, 0xff, 0xff, 0x7f, 9]);
    expect(asI16(vop('v128.load8x8_s', m, 0))).toEqual([-1, -128, 127, 0, -2, -1, -1, 127]);
    expect(asI16(vop('v128.load8x8_u', m, 0))).toEqual([255, 128, 127, 0, 254, 255, 255, 127]);
    expect(asI32(vop('v128.load16x4_s', m, 0))).toEqual([-32513, 127, -2, 32767]);
    expect(asI32(vop('v128.load16x4_u', m, 0))).toEqual([33023, 127, 65534, 32767]);
    expect(asI64(vop('v128.load32x2_s', m, 0))).toEqual([0x007f80ffn, 0x7ffffffen]);
    expect(asI64(vop('v128.load32x2_u', m, 1))).toEqual([0xfe007f80n, 0x097fffffn]);
    expect(asI64(vop('v128.load32x2_s', m, 1))).toEqual([-0x01ff8080n, 0x097fffffn]);
  });

  it('splat and zero loads fill or clear the other lanes', () => {
    const m = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(asU8(vop('v128.load8_splat', m, 8))).toEqual(rep(9, 16));
    expect(asU8(vop('v128.load16_splat', m, 1))).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    expect(asU8(vop('v128.load32_splat', m, 0))).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
    expect(asU8(vop('v128.load64_splat', m, 1))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(asU8(vop('v128.load32_zero', m, 5))).toEqual([6, 7, 8, 9, ...rep(0, 12)]);
    expect(asU8(vop('v128.load64_zero', m, 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, ...rep(0, 8)]);
  });

  it('load_lane replaces one lane of a copy; store_lane writes only that lane', () => {
    const m = Uint8Array.from([0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x11, 0x22, 0x33, 0x44]);
    const v = i8(...rep(0, 16));
    expect(asU8(vop('v128.load16_lane', m, 1, v, 7))).toEqual([...rep(0, 14), 0xbb, 0xcc]);
    expect(asU8(vop('v128.load64_lane', m, 1, v, 0))).toEqual([0xbb, 0xcc, 0xdd, 0xee, 0x11, 0x22, 0x33, 0x44, ...rep(0, 8)]);
    expect(asU8(vop('v128.load8_lane', m, 8, v, 3))).toEqual([0, 0, 0, 0x44, ...rep(0, 12)]);
    expect(Array.from(v)).toEqual(rep(0, 16));
    const w = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const out = new Uint8Array(10);
    expect(op('v128.store32_lane', out, 2, w, 3)).toBeUndefined();
    expect(Array.from(out)).toEqual([0, 0, 13, 14, 15, 16, 0, 0, 0, 0]);
    op('v128.store8_lane', out, 9, w, 15);
    op('v128.store16_lane', out, 0, w, 1);
    expect(Array.from(out)).toEqual([3, 4, 13, 14, 15, 16, 0, 0, 0, 16]);
    op('v128.store64_lane', out, 2, w, 1);
    expect(Array.from(out)).toEqual([3, 4, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
});
