/**
 * What `kiln launch NAME` runs (docs/kapp.md, "Launching"), decided from the install record
 * and the manifest kept in the store — nothing is asked again: the WASI capabilities are
 * exactly the manifest's (its directories: the app's data directories and the host
 * directories granted at install; its environment; its arguments before the user's), and its
 * limits. The entry's code is taken from the store's cache, where install put it: nothing is
 * decoded or compiled. When that code does not fit (kiln was upgraded, the CPU changed, the
 * entry is damaged or gone) it is compiled again and stored, and the caller is told why, once:
 * the next launch finds it. A module the native compiler cannot take runs on the interpreter.
 */

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../formats/wasm/decode.js';
import { keyLines } from '../../formats/cwasm/key.js';
import { parseManifest, type Manifest } from '../../formats/kapp/manifest.js';
import { KilnError, isKilnError } from '../../formats/errors.js';
import type { CompiledModule } from '../api.js';
import { cacheKeyOf, compileCached } from '../cwasm/compile-cached.js';
import { nativeEngineFor, type NativeEngine } from '../native/index.js';
import type { WasiPreopen } from '../wasi/index.js';
import { notInstalled } from './manage.js';
import { hostCompile, storeCache } from './precompile.js';
import { readRecord, writeRecord, type AppRecord } from './record.js';
import { AppStore, checkName } from './store.js';

export const WASM_PAGE = 65536;

export interface LaunchSetup {
  readonly record: AppRecord;
  readonly manifest: Manifest;
  readonly appDir: string;
  /** the entry module's file in the store */
  readonly entryFile: string;
  readonly wasm: Uint8Array;
  readonly preopens: readonly (WasiPreopen & { readonly: boolean })[];
  readonly env: Readonly<Record<string, string>>;
  /** the program's arguments after argv[0]: the manifest's, then the user's */
  readonly args: readonly string[];
  readonly maxMemoryPages: number | null;
  readonly timeMs: number | null;
  readonly maxOpenFiles: number | null;
}

export function setupLaunch(store: AppStore, name: string, userArgs: readonly string[]): LaunchSetup {
  const appDir = store.appDir(checkName(name));
  const record = readRecord(appDir);
  if (record === null) throw notInstalled(store, name);
  const manifestFile = AppStore.manifestOf(appDir);
  const manifest = parseManifest(readText(manifestFile), manifestFile);
  const entryFile = join(AppStore.filesOf(appDir), ...record.entry.split('/'));
  const wasm = new Uint8Array(readStoreFile(entryFile));
  const limits = manifest.limits;
  return {
    record,
    manifest,
    appDir,
    entryFile,
    wasm,
    preopens: manifest.dirs.map((d) => ({ hostPath: hostPathOf(appDir, record, d.guest, d.from), guestPath: d.guest, readonly: d.mode === 'ro' })),
    env: manifest.env,
    args: [...manifest.args, ...userArgs],
    maxMemoryPages: limits.memoryBytes === null ? null : Math.min(65536, Math.floor(limits.memoryBytes / WASM_PAGE)),
    timeMs: limits.timeMs,
    maxOpenFiles: limits.openFiles,
  };
}

function hostPathOf(appDir: string, record: AppRecord, guest: string, from: 'app-data' | 'host'): string {
  const path = from === 'app-data' ? AppStore.dataDirOf(appDir, guest) : record.grants[guest];
  if (path === undefined) throw new KilnError('io', `the install record has no host directory for ${guest}; install ${record.name} again with --grant HOSTPATH::${guest}`);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) {
    const what = from === 'app-data' ? `its data directory for ${guest}` : `the host directory granted for ${guest}`;
    throw new KilnError('io', `${record.name}: ${what} (${path}) is gone; install the app again`);
  }
  return path;
}

/** the entry's native code and the engine that runs it, or why the interpreter runs it instead */
export type EntryCode =
  | { readonly native: true; readonly engine: NativeEngine; readonly compiled: CompiledModule; readonly recompiled: string | null }
  | { readonly native: false; readonly why: string };

export function entryCode(store: AppStore, setup: LaunchSetup): EntryCode {
  const { record } = setup;
  const mod = record.modules.find((m) => m.path === record.entry);
  if (mod !== undefined && mod.engine === 'interp') return { native: false, why: mod.why ?? 'recorded at install' };
  const host = hostCompile();
  if (host === null) return { native: false, why: `kiln has no native code generator for this CPU (${process.arch})` };
  const engine = nativeEngineFor('auto');
  const key = cacheKeyOf(host.options);
  try {
    const r = compileCached(storeCache(store.cacheDir), engine, () => decodeModule(setup.wasm, { borrow: true }), setup.wasm, host.isa);
    if (r.hit) return { native: true, engine, compiled: r.compiled, recompiled: null };
    const lines = keyLines(key);
    const why = r.discarded !== null ? `its precompiled code could not be used: ${r.discarded}` : changeOf(record.compiledFor, lines);
    if (r.notStored === null) writeRecord(setup.appDir, { ...record, compiledFor: lines });
    return { native: true, engine, compiled: r.compiled, recompiled: why };
  } catch (e) {
    if (!isKilnError(e) || e.kind !== 'unsupported') throw e;
    const why = `the native compiler cannot take it: ${e.reason}`;
    writeRecord(setup.appDir, { ...record, modules: record.modules.map((m) => (m.path === record.entry ? { ...m, engine: 'interp', why } : m)) });
    return { native: false, why };
  }
}

/** what differs between the key the app was compiled under and this host's, in words */
function changeOf(before: readonly string[] | null, now: readonly string[]): string {
  if (before === null) return 'it was installed without native code';
  const was = new Map(before.map((l) => split(l)));
  const changes = now.map((l) => split(l)).filter(([k, v]) => was.get(k) !== v).map(([k, v]) => `${k} ${was.get(k) ?? '(none)'} → ${v}`);
  if (changes.length === 0) return 'its precompiled code is missing from the store';
  const kiln = changes.some((c) => c.startsWith('kiln-version') || c.startsWith('build-id'));
  return `${kiln ? 'kiln has changed' : 'this host differs'} since it was installed (${changes.join(', ')})`;
}

function split(line: string): [string, string] {
  const eq = line.indexOf('=');
  return [line.slice(0, eq), line.slice(eq + 1)];
}

function readStoreFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new KilnError('io', `cannot read the installed app (${(e as NodeJS.ErrnoException).code ?? 'error'}); install it again`, { file: path });
  }
}

function readText(path: string): string {
  return readStoreFile(path).toString('utf8');
}
