/**
 * Command-line values of the options that change native code, shared by the commands that
 * compile: `--opt-level 0|1|2` (targets/compile.ts `optLevel`) and `--cpu-features`
 * (read by targets/compile.ts `resolveCpuFeatures`, which needs the target's ISA).
 */

import { KilnError } from '../formats/errors.js';
import type { OptLevel } from '../compiler/passes/pipeline.js';

export function parseOptLevel(value: string): OptLevel {
  const v = value.trim();
  if (v === '0' || v === '1' || v === '2') return Number(v) as OptLevel;
  throw new KilnError('usage', `--opt-level takes 0, 1 or 2, got "${value}"`);
}
