/**
 * `kiln inspect <file> [--json]`: what a module contains — sections with sizes, imports,
 * exports, functions with code sizes, memories, tables, globals, custom sections. The
 * report is built once as data (inspect-report.ts) and rendered as text or JSON.
 */

import type { Command } from 'commander';
import { importInspectReport, importLoad } from '../lazy.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show the sections, imports, exports, functions, memories, tables, globals and custom sections of a module')
    .argument('<file>', 'module to inspect (.wasm binary or .wat text)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      // loaded on use, so that `kiln --help` and other commands start fast
      const { loadModule } = await importLoad();
      const { buildReport, renderReport } = await importInspectReport();
      const loaded = loadModule(file);
      const report = buildReport(loaded);
      process.stdout.write(opts.json === true ? JSON.stringify(report, null, 2) + '\n' : renderReport(report));
    });
}
