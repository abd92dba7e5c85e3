/**
 * The install record of an app (`apps/NAME/app.json`, store.ts): what `kiln install` decided,
 * so that `kiln launch` decides nothing again — which host directory each `from = "host"` grant
 * got, each module's hash and engine, and the compatibility key the modules were precompiled
 * under (to say why code is recompiled after a kiln upgrade or a CPU change). Written
 * atomically; a record that does not read back as one is reported as damaged, never guessed at.
 */

import { readFileSync } from 'node:fs';
import { KilnError } from '../../formats/errors.js';
import { writeFileAtomically } from '../cwasm/atomic-write.js';
import { AppStore } from './store.js';

export const RECORD_FORMAT = 1;

export interface ModuleRecord {
  /** path inside the package */
  readonly path: string;
  /** SHA-256 of the module's bytes, hex */
  readonly sha256: string;
  /** native: precompiled into the store's cache; interp: runs on the interpreter (`why` says why) */
  readonly engine: 'native' | 'interp';
  readonly why: string | null;
}

export interface AppRecord {
  readonly format: number;
  readonly name: string;
  readonly version: string;
  readonly entry: string;
  readonly modules: readonly ModuleRecord[];
  /** `from = "host"` grants: guest path → absolute host directory approved at install time */
  readonly grants: Readonly<Record<string, string>>;
  /** the compatibility key's `name=value` lines the modules were compiled under (null: none compiled) */
  readonly compiledFor: readonly string[] | null;
  /** SHA-256 of the package file, hex */
  readonly packageSha256: string;
}

export function writeRecord(appDir: string, record: AppRecord): void {
  const text = JSON.stringify(record, null, 2) + '\n';
  writeFileAtomically(AppStore.recordOf(appDir), new TextEncoder().encode(text), 'the install record', 0o644);
}

/** the record of the app installed at `appDir`, or null when there is none */
export function readRecord(appDir: string): AppRecord | null {
  const path = AppStore.recordOf(appDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KilnError('io', `cannot read the install record (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
  const damaged = (what: string): KilnError => new KilnError('io', `the install record is damaged (${what}); install the app again`, { file: path });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  if (isObject(value) && value['format'] !== RECORD_FORMAT) throw damaged(`format ${String(value['format'])}, this kiln reads ${RECORD_FORMAT}`);
  if (!isRecord(value)) throw damaged('not the shape kiln writes');
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isModule(v: unknown): v is ModuleRecord {
  return isObject(v) && isString(v['path']) && isString(v['sha256']) && (v['engine'] === 'native' || v['engine'] === 'interp') && (v['why'] === null || isString(v['why']));
}

function isRecord(v: unknown): v is AppRecord {
  if (!isObject(v)) return false;
  const { name, version, entry, modules, grants, compiledFor, packageSha256 } = v;
  return (
    typeof v['format'] === 'number' &&
    isString(name) &&
    isString(version) &&
    isString(entry) &&
    Array.isArray(modules) &&
    modules.every(isModule) &&
    isObject(grants) &&
    Object.values(grants).every(isString) &&
    (compiledFor === null || (Array.isArray(compiledFor) && compiledFor.every(isString))) &&
    isString(packageSha256)
  );
}
