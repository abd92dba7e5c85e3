/**
 * Differential check of every SIMD_OPS entry against Node's own WebAssembly engine (V8 runs
 * SIMD-128 natively): for each opcode a tiny module reads its operands from memory, applies the
 * instruction and stores the result; the same operands go through kiln's implementation.
 * Inputs are seeded (deterministic) mixes of boundary lane values and random bytes. Results
 * must be bit-identical, except that a NaN lane of a float arithmetic result only has to be NaN
 * (the spec leaves its payload nondeterministic).
 */

import { describe, expect, it } from 'vitest';
import { OPCODES, type OpInfo } from '../../../../formats/wasm/opcodes.js';
import { ValType } from '../../../../formats/wasm/types.js';
import { SIMD_OPS } from '../../../../loader/interp/simd/index.js';
import { KilnTrap } from '../../../../loader/trap.js';

// ---- deterministic inputs ----
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const INT_POOL = [0, 1, 2, 3, -1, -2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x4000, 0x7fffffff, -0x80000000, 0x3fffffff, 100, -100];
const F32_POOL = [
  0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00001, 0x7f800001, 0xffffffff, 0x00000001, 0x807fffff,
  0x4f000000, 0xcf000000, 0x4f800000, 0x4effffff, 0x4f7fffff, 0x7f7fffff, 0x3effffff, 0x4b000001, 0xcb3fffff, 0x40400000,
];
const F64_POOL = [
  0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n, 0xbfe0000000000000n,
  0x3ff8000000000000n, 0xbff8000000000000n, 0x4004000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000001n, 0x7ff0000000000001n, 0x0000000000000001n,
  0x41dfffffffc00000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000200000n, 0x41efffffffe00000n,
  0x41f0000000000000n, 0x47efffffe0000000n, 0x47efffff10000000n, 0x3810000000000000n, 0x36a0000000000000n,
  0x4330000000000001n, 0x3fdfffffffffffffn, 0x7fefffffffffffffn,
];

function vector(r: () => number): Uint8Array {
  const v = new Uint8Array(16);
  const dv = new DataView(v.buffer);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const kind = Math.floor(r() * 6);
  for (let i = 0; i < 16; i++) v[i] = Math.floor(r() * 256);
  if (kind === 0) return v;
  const width = kind === 1 ? 1 : kind === 2 ? 2 : kind === 3 || kind === 4 ? 4 : 8;
  for (let o = 0; o < 16; o += width) {
    if (r() < 0.2) continue;
    if (kind === 4) dv.setUint32(o, pick(F32_POOL), true);
    else if (width === 8) dv.setBigUint64(o, r() < 0.6 ? pick(F64_POOL) : BigInt.asUintN(64, BigInt(pick(INT_POOL))), true);
    else {
      const x = pick(INT_POOL) + (r() < 0.2 ? Math.floor(r() * 3) - 1 : 0);
      if (width === 1) dv.setUint8(o, x & 0xff);
      else if (width === 2) dv.setUint16(o, x & 0xffff, true);
      else dv.setUint32(o, x >>> 0, true);
    }
  }
  return v;
}

// ---- wasm encoding of the probe modules ----
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const LOAD: Record<number, number[]> = { [ValType.I32]: [0x28], [ValType.I64]: [0x29], [ValType.F32]: [0x2a], [ValType.F64]: [0x2b], [ValType.V128]: [0xfd, 0] };
const STORE: Record<number, number[]> = { [ValType.I32]: [0x36], [ValType.I64]: [0x37], [ValType.F32]: [0x38], [ValType.F64]: [0x39], [ValType.V128]: [0xfd, 11] };
const RESULT_AT = 128;
const isMem = (o: OpInfo): boolean => o.imm === 'memarg' || o.imm === 'memarg_lane';

/** one function per immediate variant; operand k lives at 16k (memory ops: operand 0 is the param) */
function probe(o: OpInfo, variants: number[][]): WebAssembly.Instance {
  const params = o.params ?? [];
  const results = o.results ?? [];
  const bodies = variants.map((imm) => {
    const code: number[] = [];
    if (results.length) code.push(0x41, ...sleb(RESULT_AT));
    params.forEach((t, k) => {
      if (k === 0 && isMem(o)) code.push(0x20, 0);
      else code.push(0x41, 0, ...(LOAD[t] as number[]), 0, ...uleb(16 * k));
    });
    code.push(0xfd, ...uleb(o.code), ...imm);
    if (results.length) code.push(...(STORE[results[0] as number] as number[]), 0, 0);
    code.push(0x0b);
    const body = [0, ...code];
    return [...uleb(body.length), ...body];
  });
  const fparams = isMem(o) ? [ValType.I32] : [];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...vec(fparams.map((t) => [t])), 0]])),
    ...section(3, vec(variants.map(() => [0]))),
    ...section(5, vec([[0, 1]])),
    ...section(7, vec([[3, 109, 101, 109, 2, 0], ...variants.map((_, i) => [...vec(Array.from(`f${i}`, (c) => [c.charCodeAt(0)])), 0, ...uleb(i)])])),
    ...section(10, vec(bodies)),
  ];
  return new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)));
}

/** raw-convention value of type t stored at `at` */
function readRaw(dv: DataView, t: number, at: number): unknown {
  if (t === ValType.I32 || t === ValType.F32) return dv.getInt32(at, true);
  if (t === ValType.I64) return dv.getBigInt64(at, true);
  if (t === ValType.F64) return dv.getFloat64(at, true);
  return new Uint8Array(dv.buffer.slice(at, at + 16));
}
function writeScalar(dv: DataView, t: number, at: number, r: () => number): void {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  if (t === ValType.I32) dv.setInt32(at, r() < 0.3 ? Math.floor(r() * 200) - 40 : pick(INT_POOL), true);
  else if (t === ValType.F32) dv.setUint32(at, pick(F32_POOL), true);
  else if (t === ValType.F64) dv.setBigUint64(at, pick(F64_POOL), true);
  else dv.setBigInt64(at, r() < 0.5 ? BigInt(pick(INT_POOL)) : BigInt.asIntN(64, pick(F64_POOL)), true);
}

const FLOAT_ARITH = /^f(32x4|64x2)\.(add|sub|mul|div|min|max|sqrt|ceil|floor|trunc|nearest|demote|promote)/;
/** lanes of a float arithmetic result that V8 made NaN: accept any NaN there */
function nanTolerant(name: string, got: Uint8Array, want: Uint8Array): Uint8Array {
  if (!FLOAT_ARITH.test(name)) return got;
  const w = name.startsWith('f64') || name.includes('promote') ? 8 : 4;
  const g = new DataView(got.buffer.slice(0));
  const e = new DataView(want.buffer, want.byteOffset);
  const out = new Uint8Array(g.buffer);
  for (let o = 0; o < 16; o += w) {
    const isNaN = (d: DataView): boolean => (w === 4 ? Number.isNaN(d.getFloat32(o, true)) : Number.isNaN(d.getFloat64(o, true)));
    if (isNaN(g) && isNaN(e)) for (let j = 0; j < w; j++) out[o + j] = want[o + j] as number;
  }
  return out;
}

function variantsOf(o: OpInfo, r: () => number): number[][] {
  if (o.imm === 'lane') return Array.from({ length: o.lanes }, (_, l) => [l]);
  if (o.imm === 'memarg_lane') return Array.from({ length: o.lanes }, (_, l) => [0, 0, l]);
  if (o.imm === 'memarg') return [[0, 0]];
  if (o.imm === 'shuffle') return Array.from({ length: 24 }, () => Array.from({ length: 16 }, () => Math.floor(r() * 32)));
  return [[]];
}

const CASES = 160;
const ops = OPCODES.filter((o) => o.prefix === 0xfd && o.name !== 'v128.const');

describe('SIMD_OPS agrees with V8 WebAssembly', () => {
  for (const o of ops) {
    it(o.name, () => {
      const r = rng(o.code * 7919 + 1);
      const variants = variantsOf(o, r);
      const inst = probe(o, variants);
      const memory = inst.exports.mem as WebAssembly.Memory;
      const mem = new Uint8Array(memory.buffer);
      const dv = new DataView(memory.buffer);
      const impl = SIMD_OPS.get(o.name) as (...a: unknown[]) => unknown;
      const params = o.params ?? [];
      const width = o.imm === 'memarg_lane' ? 2 ** o.align : o.name.startsWith('v128.load') && o.name.includes('x') ? 8 : 2 ** o.align;
      let checked = 0;
      for (let c = 0; c < CASES; c++) {
        for (let i = 0; i < 4096; i++) mem[i] = 0;
        for (let i = 4096; i < 4096 + 64; i++) mem[i] = Math.floor(r() * 256);
        for (let i = 65536 - 64; i < 65536; i++) mem[i] = Math.floor(r() * 256);
        params.forEach((t, k) => {
          if (k === 0 && isMem(o)) return;
          if (t === ValType.V128) mem.set(vector(r), 16 * k);
          else writeScalar(dv, t, 16 * k, r);
        });
        const vi = Math.floor(r() * variants.length);
        const imm = variants[vi] as number[];
        const edges = [4096 + Math.floor(r() * 40), 65536 - 16, 65536 - width, 65536 - width + 1, 65535, 0xffffffff, 0xfffffff0];
        const addr = isMem(o) ? (edges[c % edges.length] as number) : 0;
        const args: unknown[] = [];
        params.forEach((t, k) => args.push(k === 0 && isMem(o) ? undefined : readRaw(dv, t, 16 * k)));
        const before = mem.slice();
        let want: unknown;
        let wantTrap = false;
        try {
          (inst.exports[`f${vi}`] as (a?: number) => void)(addr | 0);
          want = o.results?.length ? readRaw(dv, o.results[0] as number, RESULT_AT) : undefined;
        } catch (e) {
          if (!(e instanceof WebAssembly.RuntimeError)) throw e;
          wantTrap = true;
        }
        const after = mem.slice();
        let callArgs: unknown[];
        if (isMem(o)) callArgs = [before, addr >>> 0, ...args.slice(1), ...(o.imm === 'memarg_lane' ? [imm[2]] : [])];
        else if (o.imm === 'lane') callArgs = [...args, imm[0]];
        else if (o.imm === 'shuffle') callArgs = [...args, Uint8Array.from(imm)];
        else callArgs = args;
        const inputs = callArgs.map((a) => (a instanceof Uint8Array && a !== before ? a.slice() : a));
        let got: unknown;
        let gotTrap = false;
        try {
          got = impl(...callArgs);
        } catch (e) {
          if (!(e instanceof KilnTrap) || e.trapKind !== 'out of bounds memory access') throw e;
          gotTrap = true;
        }
        expect([o.name, c, 'trap', gotTrap]).toEqual([o.name, c, 'trap', wantTrap]);
        if (wantTrap) continue;
        // operands are never mutated
        callArgs.forEach((a, i) => {
          if (a !== before) expect(a).toEqual(inputs[i]);
        });
        if (isMem(o) && !o.results?.length) {
          before.fill(0, RESULT_AT, RESULT_AT + 16);
          after.fill(0, RESULT_AT, RESULT_AT + 16);
          expect([o.name, c, Buffer.from(before).equals(Buffer.from(after))]).toEqual([o.name, c, true]);
        }
        if (got instanceof Uint8Array && want instanceof Uint8Array) {
          expect([o.name, c, Array.from(nanTolerant(o.name, got, want))]).toEqual([o.name, c, Array.from(want)]);
        } else if (typeof want === 'number' && Number.isNaN(want)) {
          expect([o.name, c, Number.isNaN(got)]).toEqual([o.name, c, true]);
        } else {
          expect([o.name, c, got]).toEqual([o.name, c, want]);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(CASES / 4);
    });
  }
});
