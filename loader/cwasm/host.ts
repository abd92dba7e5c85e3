/**
 * This host as the compatibility check sees it (compat.ts HostProfile): kiln's version and
 * build id, the target, the CPU's features, and whether guard-page bounds can run on this
 * thread (an 8 GiB reservation and kiln's fault handler).
 */

import { BUILD_ID, BUILD_VERSION } from '../../linker/build-id.js';
import { hostCpuFeatures, hostIsa } from '../../targets/host.js';
import { nativeEngine } from '../native/index.js';
import type { HostProfile } from './compat.js';

let cached: HostProfile | null = null;

export function hostProfile(): HostProfile {
  if (cached !== null) return cached;
  const isa = hostIsa();
  const g = isa !== null ? nativeEngine.backend.runtime().guard() : 'no native engine for this ISA';
  cached = {
    kilnVersion: BUILD_VERSION,
    buildId: BUILD_ID,
    target: `${isa ?? process.arch}-linux`,
    cpuFeatures: hostCpuFeatures(),
    guardPages: typeof g === 'string' ? g : null,
  };
  return cached;
}
