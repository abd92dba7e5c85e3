/**
 * `kiln print <file> [-o FILE]`: the module (binary or text) as WebAssembly text, like
 * `wasm-tools print` / `wasm2wat`. The module is decoded and validated first (unless
 * --no-validate), so a bad input fails with the usual one-line KilnError before any output.
 * The text is written synchronously in chunks as it is printed, so a huge module needs no
 * huge string; a reader that closes the pipe early (`kiln print x.wasm | head`) ends kiln
 * quietly.
 */

import type { Command } from 'commander';
import { closeSync, openSync, writeSync } from 'node:fs';
import { isKilnError, KilnError } from '../../formats/errors.js';
import { importLoad, importWatPrinter } from '../lazy.js';

/** how long to wait before retrying a write to a non-blocking descriptor that is full */
const RETRY_MS = 1;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** write all of `text` to `fd`, waiting out EAGAIN; a closed pipe ends the process quietly */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, RETRY_MS);
      else if (code === 'EPIPE' && fd === 1) process.exit(0);
      else throw e;
    }
  }
}

function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'is a directory' : `cannot write (${code ?? 'error'})`;
    throw new KilnError('io', why, { file: path });
  }
}

export function registerPrint(program: Command): void {
  program
    .command('print')
    .description('print a .wasm or .wat module as WebAssembly text (WAT)')
    .argument('<file>', 'module to print (.wasm binary or .wat text)')
    .option('-o, --output <file>', 'write the text to FILE instead of stdout')
    .option('--no-validate', 'print a module that decodes but does not validate')
    .action(async (file: string, opts: { output?: string; validate: boolean }) => {
      // loaded on use, so that `kiln --help` and other commands start fast
      const { loadModule } = await importLoad();
      const { printModuleTo } = await importWatPrinter();
      const loaded = loadModule(file, { validate: opts.validate });
      const out = opts.output;
      const print = (write: (chunk: string) => void): void => {
        try {
          printModuleTo(loaded.module, write);
        } catch (e) {
          // the printer's own refusals (a limit) name the input file
          if (isKilnError(e) && e.loc.file === undefined) e.loc.file = file;
          throw e;
        }
      };
      if (out === undefined) {
        print((chunk) => writeAll(1, chunk));
        return;
      }
      const fd = openOutput(out);
      try {
        print((chunk) => {
          try {
            writeAll(fd, chunk);
          } catch (e) {
            throw new KilnError('io', `cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: out });
          }
        });
      } finally {
        closeSync(fd);
      }
    });
}
