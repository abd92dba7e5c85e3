/**
 * `kiln targets`: the targets kiln knows (x86_64-linux and aarch64-linux, both with a code
 * generator), which is the host, each baseline, and the host's CPU features with what this CPU has
 * (as /proc/cpuinfo says), what the default and `--cpu-features native` enable and what kiln's
 * code uses; `--json` gives the same as data. Runs the built CLI (`npm run build` first).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TargetsReport } from '../../cli/commands/targets-report.js';
import { kiln } from './run-kiln.js';

const onX64Linux = process.arch === 'x64' && process.platform === 'linux';
const cpuFlags = new Set(/^flags\s*:(.*)$/m.exec(onX64Linux ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1]?.trim().split(/\s+/) ?? []);
const LINUX_NAMES: Record<string, string[]> = {
  ssse3: ['ssse3'], 'sse4.1': ['sse4_1'], 'sse4.2': ['sse4_2'], popcnt: ['popcnt'], lzcnt: ['abm', 'lzcnt'], bmi1: ['bmi1'], bmi2: ['bmi2'], avx: ['avx'], avx2: ['avx2'],
};
const KNOWN = ['ssse3', 'sse4.1', 'sse4.2', 'popcnt', 'lzcnt', 'bmi1', 'bmi2', 'avx', 'avx2'];
const BASELINE = ['ssse3', 'sse4.1', 'sse4.2', 'popcnt'];
const GENERATED = ['ssse3', 'sse4.1', 'sse4.2', 'popcnt', 'lzcnt', 'bmi1'];
const cpuHas = (feature: string): boolean => (LINUX_NAMES[feature] ?? []).some((f) => cpuFlags.has(f));

describe('kiln targets', () => {
  it('lists both targets with their status and baseline, and marks the host', () => {
    const r = kiln(['targets']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^target +host +native code +baseline$/);
    expect(lines[1]).toMatch(new RegExp(`^x86_64-linux +${onX64Linux ? 'yes' : 'no'} +native code generator available +x86-64-v2 \\(popcnt, sse4\\.1, sse4\\.2, ssse3\\)$`));
    expect(lines[2]).toMatch(/^aarch64-linux +(yes|no) +native code generator available +armv8\.0-a$/);
  });

  it.runIf(onX64Linux)('on this x86-64 host: every feature kiln knows, whether the CPU has it, and what each setting enables', () => {
    const r = kiln(['targets']);
    expect(r.stdout).toContain('\nhost: x86_64-linux\n');
    const rows = r.stdout.split('\n').filter((l) => KNOWN.includes(l.split(' ')[0] ?? ''));
    expect(rows.map((l) => l.split(/ +/)[0])).toEqual(KNOWN);
    for (const row of rows) {
      const [name, cpu, byDefault, native, used] = row.split(/ +/) as [string, string, string, string, string];
      expect([name, cpu]).toEqual([name, cpuHas(name) ? 'yes' : 'no']);
      expect([name, byDefault]).toEqual([name, BASELINE.includes(name) ? 'yes' : 'no']);
      expect([name, native]).toEqual([name, cpu]);
      expect([name, used]).toEqual([name, GENERATED.includes(name) ? 'yes' : 'not']);
    }
    expect(r.stdout).toContain('default (--cpu-features baseline): the x86-64-v2 baseline only');
    expect(r.stdout).toMatch(/--cpu-features native: every feature this CPU has \(/);
  });

  it('--json gives the same report as data', () => {
    const r = kiln(['targets', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as TargetsReport;
    expect(report.targets.map((t) => [t.name, t.isa, t.codegen, t.status, t.baseline])).toEqual([
      ['x86_64-linux', 'x86_64', true, 'native code generator available', { name: 'x86-64-v2', features: ['popcnt', 'sse4.1', 'sse4.2', 'ssse3'] }],
      ['aarch64-linux', 'aarch64', true, 'native code generator available', { name: 'armv8.0-a', features: [] }],
    ]);
    expect(report.targets[0]!.features).toEqual(KNOWN);
    expect(report.host.arch).toBe(process.arch);
    expect(report.host.platform).toBe(process.platform);
    if (!onX64Linux) return;
    expect(report.host.target).toBe('x86_64-linux');
    expect(report.targets.filter((t) => t.host).map((t) => t.name)).toEqual(['x86_64-linux']);
    expect(report.host.cpuFeatures).toEqual(
      KNOWN.map((name) => ({
        name,
        cpu: cpuHas(name),
        default: BASELINE.includes(name),
        native: cpuHas(name),
        generated: GENERATED.includes(name),
      })),
    );
  });

  it('is listed in kiln --help, and takes no argument', () => {
    expect(kiln(['--help']).stdout).toMatch(/\n {2}targets \[options\] +list the targets kiln knows/);
    const r = kiln(['targets', 'x86_64-linux']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kiln: error: too many arguments/);
  });
});
