/**
 * The machine kiln runs on: its ISA (from Node's `process.arch`) and the CPU features it has
 * among those kiln knows (from Linux's /proc/cpuinfo; targets/cpu-features.ts maps the names).
 * Used by `--cpu-features native` and `kiln targets`.
 */

import { readFileSync } from 'node:fs';
import type { Isa } from './compiled.js';
import { isaFeatures } from './cpu-features.js';

const ISA_OF_ARCH: Readonly<Record<string, Isa>> = { x64: 'x86_64', arm64: 'aarch64' };

/** the host's ISA, or null when kiln has no target for it */
export function hostIsa(arch: string = process.arch): Isa | null {
  return ISA_OF_ARCH[arch] ?? null;
}

/**
 * The CPU features kiln knows that this host has, sorted: read from /proc/cpuinfo (or from
 * `cpuinfo`, its text, when given). Empty when the host's ISA is not one of kiln's or the file
 * cannot be read.
 */
export function hostCpuFeatures(cpuinfo?: string): string[] {
  const isa = hostIsa();
  if (isa === null) return [];
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return [];
    }
  }
  return isaFeatures(isa).fromCpuinfo(text);
}
