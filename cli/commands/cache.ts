/**
 * `kiln cache stats [--json]` and `kiln cache clean`: the compile cache of `kiln run`
 * (loader/cwasm/cache.ts; docs/cwasm.md, "Compile cache"). Both take `--cache-dir DIR`, as
 * `kiln run` does; a directory that does not exist is an empty cache. `clean` removes kiln's
 * entries (and temporary files of unfinished writes) and nothing else in the directory.
 */

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { KilnError } from '../../formats/errors.js';
import type { CompileCache } from '../../loader/cwasm/cache.js';
import { importCache } from '../lazy.js';

interface CacheFlags {
  cacheDir?: string;
  json?: boolean;
}

const MIB = 1024 * 1024;

const oneDecimal = (x: number): string => x.toFixed(1).replace(/\.0$/, '');

/** `1,234,567 bytes (1.2 MiB)`; `512 bytes` */
export function sizeText(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1024) return exact;
  return `${exact} (${bytes >= MIB ? `${oneDecimal(bytes / MIB)} MiB` : `${oneDecimal(bytes / 1024)} KiB`})`;
}

const entriesText = (n: number): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;

async function openCache(flags: CacheFlags): Promise<CompileCache> {
  const { CompileCache: Cache, defaultCacheDir } = await importCache();
  if (flags.cacheDir === '') throw new KilnError('usage', '--cache-dir takes a directory, got ""');
  const dir = flags.cacheDir === undefined ? defaultCacheDir() : resolve(flags.cacheDir);
  if (dir === null) throw new KilnError('usage', 'there is no default cache directory (no XDG_CACHE_HOME and no home directory); name one with --cache-dir');
  return new Cache(dir);
}

export function registerCache(program: Command): void {
  const cache = program.command('cache').description("manage the compile cache of kiln run (natively compiled modules, so a second run compiles nothing)");
  cache
    .command('stats')
    .description('the cache directory, its number of entries and their total size')
    .option('--cache-dir <dir>', 'the cache directory (default: $XDG_CACHE_HOME/kiln, else ~/.cache/kiln)')
    .option('--json', 'print the figures as JSON')
    .allowExcessArguments(false)
    .action(async (flags: CacheFlags) => {
      const s = (await openCache(flags)).stats();
      if (flags.json === true) {
        process.stdout.write(JSON.stringify(s, null, 2) + '\n');
        return;
      }
      process.stdout.write(
        `directory: ${s.directory}\n` +
          `entries:   ${s.entries}\n` +
          `size:      ${sizeText(s.bytes)}\n` +
          `limit:     ${sizeText(s.limitBytes)}; beyond it the least recently used entries are removed\n`,
      );
    });
  cache
    .command('clean')
    .description('remove every entry of the cache')
    .option('--cache-dir <dir>', 'the cache directory (default: $XDG_CACHE_HOME/kiln, else ~/.cache/kiln)')
    .allowExcessArguments(false)
    .action(async (flags: CacheFlags) => {
      const r = (await openCache(flags)).clean();
      process.stdout.write(`removed ${entriesText(r.entries)}, ${sizeText(r.bytes)}, from ${r.directory}\n`);
    });
}
