/**
 * The app package commands (docs/kapp.md): `kiln pack DIR -o app.kapp`, `kiln install
 * app.kapp [--grant HOST::GUEST]… [--dry-run]`, `kiln launch NAME [args…]`, `kiln list`,
 * `kiln uninstall NAME`. Each takes `--store DIR` (default $XDG_DATA_HOME/kiln, else
 * ~/.local/share/kiln). Parsing only; the work is in cli/apps-actions.ts and cli/launch-app.ts,
 * loaded on use.
 */

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { KilnError } from '../../formats/errors.js';
import { importAppsActions, importLaunchApp } from '../lazy.js';
import { parsePositiveInt } from './run-options.js';

export interface StoreFlags {
  store?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const STORE_HELP = 'the app store (default: $XDG_DATA_HOME/kiln, else ~/.local/share/kiln)';

/** `--store DIR` as an absolute path, or undefined for the default */
export function storeOption(flags: StoreFlags): string | undefined {
  if (flags.store === undefined) return undefined;
  if (flags.store === '') throw new KilnError('usage', '--store takes a directory, got ""');
  return resolve(flags.store);
}

export function registerApps(program: Command): void {
  program
    .command('pack')
    .description('pack a directory holding manifest.toml into an app package (.kapp)')
    .argument('<dir>', 'the directory: manifest.toml, the entry module and assets')
    .option('-o, --output <file>', 'the package to write (default: NAME-VERSION.kapp)')
    .allowExcessArguments(false)
    .action(async (dir: string, flags: { output?: string }) => {
      const { packAction } = await importAppsActions();
      packAction(dir, flags.output);
    });
  program
    .command('install')
    .description('install an app package: check it, unpack it into the store and precompile its modules')
    .argument('<package>', 'the .kapp file')
    .option('--grant <HOST::GUEST>', 'approve a host directory the manifest asks for at GUEST (repeatable)', collect, [])
    .option('--dry-run', 'show what would be installed and granted, and change nothing')
    .option('-j, --jobs <n>', 'compiling threads per module (default: as kiln compile)')
    .option('--store <dir>', STORE_HELP)
    .allowExcessArguments(false)
    .action(async (file: string, flags: StoreFlags & { grant: string[]; dryRun?: boolean; jobs?: string }) => {
      const { installAction } = await importAppsActions();
      await installAction(file, {
        store: storeOption(flags),
        grants: flags.grant,
        dryRun: flags.dryRun === true,
        jobs: flags.jobs === undefined ? undefined : parsePositiveInt(flags.jobs, '--jobs'),
      });
    });
  program
    .command('launch')
    .description("run an installed app with exactly its manifest's permissions and limits")
    .argument('<name>', 'the app (kiln list shows them)')
    .argument('[args...]', 'arguments for the app, after those of its manifest')
    .option('--verbose', 'say which engine runs the app, and whether its code came precompiled')
    .option('--store <dir>', STORE_HELP)
    .passThroughOptions()
    .action(async (name: string, args: string[], flags: StoreFlags & { verbose?: boolean }) => {
      const { launchAction } = await importLaunchApp();
      process.exitCode = await launchAction(name, args, { store: storeOption(flags), verbose: flags.verbose === true });
    });
  program
    .command('list')
    .description('list the installed apps')
    .option('--store <dir>', STORE_HELP)
    .allowExcessArguments(false)
    .action(async (flags: StoreFlags) => {
      const { listAction } = await importAppsActions();
      listAction(storeOption(flags));
    });
  program
    .command('uninstall')
    .description('remove an installed app, its data, and its precompiled code no other app uses')
    .argument('<name>', 'the app')
    .option('--store <dir>', STORE_HELP)
    .allowExcessArguments(false)
    .action(async (name: string, flags: StoreFlags) => {
      const { uninstallAction } = await importAppsActions();
      await uninstallAction(name, storeOption(flags));
    });
}
