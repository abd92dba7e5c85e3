/**
 * Checked AArch64 immediates: the bitmask immediates exhaustively (every N:immr:imms of the
 * Arm ARM's DecodeBitMasks, decoded here independently), and every constructor's boundaries
 * (the largest valid value and the first invalid one).
 */

import { describe, expect, it } from 'vitest';
import {
  addImm, addImmFields, bitIndex, branchOffset, branchRange, decodeLogicalImm, encodeLogicalImm, expandFpImm, extendAmount, fpImm,
  imm16, isAddImm, isFpImm, isLogicalImm, logicalImm32, logicalImm64, movShift, nzcv, pairOffset, shiftAmount, simm9, tryFpImm,
  uimm5, uoffset, type AccessSize, type BranchField,
} from '../../../targets/aarch64/imm.js';

/** DecodeBitMasks (Arm ARM shared pseudocode), written out literally: null for a reserved encoding. */
function referenceDecode(n: number, immr: number, imms: number, w: 32 | 64): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  let len = -1;
  for (let b = 6; b >= 0; b--) {
    if ((combined >> b) & 1) {
      len = b;
      break;
    }
  }
  if (len < 1) return null;
  const esize = 1 << len;
  if (esize > w) return null;
  const levels = esize - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) return null;
  // welem = ZeroExtend(Ones(S + 1), esize); elem = ROR(welem, R); Replicate(elem)
  const bits: number[] = [];
  for (let k = 0; k < esize; k++) bits.push(k <= s ? 1 : 0);
  const rotated = bits.map((_, k) => bits[(k + r) % esize]!);
  let out = 0n;
  for (let k = 0; k < w; k++) if (rotated[k % esize] === 1) out |= 1n << BigInt(k);
  return out;
}

/** Every value with its canonical encoding (immr below the element size) at width w. */
function allLogical(w: 32 | 64): Map<bigint, number> {
  const out = new Map<bigint, number>();
  for (let n = 0; n <= (w === 64 ? 1 : 0); n++) {
    for (let imms = 0; imms < 64; imms++) {
      for (let immr = 0; immr < 64; immr++) {
        const v = referenceDecode(n, immr, imms, w);
        if (v === null) continue;
        const len = 31 - Math.clz32((n << 6) | (~imms & 0x3f));
        if (immr >= 1 << len) continue; // the same value as immr mod esize
        const enc = (n << 12) | (immr << 6) | imms;
        if (out.has(v)) throw new Error(`0x${v.toString(16)} has two canonical encodings`);
        out.set(v, enc);
      }
    }
  }
  return out;
}

/** A small deterministic generator (xorshift64*). */
function rng(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
}

describe('bitmask (logical) immediates', () => {
  const ALL64 = allLogical(64);
  const ALL32 = allLogical(32);

  it('has 5,334 64-bit and 1,302 32-bit patterns', () => {
    expect(ALL64.size).toBe(5334);
    expect(ALL32.size).toBe(1302);
  });

  it('encodes every 64-bit pattern to its canonical N:immr:imms and decodes it back', () => {
    const bad: string[] = [];
    for (const [v, enc] of ALL64) {
      const got = [encodeLogicalImm(v, 64), logicalImm64(v), logicalImm64(BigInt.asIntN(64, v)), decodeLogicalImm(enc, 64), isLogicalImm(v, 64)];
      if (got[0] !== enc || got[1] !== enc || got[2] !== enc || got[3] !== v || got[4] !== true) bad.push(`0x${v.toString(16)}: ${got.join(' ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('encodes every 32-bit pattern (N = 0) and decodes it back', () => {
    const bad: string[] = [];
    for (const [v, enc] of ALL32) {
      // a 32-bit pattern replicated twice is the 64-bit pattern with the same encoding
      const got = [enc >> 12, encodeLogicalImm(v, 32), logicalImm32(Number(v)), logicalImm32(Number(BigInt.asIntN(32, v))), decodeLogicalImm(enc, 32), encodeLogicalImm(v | (v << 32n), 64)];
      if (got[0] !== 0 || got[1] !== enc || got[2] !== enc || got[3] !== enc || got[4] !== v || got[5] !== enc) bad.push(`0x${v.toString(16)}: ${got.join(' ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('rejects 0, all ones, and exactly the values that are not patterns', () => {
    for (const w of [32, 64] as const) {
      expect(encodeLogicalImm(0n, w)).toBeNull();
      expect(encodeLogicalImm((1n << BigInt(w)) - 1n, w)).toBeNull();
      expect(isLogicalImm(-1n, w)).toBe(false);
    }
    expect(encodeLogicalImm(1n << 32n, 32)).toBeNull();
    expect(encodeLogicalImm(-1n, 64)).toBeNull();
    expect(() => logicalImm32(0)).toThrow(new RangeError('not a 32-bit logical immediate: 0'));
    expect(() => logicalImm32(-1)).toThrow(RangeError);
    expect(() => logicalImm32(0x1_0000_0000)).toThrow(RangeError);
    expect(() => logicalImm64(0n)).toThrow(new RangeError('not a 64-bit logical immediate: 0x0'));
    expect(() => logicalImm64(0x1234n)).toThrow(new RangeError('not a 64-bit logical immediate: 0x1234'));
    expect(() => logicalImm64(1n << 64n)).toThrow(RangeError);
    const next = rng(0x9e3779b97f4a7c15n);
    let accepted = 0;
    const bad: string[] = [];
    for (let k = 0; k < 20000; k++) {
      // random values, and random values narrowed to runs of the patterns' shape
      const v = k % 2 === 0 ? next() : (next() >> (next() % 64n)) << (next() % 8n);
      if (isLogicalImm(v, 64) !== ALL64.has(v)) bad.push(`0x${v.toString(16)}/64`);
      const v32 = v & 0xffffffffn;
      if (isLogicalImm(v32, 32) !== ALL32.has(v32)) bad.push(`0x${v32.toString(16)}/32`);
      if (ALL64.has(v)) accepted++;
    }
    expect(bad).toEqual([]);
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuses reserved encodings when decoding', () => {
    expect(() => decodeLogicalImm(0b0_000000_111111, 64)).toThrow(RangeError); // imms all ones with N = 0
    expect(() => decodeLogicalImm(0b1_000000_111111, 64)).toThrow(RangeError); // 64 ones
    expect(() => decodeLogicalImm(0b1_000000_000000, 32)).toThrow(RangeError); // N = 1 at 32 bits
  });
});

describe('checked immediate constructors: largest valid value, first invalid one', () => {
  it('add/sub immediate: 0..4095, or multiples of 4096 up to 0xfff000', () => {
    for (const v of [0, 1, 4095, 4096, 0x5000, 0xfff000]) expect(addImm(v)).toBe(v);
    expect(addImmFields(addImm(4095))).toEqual({ imm12: 4095, sh: 0 });
    expect(addImmFields(addImm(0xfff000))).toEqual({ imm12: 4095, sh: 1 });
    for (const v of [-1, 4097, 0xfff001, 0x1000000, 1.5, Number.NaN]) expect(isAddImm(v)).toBe(false);
    expect(() => addImm(4097)).toThrow(new RangeError('add/sub immediate out of range: 4097 (allowed 0..4095, or a multiple of 4096 up to 0xfff000)'));
    expect(() => addImm(0x1000000)).toThrow(RangeError);
  });

  it('imm16 and move-wide shifts', () => {
    expect(imm16(0)).toBe(0);
    expect(imm16(0xffff)).toBe(0xffff);
    expect(() => imm16(0x10000)).toThrow(new RangeError('imm16 out of range: 65536 (allowed 0..65535)'));
    expect(() => imm16(-1)).toThrow(RangeError);
    expect(movShift(48, 64)).toBe(48);
    expect(movShift(16, 32)).toBe(16);
    expect(() => movShift(32, 32)).toThrow(new RangeError('move-wide shift 32 does not fit a 32-bit register'));
    expect(() => movShift(8, 64)).toThrow(RangeError);
  });

  it('scaled unsigned offsets: multiples of the access size up to 4095 of them', () => {
    for (const size of [1, 2, 4, 8, 16] as AccessSize[]) {
      expect(uoffset(4095 * size, size)).toBe(4095 * size);
      expect(uoffset(0, size)).toBe(0);
      expect(() => uoffset(4096 * size, size)).toThrow(RangeError);
      expect(() => uoffset(-size, size)).toThrow(RangeError);
      if (size > 1) expect(() => uoffset(size + 1, size)).toThrow(new RangeError(`unsigned offset for a ${size}-byte access ${size + 1} is not a multiple of ${size}`));
    }
    expect(() => uoffset(32768, 8)).toThrow(new RangeError('unsigned offset for a 8-byte access out of range: 32768 (allowed 0..32760)'));
  });

  it('unscaled and pre/post-index offsets: -256..255', () => {
    expect(simm9(-256)).toBe(-256);
    expect(simm9(255)).toBe(255);
    expect(() => simm9(256)).toThrow(new RangeError('imm9 offset out of range: 256 (allowed -256..255)'));
    expect(() => simm9(-257)).toThrow(RangeError);
  });

  it('pair offsets: multiples of the register size from -64 to 63 of them', () => {
    for (const size of [4, 8, 16] as const) {
      expect(pairOffset(-64 * size, size)).toBe(-64 * size);
      expect(pairOffset(63 * size, size)).toBe(63 * size);
      expect(() => pairOffset(64 * size, size)).toThrow(RangeError);
      expect(() => pairOffset(-65 * size, size)).toThrow(RangeError);
      expect(() => pairOffset(2, size)).toThrow(RangeError);
    }
    expect(() => pairOffset(512, 8)).toThrow(new RangeError('pair offset for 8-byte registers out of range: 512 (allowed -512..504)'));
  });

  it('shift amounts and bit positions are below the width; small fields at their edges', () => {
    expect(shiftAmount(31, 32)).toBe(31);
    expect(shiftAmount(63, 64)).toBe(63);
    expect(() => shiftAmount(32, 32)).toThrow(new RangeError('shift amount for 32 bits out of range: 32 (allowed 0..31)'));
    expect(() => shiftAmount(64, 64)).toThrow(RangeError);
    expect(() => shiftAmount(-1, 64)).toThrow(RangeError);
    expect(extendAmount(4)).toBe(4);
    expect(() => extendAmount(5)).toThrow(RangeError);
    expect(uimm5(31)).toBe(31);
    expect(() => uimm5(32)).toThrow(RangeError);
    expect(nzcv(15)).toBe(15);
    expect(() => nzcv(16)).toThrow(RangeError);
    expect(bitIndex(63)).toBe(63);
    expect(() => bitIndex(64)).toThrow(RangeError);
  });

  it('branch offsets: each field reaches exactly its range, in words (adr: bytes)', () => {
    const reach: Record<BranchField, [number, number]> = {
      imm26: [-(2 ** 27), 2 ** 27 - 4],
      imm19: [-(2 ** 20), 2 ** 20 - 4],
      imm14: [-(2 ** 15), 2 ** 15 - 4],
      adr21: [-(2 ** 20), 2 ** 20 - 1],
    };
    for (const [f, [min, max]] of Object.entries(reach) as [BranchField, [number, number]][]) {
      expect(branchRange(f)).toEqual({ min, max });
      expect(branchOffset(min, f)).toBe(min);
      expect(branchOffset(max, f)).toBe(max);
      const step = f === 'adr21' ? 1 : 4;
      expect(() => branchOffset(max + step, f)).toThrow(RangeError);
      expect(() => branchOffset(min - step, f)).toThrow(RangeError);
      if (f !== 'adr21') expect(() => branchOffset(2, f)).toThrow(new RangeError(`${f} offset 2 is not a multiple of 4`));
    }
    expect(() => branchOffset(2 ** 20, 'imm19')).toThrow(new RangeError('imm19 offset out of range: 1048576 (allowed -1048576..1048572)'));
  });

  it('fmov immediates: all 256 imm8 values round-trip; values off the grid are refused', () => {
    const seen = new Set<number>();
    for (let imm8 = 0; imm8 < 256; imm8++) {
      const v = expandFpImm(imm8);
      seen.add(v);
      expect(fpImm(v)).toBe(imm8);
      expect(Math.fround(v)).toBe(v); // exact in single precision too
    }
    expect(seen.size).toBe(256);
    expect(expandFpImm(0x70)).toBe(1);
    for (const v of [31, -31, 0.125, -0.125, 1.9375, 2.5, 0.1875]) expect(isFpImm(v)).toBe(true);
    for (const v of [0, -0, 32, 0.0625, 1.03125, 0.1, 33, Number.NaN, Infinity, -Infinity, 1e-300]) expect(tryFpImm(v)).toBeNull();
    expect(() => fpImm(32)).toThrow(new RangeError('not an fmov immediate: 32 (±(1 + n/16) * 2^e, n 0..15, e -3..4)'));
  });
});
