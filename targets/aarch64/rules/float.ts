/**
 * Float instructions with wasm's semantics on A64 scalar floating point (Arm ARM DDI 0487,
 * C7.2: FADD … FRINTZ, FCMP, FMOV; the pseudocode FPMin/FPMax, FPRoundInt, FPCompare).
 *
 * Most wasm float operations are one A64 instruction with exactly wasm's result:
 * - fmin/fmax propagate NaN (a quiet NaN, the input's payload) and order -0 < +0 (FPMin/FPMax
 *   on two zeros combine the signs), which is wasm's min/max; fminnm/fmaxnm would not be;
 * - fabs/fneg only touch the sign bit, NaN payloads (signalling ones too) included;
 * - frintp/frintm/frintz/frintn are ceil/floor/trunc/nearest (ties to even), keeping -0;
 * - fcmp sets NZCV to 0110 (eq), 1000 (lt), 0010 (gt) or 0011 (unordered), and each wasm
 *   relation has one condition that is false on unordered (`ne` true, as wasm wants): cond.ts's
 *   FLOAT_COND.
 * All of this assumes Linux's default FPCR (round to nearest, FZ = 0: subnormals kept; DN = 0,
 * although DN = 1 would only make NaN results canonical, which wasm also accepts).
 * fcopysign goes through the general-purpose side (x16, x17: the emitter's scratch
 * registers, abi.ts), which keeps every bit of the magnitude operand.
 *
 * Operand layouts:
 * - fconst: def (rematerialisable).
 * - fadd fsub fmul fdiv fmin fmax fcopysign: def, a, b.
 * - fabs fneg sqrt ceil floor trunc nearest: def, a.
 * - fcmp: def (int), a, b.
 */

import { OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { SCRATCH_GPR, SCRATCH_GPR2 } from '../abi.js';
import { cset } from '../alias.js';
import { shiftAmount, tryFpImm } from '../imm.js';
import type { Fp1Op, Fp2Op } from '../inst.js';
import { materialize } from '../materialize.js';
import type { Assembler } from '../asm.js';
import { XZR, type Fw, type Vreg } from '../regs.js';
import { FLOAT_COND } from './cond.js';
import { defineLowering, defineRule, lowerBinary, lowerConst, lowerUnary, type EmitCtx } from './rule.js';

/** the scalar width of a float IR type (f64: d registers, else s) */
export const fwOf = (t: Type | null): Fw => (t === Type.F64 ? 64 : 32);

/** the controlling type of machine instruction mi's IR row */
const typeOf = (e: EmitCtx, mi: number): Type | null => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!.type;
const opcodeOf = (e: EmitCtx, mi: number): number => e.f.instOp[e.x.ir[mi] as number] as number;

/** a per-opcode lookup of a per-family table (filled once, so emission reads an array) */
function byOpcode<T>(table: Readonly<Record<string, T>>): readonly (T | undefined)[] {
  return OPCODES.map((r) => table[r.base]);
}

// ---- constants ----

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);
const f64Scratch = new Float64Array(1);
const u32Pair = new Uint32Array(f64Scratch.buffer);

/** the value of a float bit pattern (f32: lo only; f64: hi:lo) */
function floatValue(lo: number, hi: number, f64: boolean): number {
  if (!f64) {
    u32Scratch[0] = lo >>> 0;
    return f32Scratch[0] as number;
  }
  u32Pair[0] = lo >>> 0;
  u32Pair[1] = hi >>> 0;
  return f64Scratch[0] as number;
}

/**
 * dst = the f32/f64 bit pattern (hi:lo): +0 from the zero register, an fmov imm8 when the
 * value is one (±(1 + n/16)·2^e, e -3..4), else the bits built in x16 and moved over.
 */
export function loadFloatBits(asm: Assembler, dst: Vreg, lo: number, hi: number, f64: boolean): void {
  const w: Fw = f64 ? 64 : 32;
  if (lo === 0 && (!f64 || hi === 0)) {
    asm.emit({ kind: 'fmov_to_fp', w, rd: dst, rn: XZR });
    return;
  }
  const imm = tryFpImm(floatValue(lo, hi, f64));
  if (imm !== null) {
    asm.emit({ kind: 'fmov_imm', fw: w, rd: dst, imm });
    return;
  }
  const bits = f64 ? (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0) : BigInt(lo >>> 0);
  for (const inst of materialize(SCRATCH_GPR, bits, w)) asm.emit(inst);
  asm.emit({ kind: 'fmov_to_fp', w, rd: dst, rn: SCRATCH_GPR });
}

export const fconst = defineRule(
  'fconst',
  (e, mi) => {
    const i = e.x.ir[mi] as number;
    loadFloatBits(e.asm, e.vreg(mi, 0), e.f.instImm0[i] as number, e.f.instImm1[i] as number, typeOf(e, mi) === Type.F64);
  },
  true,
);

defineLowering('fconst', lowerConst(fconst));

// ---- two-operand arithmetic ----

const FP2_OF = byOpcode<Fp2Op>({ fadd: 'fadd', fsub: 'fsub', fmul: 'fmul', fdiv: 'fdiv', fmin: 'fmin', fmax: 'fmax' });

const fp2 = defineRule(
  'fp2',
  (e, mi) => {
    const op = FP2_OF[opcodeOf(e, mi)]!;
    e.asm.emit({ kind: 'fp2', op, fw: fwOf(typeOf(e, mi)), rd: e.vreg(mi, 0), rn: e.vreg(mi, 1), rm: e.vreg(mi, 2) });
  },
  true,
);

defineLowering('fadd fsub fmul fdiv fmin fmax', lowerBinary(fp2));

/**
 * copysign(a, b): a's magnitude bits under b's sign bit. bfxil x17, x16, #0, #(w-1) writes
 * bits w-2..0 of x16 (a) into x17 (b), whose bit w-1 stays.
 */
const copysign = defineRule(
  'fcopysign',
  (e, mi) => {
    const w = fwOf(typeOf(e, mi));
    const asm = e.asm;
    asm.emit({ kind: 'fmov_from_fp', w, rd: SCRATCH_GPR, rn: e.vreg(mi, 1) });
    asm.emit({ kind: 'fmov_from_fp', w, rd: SCRATCH_GPR2, rn: e.vreg(mi, 2) });
    asm.emit({ kind: 'bitfield', op: 'bfm', w, rd: SCRATCH_GPR2, rn: SCRATCH_GPR, immr: shiftAmount(0, w), imms: shiftAmount(w - 2, w) });
    asm.emit({ kind: 'fmov_to_fp', w, rd: e.vreg(mi, 0), rn: SCRATCH_GPR2 });
  },
  true,
);

defineLowering('fcopysign', lowerBinary(copysign));

// ---- one-operand operations ----

const FP1_OF = byOpcode<Fp1Op>({
  fabs: 'fabs',
  fneg: 'fneg',
  sqrt: 'fsqrt',
  ceil: 'frintp',
  floor: 'frintm',
  trunc: 'frintz',
  nearest: 'frintn',
});

const fp1 = defineRule(
  'fp1',
  (e, mi) => {
    const op = FP1_OF[opcodeOf(e, mi)]!;
    e.asm.emit({ kind: 'fp1', op, fw: fwOf(typeOf(e, mi)), rd: e.vreg(mi, 0), rn: e.vreg(mi, 1) });
  },
  true,
);

defineLowering('fabs fneg sqrt ceil floor trunc nearest', lowerUnary(fp1));

// ---- comparisons ----

/**
 * fcmp into 0/1: fcmp a, b; cset wd, cond. The condition per FloatCC is cond.ts's FLOAT_COND
 * (shared with fused branches and selects): eq → eq, ne → ne (true on unordered), lt → mi,
 * le → ls, gt → gt, ge → ge, each false on an unordered result (NZCV = 0011) except ne.
 */
const fcmp = defineRule(
  'fcmp',
  (e, mi) => {
    const cc = e.f.instImm0[e.x.ir[mi] as number] as number;
    e.asm.emit({ kind: 'fcmp', op: 'fcmp', fw: fwOf(typeOf(e, mi)), rn: e.vreg(mi, 1), rm: e.vreg(mi, 2) });
    e.asm.emit(cset(32, e.gpr(mi, 0), FLOAT_COND[cc]!));
  },
  true,
);

defineLowering('fcmp', lowerBinary(fcmp));
