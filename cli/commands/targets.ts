/**
 * `kiln targets [--json]`: the targets kiln knows, which one is the host, the pinned CPU
 * baseline of each, and the host's CPU features as kiln sees them (targets-report.ts).
 */

import type { Command } from 'commander';
import { importTargetsReport } from '../lazy.js';

export function registerTargets(program: Command): void {
  program
    .command('targets')
    .description('list the targets kiln knows and, for this host, the CPU features kiln detects and which it can use')
    .option('--json', 'print the report as JSON')
    .allowExcessArguments(false)
    .action(async (opts: { json?: boolean }) => {
      // loaded on use, so that `kiln --help` and other commands start fast
      const { buildTargetsReport, renderTargetsReport } = await importTargetsReport();
      const report = buildTargetsReport();
      process.stdout.write(opts.json === true ? JSON.stringify(report, null, 2) + '\n' : renderTargetsReport(report));
    });
}
