/**
 * AArch64 CPU features kiln knows about and the pinned baseline (design.md: armv8.0-a). The
 * AArch64 code generator is issue 11; until then kiln names no optional feature, so the
 * baseline is the whole set and any named feature is unknown.
 */

import { KilnError } from '../../formats/errors.js';

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
