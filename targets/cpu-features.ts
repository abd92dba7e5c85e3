/**
 * CPU features per ISA, behind one shape: the names kiln knows, the pinned baseline (design.md:
 * x86-64-v2, armv8.0-a), the `+name,-name` list syntax, the check of an enabled set, and the
 * mapping from Linux's /proc/cpuinfo names. Each ISA's facts live in targets/<isa>/; this file
 * only chooses between them, so the compile driver, host detection and `kiln targets` never
 * test which ISA they are looking at.
 */

import type { Isa } from './compiled.js';
import * as a64 from './aarch64/features.js';
import * as x86 from './x86_64/features.js';
import { featuresFromCpuinfoFlags } from './x86_64/cpuinfo.js';

export interface IsaFeatures {
  /** the baseline's name (x86-64-v2, armv8.0-a) */
  readonly baselineName: string;
  /** every feature kiln knows, in its own order */
  readonly known: readonly string[];
  /** the features of the baseline, sorted */
  readonly baseline: readonly string[];
  /** the features kiln's code generator has instructions for (the others are names only), in `known` order */
  readonly generated: readonly string[];
  /** `+lzcnt,+bmi1,-popcnt` applied to the baseline, sorted; an unknown name is a usage error */
  parse(spec: string): string[];
  /** an enabled set checked for compiling, sorted: unknown names and a missing baseline are usage errors */
  check(names: readonly string[]): string[];
  /** kiln's features among the CPU flags Linux prints in /proc/cpuinfo, sorted */
  fromCpuinfo(text: string): string[];
}

const sorted = (s: Iterable<string>): string[] => [...s].sort();

const X86: IsaFeatures = {
  baselineName: x86.BASELINE_NAME,
  known: x86.CPU_FEATURES,
  baseline: sorted(x86.BASELINE_FEATURES),
  generated: x86.CPU_FEATURES.filter((f) => x86.GENERATED_FEATURES.includes(f)),
  parse: (spec) => sorted(x86.parseCpuFeatures(spec)),
  check: (names) => sorted(x86.enabledFeatures(names)),
  // the `flags` line of the first processor
  fromCpuinfo: (text) => sorted(featuresFromCpuinfoFlags(/^flags\s*:(.*)$/m.exec(text)?.[1]?.trim().split(/\s+/) ?? [])),
};

const AARCH64: IsaFeatures = {
  baselineName: a64.BASELINE_NAME,
  known: a64.CPU_FEATURES,
  baseline: sorted(a64.BASELINE_FEATURES),
  generated: a64.GENERATED_FEATURES,
  parse: (spec) => sorted(a64.parseCpuFeatures(spec)),
  check: (names) => sorted(a64.enabledFeatures(names)),
  // no optional aarch64 feature is known yet (issue 11)
  fromCpuinfo: () => [],
};

const BY_ISA: Readonly<Record<Isa, IsaFeatures>> = { x86_64: X86, aarch64: AARCH64 };

export function isaFeatures(isa: Isa): IsaFeatures {
  return BY_ISA[isa];
}
