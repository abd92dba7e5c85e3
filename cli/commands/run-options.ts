/**
 * Parsing `kiln run` option values: `--dir`/`--dir-readonly HOST[::GUEST]`, `--env NAME=VALUE`,
 * `--engine`, `--max-call-depth N`, `--timeout SECONDS` and `--max-memory SIZE`. Each failure
 * is a usage error naming the option as the user typed it.
 */

import { statSync } from 'node:fs';
import { KilnError } from '../../formats/errors.js';
import { checkEngineName } from '../engine-names.js';

export interface DirSpec {
  hostPath: string;
  guestPath: string;
  readonly: boolean;
}

export function parseDirSpec(spec: string, readonly: boolean): DirSpec {
  const option = readonly ? '--dir-readonly' : '--dir';
  const sep = spec.indexOf('::');
  const hostPath = sep < 0 ? spec : spec.slice(0, sep);
  const guestPath = sep < 0 ? spec : spec.slice(sep + 2);
  if (hostPath === '' || guestPath === '') {
    throw new KilnError('usage', `${option} takes HOST[::GUEST], got "${spec}"`);
  }
  let isDir = false;
  try {
    isDir = statSync(hostPath).isDirectory();
  } catch {
    throw new KilnError('usage', `${option}: no such directory "${hostPath}"`);
  }
  if (!isDir) throw new KilnError('usage', `${option}: "${hostPath}" is not a directory`);
  return { hostPath, guestPath, readonly };
}

/** what `kiln run`'s options give the program */
export interface RunSetting {
  preopens: DirSpec[];
  env: Record<string, string>;
}

/** the options that need no module, checked before it is loaded */
export function checkOptions(req: {
  engine: string;
  dir: readonly string[];
  dirReadonly: readonly string[];
  env: readonly string[];
  inheritEnv: boolean;
}): RunSetting {
  checkEngineName(req.engine);
  const preopens = [...req.dir.map((d) => parseDirSpec(d, false)), ...req.dirReadonly.map((d) => parseDirSpec(d, true))];
  const env: Record<string, string> = {};
  if (req.inheritEnv) {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  }
  for (const spec of req.env) {
    const [k, v] = parseEnvSpec(spec);
    env[k] = v;
  }
  return { preopens, env };
}

export function parseEnvSpec(spec: string): [string, string] {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new KilnError('usage', `--env takes NAME=VALUE, got "${spec}"`);
  return [spec.slice(0, eq), spec.slice(eq + 1)];
}

export function parsePositiveInt(text: string, option: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n <= 0) {
    throw new KilnError('usage', `${option} takes a positive whole number, got "${text}"`);
  }
  return n;
}

/** `--timeout SECONDS`: a positive decimal number of seconds (fractions allowed); milliseconds out */
export function parseTimeout(text: string): number {
  const ms = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Math.ceil(Number(text) * 1000) : NaN;
  // setTimeout's largest delay is 2^31-1 ms (24.8 days); anything longer means "no limit" in practice
  if (!(ms > 0)) throw new KilnError('usage', `--timeout takes a positive number of seconds, got "${text}"`);
  return Math.min(ms, 0x7fffffff);
}

export const WASM_PAGE = 65536;
const SUFFIX: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * `--max-memory SIZE`: bytes, with an optional K, M or G suffix (powers of 1024, either case),
 * a whole number of 64 KiB wasm pages; returns the limit in pages. A size above 4 GiB is
 * allowed and means no limit beyond the spec's 65,536 pages.
 */
export function parseMaxMemory(text: string): number {
  const m = /^(\d+)([kmgKMG]?)$/.exec(text);
  const bytes = m === null ? NaN : Number(m[1]) * (SUFFIX[(m[2] as string).toLowerCase()] as number);
  if (!Number.isSafeInteger(bytes) || bytes % WASM_PAGE !== 0) {
    throw new KilnError(
      'usage',
      `--max-memory takes a size in bytes (a multiple of 64K, with an optional K, M or G suffix), got "${text}"`,
    );
  }
  return Math.min(bytes / WASM_PAGE, 65536);
}

/** `--bounds`: guard pages (falling back to explicit checks where unavailable) or explicit checks */
export function parseBounds(text: string): 'guard' | 'explicit' {
  if (text === 'guard' || text === 'explicit') return text;
  throw new KilnError('usage', `--bounds takes guard or explicit, got "${text}"`);
}

/** `--fallback`: what `kiln run app.cwasm` does when the artifact does not fit this host */
export function parseFallback(text: string): 'interpreter' | 'recompile' | 'none' {
  if (text === 'interpreter' || text === 'recompile' || text === 'none') return text;
  throw new KilnError('usage', `--fallback takes interpreter, recompile or none, got "${text}"`);
}
