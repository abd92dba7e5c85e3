/**
 * Host detection (targets/host.ts): the ISA from Node's arch, the CPU features from Linux's
 * /proc/cpuinfo flag names (abm or lzcnt → lzcnt, sse4_1 → sse4.1, …), and the per-ISA
 * feature facts (targets/cpu-features.ts).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isaFeatures } from '../../targets/cpu-features.js';
import { hostCpuFeatures, hostIsa } from '../../targets/host.js';

const CPUINFO = (flags: string): string =>
  `processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: ${flags}\nbugs\t\t: spectre_v1\n\nprocessor\t: 1\nflags\t\t: fpu avx512f\n`;

describe('the host', () => {
  it('maps Node arch names to ISAs', () => {
    expect(hostIsa('x64')).toBe('x86_64');
    expect(hostIsa('arm64')).toBe('aarch64');
    expect(hostIsa('ia32')).toBeNull();
    expect(hostIsa('riscv64')).toBeNull();
    expect(hostIsa()).toBe(process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : null);
  });

  it.runIf(process.arch === 'x64')('reads the first processor\'s flags and maps Linux names to kiln names', () => {
    expect(hostCpuFeatures(CPUINFO('fpu sse2 sse4_1 sse4_2 popcnt abm bmi1 bmi2 avx avx2 avx512f'))).toEqual(['avx', 'avx2', 'bmi1', 'bmi2', 'lzcnt', 'popcnt', 'sse4.1', 'sse4.2']);
    // a kernel that prints lzcnt instead of abm; an old CPU below x86-64-v2
    expect(hostCpuFeatures(CPUINFO('sse2 sse4_1 popcnt lzcnt'))).toEqual(['lzcnt', 'popcnt', 'sse4.1']);
    expect(hostCpuFeatures(CPUINFO('fpu sse2 ssse3'))).toEqual(['ssse3']);
    expect(hostCpuFeatures('no flags here')).toEqual([]);
  });

  it.runIf(process.arch === 'x64')('on this machine, agrees with /proc/cpuinfo', () => {
    const flags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/) ?? []);
    const want: string[] = [];
    if (flags.has('avx')) want.push('avx');
    if (flags.has('avx2')) want.push('avx2');
    if (flags.has('bmi1')) want.push('bmi1');
    if (flags.has('bmi2')) want.push('bmi2');
    if (flags.has('abm') || flags.has('lzcnt')) want.push('lzcnt');
    if (flags.has('popcnt')) want.push('popcnt');
    if (flags.has('sse4_1')) want.push('sse4.1');
    if (flags.has('sse4_2')) want.push('sse4.2');
    if (flags.has('ssse3')) want.push('ssse3');
    expect(hostCpuFeatures()).toEqual(want);
  });

  it('knows each ISA\'s baseline and features', () => {
    const x86 = isaFeatures('x86_64');
    expect(x86.baselineName).toBe('x86-64-v2');
    expect(x86.baseline).toEqual(['popcnt', 'sse4.1', 'sse4.2', 'ssse3']);
    expect(x86.known).toEqual(['ssse3', 'sse4.1', 'sse4.2', 'popcnt', 'lzcnt', 'bmi1', 'bmi2', 'avx', 'avx2']);
    expect(x86.parse('+lzcnt,-sse4.1')).toEqual(['lzcnt', 'popcnt', 'sse4.2', 'ssse3']);
    expect(x86.check(['popcnt', 'sse4.1', 'sse4.2', 'ssse3', 'avx'])).toEqual(['avx', 'popcnt', 'sse4.1', 'sse4.2', 'ssse3']);
    const a64 = isaFeatures('aarch64');
    expect(a64.baselineName).toBe('armv8.0-a');
    expect(a64.baseline).toEqual([]);
    expect(a64.known).toEqual([]);
    expect(a64.parse('armv8.0-a')).toEqual([]);
    expect(a64.fromCpuinfo('Features\t: fp asimd atomics\n')).toEqual([]);
  });
});
