/** Parsing `kiln run` option values: `--dir HOST[::GUEST]` and `--env NAME=VALUE`. */

import { statSync } from 'node:fs';
import { KilnError } from '../../formats/errors.js';

export interface DirSpec {
  hostPath: string;
  guestPath: string;
  readonly: boolean;
}

export function parseDirSpec(spec: string, readonly: boolean): DirSpec {
  const sep = spec.indexOf('::');
  const hostPath = sep < 0 ? spec : spec.slice(0, sep);
  const guestPath = sep < 0 ? spec : spec.slice(sep + 2);
  if (hostPath === '' || guestPath === '') {
    throw new KilnError('usage', `--dir takes HOST[::GUEST], got "${spec}"`);
  }
  let isDir = false;
  try {
    isDir = statSync(hostPath).isDirectory();
  } catch {
    throw new KilnError('usage', `--dir: no such directory "${hostPath}"`);
  }
  if (!isDir) throw new KilnError('usage', `--dir: "${hostPath}" is not a directory`);
  return { hostPath, guestPath, readonly };
}

export function parseEnvSpec(spec: string): [string, string] {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new KilnError('usage', `--env takes NAME=VALUE, got "${spec}"`);
  return [spec.slice(0, eq), spec.slice(eq + 1)];
}
