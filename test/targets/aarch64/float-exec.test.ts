/**
 * The AArch64 float and conversion rules executed under qemu-aarch64: every float and
 * conversion row is lowered, emitted between code that loads its operands' bit patterns and
 * code that stores its result, on a table of edge-case inputs (±0, ±1, halves and ties, the
 * integer bounds and the floats around them, subnormals, ±inf, canonical, negative,
 * payload-carrying and signalling NaNs); the program writes the results to stdout and each is
 * compared with wasm's semantics computed here (spec §4.3.3 "Floating-Point Operations",
 * §4.3.4 "Conversions"). NaN results must be quiet NaNs, canonical when the NaN inputs are.
 * Each case also runs with the destination register shared with an operand.
 */

import { describe, expect, it } from 'vitest';
import { FloatCC } from '../../../compiler/ir/conds.js';
import { OPCODES, type OpRow } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { mov } from '../../../targets/aarch64/alias.js';
import { Assembler } from '../../../targets/aarch64/asm.js';
import { imm16 } from '../../../targets/aarch64/imm.js';
import { materialize } from '../../../targets/aarch64/materialize.js';
import { memPost } from '../../../targets/aarch64/operands.js';
import { X0, X1, X19, X2, X8, X9, type Gpr, type Vreg } from '../../../targets/aarch64/regs.js';
import { emitWith, IrScratch, lowerOne } from './rule-harness.js';
import { runAarch64 } from './qemu-run.js';

// ---- bit patterns ----

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

const isF = (t: Type): boolean => t === Type.F32 || t === Type.F64;
const widthOf = (t: Type): 32 | 64 => (t === Type.I32 || t === Type.F32 ? 32 : 64);

function valueOf(t: Type, bits: bigint): number {
  if (t === Type.F32) {
    u32[0] = Number(bits & 0xffffffffn);
    return f32[0]!;
  }
  u64[0] = bits;
  return f64[0]!;
}

function bitsOf(t: Type, x: number): bigint {
  if (t === Type.F32) {
    f32[0] = x;
    return BigInt(u32[0]!);
  }
  f64[0] = x;
  return u64[0]!;
}

const signBit = (t: Type): bigint => (t === Type.F32 ? 0x80000000n : 0x8000000000000000n);
const quietBit = (t: Type): bigint => (t === Type.F32 ? 0x400000n : 0x8000000000000n);
const expMask = (t: Type): bigint => (t === Type.F32 ? 0x7f800000n : 0x7ff0000000000000n);
const fracMask = (t: Type): bigint => (t === Type.F32 ? 0x7fffffn : 0xfffffffffffffn);
const isNaNBits = (t: Type, b: bigint): boolean => (b & expMask(t)) === expMask(t) && (b & fracMask(t)) !== 0n;
const isCanonical = (t: Type, b: bigint): boolean => isNaNBits(t, b) && (b & fracMask(t)) === quietBit(t);

// ---- wasm semantics ----

/** a result: exact bits, or 'nan' (a quiet NaN; canonical when every NaN operand is) */
type Want = bigint | 'nan';

/** round an exact integer to p significant bits, ties to even */
function roundSignificant(v: bigint, p: number): bigint {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const n = a.toString(2).length;
  if (a === 0n || n <= p) return v;
  const s = BigInt(n - p);
  let q = a >> s;
  const r = a - (q << s);
  const half = 1n << (s - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) q++;
  const out = q << s;
  return neg ? -out : out;
}

function intToFloat(to: Type, v: bigint): bigint {
  if (to === Type.F64) return bitsOf(to, Number(v)); // Number(bigint) rounds to nearest, ties to even
  return bitsOf(to, Number(roundSignificant(v, 24)));
}

function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const fl = Math.floor(x);
  const d = x - fl;
  const r = d < 0.5 ? fl : d > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

function intRange(signed: boolean, w: 32 | 64): [bigint, bigint] {
  const W = BigInt(w);
  return signed ? [-(1n << (W - 1n)), (1n << (W - 1n)) - 1n] : [0n, (1n << W) - 1n];
}

/** trunc_sat; null when the trapping form would trap */
function truncate(x: number, signed: boolean, w: 32 | 64, sat: boolean): bigint | null {
  const [lo, hi] = intRange(signed, w);
  if (Number.isNaN(x)) return sat ? 0n : null;
  let v: bigint;
  if (x === Infinity) v = hi + 1n;
  else if (x === -Infinity) v = lo - 1n;
  else v = BigInt(Math.trunc(x));
  if (v < lo || v > hi) {
    if (!sat) return null;
    v = v < lo ? lo : hi;
  }
  return BigInt.asUintN(w, v);
}

const arith = (t: Type, r: number): Want => (Number.isNaN(r) ? 'nan' : bitsOf(t, t === Type.F32 ? Math.fround(r) : r));

const BINARY: Record<string, (a: number, b: number) => number> = {
  fadd: (a, b) => a + b,
  fsub: (a, b) => a - b,
  fmul: (a, b) => a * b,
  fdiv: (a, b) => a / b,
  fmin: Math.min, // NaN if either is; -0 < +0: wasm's fmin on every non-NaN input
  fmax: Math.max,
};

const UNARY: Record<string, (a: number) => number> = {
  sqrt: Math.sqrt,
  ceil: Math.ceil,
  floor: Math.floor,
  trunc: Math.trunc,
  nearest,
};

const COMPARE: Record<number, (a: number, b: number) => boolean> = {
  [FloatCC.eq]: (a, b) => a === b,
  [FloatCC.ne]: (a, b) => a !== b,
  [FloatCC.lt]: (a, b) => a < b,
  [FloatCC.le]: (a, b) => a <= b,
  [FloatCC.gt]: (a, b) => a > b,
  [FloatCC.ge]: (a, b) => a >= b,
};

/** wasm's result of row r on operand bits `ins` (imm0 = fcmp's condition; imm0, imm1 = fconst's bits), or null when it traps */
function reference(r: OpRow, ins: readonly bigint[], imm0: number, imm1: number): Want | null {
  const t = r.type!;
  const a = ins[0]!;
  const x = (k: number): number => valueOf(r.operands[k]!, ins[k]!);
  if (r.base in BINARY) return arith(t, BINARY[r.base]!(x(0), x(1)));
  if (r.base in UNARY) return arith(t, UNARY[r.base]!(x(0)));
  switch (r.base) {
    case 'fconst':
      return BigInt.asUintN(widthOf(t), (BigInt(imm1 >>> 0) << 32n) | BigInt(imm0 >>> 0));
    case 'fcopysign':
      return (a & ~signBit(t)) | (ins[1]! & signBit(t));
    case 'fabs':
      return a & ~signBit(t);
    case 'fneg':
      return a ^ signBit(t);
    case 'fcmp':
      return COMPARE[imm0]!(x(0), x(1)) ? 1n : 0n;
    case 'fcvt_from_sint':
      return intToFloat(t, BigInt.asIntN(widthOf(r.from!), a));
    case 'fcvt_from_uint':
      return intToFloat(t, BigInt.asUintN(widthOf(r.from!), a));
    case 'fpromote':
    case 'fdemote':
      return arith(t, x(0));
    case 'bitcast':
      return BigInt.asUintN(widthOf(t), a);
    default: {
      const signed = r.base.startsWith('fcvt_to_sint');
      return truncate(x(0), signed, widthOf(t), r.base.endsWith('_sat'));
    }
  }
}

/** null when `out` is an acceptable result for `want`, else what is wrong */
function judge(r: OpRow, ins: readonly bigint[], want: Want, out: bigint): string | null {
  const t = r.type!;
  if (want !== 'nan') return out === want ? null : `got 0x${out.toString(16)}, want 0x${want.toString(16)}`;
  if (!isNaNBits(t, out) || (out & quietBit(t)) === 0n) return `got 0x${out.toString(16)}, want a quiet NaN`;
  const nanIns = ins.filter((b, k) => isF(r.operands[k]!) && isNaNBits(r.operands[k]!, b));
  const canonIns = nanIns.every((b, k) => isCanonical(r.operands[k]!, b));
  if (canonIns && !isCanonical(t, out)) return `got 0x${out.toString(16)}, want a canonical NaN`;
  return null;
}

// ---- inputs ----

const F32_INPUTS: readonly bigint[] = [
  0x00000000n, 0x80000000n, 0x3f800000n, 0xbf800000n, 0x3f000000n, 0xbf000000n, 0x3fc00000n, 0x40200000n,
  0xc0200000n, 0x40600000n, 0x3effffffn, 0xbf7fffffn, 0x4b000001n, 0x40490fdbn, 0x7f7fffffn, 0xff7fffffn,
  0x00000001n, 0x80000001n, 0x00800000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00000n, 0x7fa00000n,
  0x7fc12345n, 0xff812345n,
  // bounds of the integer conversions and their neighbours
  0x4effffffn, 0x4f000000n, 0xcf000000n, 0xcf000001n, 0x4f7fffffn, 0x4f800000n, 0x5effffffn, 0x5f000000n,
  0xdf000000n, 0xdf000001n, 0x5f7fffffn, 0x5f800000n,
];

const F64_INPUTS: readonly bigint[] = [
  0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
  0xbfe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0xc004000000000000n, 0x400c000000000000n,
  0x3fdfffffffffffffn, 0xbfefffffffffffffn, 0x4330000000000001n, 0x400921fb54442d18n, 0x7fefffffffffffffn,
  0xffefffffffffffffn, 0x0000000000000001n, 0x8000000000000001n, 0x0010000000000000n, 0x7ff0000000000000n,
  0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000001n, 0x7ff8000000012345n,
  0xfff4000000000000n, 0x3fd5555555555555n, 0x36a0000000000000n, 0x47efffffe0000000n, 0x47efffffefffffffn,
  // bounds of the integer conversions and their neighbours
  ...[2147483647.9, 2147483648, -2147483648.9, -2147483649, 4294967295.5, 4294967296, -0.9, 2 ** 63, -(2 ** 63), 2 ** 64]
    .map((v) => bitsOf(Type.F64, v)),
  0x43dfffffffffffffn, 0xc3e0000000000001n, 0x43efffffffffffffn,
];

const I64_INPUTS: readonly bigint[] = [
  0n, 1n, 0xffffffffffffffffn, 0x7fffffffn, 0xffffffff80000000n, 0xffffffffn, 0x80000000n, 0x20000000000001n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0x1000001n, 0x1000003n,
  // u64 → f32 rounding: above half, exactly half (ties to even: down, then up)
  0x8000008000000001n, 0x8000008000000000n, 0x8000018000000000n, 0x7fffff8000000000n, 0xffffff7fffffffffn,
];

/** i32 operands: the low halves matter; the high halves are garbage the instruction must ignore */
const I32_INPUTS: readonly bigint[] = [
  ...[0n, 1n, 0xffffffffn, 0x7fffffffn, 0x80000000n, 0x80000001n, 0x1000001n, 0x7fffffc0n, 0xffffff81n].map(
    (v) => v | 0xdeadbeef00000000n,
  ),
  0x0000000100000000n,
];

const INPUTS: Record<number, readonly bigint[]> = {
  [Type.I32]: I32_INPUTS,
  [Type.I64]: I64_INPUTS,
  [Type.F32]: F32_INPUTS,
  [Type.F64]: F64_INPUTS,
  [Type.PTR]: I64_INPUTS,
};

/** fewer values for the two-operand rows (all pairs) */
const PAIR_F32 = F32_INPUTS.filter((_, k) => k % 2 === 0 || k >= 19 && k <= 25);
const PAIR_F64 = F64_INPUTS.filter((_, k) => k % 2 === 0 || k >= 19 && k <= 25);

// ---- the program ----

interface Case {
  readonly row: OpRow;
  readonly imm0: number;
  readonly imm1: number;
  readonly ins: readonly bigint[];
  readonly want: Want;
  /** operand k in register regs[k] */
  readonly regs: readonly number[];
}

function cases(): Case[] {
  const out: Case[] = [];
  const add = (row: OpRow, imm0: number, imm1: number, ins: readonly bigint[]): void => {
    const want = reference(row, ins, imm0, imm1);
    if (want === null) return; // the trapping truncations only see in-range operands
    const n = row.operands.length;
    const regs = Array.from({ length: n + 1 }, (_, k) => k);
    out.push({ row, imm0, imm1, ins, want, regs });
    // the destination shared with the last operand of its class
    const last = row.operands.length - 1;
    if (last >= 0 && isF(row.results![0]!) === isF(row.operands[last]!)) {
      out.push({ row, imm0, imm1, ins, want, regs: regs.map((r, k) => (k === 0 ? last + 1 : r)) });
    }
  };
  for (const row of OPCODES) {
    if (row.type === null) continue;
    const pairs = row.operands.length === 2;
    if (row.base === 'fconst') {
      for (const b of INPUTS[row.type]!) add(row, Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0, []);
      add(row, 0x41f80000, 0, []); // 31.0f
      add(row, 0, 0x40400000, []); // 32.0: no fmov imm8
    } else if (row.base === 'fcmp') {
      const vals = row.type === Type.F32 ? PAIR_F32 : PAIR_F64;
      for (const cc of Object.values(FloatCC)) for (const a of vals) for (const b of vals) add(row, cc, 0, [a, b]);
    } else if (pairs && /^f(add|sub|mul|div|min|max|copysign)$/.test(row.base)) {
      const vals = row.type === Type.F32 ? PAIR_F32 : PAIR_F64;
      for (const a of vals) for (const b of vals) add(row, 0, 0, [a, b]);
    } else if (row.operands.length === 1 && /^(f(abs|neg|cvt_|promote|demote)|sqrt|ceil|floor|trunc|nearest|bitcast)/.test(row.base)) {
      for (const a of INPUTS[row.operands[0]!]!) add(row, 0, 0, [a]);
    }
  }
  return out;
}

const X = (n: number): Gpr => n as Gpr;

/** load operand bits into the operand registers, run the rule, store the result at [x19], #8 */
function emitCase(asm: Assembler, s: IrScratch, c: Case): void {
  const inst = s.inst(c.row.name, c.imm0, c.imm1);
  const low = lowerOne(s.f, inst);
  c.row.operands.forEach((t, k) => {
    const reg = c.regs[k + 1]!;
    if (!isF(t)) {
      for (const i of materialize(X(reg), c.ins[k]!, 64)) asm.emit(i);
      return;
    }
    for (const i of materialize(X9, c.ins[k]!, 64)) asm.emit(i);
    asm.emit({ kind: 'fmov_to_fp', w: widthOf(t), rd: reg as Vreg, rn: X9 });
  });
  for (const mi of low.mis) emitWith(asm, s.f, low.x, mi, c.regs);
  const rt = c.row.results![0]!;
  if (isF(rt)) asm.emit({ kind: 'fmov_from_fp', w: widthOf(rt), rd: X9, rn: c.regs[0] as Vreg });
  else asm.emit(mov(64, X9, X(c.regs[0]!)));
  asm.emit({ kind: 'ldst', op: 'str', w: 64, rt: X9, addr: memPost(X19, 8) });
}

function program(all: readonly Case[]): Uint8Array {
  const s = new IrScratch();
  const asm = new Assembler();
  const buf = asm.newLabel();
  asm.emit({ kind: 'adr', rd: X19, target: buf });
  for (const c of all) emitCase(asm, s, c);
  // write(1, buf, 8 * cases); exit(0)
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(1), shift: 0 });
  asm.emit({ kind: 'adr', rd: X1, target: buf });
  for (const i of materialize(X2, BigInt(8 * all.length), 64)) asm.emit(i);
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(64), shift: 0 });
  asm.emit({ kind: 'svc', imm: imm16(0) });
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X0, imm: imm16(0), shift: 0 });
  asm.emit({ kind: 'mov_wide', op: 'movz', w: 64, rd: X8, imm: imm16(93), shift: 0 });
  asm.emit({ kind: 'svc', imm: imm16(0) });
  asm.align(8);
  asm.bind(buf);
  return asm.finish().code;
}

describe('AArch64 float and conversion rules executed under qemu-aarch64', () => {
  it('give wasm results on edge-case inputs for every float and conversion row', () => {
    const all = cases();
    const code = program(all);
    const out = runAarch64(code, 8 * all.length + 16);
    expect(out.length).toBe(8 * all.length);
    // per row: how many cases failed, and the first three
    const failures = new Map<string, string[]>();
    const seen = new Set<string>();
    all.forEach((c, k) => {
      seen.add(c.row.name);
      const why = judge(c.row, c.ins, c.want, out.readBigUInt64LE(8 * k));
      if (why === null) return;
      const list = failures.get(c.row.name) ?? [];
      failures.set(c.row.name, list);
      const ins = c.ins.map((b) => '0x' + b.toString(16)).join(', ');
      list.push(`${c.row.base === 'fcmp' ? `cc${c.imm0} ` : ''}(${ins}) regs ${c.regs.join(',')}: ${why}`);
    });
    const report = [...failures].map(([name, list]) => `${name}: ${list.length} failed, e.g. ${list.slice(0, 3).join('; ')}`);
    expect(report).toEqual([]);
    // every row of the two families ran
    const rows = OPCODES.filter((r) => /^(f(const|add|sub|mul|div|min|max|copysign|abs|neg|cmp|cvt_|promote|demote)|sqrt|ceil|floor|trunc|nearest|bitcast)/.test(r.base));
    expect(rows.filter((r) => !seen.has(r.name)).map((r) => r.name)).toEqual([]);
    expect(all.length).toBeGreaterThan(5000);
  });
});
