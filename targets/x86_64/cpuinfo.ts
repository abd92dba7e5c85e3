/**
 * Linux's names for x86-64 CPU features (the `flags` line of /proc/cpuinfo, from the kernel's
 * arch/x86/include/asm/cpufeatures.h) mapped to kiln's names (features.ts). Linux reports
 * LZCNT as `abm` (AMD's "advanced bit manipulation", CPUID 8000_0001h ECX bit 5, which Intel
 * CPUs set for LZCNT too); newer kernels may also print `lzcnt`, so either counts.
 */

import { CPU_FEATURES, type CpuFeature } from './features.js';

const FROM_LINUX: Readonly<Record<string, CpuFeature>> = {
  ssse3: 'ssse3',
  sse4_1: 'sse4.1',
  sse4_2: 'sse4.2',
  popcnt: 'popcnt',
  abm: 'lzcnt',
  lzcnt: 'lzcnt',
  bmi1: 'bmi1',
  bmi2: 'bmi2',
  avx: 'avx',
  avx2: 'avx2',
};

/** kiln's features among Linux cpuinfo flags, in CPU_FEATURES order */
export function featuresFromCpuinfoFlags(flags: readonly string[]): CpuFeature[] {
  const have = new Set<CpuFeature>();
  for (const flag of flags) {
    const f = FROM_LINUX[flag];
    if (f !== undefined) have.add(f);
  }
  return CPU_FEATURES.filter((f) => have.has(f));
}
