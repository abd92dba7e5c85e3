/**
 * The x86-64 lowering of v128 bitwise and integer lane operations (targets/x86_64/rules/
 * simd-int.ts), run natively and on the interpreter with the same operands, bit for bit:
 * every row over edge-case and random vectors (pairs for binary rows), shifts by register
 * counts 0..2·width+1, negative and huge, and by every constant count; each binary row with
 * both operands the same value and with an operand that lives on; and the listing holds packed
 * instructions, with no loop and no lane-by-lane scalar code.
 */

import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Engine, RawValue, WasmFunction, WasmMemory } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { compileFunctionStages } from '../../../targets/compile.js';
import { SIMD_INT_ROWS } from '../../../targets/x86_64/rules/simd-int.js';
import { lowering } from '../../../targets/x86_64/rules/rule.js';
import { checkOp, hex, opModule, pairs, vectors, type CaseValue } from '../simd-harness.js';

type LaneBytes = 1 | 2 | 4 | 8;
const SHAPES: readonly (readonly [string, LaneBytes])[] = [['i8x16', 1], ['i16x8', 2], ['i32x4', 4], ['i64x2', 8]];
const laneBytesOf = (row: string): LaneBytes => SHAPES.find(([s]) => row.startsWith(s))?.[1] ?? 1;

/** rows of `ops` for the shapes whose lane bytes are in `widths` */
function rows(ops: string, widths: readonly LaneBytes[]): string[] {
  return SHAPES.filter(([, b]) => widths.includes(b)).flatMap(([s]) => ops.split(' ').map((o) => `${s}.${o}`));
}

const BINARY = [
  'v128.and v128.andnot v128.or v128.xor'.split(' '),
  rows('add sub eq ne lt_s gt_s le_s ge_s', [1, 2, 4, 8]),
  rows('lt_u gt_u le_u ge_u min_s min_u max_s max_u', [1, 2, 4]),
  rows('mul', [2, 4, 8]),
  rows('add_sat_s add_sat_u sub_sat_s sub_sat_u avgr_u', [1, 2]),
].flat();
const UNARY = ['v128.not', 'i8x16.popcnt', ...rows('neg abs', [1, 2, 4, 8])];
const SHIFTS = rows('shl shr_s shr_u', [1, 2, 4, 8]);
const TERNARY = ['v128.bitselect'];

describe('simd-int rows', () => {
  it('lowers exactly the rows tested here, each with an x86-64 lowering', () => {
    const tested = [...BINARY, ...UNARY, ...SHIFTS, ...TERNARY].sort();
    expect([...SIMD_INT_ROWS].sort()).toEqual(tested);
    expect(tested.length).toBe(96);
    for (const name of tested) {
      const row = OPCODES.find((r) => r.name === name);
      expect(row, name).toBeDefined();
      expect(lowering(row!.id), name).toBeDefined();
    }
  });
});

describe('native = interpreter over edge-case and random vectors', () => {
  for (const row of BINARY) {
    it(row, () => {
      const v = vectors(laneBytesOf(row), 48);
      expect(checkOp(nativeEngine, { instr: row, operands: ['v', 'v'], result: 'v' }, pairs(v, v))).toEqual([]);
    });
  }
  for (const row of UNARY) {
    it(row, () => {
      const v = vectors(laneBytesOf(row), 256);
      expect(checkOp(nativeEngine, { instr: row, operands: ['v'], result: 'v' }, v.map((x) => [x]))).toEqual([]);
    });
  }
  it('v128.bitselect', () => {
    const v = vectors(1, 12);
    const cases: CaseValue[][] = [];
    for (const a of v) for (const b of v) for (const c of v) cases.push([a, b, c]);
    expect(checkOp(nativeEngine, { instr: 'v128.bitselect', operands: ['v', 'v', 'v'], result: 'v' }, cases)).toEqual([]);
  });
});

/** shift counts for lanes of `bits`: 0..2·bits+1, negative ones and huge ones */
function counts(bits: number): number[] {
  const out = Array.from({ length: 2 * bits + 2 }, (_, k) => k);
  return [...out, -1, -2, -bits, -bits - 1, -(2 ** 31), 2 ** 31 - 1, 1000003, 0x10000 + 3, bits * 1024 + 5];
}

describe('shifts by a register count', () => {
  for (const row of SHIFTS) {
    it(row, () => {
      const b = laneBytesOf(row);
      const cases = vectors(b, 24).flatMap((x) => counts(8 * b).map((n) => [x, n]));
      expect(checkOp(nativeEngine, { instr: row, operands: ['v', 'i'], result: 'v' }, cases)).toEqual([]);
    });
  }
});

// ---- modules of several functions, each storing a v128 result at address 0 ----

/** the v128 made of params `p` (low half) and `p + 1` */
const vec = (p: number): string => `(i64x2.replace_lane 1 (i64x2.splat (local.get ${p})) (local.get ${p + 1}))`;

interface Funcs {
  run(f: number, args: readonly Uint8Array[]): string;
}

/** a module of one exported function `fK` per body; each takes `nvec` vectors (as i64 pairs), has two v128 locals */
function instantiate(engine: Engine, bodies: readonly string[], nvec: number): Funcs {
  const params = Array.from({ length: 2 * nvec }, () => 'i64').join(' ');
  const funcs = bodies.map((b, k) => `(func (export "f${k}") (param ${params}) (local v128 v128) (v128.store (i32.const 0) ${b}))`);
  const m = decodeModule(encodeModule(parseWat(`(module (memory (export "mem") 1) ${funcs.join(' ')})`)));
  validateModule(m);
  const inst = instantiateModule(engine, m, {});
  const mem = inst.exports['mem'] as WasmMemory;
  return {
    run(f, args) {
      const raw: RawValue[] = [];
      for (const a of args) {
        const dv = new DataView(a.buffer, a.byteOffset, 16);
        raw.push(dv.getBigInt64(0, true), dv.getBigInt64(8, true));
      }
      try {
        (inst.exports[`f${f}`] as WasmFunction).callRaw(raw);
      } catch (e) {
        return `trap: ${(e as Error).message}`;
      }
      return hex(mem.bytes().slice(0, 16));
    },
  };
}

/** run every body on every case on both engines; the mismatches */
function compare(bodies: readonly string[], nvec: number, cases: readonly (readonly Uint8Array[])[]): string[] {
  const a = instantiate(nativeEngine, bodies, nvec);
  const b = instantiate(interpEngine, bodies, nvec);
  const out: string[] = [];
  bodies.forEach((body, f) => {
    for (const c of cases) {
      const x = a.run(f, c);
      const y = b.run(f, c);
      if (x !== y) out.push(`${body} on ${c.map(hex).join(', ')}: native ${x}, interp ${y}`);
    }
  });
  return out;
}

describe('shifts by a constant count', () => {
  for (const row of SHIFTS) {
    it(row, () => {
      const b = laneBytesOf(row);
      const bodies = counts(8 * b).map((n) => `(${row} ${vec(0)} (i32.const ${n}))`);
      expect(compare(bodies, 1, vectors(b, 16).map((x) => [x]))).toEqual([]);
    });
  }
});

describe('operands that are one value, and operands that live on', () => {
  const lv = (k: number): string => `(local.get ${k})`;
  it('binary rows with both operands the same value', () => {
    const bodies = BINARY.map((r) => `(local.set 2 ${vec(0)}) (${r} ${lv(2)} ${lv(2)})`);
    expect(compare(bodies, 1, vectors(1, 24).map((x) => [x]))).toEqual([]);
  });
  it('binary rows whose operands are used again afterwards', () => {
    // the result mixed with both inputs, so each input stays live across the row
    const bodies = BINARY.map((r) => `(local.set 4 ${vec(0)}) (local.set 5 ${vec(2)}) (v128.xor (i8x16.add (${r} ${lv(4)} ${lv(5)}) ${lv(4)}) ${lv(5)})`);
    const v = vectors(laneBytesOf('i8x16'), 10);
    expect(compare(bodies, 2, pairs(v, v).map((c) => c as Uint8Array[]))).toEqual([]);
  });
  it('unary rows and shifts whose operand is used again', () => {
    const bodies = [
      ...UNARY.map((r) => `(local.set 2 ${vec(0)}) (v128.xor (${r} ${lv(2)}) ${lv(2)})`),
      ...SHIFTS.map((r) => `(local.set 2 ${vec(0)}) (v128.xor (${r} ${lv(2)} (i32.wrap_i64 (local.get 0))) ${lv(2)})`),
    ];
    expect(compare(bodies, 1, vectors(1, 24).map((x) => [x]))).toEqual([]);
  });
  it('bitselect with repeated operands', () => {
    const bodies = ['AAB', 'ABA', 'BAA', 'AAA', 'ABB'].map((t) =>
      `(local.set 4 ${vec(0)}) (local.set 5 ${vec(2)}) (v128.bitselect ${[...t].map((o) => lv(o === 'A' ? 4 : 5)).join(' ')})`,
    );
    const v = vectors(1, 8);
    expect(compare(bodies, 2, pairs(v, v).map((c) => c as Uint8Array[]))).toEqual([]);
  });
});

describe('the listing', () => {
  const cases: readonly (readonly [string, number, string])[] = [
    ['i32x4.add', 2, 'paddd'],
    ['i64x2.gt_s', 2, 'pcmpgtq'],
    ['i64x2.le_s', 2, 'pcmpgtq'],
    ['i8x16.popcnt', 1, 'pshufb'],
    ['i64x2.mul', 2, 'pmuludq'],
    ['i8x16.shl', 2, 'psllw'],
    ['i8x16.shr_s', 2, 'packsswb'],
    ['i64x2.shr_s', 2, 'psrlq'],
    ['i16x8.add_sat_u', 2, 'paddusw'],
    ['i32x4.lt_u', 2, 'pmaxud'],
    ['v128.andnot', 2, 'pandn'],
  ];
  for (const [instr, n, mnemonic] of cases) {
    it(`${instr}: ${mnemonic}, no loop, no scalar lanes`, () => {
      const operands = instr.includes('sh') ? (['v', 'i'] as const) : n === 2 ? (['v', 'v'] as const) : (['v'] as const);
      const asm = compileFunctionStages(opModule(instr, operands, 'v'), 0).asm;
      const lines = asm.split('\n').filter((l) => l.trim() !== '');
      expect(lines.some((l) => l.includes(` ${mnemonic} `)), asm).toBe(true);
      for (const l of lines) {
        const m = /^\s*([0-9a-f]+):\s+(j\w+)\s+0x([0-9a-f]+)/.exec(l);
        if (m !== null) expect(parseInt(m[3]!, 16), `backward branch: ${l}`).toBeGreaterThan(parseInt(m[1]!, 16));
        expect(l).not.toMatch(/pextr|movd\s+e|movq\s+r/);
      }
    });
  }
});
