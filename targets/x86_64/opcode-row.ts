/**
 * The row shape of x86-64 opcode tables and the mandatory prefix bytes, shared by the scalar
 * tables (tables.ts) and the packed SIMD tables (tables-simd.ts) so that neither imports the
 * other's values. Prefix bytes: Intel SDM vol. 2A, 2.1.1 "Instruction Prefixes" (66, F2 and F3
 * used as mandatory prefixes of SSE instructions).
 */

import type { CpuFeature } from './features.js';

export const P66 = 0x66;
export const PF2 = 0xf2;
export const PF3 = 0xf3;
export const NO_PREFIX = 0;

export interface OpRow {
  readonly prefix: number;
  /** Opcode bytes after any prefix and REX, packed big-endian (0x0f3a0a). */
  readonly opcode: number;
  /** Size of the memory operand in bits, for the printer's `DWORD PTR`. */
  readonly memBits: 8 | 16 | 32 | 64 | 128;
  /** CPU feature beyond the x86-64 baseline (SSE2), if any. */
  readonly feature: CpuFeature | null;
}
