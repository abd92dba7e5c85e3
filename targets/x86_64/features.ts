/**
 * x86-64 CPU features kiln knows about, the pinned baseline, and which features an
 * instruction needs.
 *
 * The baseline is the x86-64-v2 micro-architecture level of the System V psABI (section 3.1.1
 * "Processor Architecture", Table 3.1 "Micro-Architecture Levels"): CMPXCHG16B, LAHF-SAHF,
 * POPCNT, SSE3, SSE4.1, SSE4.2, SSSE3 on top of x86-64 (SSE, SSE2). Of the features named here,
 * v2 includes `ssse3` (pshufb, pabs*, palignr, ...), `sse4.1` (roundss/roundsd, the packed
 * min/max, blends, lane inserts and extracts, ...), `sse4.2` (pcmpgtq) and `popcnt`; lzcnt,
 * tzcnt (BMI1), BMI2 and AVX are only used when asked for, and an assembler refuses an
 * instruction whose feature is not enabled. What each instruction needs is the `feature` of its
 * table row (tables.ts, tables-simd.ts): the CPUID feature flag its SDM page names.
 */

import { KilnError } from '../../formats/errors.js';
import { unreachable, type Inst } from './inst.js';
import type { OpRow } from './opcode-row.js';
import { BIT, ROUND, SSE, SSE_STORE } from './tables.js';
import { MOVMSK, PEXTR, PINSR, SSE_BLENDV, SSE_CMP, SSE_IMM, SSE_REG } from './tables-simd.js';

export const CPU_FEATURES = ['ssse3', 'sse4.1', 'sse4.2', 'popcnt', 'lzcnt', 'bmi1', 'bmi2', 'avx', 'avx2'] as const;
export type CpuFeature = (typeof CPU_FEATURES)[number];

export const BASELINE_NAME = 'x86-64-v2';
/** Features every CPU kiln targets by default has. */
export const BASELINE_FEATURES: ReadonlySet<CpuFeature> = new Set<CpuFeature>(['ssse3', 'sse4.1', 'sse4.2', 'popcnt']);

/**
 * The features kiln's instruction selection can choose instructions of: pshufb, pabs*,
 * pmulhrsw, pmaddubsw, palignr (ssse3, SIMD), roundss/roundsd and the SSE4.1 packed forms
 * (sse4.1), pcmpgtq (sse4.2, i64x2 compares), popcnt, lzcnt for clz, tzcnt (bmi1) for ctz;
 * bmi2, avx and avx2 are known names (a host can report them, an option can enable them) but
 * no code uses them yet.
 */
export const GENERATED_FEATURES: readonly CpuFeature[] = ['ssse3', 'sse4.1', 'sse4.2', 'popcnt', 'lzcnt', 'bmi1'];

const NONE: readonly CpuFeature[] = [];
/** One shared single-feature list per feature, so the query allocates nothing. */
const ONLY = Object.fromEntries(CPU_FEATURES.map((f) => [f, [f]])) as unknown as Readonly<Record<CpuFeature, readonly CpuFeature[]>>;

/** The features of a table row: none, or its one feature. */
function rowFeatures(row: OpRow): readonly CpuFeature[] {
  return row.feature === null ? NONE : ONLY[row.feature];
}

/** The CPU features (beyond x86-64 with SSE2) an instruction needs; empty for most. */
export function featuresOf(inst: Inst): readonly CpuFeature[] {
  switch (inst.kind) {
    case 'bit':
      return rowFeatures(BIT[inst.op]);
    case 'round':
      return rowFeatures(ROUND[inst.op]);
    case 'sse':
      return rowFeatures(SSE[inst.op]);
    case 'sse_store':
      return rowFeatures(SSE_STORE[inst.op]);
    case 'sse_reg':
      return rowFeatures(SSE_REG[inst.op]);
    case 'sse_imm':
      return rowFeatures(SSE_IMM[inst.op]);
    case 'sse_cmp':
      return rowFeatures(SSE_CMP[inst.op]);
    case 'sse_blendv':
      return rowFeatures(SSE_BLENDV[inst.op]);
    case 'pinsr':
      return rowFeatures(PINSR[inst.op]);
    case 'pextr': {
      const row = PEXTR[inst.op];
      // pextrw to a register has the SSE2 form 66 0F C5
      return typeof inst.dst === 'number' && row.gprOpcode !== undefined ? NONE : rowFeatures(row);
    }
    case 'movmsk':
      return rowFeatures(MOVMSK[inst.op]);
    case 'mov': case 'mov_imm': case 'movabs': case 'store': case 'store_imm':
    case 'movzx': case 'movsx': case 'movsxd': case 'lea':
    case 'alu': case 'alu_imm': case 'imul': case 'imul_imm': case 'unary': case 'div': case 'cdq':
    case 'shift': case 'setcc': case 'cmov':
    case 'jcc': case 'jmp': case 'jmp_ind': case 'call': case 'call_ind':
    case 'push': case 'pop': case 'ret': case 'ud2': case 'int3': case 'nop':
    case 'movd_to_xmm': case 'movd_from_xmm': case 'cvt_i2f': case 'cvt_f2i': case 'sse_shift_imm':
      return NONE;
    default:
      return unreachable(inst);
  }
}

/**
 * Parse a feature list as a command-line option gives it: a comma-separated list of feature
 * names, each optionally prefixed by `+` (add) or `-` (remove), applied to the baseline;
 * `x86-64-v2` names the baseline itself. Unknown names are a usage error.
 */
export function parseCpuFeatures(spec: string): Set<CpuFeature> {
  const out = new Set<CpuFeature>(BASELINE_FEATURES);
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '' || item === BASELINE_NAME) continue;
    const remove = item.startsWith('-');
    const name = item.startsWith('+') || remove ? item.slice(1) : item;
    if (!isCpuFeature(name)) {
      throw new KilnError('usage', `unknown x86-64 CPU feature '${name}' (known: ${CPU_FEATURES.join(', ')})`);
    }
    if (remove) out.delete(name);
    else out.add(name);
  }
  return out;
}

/**
 * The enabled set a compile option names (`CompileOptions.cpuFeatures`): every name must be
 * known, and the baseline must be there, since kiln's instruction selection has no fallback
 * for popcnt or roundss/roundsd (they are the x86-64-v2 part it relies on).
 */
export function enabledFeatures(names: readonly string[]): Set<CpuFeature> {
  const out = new Set<CpuFeature>();
  for (const name of names) {
    if (!isCpuFeature(name)) throw new KilnError('usage', `unknown x86-64 CPU feature '${name}' (known: ${CPU_FEATURES.join(', ')})`);
    out.add(name);
  }
  const missing = [...BASELINE_FEATURES].filter((f) => !out.has(f));
  if (missing.length > 0) {
    throw new KilnError('usage', `kiln's x86-64 code needs the ${BASELINE_NAME} baseline; the CPU feature set lacks ${missing.join(', ')}`);
  }
  return out;
}

export function isCpuFeature(name: string): name is CpuFeature {
  return (CPU_FEATURES as readonly string[]).includes(name);
}
