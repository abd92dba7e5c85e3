/**
 * AArch64 CPU features kiln knows about and the pinned baseline (design.md: armv8.0-a). The
 * AArch64 code generator is issue 11; until then kiln names no optional feature, so the
 * baseline is the whole set and any named feature is unknown.
 */

import { KilnError } from '../../formats/errors.js';
import type { Inst, InstKind } from './inst.js';

export const CPU_FEATURES: readonly string[] = [];

/** the features kiln's code generator emits instructions for */
export const GENERATED_FEATURES: readonly string[] = [];

export const BASELINE_NAME = 'armv8.0-a';
export const BASELINE_FEATURES: ReadonlySet<string> = new Set<string>();

/** a feature list (`+name,-name`) on top of the baseline; every name is unknown for now */
export function parseCpuFeatures(spec: string): Set<string> {
  const out = new Set<string>(BASELINE_FEATURES);
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '' || item === BASELINE_NAME) continue;
    const name = item.startsWith('+') || item.startsWith('-') ? item.slice(1) : item;
    throw new KilnError('usage', `unknown aarch64 CPU feature '${name}' (kiln knows none yet: the aarch64 target is issue 11)`);
  }
  return out;
}

/** the enabled set a compile option names: every name must be known */
export function enabledFeatures(names: readonly string[]): Set<string> {
  return parseCpuFeatures(names.join(','));
}

/**
 * The architecture feature (FEAT_*, named as kiln names CPU features) each instruction kind
 * needs beyond armv8.0-a. Every kind kiln encodes is baseline armv8.0-a (A64 base, FP and
 * Advanced SIMD, which armv8.0-a Linux requires), so every row is null; the table's type
 * makes a new kind choose, and the assembler refuses an instruction whose feature is not
 * enabled, so nothing outside the baseline slips in unnoticed.
 */
const KIND_FEATURE: Readonly<Record<InstKind, string | null>> = {
  add_imm: null, add_reg: null, add_ext: null, logic_imm: null, logic_reg: null, mov_wide: null, bitfield: null, extr: null,
  mul: null, mulh: null, dp2: null, dp1: null, csel: null, ccmp: null, ccmp_imm: null,
  ldst: null, fldst: null, ldst_pair: null, fldst_pair: null, ldr_lit: null, fldr_lit: null,
  b: null, bl: null, b_cond: null, cbz: null, tbz: null, br: null, adr: null, adrp: null, add_lo12: null,
  nop: null, brk: null, udf: null, svc: null, barrier: null, isb: null, mrs: null, msr: null, cache: null,
  fmov_imm: null, fp1: null, fp2: null, fcmp: null, fccmp: null, fcsel: null, fcvt: null, cvt_i2f: null, cvt_f2i: null,
  fmov_to_fp: null, fmov_from_fp: null, cnt: null, reduce: null,
  // Advanced SIMD (inst-simd.ts): every form is armv8.0-a (no FEAT_FP16, RDM, DotProd, ...)
  vec3: null, vec_misc: null, vec_across: null, vec3_diff: null, vec_shift: null, vec_perm: null, vec_ext: null, vec_tbl: null,
  vec_dup_elem: null, vec_dup_gpr: null, vec_ins_elem: null, vec_ins_gpr: null, vec_umov: null, vec_smov: null, vec_movi: null,
  vec_fmov_imm: null, vec_ldst_multi: null, vec_ldst_lane: null, vec_ld1r: null, fmov_to_top: null, fmov_from_top: null,
};

const NONE: readonly string[] = [];

/** The CPU features (beyond armv8.0-a) an instruction needs: none for every kind kiln has. */
export function featuresOf(inst: Inst): readonly string[] {
  const f = KIND_FEATURE[inst.kind];
  return f === null ? NONE : [f];
}
