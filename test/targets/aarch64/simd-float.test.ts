/**
 * The AArch64 lowering of the f32x4 / f64x2 lane operations and the vector conversions
 * (targets/aarch64/rules/simd-float.ts):
 * - every such IR row has a lowering, and emits the expected packed instructions (operand k in
 *   register k, and pmin/pmax with the destination shared with either operand);
 * - every row compiled as a whole function (frontend, passes, allocation checked, emission)
 *   shows its packed instructions, and aarch64-linux-gnu-objdump agrees with every instruction
 *   of those functions and of the rule sequences;
 * - every row executed under qemu-aarch64 on vectors of edge-case lanes (±0, ±1, halves and
 *   ties, integer bounds and their neighbours, subnormals, ±inf, canonical, payload-carrying
 *   and signalling NaNs), with the destination in its own register and shared with each
 *   operand, each lane compared with wasm's semantics computed here (WebAssembly 2.0 §4.3.3):
 *   exact bits, or for a NaN result a quiet NaN, canonical when the NaN inputs of the lane are.
 */

import { describe, expect, it } from 'vitest';
import { Frontend } from '../../../compiler/frontend/index.js';
import { Builder } from '../../../compiler/ir/builder.js';
import type { Func } from '../../../compiler/ir/func.js';
import { op, OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { PassContext } from '../../../compiler/passes/context.js';
import { optimize } from '../../../compiler/passes/pipeline.js';
import { Allocation, Allocator, checkAllocation } from '../../../compiler/regalloc/index.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import type { Module } from '../../../formats/wasm/types.js';
import { parseWat } from '../../../formats/wat/index.js';
import { Assembler, type ListingLine } from '../../../targets/aarch64/asm.js';
import { imm16 } from '../../../targets/aarch64/imm.js';
import { materialize } from '../../../targets/aarch64/materialize.js';
import { memPost } from '../../../targets/aarch64/operands.js';
import { X0, X1, X19, X2, X8, X9, type Vreg } from '../../../targets/aarch64/regs.js';
import { lowering } from '../../../targets/aarch64/rules/rule.js';
import '../../../targets/aarch64/rules/simd-float.js';
import { aarch64Target } from '../../../targets/aarch64/target.js';
import { compileFunctionStages } from '../../../targets/compile.js';
import { objdump } from './objdump.js';
import { runAarch64 } from './qemu-run.js';
import { emitWith, lowerOne } from './rule-harness.js';
import { mismatches } from './support.js';

// ---- the rows ----

const FLOAT_OPS = 'add sub mul div min max pmin pmax eq ne lt gt le ge abs neg sqrt ceil floor trunc nearest'.split(' ');
const CONVERSIONS = [
  'i32x4.trunc_sat_f32x4_s',
  'i32x4.trunc_sat_f32x4_u',
  'f32x4.convert_i32x4_s',
  'f32x4.convert_i32x4_u',
  'i32x4.trunc_sat_f64x2_s_zero',
  'i32x4.trunc_sat_f64x2_u_zero',
  'f64x2.convert_low_i32x4_s',
  'f64x2.convert_low_i32x4_u',
  'f32x4.demote_f64x2_zero',
  'f64x2.promote_low_f32x4',
];
const ROWS = [...['f32x4', 'f64x2'].flatMap((s) => FLOAT_OPS.map((o) => `${s}.${o}`)), ...CONVERSIONS];
const arity = (name: string): number => OPCODES[op(name)]!.operands.length;

/** IR row `name` on v128 params, lowered; its machine instructions emitted with operand k in regs[k] */
function emitted(name: string, regs: readonly number[] = [0, 1, 2]): ListingLine[] {
  const { f, inst } = scratch(name);
  const low = lowerOne(f, inst);
  const asm = new Assembler({ listing: true });
  for (const mi of low.mis) emitWith(asm, f, low.x, mi, regs);
  asm.finish();
  return asm.listing();
}

function scratch(name: string): { f: Func; inst: number } {
  const b = new Builder();
  const entry = b.begin('scratch', [Type.V128, Type.V128], []);
  const params = [b.f.blockParam(entry, 0), b.f.blockParam(entry, 1)];
  return { f: b.f, inst: b.inst(op(name), params.slice(0, arity(name))) };
}

const text = (name: string, regs?: readonly number[]): string[] => emitted(name, regs).map((l) => l.text);

/** [IR row, operand registers (def, a, b), expected listing] */
type Golden = readonly [string, readonly number[], readonly string[]];

const GOLDENS: readonly Golden[] = [
  ['f32x4.add', [0, 1, 2], ['fadd\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.add', [0, 1, 2], ['fadd\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.sub', [0, 1, 2], ['fsub\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.sub', [0, 1, 2], ['fsub\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.mul', [0, 1, 2], ['fmul\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.mul', [0, 1, 2], ['fmul\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.div', [0, 1, 2], ['fdiv\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.div', [0, 1, 2], ['fdiv\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.min', [0, 1, 2], ['fmin\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.min', [0, 1, 2], ['fmin\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.max', [0, 1, 2], ['fmax\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.max', [0, 1, 2], ['fmax\tv0.2d, v1.2d, v2.2d']],
  // pmin(a, b) = a > b ? b : a; pmax(a, b) = b > a ? b : a: the mask in the destination when it is neither operand
  ['f32x4.pmin', [0, 1, 2], ['fcmgt\tv0.4s, v1.4s, v2.4s', 'bsl\tv0.16b, v2.16b, v1.16b']],
  ['f64x2.pmin', [0, 1, 2], ['fcmgt\tv0.2d, v1.2d, v2.2d', 'bsl\tv0.16b, v2.16b, v1.16b']],
  ['f32x4.pmax', [0, 1, 2], ['fcmgt\tv0.4s, v2.4s, v1.4s', 'bsl\tv0.16b, v2.16b, v1.16b']],
  ['f64x2.pmax', [0, 1, 2], ['fcmgt\tv0.2d, v2.2d, v1.2d', 'bsl\tv0.16b, v2.16b, v1.16b']],
  // ... else in v31: bit into a, bif into b
  ['f32x4.pmin', [1, 1, 2], ['fcmgt\tv31.4s, v1.4s, v2.4s', 'bit\tv1.16b, v2.16b, v31.16b']],
  ['f32x4.pmin', [2, 1, 2], ['fcmgt\tv31.4s, v1.4s, v2.4s', 'bif\tv2.16b, v1.16b, v31.16b']],
  ['f64x2.pmax', [1, 1, 2], ['fcmgt\tv31.2d, v2.2d, v1.2d', 'bit\tv1.16b, v2.16b, v31.16b']],
  ['f64x2.pmax', [2, 1, 2], ['fcmgt\tv31.2d, v2.2d, v1.2d', 'bif\tv2.16b, v1.16b, v31.16b']],
  ['f32x4.pmax', [1, 1, 1], ['fcmgt\tv31.4s, v1.4s, v1.4s', 'bit\tv1.16b, v1.16b, v31.16b']],
  // comparisons: lt/le swap gt/ge's operands; ne is not(eq)
  ['f32x4.eq', [0, 1, 2], ['fcmeq\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.eq', [0, 1, 2], ['fcmeq\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.ne', [0, 1, 2], ['fcmeq\tv0.4s, v1.4s, v2.4s', 'mvn\tv0.16b, v0.16b']],
  ['f64x2.ne', [2, 1, 2], ['fcmeq\tv2.2d, v1.2d, v2.2d', 'mvn\tv2.16b, v2.16b']],
  ['f32x4.gt', [0, 1, 2], ['fcmgt\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.gt', [0, 1, 2], ['fcmgt\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.ge', [0, 1, 2], ['fcmge\tv0.4s, v1.4s, v2.4s']],
  ['f64x2.ge', [0, 1, 2], ['fcmge\tv0.2d, v1.2d, v2.2d']],
  ['f32x4.lt', [0, 1, 2], ['fcmgt\tv0.4s, v2.4s, v1.4s']],
  ['f64x2.lt', [0, 1, 2], ['fcmgt\tv0.2d, v2.2d, v1.2d']],
  ['f32x4.le', [0, 1, 2], ['fcmge\tv0.4s, v2.4s, v1.4s']],
  ['f64x2.le', [0, 1, 2], ['fcmge\tv0.2d, v2.2d, v1.2d']],
  // one operand
  ['f32x4.abs', [0, 1], ['fabs\tv0.4s, v1.4s']],
  ['f64x2.abs', [0, 1], ['fabs\tv0.2d, v1.2d']],
  ['f32x4.neg', [0, 1], ['fneg\tv0.4s, v1.4s']],
  ['f64x2.neg', [0, 1], ['fneg\tv0.2d, v1.2d']],
  ['f32x4.sqrt', [0, 1], ['fsqrt\tv0.4s, v1.4s']],
  ['f64x2.sqrt', [0, 1], ['fsqrt\tv0.2d, v1.2d']],
  ['f32x4.ceil', [0, 1], ['frintp\tv0.4s, v1.4s']],
  ['f64x2.ceil', [0, 1], ['frintp\tv0.2d, v1.2d']],
  ['f32x4.floor', [0, 1], ['frintm\tv0.4s, v1.4s']],
  ['f64x2.floor', [0, 1], ['frintm\tv0.2d, v1.2d']],
  ['f32x4.trunc', [0, 1], ['frintz\tv0.4s, v1.4s']],
  ['f64x2.trunc', [0, 1], ['frintz\tv0.2d, v1.2d']],
  ['f32x4.nearest', [0, 1], ['frintn\tv0.4s, v1.4s']],
  ['f64x2.nearest', [0, 1], ['frintn\tv0.2d, v1.2d']],
  // conversions
  ['i32x4.trunc_sat_f32x4_s', [0, 1], ['fcvtzs\tv0.4s, v1.4s']],
  ['i32x4.trunc_sat_f32x4_u', [0, 1], ['fcvtzu\tv0.4s, v1.4s']],
  ['f32x4.convert_i32x4_s', [0, 1], ['scvtf\tv0.4s, v1.4s']],
  ['f32x4.convert_i32x4_u', [0, 1], ['ucvtf\tv0.4s, v1.4s']],
  ['i32x4.trunc_sat_f64x2_s_zero', [0, 1], ['fcvtzs\tv0.2d, v1.2d', 'sqxtn\tv0.2s, v0.2d']],
  ['i32x4.trunc_sat_f64x2_u_zero', [1, 1], ['fcvtzu\tv1.2d, v1.2d', 'uqxtn\tv1.2s, v1.2d']],
  ['f64x2.convert_low_i32x4_s', [0, 1], ['sxtl\tv0.2d, v1.2s', 'scvtf\tv0.2d, v0.2d']],
  ['f64x2.convert_low_i32x4_u', [0, 1], ['uxtl\tv0.2d, v1.2s', 'ucvtf\tv0.2d, v0.2d']],
  ['f32x4.demote_f64x2_zero', [0, 1], ['fcvtn\tv0.2s, v1.2d']],
  ['f64x2.promote_low_f32x4', [0, 1], ['fcvtl\tv0.2d, v1.2s']],
];

// ---- whole functions ----

function moduleOf(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** one function per row: (v128, v128) -> v128 applying the row to its params */
function rowsModule(): Module {
  const funcs = ROWS.map((name) => {
    const args = arity(name) === 2 ? '(local.get 0) (local.get 1)' : '(local.get 0)';
    return `(func (export "${name}") (param v128 v128) (result v128) (${name} ${args}))`;
  });
  return moduleOf(`(module ${funcs.join(' ')})`);
}

/** the row's golden sequence with any registers: `fadd\tv0.4s, v1.4s, v2.4s` matches `fadd\tv5.4s, v0.4s, v7.4s` */
function patternOf(name: string): RegExp {
  const g = GOLDENS.find(([n]) => n === name);
  if (g === undefined) throw new Error(`no golden for ${name}`);
  // pmin/pmax select with bsl, or bit/bif when the allocator shares the destination with an operand
  const lines = g[2].map((t) => t.replace(/[.]/g, '\\.').replace(/v\d+/g, 'v\\d+').replace(/^bsl/, '(?:bsl|bit|bif)'));
  return new RegExp(lines.join('\\n(?: +[0-9a-f]+:  )'));
}

describe('AArch64 float lane operations and vector conversions: lowering', () => {
  it('lower every f32x4/f64x2 lane row and every vector conversion', () => {
    expect(ROWS.length).toBe(2 * 21 + 10);
    expect(ROWS.filter((n) => lowering(op(n)) === undefined)).toEqual([]);
  });

  it('give every row one machine instruction: def, then one use per IR operand', () => {
    for (const name of ROWS) {
      const { f, inst } = scratch(name);
      const low = lowerOne(f, inst);
      expect(low.mis.length, name).toBe(1);
      expect(low.operands[0]!.map((o) => o.kind), name).toEqual(['def', ...Array<string>(arity(name)).fill('use')]);
    }
  });

  for (const [name, regs, want] of GOLDENS) {
    it(`emit ${name} with registers ${regs.join(',')} as ${want.length} instruction(s)`, () => {
      expect(text(name, regs)).toEqual(want);
    });
  }

  it('print every rule sequence exactly as aarch64-linux-gnu-objdump disassembles it', () => {
    const lines: ListingLine[] = [];
    const bytes: number[] = [];
    for (const [name, regs] of GOLDENS) {
      for (const l of emitted(name, regs)) {
        lines.push({ ...l, offset: bytes.length });
        bytes.push(...l.bytes);
      }
    }
    expect(mismatches(lines, new Uint8Array(bytes))).toEqual([]);
  });

  it('compile each row as a function whose listing shows its packed instructions', () => {
    const m = rowsModule();
    ROWS.forEach((name, d) => {
      const asm = compileFunctionStages(m, d, { isa: 'aarch64' }).asm;
      expect(asm, name).toMatch(patternOf(name));
    });
  });

  it('compile the rows with allocation checked, and objdump agrees with every emitted instruction', () => {
    const m = rowsModule();
    const fe = new Frontend();
    const target = aarch64Target();
    const alloc = new Allocation();
    const allocator = new Allocator();
    const problems: string[] = [];
    let instructions = 0;
    for (let d = 0; d < m.funcs.length; d++) {
      for (const guard of [false, true]) {
        const f = fe.translate(m, d, { interrupts: !guard, bounds: guard ? 'none' : 'explicit', verify: true });
        optimize(f, new PassContext());
        const lowered = target.lower(f);
        allocator.allocate(lowered.m, target.env, alloc);
        checkAllocation(lowered.m, target.env, alloc);
        const out = target.emit(f, lowered, alloc, d, { listing: true, faultSites: guard });
        // without objdump's comments (ours has them too); branch targets are function-relative in both (one function per run)
        const bare = (t: string): string => t.replace(/\s+\/\/ .*$/, '').trimEnd();
        const theirs = new Map(objdump(out.compiled.code).map((l) => [l.offset, bare(l.text)]));
        for (const line of out.listing ?? []) {
          const lm = /^ *([0-9a-f]+):  (.*)$/.exec(line);
          if (lm === null) throw new Error(`bad listing line ${line}`);
          const ours = bare(lm[2]!);
          instructions++;
          const t = theirs.get(parseInt(lm[1]!, 16));
          if (t !== ours) problems.push(`${ROWS[d]}${guard ? ' (guard)' : ''} @${lm[1]}: objdump "${t}", ours "${ours}"`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(instructions).toBeGreaterThan(ROWS.length * 2 * 5);
  });
});

// ---- execution under qemu ----

const f32v = new Float32Array(1);
const u32v = new Uint32Array(f32v.buffer);
const f64v = new Float64Array(1);
const u64v = new BigUint64Array(f64v.buffer);

type Lane = 32 | 64;
const valueOf = (w: Lane, bits: bigint): number => {
  if (w === 32) {
    u32v[0] = Number(bits);
    return f32v[0]!;
  }
  u64v[0] = bits;
  return f64v[0]!;
};
const bitsOf = (w: Lane, x: number): bigint => {
  if (w === 32) {
    f32v[0] = x;
    return BigInt(u32v[0]!);
  }
  f64v[0] = x;
  return u64v[0]!;
};
const SIGN: Readonly<Record<Lane, bigint>> = { 32: 0x80000000n, 64: 0x8000000000000000n };
const QUIET: Readonly<Record<Lane, bigint>> = { 32: 0x400000n, 64: 0x8000000000000n };
const EXP: Readonly<Record<Lane, bigint>> = { 32: 0x7f800000n, 64: 0x7ff0000000000000n };
const FRAC: Readonly<Record<Lane, bigint>> = { 32: 0x7fffffn, 64: 0xfffffffffffffn };
const isNaNBits = (w: Lane, b: bigint): boolean => (b & EXP[w]) === EXP[w] && (b & FRAC[w]) !== 0n;
const isCanonical = (w: Lane, b: bigint): boolean => isNaNBits(w, b) && (b & FRAC[w]) === QUIET[w];

/** a lane's expected result: exact bits, or a quiet NaN (canonical when `canonical`) */
type Want = bigint | { readonly nan: true; readonly canonical: boolean };

/** a float result from float inputs `ins` (their NaNs decide whether a NaN result must be canonical) */
function floatResult(w: Lane, r: number, ins: readonly bigint[], inWidth: Lane): Want {
  if (!Number.isNaN(r)) return bitsOf(w, w === 32 ? Math.fround(r) : r);
  return { nan: true, canonical: ins.filter((b) => isNaNBits(inWidth, b)).every((b) => isCanonical(inWidth, b)) };
}

function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const fl = Math.floor(x);
  const d = x - fl;
  const r = d < 0.5 ? fl : d > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

function truncSat(x: number, signed: boolean): bigint {
  const [lo, hi] = signed ? [-(2n ** 31n), 2n ** 31n - 1n] : [0n, 2n ** 32n - 1n];
  if (Number.isNaN(x)) return 0n;
  const v = x === Infinity ? hi : x === -Infinity ? lo : BigInt(Math.trunc(x));
  return BigInt.asUintN(32, v < lo ? lo : v > hi ? hi : v);
}

/** an integer rounded to f32 (ties to even), as an f32 bit pattern */
function intToF32(v: bigint): bigint {
  const neg = v < 0n;
  let a = neg ? -v : v;
  const n = a.toString(2).length;
  if (n > 24) {
    const s = BigInt(n - 24);
    let q = a >> s;
    const rem = a - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    a = q << s;
  }
  return bitsOf(32, Math.fround(Number(neg ? -a : a)));
}

const BIN: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  min: Math.min, // NaN if either is; -0 < +0
  max: Math.max,
};
const CMP: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  gt: (a, b) => a > b,
  le: (a, b) => a <= b,
  ge: (a, b) => a >= b,
};
const UN: Readonly<Record<string, (a: number) => number>> = { sqrt: Math.sqrt, ceil: Math.ceil, floor: Math.floor, trunc: Math.trunc, nearest };

/** the lanes of a 128-bit value (lane 0 first) */
const lanesOf = (v: bigint, w: Lane): bigint[] => Array.from({ length: 128 / w }, (_, k) => BigInt.asUintN(w, v >> BigInt(k * w)));
const fromLanes = (ls: readonly bigint[], w: Lane): bigint => ls.reduce((acc, l, k) => acc | (BigInt.asUintN(w, l) << BigInt(k * w)), 0n);

/** wasm's result of row `name` per result lane, and the result's lane width */
function reference(name: string, a: bigint, b: bigint): { w: Lane; lanes: Want[] } {
  const [shape, o] = name.split('.') as [string, string];
  const w: Lane = shape === 'f64x2' || shape === 'i64x2' ? 64 : 32;
  const A = lanesOf(a, 32);
  const A64 = lanesOf(a, 64);
  switch (name) {
    case 'i32x4.trunc_sat_f32x4_s':
    case 'i32x4.trunc_sat_f32x4_u':
      return { w: 32, lanes: A.map((x) => truncSat(valueOf(32, x), o.endsWith('_s'))) };
    case 'f32x4.convert_i32x4_s':
      return { w: 32, lanes: A.map((x) => intToF32(BigInt.asIntN(32, x))) };
    case 'f32x4.convert_i32x4_u':
      return { w: 32, lanes: A.map((x) => intToF32(x)) };
    case 'i32x4.trunc_sat_f64x2_s_zero':
    case 'i32x4.trunc_sat_f64x2_u_zero':
      return { w: 32, lanes: [...A64.map((x) => truncSat(valueOf(64, x), o.includes('_s_'))), 0n, 0n] };
    case 'f64x2.convert_low_i32x4_s':
      return { w: 64, lanes: A.slice(0, 2).map((x) => bitsOf(64, Number(BigInt.asIntN(32, x)))) };
    case 'f64x2.convert_low_i32x4_u':
      return { w: 64, lanes: A.slice(0, 2).map((x) => bitsOf(64, Number(x))) };
    case 'f32x4.demote_f64x2_zero':
      return { w: 32, lanes: [...A64.map((x) => floatResult(32, valueOf(64, x), [x], 64)), 0n, 0n] };
    case 'f64x2.promote_low_f32x4':
      return { w: 64, lanes: A.slice(0, 2).map((x) => floatResult(64, valueOf(32, x), [x], 32)) };
  }
  const la = lanesOf(a, w);
  const lb = lanesOf(b, w);
  const lanes = la.map((x, k): Want => {
    const y = lb[k]!;
    const vx = valueOf(w, x);
    const vy = valueOf(w, y);
    if (o in BIN) return floatResult(w, BIN[o]!(vx, vy), [x, y], w);
    if (o in CMP) return CMP[o]!(vx, vy) ? BigInt.asUintN(w, -1n) : 0n;
    if (o in UN) return floatResult(w, UN[o]!(vx), [x], w);
    if (o === 'abs') return x & ~SIGN[w];
    if (o === 'neg') return x ^ SIGN[w];
    if (o === 'pmin') return vy < vx ? y : x;
    if (o === 'pmax') return vx < vy ? y : x;
    throw new Error(`no reference for ${name}`);
  });
  return { w, lanes };
}

const F32_LANES: readonly bigint[] = [
  0x00000000n, 0x80000000n, 0x3f800000n, 0xbf800000n, 0x3f000000n, 0xbf000000n, 0x3fc00000n, 0x40200000n,
  0xc0200000n, 0x3effffffn, 0x4b000001n, 0x40490fdbn, 0x7f7fffffn, 0xff7fffffn, 0x00000001n, 0x80000001n,
  0x00800000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00000n, 0x7fa00000n, 0x7fc12345n, 0xff812345n,
  0x4effffffn, 0x4f000000n, 0xcf000000n, 0xcf000001n, 0x4f7fffffn, 0x4f800000n,
];

const F64_LANES: readonly bigint[] = [
  0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
  0xbfe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0xc004000000000000n, 0x3fdfffffffffffffn,
  0x4330000000000001n, 0x400921fb54442d18n, 0x7fefffffffffffffn, 0xffefffffffffffffn, 0x0000000000000001n,
  0x8000000000000001n, 0x0010000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n,
  0xfff8000000000000n, 0x7ff0000000000001n, 0x7ff8000000012345n, 0xfff4000000000000n, 0x36a0000000000000n,
  0x47efffffe0000000n, 0x47efffffefffffffn, 0x3810000000000000n, 0x380fffffffffffffn,
  ...[2147483647.9, 2147483648, -2147483648.9, -2147483649, 4294967295.5, 4294967296, -0.9, 2 ** 63].map((v) => bitsOf(64, v)),
];

const I32_LANES: readonly bigint[] = [
  0n, 1n, 0xffffffffn, 0x7fffffffn, 0x80000000n, 0x80000001n, 0x1000001n, 0x1000003n, 0x7fffffc0n, 0xffffff81n, 0x7fffff80n, 0xffffff7fn,
];

/** the operands' lane width and lane values of a row */
function inputsOf(name: string): { w: Lane; values: readonly bigint[] } {
  if (/convert_(low_)?i32x4/.test(name)) return { w: 32, values: I32_LANES };
  if (name === 'f64x2.promote_low_f32x4') return { w: 32, values: F32_LANES };
  if (name.includes('f64x2')) return { w: 64, values: F64_LANES };
  return { w: 32, values: F32_LANES };
}

interface Case {
  readonly name: string;
  readonly a: bigint;
  readonly b: bigint;
  /** registers of def, a (, b) */
  readonly regs: readonly number[];
}

/** vectors holding every value (one-operand rows) or every pair of values (two-operand rows), several per vector */
function cases(): Case[] {
  const out: Case[] = [];
  for (const name of ROWS) {
    const { w, values } = inputsOf(name);
    const n = 128 / w;
    const pairs: [bigint, bigint][] = arity(name) === 2 ? values.flatMap((x) => values.map((y): [bigint, bigint] => [x, y])) : values.map((x) => [x, x]);
    for (let k = 0; k < pairs.length; k += n) {
      const chunk = Array.from({ length: n }, (_, l) => pairs[(k + l) % pairs.length]!);
      // the low lanes also see the values in the high lanes (the "low" and "zero" rows read or write half the vector)
      const a = fromLanes(chunk.map((p) => p[0]), w);
      const b = fromLanes(chunk.map((p) => p[1]), w);
      const configs = arity(name) === 2 ? [[0, 1, 2], [1, 1, 2], [2, 1, 2]] : [[0, 1], [1, 1]];
      for (const regs of configs) out.push({ name, a, b, regs });
    }
    // both operands the same value in one register, with a distinct and a shared destination
    if (arity(name) === 2) {
      for (let k = 0; k < values.length; k += n) {
        const a = fromLanes(Array.from({ length: n }, (_, l) => values[(k + l) % values.length]!), w);
        out.push({ name, a, b: a, regs: [0, 1, 1] }, { name, a, b: a, regs: [1, 1, 1] });
      }
    }
  }
  return out;
}

/** vreg = the 128-bit value v, through x9 */
function loadVector(asm: Assembler, r: number, v: bigint): void {
  for (const i of materialize(X9, BigInt.asUintN(64, v), 64)) asm.emit(i);
  asm.emit({ kind: 'fmov_to_fp', w: 64, rd: r as Vreg, rn: X9 });
  for (const i of materialize(X9, BigInt.asUintN(64, v >> 64n), 64)) asm.emit(i);
  asm.emit({ kind: 'fmov_to_top', rd: r as Vreg, rn: X9 });
}

function program(all: readonly Case[]): Uint8Array {
  const asm = new Assembler();
  const buf = asm.newLabel();
  asm.emit({ kind: 'adr', rd: X19, target: buf });
  const lowered = new Map<string, { f: Func; low: ReturnType<typeof lowerOne> }>();
  for (const c of all) {
    let l = lowered.get(c.name);
    if (l === undefined) {
      const s = scratch(c.name);
      lowered.set(c.name, (l = { f: s.f, low: lowerOne(s.f, s.inst) }));
    }
    // garbage in the destination first, then the operands
    loadVector(asm, c.regs[0]!, 0x5555aaaa5555aaaa_3333cccc3333ccccn);
    loadVector(asm, c.regs[1]!, c.a);
    if (c.regs.length > 2 && c.regs[2] !== c.regs[1]) loadVector(asm, c.regs[2]!, c.b);
    for (const mi of l.low.mis) emitWith(asm, l.f, l.low.x, mi, c.regs);
    const d = c.regs[0]! as Vreg;
    asm.emit({ kind: 'fmov_from_fp', w: 64, rd: X9, rn: d });
    asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: X9, addr: memPost(X19, 8) });
    asm.emit({ kind: 'fmov_from_top', rd: X9, rn: d });
    asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: X9, addr: memPost(X19, 8) });
  }
  // write(1, buf, 16 * cases); exit(0)
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(1), shift: 0 });
  asm.emit({ kind: 'adr', rd: X1, target: buf });
  for (const i of materialize(X2, BigInt(16 * all.length), 64)) asm.emit(i);
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(64), shift: 0 });
  asm.emit({ kind: 'svc', imm: imm16(0) });
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(0), shift: 0 });
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(93), shift: 0 });
  asm.emit({ kind: 'svc', imm: imm16(0) });
  asm.align(16);
  asm.bind(buf);
  return asm.finish().code;
}

/** null when lane `got` is acceptable for `want` */
function judge(w: Lane, want: Want, got: bigint): string | null {
  const hex = (x: bigint): string => `0x${x.toString(16)}`;
  if (typeof want === 'bigint') return got === want ? null : `got ${hex(got)}, want ${hex(want)}`;
  if (!isNaNBits(w, got) || (got & QUIET[w]) === 0n) return `got ${hex(got)}, want a quiet NaN`;
  if (want.canonical && !isCanonical(w, got)) return `got ${hex(got)}, want a canonical NaN`;
  return null;
}

describe('AArch64 float lane operations and vector conversions executed under qemu-aarch64', () => {
  it('give wasm results lane by lane on edge-case vectors, with the destination apart and shared', () => {
    const all = cases();
    // programs of at most CHUNK cases (adr reaches the result buffer within 1 MiB)
    const CHUNK = 4000;
    const parts: Buffer[] = [];
    for (let k = 0; k < all.length; k += CHUNK) {
      const part = all.slice(k, k + CHUNK);
      parts.push(runAarch64(program(part), 16 * part.length + 32));
    }
    const out = Buffer.concat(parts);
    expect(out.length).toBe(16 * all.length);
    const failures = new Map<string, string[]>();
    all.forEach((c, k) => {
      const got = out.readBigUInt64LE(16 * k) | (out.readBigUInt64LE(16 * k + 8) << 64n);
      const { w, lanes } = reference(c.name, c.a, c.b);
      const gotLanes = lanesOf(got, w);
      lanes.forEach((want, l) => {
        const why = judge(w, want, gotLanes[l]!);
        if (why === null) return;
        const list = failures.get(c.name) ?? [];
        failures.set(c.name, list);
        list.push(`lane ${l} of (0x${c.a.toString(16)}, 0x${c.b.toString(16)}) regs ${c.regs.join(',')}: ${why}`);
      });
    });
    console.log(`aarch64 simd-float: ${all.length} vectors (${ROWS.length} rows, destination apart and shared) run under qemu-aarch64 in ${parts.length} programs`);
    expect([...failures].map(([name, list]) => `${name}: ${list.length} lanes failed, e.g. ${list.slice(0, 3).join('; ')}`)).toEqual([]);
    expect(new Set(all.map((c) => c.name)).size).toBe(ROWS.length);
    expect(all.length).toBeGreaterThan(3000);
  });
});
