/**
 * Does an artifact's compatibility key fit this host and what the caller accepts? Checked in
 * a fixed order — kiln version and build, target, CPU features, options — before any of its
 * code is mapped; the first mismatch is the reason (docs/cwasm.md "Compatibility").
 */

import { CwasmError } from '../../formats/cwasm/errors.js';
import type { CompatKey } from '../../formats/cwasm/key.js';
import type { BoundsMode } from '../../targets/compiled.js';

/** what this host is and can do */
export interface HostProfile {
  readonly kilnVersion: string;
  readonly buildId: string;
  /** `<isa>-linux` */
  readonly target: string;
  /** the CPU features this host's CPU has (kiln's names) */
  readonly cpuFeatures: readonly string[];
  /** null when guard-page bounds can run here, else why not */
  readonly guardPages: string | null;
}

/** options the caller insists on (each absent one accepts any value) */
export interface KeyRequirements {
  readonly bounds?: BoundsMode;
  readonly interrupts?: boolean;
}

const shortId = (id: string): string => id.slice(0, 12);

export function checkCompatibility(key: CompatKey, host: HostProfile, want: KeyRequirements = {}): CwasmError | null {
  if (key.kilnVersion !== host.kilnVersion || key.buildId !== host.buildId) {
    return new CwasmError('kiln-version', `written by kiln ${key.kilnVersion} (build ${shortId(key.buildId)}); this is kiln ${host.kilnVersion} (build ${shortId(host.buildId)})`);
  }
  if (key.target !== host.target) return new CwasmError('target', `compiled for ${key.target}; this host is ${host.target}`);
  const has = new Set(host.cpuFeatures);
  const missing = key.cpuFeatures.filter((f) => !has.has(f));
  if (missing.length > 0) return new CwasmError('cpu-features', `uses CPU feature${missing.length > 1 ? 's' : ''} this host lacks: ${missing.join(', ')}`);
  if (key.bounds === 'guard' && host.guardPages !== null) {
    return new CwasmError('options', `compiled for guard-page bounds, which this host cannot use (${host.guardPages}); compile with --bounds explicit`);
  }
  if (want.bounds !== undefined && want.bounds !== key.bounds) return new CwasmError('options', `compiled with --bounds ${key.bounds}; --bounds ${want.bounds} was asked for`);
  if (want.interrupts !== undefined && want.interrupts !== key.interrupts) {
    return new CwasmError('options', `compiled with interrupt checks ${key.interrupts ? 'on' : 'off'}; ${want.interrupts ? 'on' : 'off'} was asked for`);
  }
  return null;
}
