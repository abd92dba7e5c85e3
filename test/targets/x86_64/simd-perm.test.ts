/**
 * The x86-64 lowering of v128 permutations, reductions and widening/narrowing rows
 * (targets/x86_64/rules/simd-perm.ts), run natively and on the interpreter with the same
 * operands, bit for bit: every row over edge-case and random vectors (pairs for binary rows);
 * shuffles over many index patterns (identity, broadcast, interleaves, reverse, one operand,
 * palignr / pblendw / shufps / pshufd shapes, random), each also with both operands one value;
 * swizzle indices below 16, from 16 up, from 128 up; binary rows with both operands one value
 * and with operands that live on; the plan chosen per shuffle pattern; and the listing holds
 * packed instructions.
 */

import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { Engine, RawValue, WasmFunction, WasmMemory } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { compileFunctionStages } from '../../../targets/compile.js';
import { planShuffle, SIMD_PERM_ROWS } from '../../../targets/x86_64/rules/simd-perm.js';
import { lowering } from '../../../targets/x86_64/rules/rule.js';
import { checkOp, hex, opModule, pairs, randomBytes, vectors, type CaseValue, type OperandKind } from '../simd-harness.js';

type LaneBytes = 1 | 2 | 4 | 8;
const LANE_BYTES: Readonly<Record<string, LaneBytes>> = { i8x16: 1, i16x8: 2, i32x4: 4, i64x2: 8 };
const SHAPES = ['i8x16', 'i16x8', 'i32x4', 'i64x2'] as const;
const HALVES = ['low', 'high'] as const;
const SIGNS = ['s', 'u'] as const;
const WIDER: readonly (readonly [string, string])[] = [['i16x8', 'i8x16'], ['i32x4', 'i16x8'], ['i64x2', 'i32x4']];

/** v128 → i32 rows, with the lane bytes of their operand */
const REDUCE: readonly (readonly [string, LaneBytes])[] = [
  ['v128.any_true', 1],
  ...SHAPES.flatMap((s) => [[`${s}.all_true`, LANE_BYTES[s]!], [`${s}.bitmask`, LANE_BYTES[s]!]] as const),
];
/** v128 → v128 rows, with the lane bytes of their operand */
const UNARY: readonly (readonly [string, LaneBytes])[] = [
  ...WIDER.flatMap(([w, n]) => HALVES.flatMap((h) => SIGNS.map((u) => [`${w}.extend_${h}_${n}_${u}`, LANE_BYTES[n]!] as const))),
  ['i16x8.extadd_pairwise_i8x16_s', 1],
  ['i16x8.extadd_pairwise_i8x16_u', 1],
  ['i32x4.extadd_pairwise_i16x8_s', 2],
  ['i32x4.extadd_pairwise_i16x8_u', 2],
];
/** v128 × v128 → v128 rows, with the lane bytes of their operands */
const BINARY: readonly (readonly [string, LaneBytes])[] = [
  ['i8x16.narrow_i16x8_s', 2],
  ['i8x16.narrow_i16x8_u', 2],
  ['i16x8.narrow_i32x4_s', 4],
  ['i16x8.narrow_i32x4_u', 4],
  ...WIDER.flatMap(([w, n]) => HALVES.flatMap((h) => SIGNS.map((u) => [`${w}.extmul_${h}_${n}_${u}`, LANE_BYTES[n]!] as const))),
  ['i32x4.dot_i16x8_s', 2],
  ['i16x8.q15mulr_sat_s', 2],
];

describe('simd-perm rows', () => {
  it('lowers exactly the rows tested here, each with an x86-64 lowering', () => {
    const tested = [...REDUCE, ...UNARY, ...BINARY].map(([r]) => r).concat(['i8x16.shuffle', 'i8x16.swizzle']).sort();
    expect([...SIMD_PERM_ROWS].sort()).toEqual(tested);
    expect(tested.length).toBe(45);
    for (const name of tested) {
      const row = OPCODES.find((r) => r.name === name);
      expect(row, name).toBeDefined();
      expect(lowering(row!.id), name).toBeDefined();
    }
  });
});

/** vectors whose lanes of `lb` bytes are all non-zero except lane `z` (or none when z < 0) */
function oneZeroLane(lb: LaneBytes, z: number, seed: number): Uint8Array {
  const b = randomBytes(seed, 16);
  for (let l = 0; l < 16 / lb; l++) {
    if (l === z) b.fill(0, l * lb, l * lb + lb);
    else if (b.subarray(l * lb, l * lb + lb).every((x) => x === 0)) b[l * lb] = 1;
  }
  return b;
}

describe('native = interpreter over edge-case and random vectors', () => {
  for (const [row, lb] of REDUCE) {
    it(row, () => {
      const v = vectors(lb, 128);
      // each lane zero in turn, no lane zero, and each single bit set alone
      for (let z = -1; z < 16 / lb; z++) for (let s = 0; s < 4; s++) v.push(oneZeroLane(lb, z, 1000 + 17 * z + s));
      for (let bit = 0; bit < 128; bit++) {
        const b = new Uint8Array(16);
        b[bit >> 3] = 1 << (bit & 7);
        v.push(b);
      }
      expect(checkOp(nativeEngine, { instr: row, operands: ['v'], result: 'i' }, v.map((x) => [x]))).toEqual([]);
    });
  }
  for (const [row, lb] of UNARY) {
    it(row, () => {
      const v = vectors(lb, 256);
      expect(checkOp(nativeEngine, { instr: row, operands: ['v'], result: 'v' }, v.map((x) => [x]))).toEqual([]);
    });
  }
  for (const [row, lb] of BINARY) {
    it(row, () => {
      const v = vectors(lb, 48);
      expect(checkOp(nativeEngine, { instr: row, operands: ['v', 'v'], result: 'v' }, pairs(v, v))).toEqual([]);
    });
  }
  it('i16x8.q15mulr_sat_s and i32x4.dot_i16x8_s at -0x8000 · -0x8000', () => {
    const min = new Uint8Array(16);
    for (let k = 1; k < 16; k += 2) min[k] = 0x80;
    const mixed = Uint8Array.from(min, (x, k) => (k % 4 === 1 ? 0x80 : k % 4 === 3 ? 0x7f : k % 4 === 2 ? 0xff : 0));
    const cases = pairs([min, mixed, ...vectors(2, 8)], [min, mixed]);
    for (const instr of ['i16x8.q15mulr_sat_s', 'i32x4.dot_i16x8_s']) {
      expect(checkOp(nativeEngine, { instr, operands: ['v', 'v'], result: 'v' }, cases)).toEqual([]);
    }
  });
});

describe('i8x16.swizzle', () => {
  it('indices below 16, 16 and up, 128 and up, over random and edge vectors', () => {
    const idx: Uint8Array[] = [
      Uint8Array.from({ length: 16 }, (_, k) => k),
      Uint8Array.from({ length: 16 }, (_, k) => 15 - k),
      Uint8Array.from({ length: 16 }, (_, k) => 16 + k),
      Uint8Array.from({ length: 16 }, (_, k) => 128 + k),
      Uint8Array.from({ length: 16 }, (_, k) => 0x70 + k),
      Uint8Array.from({ length: 16 }, (_, k) => 0x80 + 8 * k),
      Uint8Array.from({ length: 16 }, (_, k) => 0xf0 + k),
      Uint8Array.from([15, 16, 17, 31, 32, 0x7f, 0x80, 0x81, 0x8f, 0x90, 0xef, 0xf0, 0xff, 0x10, 0x0f, 0]),
      new Uint8Array(16).fill(0xff),
      new Uint8Array(16).fill(16),
      ...vectors(1, 64),
      ...Array.from({ length: 32 }, (_, r) => Uint8Array.from(randomBytes(77 + r, 16), (x) => x & 31)),
    ];
    const data = vectors(1, 12);
    expect(checkOp(nativeEngine, { instr: 'i8x16.swizzle', operands: ['v', 'v'], result: 'v' }, pairs(data, idx, 100000))).toEqual([]);
  });
});

// ---- shuffles ----

const seq = (f: (k: number) => number): number[] => Array.from({ length: 16 }, (_, k) => f(k));

/** index patterns, named */
function shufflePatterns(): [string, number[]][] {
  const out: [string, number[]][] = [
    ['identity a', seq((k) => k)],
    ['identity b', seq((k) => 16 + k)],
    ['reverse a', seq((k) => 15 - k)],
    ['reverse b', seq((k) => 31 - k)],
    ['reverse both', seq((k) => 31 - 2 * k + (k >= 8 ? 1 : 0))],
    ['reverse ab', seq((k) => 31 - k)],
    ['concat reverse', seq((k) => (k < 8 ? 15 - k : 31 - (k - 8)))],
    ['even bytes', seq((k) => 2 * k)],
    ['odd bytes', seq((k) => 2 * k + 1)],
    ['even words', seq((k) => 4 * (k >> 1) + (k & 1))],
    ['dword swap a', seq((k) => ((k + 8) & 15))],
    ['dword broadcast b', seq((k) => 16 + 8 + (k & 3))],
    ['qword swap', seq((k) => (k < 8 ? 24 + k : k - 8))],
    ['words from a, dwords of b', seq((k) => (k < 8 ? k ^ 2 : 16 + k))],
    ['shufps-like', seq((k) => (k < 4 ? 12 + k : k < 8 ? k - 4 : k < 12 ? 24 + (k - 8) : 16 + (k - 12)))],
    ['shufps-like swapped', seq((k) => (k < 8 ? 16 + ((k + 4) & 15) : k - 8))],
    ['mixed dwords not shufps', seq((k) => (k < 4 ? k : k < 8 ? 16 + k : k < 12 ? k : 16 + k))],
  ];
  for (let b = 0; b < 32; b++) out.push([`broadcast ${b}`, seq(() => b)]);
  for (const [size, name] of [[1, 'bw'], [2, 'wd'], [4, 'dq'], [8, 'qdq']] as const) {
    for (const high of [false, true]) {
      const base = high ? 8 / size : 0;
      const pat = seq((k) => {
        const j = Math.floor(k / size);
        return (j & 1 ? 16 : 0) + (base + (j >> 1)) * size + (k % size);
      });
      out.push([`punpck${high ? 'h' : 'l'}${name}`, pat], [`punpck${high ? 'h' : 'l'}${name} swapped`, pat.map((x) => x ^ 16)]);
    }
  }
  for (let s = 1; s < 32; s++) if (s !== 16) out.push([`palignr start ${s}`, seq((k) => (s + k) & 31)]);
  for (let m = 0; m < 256; m += 37) out.push([`pblendw ${m}`, seq((k) => k + ((m >> (k >> 1)) & 1 ? 16 : 0))]);
  out.push(['byte blend', seq((k) => k + (k % 3 === 0 ? 16 : 0))]);
  for (let r = 0; r < 24; r++) {
    const bytes = randomBytes(4242 + r, 16);
    out.push([`random ${r}`, Array.from(bytes, (x) => x & 31)]);
    out.push([`random a ${r}`, Array.from(bytes, (x) => x & 15)]);
    out.push([`random b ${r}`, Array.from(bytes, (x) => 16 | (x & 15))]);
  }
  for (let r = 0; r < 8; r++) {
    const perm = Array.from(randomBytes(99 + r, 4), (x) => x & 3);
    out.push([`pshufd ${perm.join('')}`, seq((k) => 4 * (perm[k >> 2] as number) + (k & 3))]);
  }
  return out;
}

const PATTERNS = shufflePatterns();

/** the v128 made of params `p` (low half) and `p + 1` */
const vec = (p: number): string => `(i64x2.replace_lane 1 (i64x2.splat (local.get ${p})) (local.get ${p + 1}))`;

describe('i8x16.shuffle', () => {
  const v = vectors(1, 6);
  const cases = pairs(v, v.slice(0, 5));
  it(`${PATTERNS.length} index patterns on two operands`, () => {
    const bad: string[] = [];
    for (const [name, idx] of PATTERNS) {
      const miss = checkOp(nativeEngine, { instr: `i8x16.shuffle ${idx.join(' ')}`, operands: ['v', 'v'], result: 'v' }, cases);
      if (miss.length > 0) bad.push(`${name}: ${miss[0]}`);
    }
    expect(bad).toEqual([]);
  });
  it('the same patterns with both operands one value', () => {
    const bad: string[] = [];
    for (const [name, idx] of PATTERNS) {
      // the harness appends the operand: two equal expressions, which GVN makes one value
      const instr = `i8x16.shuffle ${idx.join(' ')} ${vec(0)}`;
      const miss = checkOp(nativeEngine, { instr, operands: ['v'], result: 'v' }, v.map((x) => [x]));
      if (miss.length > 0) bad.push(`${name}: ${miss[0]}`);
    }
    expect(bad).toEqual([]);
  });
  it('chooses the cheap form per pattern', () => {
    const kind = (idx: readonly number[], same = false): string => {
      const p = planShuffle(idx, same);
      return p.kind === 'pair' ? `${p.op}/${p.first}/${p.imm}` : p.kind === 'pshufd' ? `pshufd/${p.from}/${p.imm}` : `${p.kind}/${'from' in p ? p.from : ''}`;
    };
    expect(kind(seq((k) => k))).toBe('copy/0');
    expect(kind(seq((k) => 16 + k))).toBe('copy/1');
    expect(kind(seq((k) => 16 + k), true)).toBe('copy/0');
    expect(kind(seq((k) => 15 - k))).toBe('pshufb1/0');
    expect(kind(seq((k) => 31 - k))).toBe('pshufb1/1');
    expect(kind(seq((k) => (k + 4) & 15))).toBe(`pshufd/0/${0b00111001}`);
    expect(kind(seq((k) => 16 + (k & 3)))).toBe('pshufd/1/0');
    expect(kind(seq((k) => (k & 1 ? 16 : 0) + (k >> 1)))).toBe('punpcklbw/0/0');
    expect(kind(seq((k) => (k & 1 ? 0 : 16) + 8 + (k >> 1)))).toBe('punpckhbw/1/0');
    expect(kind(seq((k) => (k < 8 ? k : 8 + k)))).toBe('punpcklqdq/0/0');
    expect(kind(seq((k) => 3 + k))).toBe('palignr/1/3');
    expect(kind(seq((k) => (20 + k) & 31))).toBe('palignr/0/4');
    expect(kind(seq((k) => k + (k >= 4 && k < 8 ? 16 : 0)))).toBe('pblendw/0/12');
    expect(kind(seq((k) => (k < 8 ? (k + 4) & 7 : 16 + k)))).toBe(`shufps/0/${0b11100001}`);
    expect(kind(seq((k) => (k % 3 === 0 ? 16 : 0) + k))).toBe('pshufb2/');
    expect(kind(seq((k) => (k < 8 ? k : 8 + k)), true)).toBe(`pshufd/0/${0b01000100}`);
  });
});

// ---- operands that are one value, and operands that live on ----

interface Funcs {
  run(f: number, args: readonly Uint8Array[]): string;
}

/** a module of one exported function `fK` per body; each takes `nvec` vectors (as i64 pairs) and has `nlocals` v128 locals; the v128 result is stored at 0 */
function instantiate(engine: Engine, bodies: readonly string[], nvec: number, result: OperandKind, nlocals: number): Funcs {
  const inst = instantiateModule(engine, moduleOf(bodies, nvec, result, nlocals), {});
  const mem = inst.exports['mem'] as WasmMemory;
  return {
    run(f, args) {
      const raw: RawValue[] = [];
      for (const a of args) {
        const dv = new DataView(a.buffer, a.byteOffset, 16);
        raw.push(dv.getBigInt64(0, true), dv.getBigInt64(8, true));
      }
      let out: RawValue[];
      try {
        out = (inst.exports[`f${f}`] as WasmFunction).callRaw(raw);
      } catch (e) {
        return `trap: ${(e as Error).message}`;
      }
      return result === 'v' ? hex(mem.bytes().slice(0, 16)) : out.map(String).join(',');
    },
  };
}

/** the module `instantiate` runs */
function moduleOf(bodies: readonly string[], nvec: number, result: OperandKind, nlocals: number): Module {
  const params = Array.from({ length: 2 * nvec }, () => 'i64').join(' ');
  const locals = Array.from({ length: nlocals }, () => 'v128').join(' ');
  const funcs = bodies.map((b, k) =>
    result === 'v'
      ? `(func (export "f${k}") (param ${params}) (local ${locals}) (v128.store (i32.const 0) ${b}))`
      : `(func (export "f${k}") (param ${params}) (result i32) (local ${locals}) ${b})`,
  );
  const m = decodeModule(encodeModule(parseWat(`(module (memory (export "mem") 1) ${funcs.join(' ')})`)));
  validateModule(m);
  return m;
}

/** every body on every case on both engines; the mismatches */
function compare(bodies: readonly string[], nvec: number, cases: readonly (readonly CaseValue[])[], result: OperandKind = 'v', nlocals = 2): string[] {
  const a = instantiate(nativeEngine, bodies, nvec, result, nlocals);
  const b = instantiate(interpEngine, bodies, nvec, result, nlocals);
  const out: string[] = [];
  bodies.forEach((body, f) => {
    for (const c of cases) {
      const args = c as readonly Uint8Array[];
      const x = a.run(f, args);
      const y = b.run(f, args);
      if (x !== y) out.push(`${body} on ${args.map(hex).join(', ')}: native ${x}, interp ${y}`);
    }
  });
  return out;
}

describe('operands that are one value, and operands that live on', () => {
  const lv = (k: number): string => `(local.get ${k})`;
  const binRows = [...BINARY.map(([r]) => r), 'i8x16.swizzle'];
  const someShuffles = PATTERNS.filter((_, k) => k % 5 === 0).map(([, idx]) => `i8x16.shuffle ${idx.join(' ')}`);
  it('binary rows with both operands the same value', () => {
    const bodies = binRows.map((r) => `(local.set 2 ${vec(0)}) (${r} ${lv(2)} ${lv(2)})`);
    expect(compare(bodies, 1, vectors(1, 24).map((x) => [x]))).toEqual([]);
  });
  it('binary rows and shuffles whose operands are used again afterwards', () => {
    const bodies = [...binRows, ...someShuffles].map((r) => `(local.set 4 ${vec(0)}) (local.set 5 ${vec(2)}) (v128.xor (i8x16.add (${r} ${lv(4)} ${lv(5)}) ${lv(4)}) ${lv(5)})`);
    const v = vectors(1, 8);
    expect(compare(bodies, 2, pairs(v, v))).toEqual([]);
  });
  it('unary rows whose operand is used again', () => {
    const bodies = UNARY.map(([r]) => `(local.set 2 ${vec(0)}) (v128.xor (${r} ${lv(2)}) ${lv(2)})`);
    expect(compare(bodies, 1, vectors(1, 24).map((x) => [x]))).toEqual([]);
  });
  it('rows among more live vectors than there are registers (spills around each form)', () => {
    // 24 locals, each made by a row from earlier ones, all live until they are xor-ed at the end
    const binOps = [...binRows, ...PATTERNS.filter((_, k) => k % 7 === 3).map(([, idx]) => `i8x16.shuffle ${idx.join(' ')}`)];
    const unOps = UNARY.map(([r]) => r);
    const bodies: string[] = [];
    for (let variant = 0; variant < 6; variant++) {
      const n = 24;
      let body = `(local.set 4 ${vec(0)}) (local.set 5 ${vec(2)})`;
      for (let k = 2; k < n; k++) {
        const x = lv(4 + k - 1);
        const y = lv(4 + ((k * 7 + variant) % k));
        const pick = (k * 5 + variant * 3) % 4;
        const expr = pick === 3
          ? `(${unOps[(k + variant * 11) % unOps.length]} ${x})`
          : `(${binOps[(k * 3 + variant * 13) % binOps.length]} ${x} ${y})`;
        body += ` (local.set ${4 + k} ${expr})`;
      }
      let acc = lv(4);
      for (let k = 1; k < n; k++) acc = `(v128.xor ${acc} ${lv(4 + k)})`;
      bodies.push(`${body} ${acc}`);
    }
    // the pressure is real: vectors go to the stack and come back
    const asm = compileFunctionStages(moduleOf(bodies.slice(0, 1), 2, 'v', 24), 0).asm;
    expect(asm).toMatch(/movups\s+XMMWORD PTR \[rsp(\+0x[0-9a-f]+)?\],xmm/);
    const v = vectors(1, 6);
    expect(compare(bodies, 2, pairs(v, v, 60), 'v', 24).map((m) => m.slice(-120))).toEqual([]);
  });
  it('reductions whose operand is used again', () => {
    const bodies = REDUCE.map(([r]) => `(local.set 2 ${vec(0)}) (i32.add (${r} ${lv(2)}) (i8x16.extract_lane_u 0 ${lv(2)}))`);
    expect(compare(bodies, 1, vectors(1, 24).map((x) => [x]), 'i')).toEqual([]);
  });
});

// ---- the listing ----

describe('the listing', () => {
  const identity = seq((k) => k).join(' ');
  const cases: readonly (readonly [string, readonly OperandKind[], OperandKind, readonly string[]])[] = [
    [`i8x16.shuffle ${seq((k) => (k * 7) & 31).join(' ')}`, ['v', 'v'], 'v', ['pshufb', 'por']],
    [`i8x16.shuffle ${seq((k) => 15 - k).join(' ')}`, ['v', 'v'], 'v', ['pshufb']],
    [`i8x16.shuffle ${seq((k) => (k & 1 ? 16 : 0) + (k >> 1)).join(' ')}`, ['v', 'v'], 'v', ['punpcklbw']],
    [`i8x16.shuffle ${seq((k) => 5 + k).join(' ')}`, ['v', 'v'], 'v', ['palignr']],
    [`i8x16.shuffle ${seq((k) => (k + 4) & 15).join(' ')}`, ['v', 'v'], 'v', ['pshufd']],
    [`i8x16.shuffle ${identity}`, ['v', 'v'], 'v', []],
    // one value as both operands: the halves of one register, a dword permutation
    [`i8x16.shuffle ${seq((k) => (k < 8 ? k : 8 + k)).join(' ')} ${vec(0)}`, ['v'], 'v', ['pshufd']],
    ['i8x16.swizzle', ['v', 'v'], 'v', ['paddusb', 'pshufb']],
    ['v128.any_true', ['v'], 'i', ['ptest']],
    ['i32x4.all_true', ['v'], 'i', ['pcmpeqd', 'ptest']],
    ['i8x16.bitmask', ['v'], 'i', ['pmovmskb']],
    ['i16x8.bitmask', ['v'], 'i', ['packsswb', 'pmovmskb']],
    ['i32x4.bitmask', ['v'], 'i', ['movmskps']],
    ['i64x2.bitmask', ['v'], 'i', ['movmskpd']],
    ['i16x8.narrow_i32x4_u', ['v', 'v'], 'v', ['packusdw']],
    ['i16x8.extend_high_i8x16_s', ['v'], 'v', ['pshufd', 'pmovsxbw']],
    ['i64x2.extend_low_i32x4_u', ['v'], 'v', ['pmovzxdq']],
    ['i32x4.extmul_low_i16x8_u', ['v', 'v'], 'v', ['pmulhuw', 'pmullw', 'punpcklwd']],
    ['i64x2.extmul_high_i32x4_s', ['v', 'v'], 'v', ['pmuldq']],
    ['i16x8.extadd_pairwise_i8x16_u', ['v'], 'v', ['pmaddubsw']],
    ['i16x8.extadd_pairwise_i8x16_s', ['v'], 'v', ['pabsb', 'pmaddubsw']],
    ['i32x4.extadd_pairwise_i16x8_s', ['v'], 'v', ['pmaddwd']],
    ['i32x4.dot_i16x8_s', ['v', 'v'], 'v', ['pmaddwd']],
    ['i16x8.q15mulr_sat_s', ['v', 'v'], 'v', ['pmulhrsw', 'pcmpeqw']],
  ];
  for (const [instr, operands, result, mnemonics] of cases) {
    it(`${instr.slice(0, 40)}: ${mnemonics.join(', ') || 'no shuffle instruction'}, no loop`, () => {
      const asm = compileFunctionStages(opModule(instr, operands, result), 0).asm;
      const lines = asm.split('\n').map((l) => /^\s*([0-9a-f]+):\s+(\S+)\s*(\S*)/.exec(l)).filter((x) => x !== null);
      const ops = lines.map((x) => x[2] as string);
      expect(ops.length, asm).toBeGreaterThan(0);
      for (const m of mnemonics) expect(ops, asm).toContain(m);
      // no loop: every jump goes forward (the checks of the prologue and the heap to their stubs)
      const backward = lines.filter((x) => (x[2] as string).startsWith('j') && parseInt(x[3] as string, 16) <= parseInt(x[1] as string, 16));
      expect(backward, asm).toEqual([]);
      if (mnemonics.length === 0) expect(ops.filter((m) => /^(pshuf|palignr|pblend|shufps|por)/.test(m)), asm).toEqual([]);
    });
  }
});
