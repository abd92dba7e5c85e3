/**
 * The f32x4 / f64x2 lane operations and the vector conversions between i32x4 and f32x4 / f64x2
 * lanes on Advanced SIMD, with wasm's semantics (WebAssembly 2.0 §4.3.3: fmin, fmax, fpmin,
 * fpmax, fnearest, trunc_sat, convert, demote, promote; "NaN Propagation"). The x86-64
 * counterparts are targets/x86_64/rules/simd-float.ts and simd-convert.ts.
 *
 * Instruction behaviour from the Arm ARM (DDI 0487), C7.2 and the shared pseudocode (J1):
 * - FADD/FSUB/FMUL/FDIV/FSQRT (vector): IEEE operations rounded by FPCR (Linux's default:
 *   nearest-even, FZ = 0, DN = 0), a NaN operand propagated quiet with its payload
 *   (FPProcessNaNs), an invalid operation giving the default NaN: wasm's arithmetic NaNs.
 * - FMIN/FMAX (vector): FPMin/FPMax — NaN if either operand is one (FPProcessNaNs), and on two
 *   zeros the signs combined (min: sign1 OR sign2, so −0 < +0; max: AND): exactly wasm's
 *   min/max. (FMINNM/FMAXNM would return the number; not used.)
 * - FABS/FNEG (vector): FPAbs/FPNeg touch only the sign bit (NaNs too), as wasm's abs/neg.
 * - FRINTP/FRINTM/FRINTZ/FRINTN (vector): FPRoundInt toward +∞, −∞, zero, nearest with ties to
 *   even; a zero result keeps the operand's sign (ceil(−0.5) = −0), NaN quieted: wasm's ceil,
 *   floor, trunc, nearest.
 * - FCMEQ/FCMGT/FCMGE (vector, register): all ones where the relation holds, else zero, and
 *   false when either lane is a NaN. lt and le are gt and ge with the operands swapped (not
 *   the negation, which would be true on NaN); ne is not(eq), true on NaN as wasm wants.
 * - FCVTZS/FCVTZU (vector, integer): FPToFixed rounding toward zero, saturating to the
 *   element's range, and 0 for a NaN (FPUnpack gives NaNs the value 0): wasm's trunc_sat.
 * - SCVTF/UCVTF (vector, integer): FixedToFP, one rounding by FPCR (nearest-even).
 * - SQXTN/UQXTN: each 64-bit lane saturated to 32 bits (signed / unsigned) into the low half;
 *   the 64-bit (Q = 0) form clears the high half of the destination.
 * - SXTL/UXTL (SSHLL/USHLL #0): the low two 32-bit lanes widened to 64 bits.
 * - FCVTN (Q = 0): two f64 lanes rounded to f32 in the low half, the high half cleared; FCVTL
 *   (Q = 0): the low two f32 lanes to f64, exact. NaNs keep their sign and the top of their
 *   payload, quieted (FPConvertNaN): canonical stays canonical.
 *
 * So most rows are one instruction; the rest are short sequences whose first instruction reads
 * every operand and whose later ones work on the destination alone (so the destination may
 * share a register with an operand). pmin/pmax select with a mask, in v31 (the emitter's
 * scratch, abi.ts) when the destination is an operand:
 *   pmin(a, b) = b < a ? b : a = (a > b) ? b : a:  fcmgt m, a, b, then m ? b : a;
 *   pmax(a, b) = a < b ? b : a = (b > a) ? b : a:  fcmgt m, b, a, then m ? b : a;
 * both give a (the first operand) when a lane is a NaN, as wasm's pmin/pmax.
 *
 * Operand layouts:
 * - two-operand rows (arithmetic, min/max, pmin/pmax, comparisons): def, a, b.
 * - one-operand rows (abs neg sqrt ceil floor trunc nearest, conversions): def, a.
 */

import { op as opcodeOf, OPCODES } from '../../../compiler/ir/opcodes.js';
import { vec3, vecMisc, vextend, vmvn } from '../alias-simd.js';
import type { Assembler } from '../asm.js';
import type { Vec3Op, VecMiscOp } from '../inst-simd.js';
import type { Inst } from '../inst.js';
import type { Vreg } from '../regs.js';
import { SCRATCH_VREG } from '../abi.js';
import { defineLowering, defineRule, lowerBinary, lowerUnary, type EmitCtx } from './rule.js';

/** one instruction of a row's sequence: d the destination, a and b the IR operands (b = a for one operand) */
type Step = (d: Vreg, a: Vreg, b: Vreg) => Inst;

/** how a row is emitted: a fixed sequence of steps, or a sequence chosen by register coincidences */
type Emit = (asm: Assembler, d: Vreg, a: Vreg, b: Vreg) => void;

const sequence = (...steps: readonly Step[]): Emit => (asm, d, a, b) => {
  for (const s of steps) asm.emit(s(d, a, b));
};

type FloatArr = '4s' | '2d';
const SHAPES: readonly (readonly [shape: 'f32x4' | 'f64x2', arr: FloatArr])[] = [
  ['f32x4', '4s'],
  ['f64x2', '2d'],
];

/** the floating-point three-same ops (their arrangement class is 'f') */
type FloatVec3Op = Extract<Vec3Op, 'fadd' | 'fsub' | 'fmul' | 'fdiv' | 'fmin' | 'fmax' | 'fcmeq' | 'fcmgt' | 'fcmge'>;
/** the floating-point two-register miscellaneous ops of one arrangement (class 'f') */
type FloatMiscOp = Extract<VecMiscOp, 'fabs' | 'fneg' | 'fsqrt' | 'frintp' | 'frintm' | 'frintz' | 'frintn' | 'fcvtzs' | 'fcvtzu' | 'scvtf' | 'ucvtf'>;

/** d = a op b (or b op a when `swap`) */
const three = (op: FloatVec3Op, arr: FloatArr, swap = false): Step => (d, a, b) => (swap ? vec3(op, arr, d, b, a) : vec3(op, arr, d, a, b));
/** d = op a */
const misc = (op: FloatMiscOp, arr: FloatArr): Step => (d, a) => vecMisc(op, arr, d, a);
/** d = op d (a later step of a sequence) */
const miscInPlace = (op: FloatMiscOp, arr: FloatArr): Step => (d) => vecMisc(op, arr, d, d);

/**
 * d = mask ? b : a, where `mask` builds the lane mask from (a, b) into its first register:
 * straight into d with bsl when d is neither operand; otherwise into v31, then bit (insert b
 * where the mask is set, d = a) or bif (insert a where it is clear, d = b).
 */
function select(mask: (m: Vreg, a: Vreg, b: Vreg) => Inst): Emit {
  return (asm, d, a, b) => {
    if (d !== a && d !== b) {
      asm.emit(mask(d, a, b));
      asm.emit(vec3('bsl', '16b', d, b, a));
      return;
    }
    asm.emit(mask(SCRATCH_VREG, a, b));
    if (d === a) asm.emit(vec3('bit', '16b', d, b, SCRATCH_VREG));
    else asm.emit(vec3('bif', '16b', d, a, SCRATCH_VREG));
  };
}

// ---- the rows ----

/** two-operand rows: [wasm op, three-same op, operands swapped] */
const BINARY: readonly (readonly [string, FloatVec3Op, boolean])[] = [
  ['add', 'fadd', false],
  ['sub', 'fsub', false],
  ['mul', 'fmul', false],
  ['div', 'fdiv', false],
  ['min', 'fmin', false],
  ['max', 'fmax', false],
  ['eq', 'fcmeq', false],
  ['gt', 'fcmgt', false],
  ['ge', 'fcmge', false],
  ['lt', 'fcmgt', true],
  ['le', 'fcmge', true],
];

/** one-operand rows of one instruction: [wasm op, two-register miscellaneous op] */
const UNARY: readonly (readonly [string, FloatMiscOp])[] = [
  ['abs', 'fabs'],
  ['neg', 'fneg'],
  ['sqrt', 'fsqrt'],
  ['ceil', 'frintp'],
  ['floor', 'frintm'],
  ['trunc', 'frintz'],
  ['nearest', 'frintn'],
];

/** rows of two operands (def, a, b) */
const TWO: Record<string, Emit> = {};
/** rows of one operand (def, a) */
const ONE: Record<string, Emit> = {};

for (const [shape, arr] of SHAPES) {
  for (const [name, op, swap] of BINARY) TWO[`${shape}.${name}`] = sequence(three(op, arr, swap));
  for (const [name, op] of UNARY) ONE[`${shape}.${name}`] = sequence(misc(op, arr));
  TWO[`${shape}.ne`] = sequence(three('fcmeq', arr), (d) => vmvn(d, d));
  TWO[`${shape}.pmin`] = select((m, a, b) => vec3('fcmgt', arr, m, a, b));
  TWO[`${shape}.pmax`] = select((m, a, b) => vec3('fcmgt', arr, m, b, a));
}

Object.assign(ONE, {
  'i32x4.trunc_sat_f32x4_s': sequence(misc('fcvtzs', '4s')),
  'i32x4.trunc_sat_f32x4_u': sequence(misc('fcvtzu', '4s')),
  'f32x4.convert_i32x4_s': sequence(misc('scvtf', '4s')),
  'f32x4.convert_i32x4_u': sequence(misc('ucvtf', '4s')),
  // saturated to i64 first (every f64 in the i32 range converts exactly), then to i32
  'i32x4.trunc_sat_f64x2_s_zero': sequence(misc('fcvtzs', '2d'), (d) => vecMisc('sqxtn', '2s', d, d)),
  'i32x4.trunc_sat_f64x2_u_zero': sequence(misc('fcvtzu', '2d'), (d) => vecMisc('uqxtn', '2s', d, d)),
  // every i32 / u32 is exact in an f64
  'f64x2.convert_low_i32x4_s': sequence((d, a) => vextend(true, d, a, '2s'), miscInPlace('scvtf', '2d')),
  'f64x2.convert_low_i32x4_u': sequence((d, a) => vextend(false, d, a, '2s'), miscInPlace('ucvtf', '2d')),
  'f32x4.demote_f64x2_zero': sequence((d, a) => vecMisc('fcvtn', '2s', d, a)),
  'f64x2.promote_low_f32x4': sequence((d, a) => vecMisc('fcvtl', '2s', d, a)),
} satisfies Record<string, Emit>);

/** the emitter of each row, by IR opcode */
function byOpcode(table: Readonly<Record<string, Emit>>): readonly (Emit | undefined)[] {
  const out = new Array<Emit | undefined>(OPCODES.length);
  for (const [name, emit] of Object.entries(table)) out[opcodeOf(name)] = emit;
  return out;
}

const TWO_BY_OP = byOpcode(TWO);
const ONE_BY_OP = byOpcode(ONE);
const opcodeAt = (e: EmitCtx, mi: number): number => e.f.instOp[e.x.ir[mi] as number] as number;

const two = defineRule('vfloat2', (e, mi) => TWO_BY_OP[opcodeAt(e, mi)]!(e.asm, e.vreg(mi, 0), e.vreg(mi, 1), e.vreg(mi, 2)), true);
const one = defineRule('vfloat1', (e, mi) => {
  const a = e.vreg(mi, 1);
  ONE_BY_OP[opcodeAt(e, mi)]!(e.asm, e.vreg(mi, 0), a, a);
}, true);

defineLowering(Object.keys(TWO).join(' '), lowerBinary(two));
defineLowering(Object.keys(ONE).join(' '), lowerUnary(one));
