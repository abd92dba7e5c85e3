/**
 * v128 bitwise operations and integer lane arithmetic, compares, shifts, min/max, saturating
 * arithmetic, averages and popcnt on Advanced SIMD (armv8.0-a). Semantics are wasm's
 * (compiler/ir/vector-rows.ts); instruction facts from the Arm ARM (DDI 0487) C7.2 pages of each
 * mnemonic. The x86-64 counterpart is targets/x86_64/rules/simd-int.ts.
 *
 * Most rows are one three-same instruction on the two operands, so they are rows of one table
 * (THREE): `~` swaps the operands (wasm's `lt_s(a, b)` is `cmgt b, a`), `!` inverts the result
 * (`ne` is `cmeq` then `mvn`). NEON has every compare the wasm set needs: cmeq, cmgt/cmge
 * (signed), cmhi/cmhs (unsigned), each giving all-ones or zero lanes, as wasm wants; i64x2
 * included. `v128.andnot(a, b) = a & ~b` is `bic a, b`. Lane-wise wrapping add/sub/mul, min/max,
 * saturating add/sub (sqadd/uqadd/sqsub/uqsub) and the rounding average `urhadd`
 * ((a + b + 1) >> 1 computed without overflow) are wasm's operations exactly.
 *
 * One-operand rows (ONE): not (`mvn`), neg, abs (wrapping: abs of the lowest value is itself,
 * as in wasm; not sqabs), i8x16.popcnt (`cnt`).
 *
 * Named sequences:
 * - bitselect(v1, v2, c) = v1 & c | v2 & ~c: `bsl` when the destination is c's register, `bit`
 *   when it is v2's, `bif` when it is v1's, else `mov d, c` then `bsl` (chosen when emitting, so
 *   no register constraint is needed).
 * - i64x2.mul (NEON has no 64-bit mul): with a = ah:al and b = bh:bl (32-bit halves),
 *   a·b mod 2^64 = al·bl + ((al·bh + ah·bl) << 32): rev64 swaps b's halves, a 32-bit `mul` forms
 *   both cross products, `uaddlp` adds them into 64 bits, `shl #32`, and `umlal` adds al·bl
 *   (the low halves narrowed by `xtn`).
 * - shifts: the count modulo the lane width. A constant count is an immediate shl/ushr/sshr (no
 *   instruction when it is 0 and the registers agree); a register count is `and w16, w, #(bits-1)`,
 *   for right shifts `neg w16, w16`, `dup v31.T, w16` and `ushl`/`sshl` (which shift left by the
 *   signed low byte of each lane, right when it is negative; sshl arithmetically, without
 *   rounding).
 *
 * Operand layouts (operand numbers as e.vreg/e.gpr read them):
 * - THREE rows: def, a, b.   ONE rows: def, a.   bitselect: def, v1, v2, c.
 * - i64x2.mul: def, a, b, 2 scratch vector registers (early defs: distinct from a, b and def).
 * - shifts, register count: def, a, count; constant count (aux0 = the count, aux1 = 1): def, a.
 * Every sequence reads its operands before it writes the destination, which may share a
 * register with an operand that dies here. v31 (SCRATCH_VREG) and x16 (SCRATCH_GPR) are the
 * emitter's scratch registers.
 */

import { OPCODES, opcodesNamed } from '../../../compiler/ir/opcodes.js';
import { RegClassId } from '../../../compiler/regalloc/mach.js';
import { SCRATCH_GPR, SCRATCH_VREG } from '../abi.js';
import { neg } from '../alias.js';
import { vec3, vec3Diff, vecMisc, vecShift, vmov } from '../alias-simd.js';
import type { ArrOf } from '../arrangement.js';
import { logicalImm32 } from '../imm.js';
import type { Vec3Op, VecMiscOp } from '../inst-simd.js';
import type { Inst } from '../inst.js';
import type { GprZr, Vreg } from '../regs.js';
import { VEC3, VEC_MISC } from '../tables-simd.js';
import { defineLowering, defineRule, type EmitCtx, type LowerCtx } from './rule.js';

const X = SCRATCH_VREG;


/** a per-opcode array of a table keyed by row name */
function byOpcode<T>(table: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const [id, name] of opcodesNamed(table.keys())) out[id] = table.get(name)!;
  return out;
}

const opOf = (e: EmitCtx, mi: number): number => e.f.instOp[e.x.ir[mi] as number] as number;

type IntArr = ArrOf<'bhsd'>;
/** the 128-bit arrangement of each integer shape */
const SHAPE_ARR: Readonly<Record<string, IntArr>> = { i8x16: '16b', i16x8: '8h', i32x4: '4s', i64x2: '2d' };
const SHAPES: Readonly<Record<string, string>> = { b: 'i8x16', h: 'i16x8', s: 'i32x4', d: 'i64x2' };

// ---- one table: the rows that are one three-same instruction (and maybe a mvn) ----

interface ThreeRow {
  readonly op: Vec3Op;
  readonly arr: IntArr;
  /** the instruction reads (b, a) */
  readonly swap: boolean;
  /** invert the result */
  readonly not: boolean;
}

/** [wasm op, lane shapes it exists for (b h s d), instruction: `~` swaps the operands, `!` inverts] */
const TEMPLATES: readonly (readonly [string, string, string])[] = [
  ['add', 'bhsd', 'add'],
  ['sub', 'bhsd', 'sub'],
  ['mul', 'hs', 'mul'],
  ['eq', 'bhsd', 'cmeq'],
  ['ne', 'bhsd', 'cmeq !'],
  ['gt_s', 'bhsd', 'cmgt'],
  ['lt_s', 'bhsd', '~cmgt'],
  ['ge_s', 'bhsd', 'cmge'],
  ['le_s', 'bhsd', '~cmge'],
  ['gt_u', 'bhs', 'cmhi'],
  ['lt_u', 'bhs', '~cmhi'],
  ['ge_u', 'bhs', 'cmhs'],
  ['le_u', 'bhs', '~cmhs'],
  ['min_s', 'bhs', 'smin'],
  ['min_u', 'bhs', 'umin'],
  ['max_s', 'bhs', 'smax'],
  ['max_u', 'bhs', 'umax'],
  ['add_sat_s', 'bh', 'sqadd'],
  ['add_sat_u', 'bh', 'uqadd'],
  ['sub_sat_s', 'bh', 'sqsub'],
  ['sub_sat_u', 'bh', 'uqsub'],
  ['avgr_u', 'bh', 'urhadd'],
];

const V128_THREE: Readonly<Record<string, string>> = { 'v128.and': 'and', 'v128.or': 'orr', 'v128.xor': 'eor', 'v128.andnot': 'bic' };

function parseThree(spec: string, arr: IntArr): ThreeRow {
  const words = spec.trim().split(/\s+/);
  const not = words[words.length - 1] === '!';
  if (not) words.pop();
  if (words.length !== 1) throw new Error(`simd-int: one instruction expected in "${spec}"`);
  const swap = words[0]!.startsWith('~');
  const op = words[0]!.replace('~', '');
  if (!(op in VEC3)) throw new Error(`simd-int: no three-same op ${op}`);
  // built once here, so an arrangement the op lacks fails when the module loads
  vec3(op as Vec3Op, arr, X, X, X);
  return { op: op as Vec3Op, arr, swap, not };
}

function threeTable(): Map<string, ThreeRow> {
  const out = new Map<string, ThreeRow>();
  for (const [name, op] of Object.entries(V128_THREE)) out.set(name, parseThree(op, '16b'));
  for (const [op, shapes, spec] of TEMPLATES) {
    for (const s of shapes) {
      const shape = SHAPES[s]!;
      out.set(`${shape}.${op}`, parseThree(spec, SHAPE_ARR[shape]!));
    }
  }
  return out;
}

const THREE = threeTable();
const THREE_BY_OP = byOpcode(THREE);

const three = defineRule('simd_three', (e, mi) => {
  const s = THREE_BY_OP[opOf(e, mi)]!;
  const d = e.vreg(mi, 0);
  const a = e.vreg(mi, 1);
  const b = e.vreg(mi, 2);
  e.asm.emit(vec3(s.op, s.arr, d, s.swap ? b : a, s.swap ? a : b));
  if (s.not) e.asm.emit(vecMisc('not', '16b', d, d));
}, true);

defineLowering([...THREE.keys()].join(' '), (c: LowerCtx, i: number) => {
  c.x.inst(three, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
});

// ---- one-operand rows: one two-register miscellaneous instruction ----

interface OneRow {
  readonly op: VecMiscOp;
  readonly arr: IntArr;
}

function oneTable(): Map<string, OneRow> {
  const rows: [string, VecMiscOp, IntArr][] = [['v128.not', 'not', '16b'], ['i8x16.popcnt', 'cnt', '16b']];
  for (const shape of Object.values(SHAPES)) {
    rows.push([`${shape}.neg`, 'neg', SHAPE_ARR[shape]!], [`${shape}.abs`, 'abs', SHAPE_ARR[shape]!]);
  }
  const out = new Map<string, OneRow>();
  for (const [name, op, arr] of rows) {
    if (!(op in VEC_MISC)) throw new Error(`simd-int: no two-register op ${op}`);
    vecMisc(op, arr, X, X);
    out.set(name, { op, arr });
  }
  return out;
}

const ONE = oneTable();
const ONE_BY_OP = byOpcode(ONE);

const one = defineRule('simd_one', (e, mi) => {
  const s = ONE_BY_OP[opOf(e, mi)]!;
  e.asm.emit(vecMisc(s.op, s.arr, e.vreg(mi, 0), e.vreg(mi, 1)));
}, true);

defineLowering([...ONE.keys()].join(' '), (c: LowerCtx, i: number) => {
  c.x.inst(one, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
});

// ---- bitselect ----

/** v1 & c | v2 & ~c, whichever register the destination shares */
export function bitselect(d: Vreg, v1: Vreg, v2: Vreg, c: Vreg): Inst[] {
  // bsl: d = d & n | ~d & m (d the mask)
  if (d === c) return [vec3('bsl', '16b', d, v1, v2)];
  // bit: d = d & ~m | n & m (insert n where m is set)
  if (d === v2) return [vec3('bit', '16b', d, v1, c)];
  // bif: d = d & m | n & ~m (insert n where m is clear)
  if (d === v1) return [vec3('bif', '16b', d, v2, c)];
  return [vmov(d, c), vec3('bsl', '16b', d, v1, v2)];
}

const bitsel = defineRule('simd_bitselect', (e, mi) => {
  for (const inst of bitselect(e.vreg(mi, 0), e.vreg(mi, 1), e.vreg(mi, 2), e.vreg(mi, 3))) e.asm.emit(inst);
}, true);

defineLowering('v128.bitselect', (c: LowerCtx, i: number) => {
  c.x.inst(bitsel, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
  c.use(c.f.operand(i, 2));
});

// ---- i64x2.mul ----

/** d = a · b per 64-bit lane; t1, t2 scratch registers distinct from a, b and d */
export function mul64(d: Vreg, a: Vreg, b: Vreg, t1: Vreg, t2: Vreg): Inst[] {
  return [
    vecMisc('rev64', '4s', t1, b), // bl:bh
    vec3('mul', '4s', t1, t1, a), // al·bh, ah·bl (mod 2^32)
    vecMisc('xtn', '2s', X, a), // al
    vecMisc('xtn', '2s', t2, b), // bl
    vecMisc('uaddlp', '4s', d, t1), // al·bh + ah·bl (64 bits)
    vecShift('shl', '2d', d, d, 32),
    vec3Diff('umlal', '2s', d, X, t2), // + al·bl
  ];
}

const mul = defineRule('simd_mul64', (e, mi) => {
  for (const inst of mul64(e.vreg(mi, 0), e.vreg(mi, 1), e.vreg(mi, 2), e.vreg(mi, 3), e.vreg(mi, 4))) e.asm.emit(inst);
}, true);

defineLowering('i64x2.mul', (c: LowerCtx, i: number) => {
  c.x.inst(mul, i);
  c.def(c.f.result(i, 0));
  c.use(c.f.operand(i, 0));
  c.use(c.f.operand(i, 1));
  c.temp(RegClassId.Float);
  c.temp(RegClassId.Float);
});

// ---- shifts ----

type ShiftKind = 'shl' | 'shr_s' | 'shr_u';

interface ShiftRow {
  readonly kind: ShiftKind;
  readonly arr: IntArr;
  /** lane width in bits: the count is taken modulo it */
  readonly bits: number;
}

function shiftTable(): Map<string, ShiftRow> {
  const out = new Map<string, ShiftRow>();
  for (const shape of Object.values(SHAPES)) {
    const arr = SHAPE_ARR[shape]!;
    const bits = 128 / Number(shape.split('x')[1]);
    for (const kind of ['shl', 'shr_s', 'shr_u'] as const) out.set(`${shape}.${kind}`, { kind, arr, bits });
  }
  return out;
}

const SHIFT_TABLE = shiftTable();
const SHIFTS = byOpcode(SHIFT_TABLE);
const SHIFT_NAMES = [...SHIFT_TABLE.keys()];

/** d = a shifted by the constant n (taken modulo the lane width) */
function shiftByConst(s: ShiftRow, d: Vreg, a: Vreg, count: number): Inst[] {
  const n = count & (s.bits - 1);
  if (n === 0) return d === a ? [] : [vmov(d, a)];
  const op = s.kind === 'shl' ? 'shl' : s.kind === 'shr_u' ? 'ushr' : 'sshr';
  return [vecShift(op, s.arr, d, a, n)];
}

/** d = a shifted by the count in general register w (taken modulo the lane width) */
function shiftByReg(s: ShiftRow, d: Vreg, a: Vreg, w: GprZr): Inst[] {
  const out: Inst[] = [{ kind: 'logic_imm', op: 'and', w: 32, rd: SCRATCH_GPR, rn: w, imm: logicalImm32(s.bits - 1) }];
  if (s.kind !== 'shl') out.push(neg(32, SCRATCH_GPR, SCRATCH_GPR));
  // the 2d form reads x16: its low byte is the (negated) count, all a lane of ushl/sshl reads
  out.push({ kind: 'vec_dup_gpr', arr: s.arr, rd: X, rn: SCRATCH_GPR });
  out.push(vec3(s.kind === 'shr_s' ? 'sshl' : 'ushl', s.arr, d, a, X));
  return out;
}

const shift = defineRule('simd_shift', (e, mi) => {
  const s = SHIFTS[opOf(e, mi)]!;
  const d = e.vreg(mi, 0);
  const a = e.vreg(mi, 1);
  const insts = (e.x.aux1[mi] as number) === 1 ? shiftByConst(s, d, a, e.x.aux0[mi] as number) : shiftByReg(s, d, a, e.gpr(mi, 2));
  for (const inst of insts) e.asm.emit(inst);
}, true);

defineLowering(SHIFT_NAMES.join(' '), (c: LowerCtx, i: number) => {
  const f = c.f;
  const k = c.constOf(f.operand(i, 1));
  c.x.inst(shift, i, 0, k === null ? 0 : k & 63, k === null ? 0 : 1);
  c.def(f.result(i, 0));
  c.use(f.operand(i, 0));
  if (k === null) c.use(f.operand(i, 1));
});

/** every IR row this file lowers */
export const SIMD_INT_ROWS: readonly string[] = [...THREE.keys(), ...ONE.keys(), 'v128.bitselect', 'i64x2.mul', ...SHIFT_NAMES];
