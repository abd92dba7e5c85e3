/**
 * Conversions between integers and floats, between the two float precisions, and bitcasts
 * (Arm ARM DDI 0487 C7.2: SCVTF, UCVTF, FCVTZS, FCVTZU, FCVT, FMOV (general); the pseudocode
 * FixedToFP, FPToFixed, FPConvert).
 *
 * Every conversion is one instruction:
 * - int → float: scvtf/ucvtf read the w or x register as a signed or unsigned integer and round
 *   once to nearest even, which is wasm's convert for all eight pairs (u64 → f32 included: no
 *   double rounding);
 * - float → int: fcvtzs/fcvtzu round toward zero and saturate to the destination's range, with
 *   NaN giving 0 (FPToFixed) — exactly wasm's `trunc_sat`. The trapping `fcvt_to_sint/uint`
 *   rows run after the frontend's explicit NaN and range checks (compiler/frontend/checks.ts:
 *   `trapnz (fcmp ne x, x), bad_toint`, then `lo < x < hi` with the exclusive bounds, else
 *   `int_ovf`), as on x86-64, so their operand is in range and the same instruction is exact;
 * - fpromote/fdemote: fcvt (round to nearest even; a NaN stays a quiet NaN with its payload's
 *   top bits);
 * - bitcast: fmov between the register files keeps every bit; ptr ↔ i64 is a register move.
 * i32.wrap_i64 and the integer extensions are integer rows (int.ts), as on x86-64.
 *
 * Operand layouts: def, a.
 */

import { OPCODES, type OpRow } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { mov } from '../alias.js';
import type { CvtF2IOp, CvtI2FOp } from '../inst.js';
import type { W } from '../regs.js';
import { fwOf } from './float.js';
import { defineLowering, defineRule, lowerUnary, type EmitCtx } from './rule.js';

const rowOf = (e: EmitCtx, mi: number): OpRow => OPCODES[e.f.instOp[e.x.ir[mi] as number] as number]!;
/** the general-purpose width of an integer IR type */
const wOf = (t: Type | null): W => (t === Type.I64 || t === Type.PTR ? 64 : 32);
const isFloat = (t: Type | null): boolean => t === Type.F32 || t === Type.F64;

const I2F: Readonly<Record<string, CvtI2FOp>> = { fcvt_from_sint: 'scvtf', fcvt_from_uint: 'ucvtf' };

const fromInt = defineRule(
  'fcvt_from_int',
  (e, mi) => {
    const row = rowOf(e, mi);
    e.asm.emit({ kind: 'cvt_i2f', op: I2F[row.base]!, w: wOf(row.from), fw: fwOf(row.type), rd: e.vreg(mi, 0), rn: e.gpr(mi, 1) });
  },
  true,
);

defineLowering('fcvt_from_sint fcvt_from_uint', lowerUnary(fromInt));

const F2I: Readonly<Record<string, CvtF2IOp>> = {
  fcvt_to_sint: 'fcvtzs',
  fcvt_to_uint: 'fcvtzu',
  fcvt_to_sint_sat: 'fcvtzs',
  fcvt_to_uint_sat: 'fcvtzu',
};

const toInt = defineRule(
  'fcvt_to_int',
  (e, mi) => {
    const row = rowOf(e, mi);
    e.asm.emit({ kind: 'cvt_f2i', op: F2I[row.base]!, w: wOf(row.type), fw: fwOf(row.from), rd: e.gpr(mi, 0), rn: e.vreg(mi, 1) });
  },
  true,
);

defineLowering('fcvt_to_sint fcvt_to_uint fcvt_to_sint_sat fcvt_to_uint_sat', lowerUnary(toInt));

/** fcvt: `fw` names the destination precision */
const promoteDemote = defineRule(
  'fpromote_demote',
  (e, mi) => {
    e.asm.emit({ kind: 'fcvt', fw: fwOf(rowOf(e, mi).type), rd: e.vreg(mi, 0), rn: e.vreg(mi, 1) });
  },
  true,
);

defineLowering('fpromote fdemote', lowerUnary(promoteDemote));

const bitcast = defineRule(
  'bitcast',
  (e, mi) => {
    const row = rowOf(e, mi);
    const asm = e.asm;
    if (isFloat(row.type)) asm.emit({ kind: 'fmov_to_fp', w: wOf(row.from), rd: e.vreg(mi, 0), rn: e.gpr(mi, 1) });
    else if (isFloat(row.from)) asm.emit({ kind: 'fmov_from_fp', w: wOf(row.type), rd: e.gpr(mi, 0), rn: e.vreg(mi, 1) });
    else if (e.gpr(mi, 0) !== e.gpr(mi, 1)) asm.emit(mov(64, e.gpr(mi, 0), e.gpr(mi, 1)));
  },
  true,
);

defineLowering('bitcast', lowerUnary(bitcast));
