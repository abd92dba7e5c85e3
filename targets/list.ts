/**
 * The targets kiln knows, by their names on the command line (`x86_64-linux`): ISA, operating
 * system, and whether kiln has a native code generator for them yet. `kiln targets` prints this
 * table; test/targets/list.test.ts keeps `codegen` in step with targets/compile.ts.
 */

import type { Isa } from './compiled.js';
import { hostIsa } from './host.js';

export interface TargetInfo {
  /** `<isa>-<os>` */
  readonly name: string;
  readonly isa: Isa;
  readonly os: 'linux';
  /** kiln can compile native code for it */
  readonly codegen: boolean;
  /** one phrase for people: what kiln can do for it */
  readonly status: string;
}

export const TARGETS: readonly TargetInfo[] = [
  { name: 'x86_64-linux', isa: 'x86_64', os: 'linux', codegen: true, status: 'native code generator available' },
  { name: 'aarch64-linux', isa: 'aarch64', os: 'linux', codegen: true, status: 'native code generator available' },
];

export function targetByName(name: string): TargetInfo | undefined {
  return TARGETS.find((t) => t.name === name);
}

/** the target this process runs on, or null when it is none of kiln's */
export function hostTarget(platform: string = process.platform, arch: string = process.arch): TargetInfo | null {
  const isa = hostIsa(arch);
  if (isa === null) return null;
  return TARGETS.find((t) => t.isa === isa && t.os === platform) ?? null;
}
