/**
 * The host directories an installer approves (`kiln install --grant HOST::GUEST`, the syntax of
 * `kiln run --dir`): each `from = "host"` directory of the manifest needs exactly one grant for
 * its guest path, and a grant must answer a request of the manifest. The host path must be an
 * existing directory; it is recorded as its real absolute path, so that a later change of the
 * working directory or of a symlink does not move the grant.
 */

import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Manifest } from '../../formats/kapp/manifest.js';
import { KilnError } from '../../formats/errors.js';

export interface GrantSpec {
  readonly host: string;
  readonly guest: string;
}

/** `HOST::GUEST` as typed after `--grant` */
export function parseGrant(spec: string): GrantSpec {
  const sep = spec.indexOf('::');
  if (sep <= 0 || sep + 2 >= spec.length) throw new KilnError('usage', `--grant takes HOSTPATH::GUEST, got ${JSON.stringify(spec)}`);
  return { host: spec.slice(0, sep), guest: spec.slice(sep + 2) };
}

/** guest path → real host directory for every host grant the manifest asks for */
export function resolveGrants(manifest: Manifest, specs: readonly GrantSpec[]): Record<string, string> {
  const asked = new Map(manifest.dirs.map((d) => [d.guest, d]));
  const out: Record<string, string> = {};
  for (const g of specs) {
    const d = asked.get(g.guest);
    if (d === undefined) {
      throw new KilnError('usage', `--grant ${g.host}::${g.guest}: ${manifest.name} asks for no directory at ${g.guest}`);
    }
    if (d.from !== 'host') {
      throw new KilnError('usage', `--grant ${g.host}::${g.guest}: ${g.guest} is ${manifest.name}'s own data directory in the store; it takes no grant`);
    }
    if (out[g.guest] !== undefined) throw new KilnError('usage', `--grant: ${g.guest} is granted twice`);
    out[g.guest] = hostDirectory(g);
  }
  for (const d of manifest.dirs) {
    if (d.from === 'host' && out[d.guest] === undefined) {
      const mode = d.mode === 'ro' ? 'read-only' : 'read-write';
      throw new KilnError('usage', `${manifest.name} asks for a host directory at ${d.guest} (${mode}); grant one with --grant HOSTPATH::${d.guest}`);
    }
  }
  return out;
}

function hostDirectory(g: GrantSpec): string {
  let real: string;
  try {
    real = realpathSync(resolve(g.host));
  } catch {
    throw new KilnError('usage', `--grant ${g.host}::${g.guest}: no such directory ${JSON.stringify(g.host)}`);
  }
  if (!statSync(real).isDirectory()) throw new KilnError('usage', `--grant ${g.host}::${g.guest}: ${JSON.stringify(g.host)} is not a directory`);
  return real;
}
