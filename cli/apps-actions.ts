/**
 * What `kiln pack`, `install`, `list` and `uninstall` print (commands/apps.ts parses their
 * options): the work is loader/apps; this file turns its results into lines of text.
 */

import { existsSync } from 'node:fs';
import type { Manifest } from '../formats/kapp/manifest.js';
import { writeFileAtomically } from '../loader/cwasm/atomic-write.js';
import { parseGrant } from '../loader/apps/grants.js';
import { install, planInstall, type InstallPlan, type InstallRequest } from '../loader/apps/install.js';
import { listApps, uninstall } from '../loader/apps/manage.js';
import { packDirectory } from '../loader/apps/pack.js';
import type { ModulePlan } from '../loader/apps/precompile.js';
import { openStore, type AppStore } from '../loader/apps/store.js';
import { defaultJobs } from '../linker/parallel.js';
import { hostIsa } from '../targets/host.js';
import { sizeText } from './commands/cache.js';

const say = (line: string): void => {
  process.stdout.write(line + '\n');
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function packAction(dir: string, output: string | undefined): void {
  const { bytes, pkg } = packDirectory(dir);
  const m = pkg.manifest;
  const out = output ?? `${m.name}-${m.version}.kapp`;
  writeFileAtomically(out, bytes, 'the package', 0o644);
  say(`packed ${m.name} ${m.version}: ${plural(pkg.files.length, 'file')}, ${plural(pkg.modules.length, 'module')}, ${sizeText(bytes.length)} → ${out}`);
}

export interface InstallFlags {
  readonly store: string | undefined;
  readonly grants: readonly string[];
  readonly dryRun: boolean;
  readonly jobs: number | undefined;
}

export async function installAction(file: string, flags: InstallFlags): Promise<void> {
  const req: InstallRequest = {
    store: openStore(flags.store),
    packageFile: file,
    grants: flags.grants.map(parseGrant),
    jobs: flags.jobs ?? defaultJobs(),
  };
  if (flags.dryRun) {
    const plan = planInstall(req);
    for (const line of planLines(plan, req.store, 'would install')) say(line);
    say('nothing was changed (--dry-run)');
    return;
  }
  const r = await install(req);
  for (const line of planLines(r.plan, req.store, 'installed')) say(line);
}

/** the install (or the plan of one) in words: what is granted, limited and compiled */
function planLines(plan: InstallPlan, store: AppStore, verb: string): string[] {
  const m = plan.pkg.manifest;
  const replacing = plan.replaces === null ? '' : `, replacing ${plan.replaces.version} (its data kept)`;
  const lines = [`${verb} ${m.name} ${m.version} (${m.entry}) into ${store.appDir(m.name)}${replacing}`];
  lines.push(...grantLines(m, plan.grants));
  const env = Object.entries(m.env);
  lines.push(`environment: ${env.length === 0 ? 'none' : env.map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (m.args.length > 0) lines.push(`arguments before the user's: ${m.args.map((a) => JSON.stringify(a)).join(' ')}`);
  lines.push(`limits: ${limitsText(m)}`);
  lines.push('modules:', ...plan.modules.map((p) => `  ${p.module.path}: ${moduleText(p, verb !== 'installed')}`));
  return lines;
}

function grantLines(m: Manifest, grants: Readonly<Record<string, string>>): string[] {
  if (m.dirs.length === 0) return ['directories: none'];
  return [
    'directories:',
    ...m.dirs.map((d) => {
      const mode = d.mode === 'ro' ? 'read-only ' : 'read-write';
      const from = d.from === 'app-data' ? "the app's own data directory in the store" : `host ${grants[d.guest] ?? '?'}`;
      return `  ${d.guest}  ${mode}  ${from}`;
    }),
  ];
}

function limitsText(m: Manifest): string {
  const l = m.limits;
  const parts: string[] = [];
  if (l.memoryBytes !== null) parts.push(`memory ${sizeText(l.memoryBytes)}`);
  if (l.timeMs !== null) parts.push(`time ${l.timeMs / 1000} s`);
  if (l.openFiles !== null) parts.push(`open files ${l.openFiles}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function moduleText(p: ModulePlan, future: boolean): string {
  if (p.engine === 'interp') return `${future ? 'would run' : 'runs'} on the interpreter: ${p.why ?? ''}`;
  const target = `${hostIsa() ?? process.arch}-linux`;
  if (p.cached) return `precompiled for ${target} already (in the store)`;
  return future ? `would be precompiled for ${target}` : `precompiled for ${target}`;
}

export function listAction(storeDir: string | undefined): void {
  const store = openStore(storeDir);
  const apps = listApps(store);
  if (apps.length === 0) {
    say(`no apps installed in ${store.dir}${existsSync(store.dir) ? '' : ' (it does not exist yet)'}`);
    return;
  }
  const rows = [['NAME', 'VERSION', 'ENTRY', 'ENGINE'], ...apps.map((a) => [a.name, a.version, a.entry, a.modules.find((x) => x.path === a.entry)?.engine ?? '?'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) say(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
}

export async function uninstallAction(name: string, storeDir: string | undefined): Promise<void> {
  const store = openStore(storeDir);
  const r = await uninstall(store, name);
  say(`uninstalled ${r.record.name} ${r.record.version} (its files and data removed; ${plural(r.entries, 'precompiled module')} removed)`);
}
