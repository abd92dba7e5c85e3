/**
 * `kiln install app.kapp` (docs/kapp.md, "Installing"): check the whole package and the grants
 * first (package.ts, grants.ts) — nothing in the store is touched before every check passed —
 * then, holding the app's lock (lock.ts), unpack it into a staging directory, precompile its
 * modules into the store's cache (precompile.ts), write the install record, and move the
 * staged app into `apps/NAME` with renames. Installing a name that is installed already
 * replaces that app and keeps its data directories. An install that fails removes what it
 * made: the staged files, the cache entries it wrote, the store directories it created.
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { printManifest } from '../../formats/kapp/manifest.js';
import { KilnError } from '../../formats/errors.js';
import { checkPackage, type CheckedPackage } from './package.js';
import { resolveGrants, type GrantSpec } from './grants.js';
import { withLock } from './lock.js';
import { planModules, precompile, type ModulePlan } from './precompile.js';
import { readRecord, RECORD_FORMAT, writeRecord, type AppRecord } from './record.js';
import { AppStore } from './store.js';

export interface InstallRequest {
  readonly store: AppStore;
  readonly packageFile: string;
  readonly grants: readonly GrantSpec[];
  /** compiling threads per module (linker/parallel.ts) */
  readonly jobs: number;
}

/** everything decided before the store is touched (and all that `--dry-run` shows) */
export interface InstallPlan {
  readonly pkg: CheckedPackage;
  /** guest path → host directory of each `from = "host"` grant */
  readonly grants: Readonly<Record<string, string>>;
  readonly modules: readonly ModulePlan[];
  readonly compiledFor: readonly string[] | null;
  /** the app of that name installed now, which the install replaces */
  readonly replaces: AppRecord | null;
}

export interface InstallResult {
  readonly plan: InstallPlan;
  readonly appDir: string;
  /** modules compiled now / found precompiled in the store */
  readonly compiled: number;
  readonly reused: number;
}

export function planInstall(req: InstallRequest): InstallPlan {
  const bytes = readPackage(req.packageFile);
  const pkg = checkPackage(bytes, req.packageFile);
  const grants = resolveGrants(pkg.manifest, req.grants);
  const { plans, compiledFor } = planModules(req.store.cacheDir, pkg.modules);
  const replaces = readRecord(req.store.appDir(pkg.manifest.name));
  return { pkg, grants, modules: plans, compiledFor, replaces };
}

export async function install(req: InstallRequest): Promise<InstallResult> {
  const first = planInstall(req);
  const created = makeStoreDirs(req.store);
  const written: string[] = [];
  try {
    return await withLock(req.store.locksDir, first.pkg.manifest.name, async () => {
      // the plan again under the lock: another install may have finished meanwhile
      const plan = { ...first, ...planAgain(req, first) };
      const staged = mkdtempSync(join(req.store.stagingDir, `${plan.pkg.manifest.name}-`));
      try {
        unpack(staged, plan.pkg);
        const pre = await precompile(req.store.cacheDir, plan.modules, req.jobs);
        written.push(...pre.written);
        writeRecord(staged, recordOf(plan, pre.records));
        const appDir = req.store.appDir(plan.pkg.manifest.name);
        moveIntoPlace(staged, appDir, plan);
        return { plan, appDir, compiled: pre.compiled, reused: pre.reused };
      } finally {
        rmSync(staged, { recursive: true, force: true });
      }
    });
  } catch (e) {
    for (const entry of written) rmSync(entry, { force: true });
    removeIfEmpty(created);
    throw e;
  }
}

function planAgain(req: InstallRequest, first: InstallPlan): Pick<InstallPlan, 'modules' | 'replaces'> {
  const { plans } = planModules(req.store.cacheDir, first.pkg.modules);
  return { modules: plans, replaces: readRecord(req.store.appDir(first.pkg.manifest.name)) };
}

function readPackage(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KilnError('io', code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`, { file });
  }
}

/** the store's directories, made as needed; returns those this call created, deepest last */
function makeStoreDirs(store: AppStore): string[] {
  const created: string[] = [];
  for (const dir of [store.dir, store.appsDir, store.cacheDir, store.locksDir, store.stagingDir]) {
    if (existsSync(dir)) continue;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    created.push(dir);
  }
  return created;
}

function removeIfEmpty(dirs: readonly string[]): void {
  for (const dir of [...dirs].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      /* not empty: another install uses it */
    }
  }
}

/** the package's files under `files/`, and the manifest as checked */
function unpack(staged: string, pkg: CheckedPackage): void {
  const files = AppStore.filesOf(staged);
  mkdirSync(files, { mode: 0o755 });
  for (const f of pkg.files) {
    const path = join(files, ...f.name.split('/'));
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    writeFileSync(path, f.data, { mode: 0o644, flag: 'wx' });
  }
  writeFileSync(AppStore.manifestOf(staged), printManifest(pkg.manifest), { mode: 0o644, flag: 'wx' });
}

function recordOf(plan: InstallPlan, modules: AppRecord['modules']): AppRecord {
  const m = plan.pkg.manifest;
  return {
    format: RECORD_FORMAT,
    name: m.name,
    version: m.version,
    entry: m.entry,
    modules,
    grants: plan.grants,
    compiledFor: plan.compiledFor,
    packageSha256: plan.pkg.sha256,
  };
}

/**
 * Staged app → `apps/NAME`. An app installed there already is moved aside first, its `data/`
 * moved into the new app; a failure puts both back.
 */
function moveIntoPlace(staged: string, appDir: string, plan: InstallPlan): void {
  const aside = existsSync(appDir) ? `${staged}.old` : null;
  if (aside !== null) renameSync(appDir, aside);
  const oldData = aside === null ? null : join(aside, 'data');
  const newData = join(staged, 'data');
  try {
    if (oldData !== null && existsSync(oldData)) renameSync(oldData, newData);
    for (const d of plan.pkg.manifest.dirs) {
      if (d.from === 'app-data') mkdirSync(AppStore.dataDirOf(staged, d.guest), { recursive: true, mode: 0o700 });
    }
    renameSync(staged, appDir);
  } catch (e) {
    if (aside !== null) {
      if (oldData !== null && existsSync(newData) && !existsSync(oldData)) renameSync(newData, oldData);
      renameSync(aside, appDir);
    }
    throw new KilnError('io', `cannot move the app into the store: ${(e as Error).message}`, { file: appDir });
  }
  if (aside !== null) rmSync(aside, { recursive: true, force: true });
}
