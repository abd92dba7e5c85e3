/**
 * The data behind `kiln targets`, and its text rendering: the targets kiln knows (whether it
 * has a code generator for each, its pinned CPU baseline, which one is the host), and for the
 * host every CPU feature kiln knows: whether this CPU has it, whether the default
 * (`--cpu-features baseline`) and `--cpu-features native` enable it, and whether kiln's code
 * generator has instructions that use it.
 */

import { isaFeatures } from '../../targets/cpu-features.js';
import { hostCpuFeatures } from '../../targets/host.js';
import { hostTarget, TARGETS } from '../../targets/list.js';

export interface TargetRow {
  name: string;
  isa: string;
  codegen: boolean;
  status: string;
  host: boolean;
  baseline: { name: string; features: string[] };
  /** every CPU feature kiln knows for this ISA */
  features: string[];
}

export interface HostFeatureRow {
  name: string;
  /** this CPU has it (/proc/cpuinfo) */
  cpu: boolean;
  /** part of the pinned baseline, so enabled by default */
  default: boolean;
  /** enabled by `--cpu-features native` */
  native: boolean;
  /** kiln's code generator has instructions that use it */
  generated: boolean;
}

export interface TargetsReport {
  targets: TargetRow[];
  host: {
    /** kiln's name for the host target, or null when it is none of them */
    target: string | null;
    platform: string;
    arch: string;
    cpuFeatures: HostFeatureRow[];
  };
}

export function buildTargetsReport(): TargetsReport {
  const host = hostTarget();
  const targets = TARGETS.map((t): TargetRow => {
    const f = isaFeatures(t.isa);
    return {
      name: t.name,
      isa: t.isa,
      codegen: t.codegen,
      status: t.status,
      host: host?.name === t.name,
      baseline: { name: f.baselineName, features: [...f.baseline] },
      features: [...f.known],
    };
  });
  let cpuFeatures: HostFeatureRow[] = [];
  if (host !== null) {
    const f = isaFeatures(host.isa);
    const has = new Set(hostCpuFeatures());
    cpuFeatures = f.known.map((name) => ({
      name,
      cpu: has.has(name),
      default: f.baseline.includes(name),
      native: has.has(name),
      generated: f.generated.includes(name),
    }));
  }
  return { targets, host: { target: host?.name ?? null, platform: process.platform, arch: process.arch, cpuFeatures } };
}

/** rows of cells as columns two spaces apart */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return rows.map((r) => r.map((c, k) => (k === r.length - 1 ? c : c.padEnd(widths[k]!))).join('  ').trimEnd() + '\n').join('');
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function renderTargetsReport(r: TargetsReport): string {
  let out = table([
    ['target', 'host', 'native code', 'baseline'],
    ...r.targets.map((t) => [
      t.name,
      t.host ? 'yes' : 'no',
      t.status,
      t.baseline.features.length > 0 ? `${t.baseline.name} (${t.baseline.features.join(', ')})` : t.baseline.name,
    ]),
  ]);
  if (r.host.target === null) {
    return out + `\nhost: ${r.host.arch}-${r.host.platform}, none of kiln's targets (the interpreter runs everything)\n`;
  }
  const host = r.targets.find((t) => t.name === r.host.target)!;
  out += `\nhost: ${host.name}\n`;
  if (r.host.cpuFeatures.length === 0) return out + `no optional ${host.isa} CPU feature is known to kiln yet\n`;
  out += `\nCPU features of this host (from /proc/cpuinfo):\n`;
  out += table([
    ['feature', 'this CPU', 'default', 'native', 'used by kiln'],
    ...r.host.cpuFeatures.map((f) => [f.name, yesNo(f.cpu), yesNo(f.default), yesNo(f.native), f.generated ? 'yes' : 'not yet']),
  ]);
  const lacking = r.host.cpuFeatures.filter((f) => f.default && !f.cpu).map((f) => f.name);
  out += `\ndefault (--cpu-features baseline): the ${host.baseline.name} baseline only, so the code runs on any ${host.baseline.name} CPU\n`;
  out += `--cpu-features native: every feature this CPU has (${r.host.cpuFeatures.filter((f) => f.native).map((f) => f.name).join(', ') || 'none'})\n`;
  if (lacking.length > 0) out += `warning: this CPU lacks ${lacking.join(', ')} of the ${host.baseline.name} baseline; native code compiled for it may not run here\n`;
  return out;
}
