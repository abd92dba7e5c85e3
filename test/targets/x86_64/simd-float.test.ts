/**
 * The x86-64 lowering of the f32x4 / f64x2 lane operations (targets/x86_64/rules/simd-float.ts)
 * and of the vector conversions (simd-convert.ts): every row, run on the native engine and on
 * the interpreter over edge-case and random lanes (test/targets/simd-harness.ts), bit for bit
 * (any NaN matches any NaN in a float lane); NaN results that wasm requires to be canonical or
 * arithmetic are checked to be so on the native engine; and the listing shows packed
 * instructions.
 */

import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { Engine, WasmFunction, WasmMemory } from '../../../loader/api.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { compileFunctionStages } from '../../../targets/compile.js';
import { checkOp, hex, opModule, pairs, vectors, type CaseValue } from '../simd-harness.js';

// ---- operands ----

/** 16 bytes from lanes of `bytes` bytes each */
function lanes(bytes: 4 | 8, xs: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(16);
  const dv = new DataView(out.buffer);
  for (let l = 0; l < 16 / bytes; l++) {
    const x = xs[l % xs.length] as bigint;
    if (bytes === 4) dv.setUint32(4 * l, Number(BigInt.asUintN(32, x)), true);
    else dv.setBigUint64(8 * l, BigInt.asUintN(64, x), true);
  }
  return out;
}

/** every rotation of `xs` as a vector, so pairs of them put every two values in one lane */
function rotations(bytes: 4 | 8, xs: readonly bigint[]): Uint8Array[] {
  const n = 16 / bytes;
  return xs.map((_, k) => lanes(bytes, Array.from({ length: n }, (_, l) => xs[(k + l) % xs.length] as bigint)));
}

const f32 = (x: number): bigint => {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setFloat32(0, x, true);
  return BigInt(dv.getUint32(0, true));
};
const f64 = (x: number): bigint => {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x, true);
  return dv.getBigUint64(0, true);
};

/** f32 lanes: signed zeros, infinities, NaNs (quiet, signalling, payloads, negative), denormals, ties, i32/u32 bounds */
const F32_SPECIALS: bigint[] = [
  0n, 0x80000000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00000n, 0x7fa00000n, 0x7fc00001n, 0xff800001n,
  1n, 0x807fffffn, 0x00800000n, 0x7f7fffffn, 0xff7fffffn,
  ...[1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.49999997, -0.49999997, 4194304.5, -4194304.5, 8388607.5, 8388608, 16777217, 1e30, -1e30].map(f32),
  // around 2^31 and 2^32 and -2^31: the largest float below, the bound, the next float above
  0x4effffffn, 0x4f000000n, 0x4f000001n, 0x4f7fffffn, 0x4f800000n, 0x4f800001n, 0xceffffffn, 0xcf000000n, 0xcf000001n,
];

/** f64 lanes: the same kinds, plus the i32/u32 bounds with fractions and f32 range edges for demote */
const F64_SPECIALS: bigint[] = [
  0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n,
  0x7ff4000000000000n, 0x7ff8000000000001n, 0xfff0000000000001n, 1n, 0x800fffffffffffffn, 0x7fefffffffffffffn,
  ...[
    1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 2 ** 52 - 0.5, 2 ** 52 + 1, 2 ** 53,
    2147483647, 2147483647.5, 2147483648, 2147483648.5, -2147483648, -2147483648.5, -2147483649, -0.9,
    4294967295, 4294967295.5, 4294967296, 4294967297, 1e300, -1e300,
    3.4028234663852886e38, 3.4028235677973366e38, 3.402823567797337e38, 3.5e38, 1e-45, 7e-46, 1.401298464324817e-45, 1e-300,
    1.0000000596046448, 1.0000001788139343,
  ].map(f64),
];

/** i32 lanes for the int → float conversions: bounds, and values whose u32/i32 → f32 rounding is a tie */
const I32_SPECIALS: bigint[] = [
  0n, 1n, 0xffffffffn, 0x7fffffffn, 0x80000000n, 0x80000001n, 0x80000080n, 0x80000180n, 0x80000081n, 0xffffff80n,
  0xffffff7fn, 0xffffff81n, 0x01000001n, 0x01000003n, 0x00ffffffn, 0x7fffffc0n, 0x7fffff80n, 0x7fffffbfn, 0xfffffffen,
  0x0000ffffn, 0x00010000n, 0xffff0000n, 0x8000ffffn, 0x12345678n, 0xdeadbeefn,
];

const F32_VECTORS = [...vectors(4, 24), ...rotations(4, F32_SPECIALS)];
const F64_VECTORS = [...vectors(8, 24), ...rotations(8, F64_SPECIALS)];
const I32_VECTORS = [...vectors(4, 24), ...rotations(4, I32_SPECIALS)];

const unaryCases = (vs: readonly Uint8Array[]): CaseValue[][] => vs.map((v) => [v]);
const binaryCases = (vs: readonly Uint8Array[]): CaseValue[][] => pairs(vs, vs, 10000);

// ---- the rows ----

const BINARY_OPS = ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'];
const COMPARE_OPS = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const UNARY_OPS = ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];

interface Conversion {
  readonly instr: string;
  readonly from: readonly Uint8Array[];
  /** float result lanes: 4 or 8 bytes; integer results: 0 */
  readonly nanLanes: 0 | 4 | 8;
}

const CONVERSIONS: readonly Conversion[] = [
  { instr: 'i32x4.trunc_sat_f32x4_s', from: F32_VECTORS, nanLanes: 0 },
  { instr: 'i32x4.trunc_sat_f32x4_u', from: F32_VECTORS, nanLanes: 0 },
  { instr: 'f32x4.convert_i32x4_s', from: I32_VECTORS, nanLanes: 4 },
  { instr: 'f32x4.convert_i32x4_u', from: I32_VECTORS, nanLanes: 4 },
  { instr: 'i32x4.trunc_sat_f64x2_s_zero', from: F64_VECTORS, nanLanes: 0 },
  { instr: 'i32x4.trunc_sat_f64x2_u_zero', from: F64_VECTORS, nanLanes: 0 },
  { instr: 'f64x2.convert_low_i32x4_s', from: I32_VECTORS, nanLanes: 8 },
  { instr: 'f64x2.convert_low_i32x4_u', from: I32_VECTORS, nanLanes: 8 },
  { instr: 'f32x4.demote_f64x2_zero', from: F64_VECTORS, nanLanes: 4 },
  { instr: 'f64x2.promote_low_f32x4', from: F32_VECTORS, nanLanes: 8 },
];

const SHAPES = [
  { shape: 'f32x4', bytes: 4, vs: F32_VECTORS },
  { shape: 'f64x2', bytes: 8, vs: F64_VECTORS },
] as const;

describe('x86-64 float lane operations match the interpreter', () => {
  for (const { shape, bytes, vs } of SHAPES) {
    for (const op of BINARY_OPS) {
      it(`${shape}.${op}`, () => {
        expect(checkOp(nativeEngine, { instr: `${shape}.${op}`, operands: ['v', 'v'], result: 'v', nanLanes: bytes }, binaryCases(vs))).toEqual([]);
      });
    }
    for (const op of COMPARE_OPS) {
      it(`${shape}.${op}`, () => {
        expect(checkOp(nativeEngine, { instr: `${shape}.${op}`, operands: ['v', 'v'], result: 'v' }, binaryCases(vs))).toEqual([]);
      });
    }
    for (const op of UNARY_OPS) {
      it(`${shape}.${op}`, () => {
        // abs and neg act on NaNs' bits too: compared exactly
        const nanLanes = op === 'abs' || op === 'neg' ? 0 : bytes;
        expect(checkOp(nativeEngine, { instr: `${shape}.${op}`, operands: ['v'], result: 'v', nanLanes }, unaryCases(vs))).toEqual([]);
      });
    }
  }
});

describe('x86-64 vector conversions match the interpreter', () => {
  for (const c of CONVERSIONS) {
    it(c.instr, () => {
      expect(checkOp(nativeEngine, { instr: c.instr, operands: ['v'], result: 'v', nanLanes: c.nanLanes }, unaryCases(c.from))).toEqual([]);
    });
  }
});

// ---- NaN results (WebAssembly 2.0 §4.3.3, NaN propagation) ----

/** the native result of `instr` on the operands, as lanes of `bytes` bytes */
function runNative(instr: string, arity: 1 | 2, bytes: 4 | 8): (xs: readonly Uint8Array[]) => bigint[] {
  const inst = instantiateModule(nativeEngine, opModule(instr, arity === 1 ? ['v'] : ['v', 'v'], 'v'), {});
  const f = inst.exports['run'] as WasmFunction;
  const mem = inst.exports['mem'] as WasmMemory;
  return (xs) => {
    const args = xs.flatMap((x) => {
      const dv = new DataView(x.buffer, x.byteOffset, 16);
      return [dv.getBigInt64(0, true), dv.getBigInt64(8, true)];
    });
    f.callRaw(args);
    const dv = new DataView(mem.bytes().slice(0, 16).buffer);
    return Array.from({ length: 16 / bytes }, (_, l) => (bytes === 4 ? BigInt(dv.getUint32(4 * l, true)) : dv.getBigUint64(8 * l, true)));
  };
}

const lanesOf = (v: Uint8Array, bytes: 4 | 8): bigint[] => {
  const dv = new DataView(v.buffer, v.byteOffset, 16);
  return Array.from({ length: 16 / bytes }, (_, l) => (bytes === 4 ? BigInt(dv.getUint32(4 * l, true)) : dv.getBigUint64(8 * l, true)));
};

function nanKind(x: bigint, bytes: 4 | 8): 'canonical' | 'arithmetic' | 'signalling' | null {
  const mant = bytes === 4 ? 23n : 52n;
  const expMask = bytes === 4 ? 0xffn : 0x7ffn;
  if (((x >> mant) & expMask) !== expMask || (x & ((1n << mant) - 1n)) === 0n) return null;
  const payload = x & ((1n << mant) - 1n);
  if (payload === 1n << (mant - 1n)) return 'canonical';
  return (payload & (1n << (mant - 1n))) !== 0n ? 'arithmetic' : 'signalling';
}

/** rows whose NaN results wasm constrains: operand count, input lane bytes, output lane bytes (lane l from lane l) */
const NAN_ROWS: readonly { instr: string; arity: 1 | 2; inBytes: 4 | 8; outBytes: 4 | 8; vs: readonly Uint8Array[] }[] = [
  ...SHAPES.flatMap(({ shape, bytes, vs }) => [
    ...['add', 'sub', 'mul', 'div', 'min', 'max'].map((op) => ({ instr: `${shape}.${op}`, arity: 2 as const, inBytes: bytes, outBytes: bytes, vs })),
    ...['sqrt', 'ceil', 'floor', 'trunc', 'nearest'].map((op) => ({ instr: `${shape}.${op}`, arity: 1 as const, inBytes: bytes, outBytes: bytes, vs })),
  ]),
  { instr: 'f32x4.demote_f64x2_zero', arity: 1, inBytes: 8, outBytes: 4, vs: F64_VECTORS },
  { instr: 'f64x2.promote_low_f32x4', arity: 1, inBytes: 4, outBytes: 8, vs: F32_VECTORS },
];

describe('NaN results are canonical or arithmetic as wasm requires', () => {
  for (const r of NAN_ROWS) {
    it(r.instr, () => {
      const run = runNative(r.instr, r.arity, r.outBytes);
      const bad: string[] = [];
      const cases = r.arity === 1 ? unaryCases(r.vs) : binaryCases(r.vs);
      for (const c of cases) {
        const ins = c as Uint8Array[];
        run(ins).forEach((out, l) => {
          const kind = nanKind(out, r.outBytes);
          if (kind === null) return;
          const inLanes = ins.map((x) => lanesOf(x, r.inBytes)[l] as bigint);
          const inKinds = inLanes.map((x) => nanKind(x, r.inBytes)).filter((k) => k !== null);
          // every NaN input canonical (or no NaN input: an invalid operation) → canonical; else arithmetic
          const want = inKinds.every((k) => k === 'canonical') ? 'canonical' : 'arithmetic';
          if (kind === 'signalling' || (want === 'canonical' && kind !== 'canonical')) bad.push(`lane ${l}: ${out.toString(16)} from ${inLanes.map((x) => x.toString(16)).join(', ')}`);
        });
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});

// ---- operands that stay live, repeat, or spill ----

/**
 * A module whose `run` (A and B as i64 pairs) stores, 16 bytes apart: op(A, B), A, B, op(B, B),
 * then a chain x1 = op(A, B), x(k+1) = op(xk, A or B) of 20 results kept live to the end (more
 * than the 15 allocatable xmm registers). Unary ops take the first operand only.
 */
function liveModule(instr: string, unary: boolean): Module {
  const app = (x: string, y: string): string => (unary ? `(${instr} ${x})` : `(${instr} ${x} ${y})`);
  const a = '(local.get 4)';
  const b = '(local.get 5)';
  const chain: string[] = [`(local.set 6 ${app(a, b)})`];
  for (let k = 1; k < 20; k++) chain.push(`(local.set ${6 + k} ${app(`(local.get ${5 + k})`, k % 2 === 0 ? a : b)})`);
  const stores = Array.from({ length: 20 }, (_, k) => `(v128.store (i32.const ${64 + 16 * k}) (local.get ${6 + k}))`);
  const wat = `(module (memory (export "mem") 1)
    (func (export "run") (param i64 i64 i64 i64) (local v128 v128) (local ${Array(20).fill('v128').join(' ')})
      (local.set 4 (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1)))
      (local.set 5 (i64x2.replace_lane 1 (i64x2.splat (local.get 2)) (local.get 3)))
      (v128.store (i32.const 0) ${app(a, b)})
      (v128.store (i32.const 16) ${a})
      (v128.store (i32.const 32) ${b})
      (v128.store (i32.const 48) ${app(b, b)})
      ${chain.join('\n      ')}
      ${stores.join('\n      ')}))`;
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** `run` of `m` on `engine`: the 24 stored vectors as hex, or the trap */
function liveRunner(engine: Engine, m: Module): (x: Uint8Array, y: Uint8Array) => string[] {
  const inst = instantiateModule(engine, m, {});
  const f = inst.exports['run'] as WasmFunction;
  const mem = inst.exports['mem'] as WasmMemory;
  return (x, y) => {
    const dx = new DataView(x.buffer, x.byteOffset, 16);
    const dy = new DataView(y.buffer, y.byteOffset, 16);
    f.callRaw([dx.getBigInt64(0, true), dx.getBigInt64(8, true), dy.getBigInt64(0, true), dy.getBigInt64(8, true)]);
    const bytes = mem.bytes().slice(0, 16 * 24);
    return Array.from({ length: 24 }, (_, k) => hex(bytes.slice(16 * k, 16 * k + 16)));
  };
}

/** lanes equal, NaN lanes (of `nanLanes` bytes) matching any NaN */
function sameLanes(x: string, y: string, nanLanes: 0 | 4 | 8): boolean {
  if (x === y) return true;
  if (nanLanes === 0) return false;
  const w = 2 * nanLanes;
  for (let k = 0; k < 32; k += w) {
    const p = BigInt('0x' + (x.slice(k, k + w).match(/../g) ?? []).reverse().join(''));
    const q = BigInt('0x' + (y.slice(k, k + w).match(/../g) ?? []).reverse().join(''));
    if (p !== q && !(nanKind(p, nanLanes) !== null && nanKind(q, nanLanes) !== null)) return false;
  }
  return true;
}

/**
 * Every row, with how its results compare. demote and promote change the lane width, so in the
 * chain a NaN whose payload legitimately differs between the engines (the interpreter gives the
 * canonical NaN, x86 keeps the payload) is read back as other lanes' bits: only their first four
 * vectors are compared.
 */
const ALL_ROWS: readonly { instr: string; unary: boolean; nanLanes: 0 | 4 | 8; vs: readonly Uint8Array[]; chain: boolean }[] = [
  ...SHAPES.flatMap(({ shape, bytes, vs }) => [
    ...BINARY_OPS.map((op) => ({ instr: `${shape}.${op}`, unary: false, nanLanes: bytes, vs, chain: true })),
    ...COMPARE_OPS.map((op) => ({ instr: `${shape}.${op}`, unary: false, nanLanes: 0 as const, vs, chain: true })),
    ...UNARY_OPS.map((op) => ({ instr: `${shape}.${op}`, unary: true, nanLanes: op === 'abs' || op === 'neg' ? (0 as const) : bytes, vs, chain: true })),
  ]),
  ...CONVERSIONS.map((c) => ({ instr: c.instr, unary: true, nanLanes: c.nanLanes, vs: c.from, chain: !/demote|promote/.test(c.instr) })),
];

describe('operands that stay live, repeat, or spill', () => {
  for (const r of ALL_ROWS) {
    it(r.instr, () => {
      const m = liveModule(r.instr, r.unary);
      const native = liveRunner(nativeEngine, m);
      const interp = liveRunner(interpEngine, m);
      const bad: string[] = [];
      const xs = r.vs.filter((_, k) => k % 3 === 0);
      for (const x of xs) {
        for (const y of xs.slice(0, 12)) {
          const p = native(x, y);
          const q = interp(x, y);
          p.forEach((v, k) => {
            if (!r.chain && k >= 4) return;
            if (!sameLanes(v, q[k] as string, r.nanLanes)) bad.push(`${hex(x)}, ${hex(y)}: vector ${k}: native ${v}, interp ${q[k]}`);
          });
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
    });
  }
});

// ---- the code is packed ----

/** per row: mnemonics its listing must contain */
const PACKED: Readonly<Record<string, readonly string[]>> = {
  'f32x4.add': ['addps'],
  'f64x2.sub': ['subpd'],
  'f32x4.mul': ['mulps'],
  'f64x2.div': ['divpd'],
  'f32x4.min': ['minps', 'cmpunordps'],
  'f64x2.max': ['maxpd', 'cmpunordpd', 'andpd'],
  'f32x4.pmin': ['minps'],
  'f64x2.pmax': ['maxpd'],
  'f32x4.eq': ['cmpeqps'],
  'f64x2.ne': ['cmpneqpd'],
  'f32x4.gt': ['cmpltps'],
  'f64x2.ge': ['cmplepd'],
  'f32x4.abs': ['andps'],
  'f64x2.neg': ['xorpd'],
  'f32x4.sqrt': ['sqrtps'],
  'f64x2.nearest': ['roundpd'],
  'f32x4.floor': ['roundps'],
  'i32x4.trunc_sat_f32x4_s': ['cvttps2dq', 'cmpordps'],
  'i32x4.trunc_sat_f32x4_u': ['cvttps2dq', 'maxps'],
  'f32x4.convert_i32x4_s': ['cvtdq2ps'],
  'f32x4.convert_i32x4_u': ['cvtdq2ps', 'pblendw'],
  'i32x4.trunc_sat_f64x2_s_zero': ['cvttpd2dq', 'minpd'],
  'i32x4.trunc_sat_f64x2_u_zero': ['roundpd', 'shufps'],
  'f64x2.convert_low_i32x4_s': ['cvtdq2pd'],
  'f64x2.convert_low_i32x4_u': ['subpd'],
  'f32x4.demote_f64x2_zero': ['cvtpd2ps'],
  'f64x2.promote_low_f32x4': ['cvtps2pd'],
};

const UNARY_ROWS = new Set([...UNARY_OPS.flatMap((o) => [`f32x4.${o}`, `f64x2.${o}`]), ...CONVERSIONS.map((c) => c.instr)]);

describe('the float lane operations are packed instructions', () => {
  for (const [instr, mnemonics] of Object.entries(PACKED)) {
    it(instr, () => {
      const asm = compileFunctionStages(opModule(instr, UNARY_ROWS.has(instr) ? ['v'] : ['v', 'v'], 'v'), 0).asm;
      for (const m of mnemonics) expect(asm).toMatch(new RegExp(`\\b${m}\\b`));
      // no scalar float arithmetic or compares (the listing's branches are the prologue's and the store's checks)
      expect(asm).not.toMatch(/\b(add|sub|mul|div|min|max|sqrt|round|cvtt?s[sd]2)s[sd]\b|\bucomis[sd]\b|\bcvtt?s[sd]2si\b/);
    });
  }
});
