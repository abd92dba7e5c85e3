/** `kiln validate <file>`: decode (or parse) and validate; exit 0 when valid. */

import type { Command } from 'commander';
import { importLoad } from '../lazy.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check that a .wasm or .wat module is well-formed and valid')
    .argument('<file>', 'module to check (.wasm binary or .wat text)')
    .option('-q, --quiet', 'print nothing when the module is valid')
    .action(async (file: string, opts: { quiet?: boolean }) => {
      // loaded on use, so that `kiln --help` and other commands start fast
      const { loadModule } = await importLoad();
      const loaded = loadModule(file);
      if (opts.quiet !== true) {
        const m = loaded.module;
        process.stdout.write(`${file}: valid (${m.imports.length} imports, ${m.funcs.length} functions, ${m.exports.length} exports)\n`);
      }
    });
}
