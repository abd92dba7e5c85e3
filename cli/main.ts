/**
 * The `kiln` command line. Parsing and user-facing messages only: each subcommand lives in
 * cli/commands/ and calls into formats/, compiler/ and loader/. Every failure is printed as
 * one line (`file:offset: kind: reason`) with a non-zero exit code; a raw stack trace is
 * shown only when KILN_DEBUG=1.
 */

import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate.js';
import { registerInspect } from './commands/inspect.js';
import { registerRun } from './commands/run.js';
import { registerCompile } from './commands/compile.js';
import { registerPrint } from './commands/print.js';
import { registerExplore } from './commands/explore.js';
import { registerTargets } from './commands/targets.js';
import { registerCache } from './commands/cache.js';
import { registerApps } from './commands/apps.js';
import { registerBuild } from './commands/build.js';
import { reportAndExit } from './report.js';
import { KILN_VERSION } from './version.js';

function buildProgram(): Command {
  const program = new Command();
  program
    .name('kiln')
    .description('WebAssembly toolchain: validate, inspect and run .wasm / .wat modules')
    .version(KILN_VERSION, '-V, --version', 'print the kiln version')
    .enablePositionalOptions()
    .exitOverride();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    // one line: `kiln: error: unknown option '--x' (see kiln --help)`
    outputError: (s, write) => write(`kiln: ${s.trimEnd()} (see kiln --help)\n`),
  });
  registerValidate(program);
  registerInspect(program);
  registerCompile(program);
  registerRun(program);
  registerPrint(program);
  registerExplore(program);
  registerTargets(program);
  registerCache(program);
  registerBuild(program);
  registerApps(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      process.exit(e.exitCode === 0 ? 0 : 2);
    }
    reportAndExit(e);
  }
}

/** a closed pipe on stdout/stderr (`kiln inspect x | head`) ends kiln quietly, as CLIs do */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    reportAndExit(e);
  });
}

exitQuietlyOnClosedPipe(process.stdout);
exitQuietlyOnClosedPipe(process.stderr);
// nothing escapes as a raw stack trace, whatever fails asynchronously
process.on('uncaughtException', (e) => reportAndExit(e));
process.on('unhandledRejection', (e) => reportAndExit(e));

await main(process.argv);
