/**
 * `kiln inspect <file> [--json]`: what a module contains — sections with sizes, imports,
 * exports, functions with code sizes, memories, tables, globals, custom sections. The
 * report is built once as data (inspect-report.ts) and rendered as text or JSON. For a
 * `.cwasm` artifact: its header, key, sections and tables (inspect-cwasm.ts).
 */

import type { Command } from 'commander';
import { KilnError } from '../../formats/errors.js';
import { importInspectCwasm, importInspectReport, importLoad } from '../lazy.js';

function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof KilnError && e.loc.file === undefined) e.loc.file = file;
    throw e;
  }
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show the sections, imports, exports, functions, memories, tables, globals and custom sections of a module')
    .argument('<file>', 'module to inspect (.wasm binary or .wat text), or a .cwasm artifact')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      // loaded on use, so that `kiln --help` and other commands start fast
      const { loadModule, isArtifactFile, readInput } = await importLoad();
      if (isArtifactFile(file)) {
        const { buildCwasmReport, renderCwasmReport } = await importInspectCwasm();
        const report = withFile(file, () => buildCwasmReport(file, readInput(file)));
        process.stdout.write(opts.json === true ? JSON.stringify(report, null, 2) + '\n' : renderCwasmReport(report));
        return;
      }
      const { buildReport, renderReport } = await importInspectReport();
      const loaded = loadModule(file);
      const report = buildReport(loaded);
      process.stdout.write(opts.json === true ? JSON.stringify(report, null, 2) + '\n' : renderReport(report));
    });
}
