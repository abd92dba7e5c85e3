/**
 * Reading a module named on the command line: `.wat`/`.wast`-style text or binary `.wasm`
 * (detected by the `\0asm` magic, so the extension does not have to be right), decoded and
 * validated. Every failure becomes a KilnError that names the file.
 */

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { CWASM_MIN_SIZE, looksLikeCwasm } from '../formats/cwasm/read.js';
import { KilnError, isKilnError } from '../formats/errors.js';
import { decodeModule } from '../formats/wasm/decode.js';
import { encodeModule } from '../formats/wasm/encode.js';
import type { Module } from '../formats/wasm/types.js';
import { parseWat } from '../formats/wat/module.js';
import { decodeAndValidate, validateModule } from '../compiler/validate/index.js';

export interface LoadedModule {
  file: string;
  /** the binary form: the file itself, or the encoding of a text module */
  bytes: Uint8Array;
  module: Module;
  fromText: boolean;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})`;
    throw new KilnError('io', why, { file });
  }
}

/** whether `file` is a `.cwasm` artifact (by its first bytes; false when it cannot be read) */
export function isArtifactFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false; // loading reports what is wrong with the file
  }
  try {
    const head = new Uint8Array(CWASM_MIN_SIZE);
    return readSync(fd, head, 0, head.length, 0) === head.length && looksLikeCwasm(head);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

const isBinary = (bytes: Uint8Array): boolean => WASM_MAGIC.every((b, i) => bytes[i] === b);

/**
 * Decode (or parse) and validate; errors carry `file`. Binary input takes one pass that
 * decodes and validates (single-pass.ts); text is validated as parsed, then encoded.
 */
export function loadModule(file: string, opts: { validate?: boolean } = {}): LoadedModule {
  const raw = readInput(file);
  try {
    const validate = opts.validate !== false;
    const fromText = !isBinary(raw) && !file.endsWith('.wasm');
    if (fromText) {
      const parsed = parseWat(decodeUtf8(raw, file), file);
      // validate the text module itself: its errors name function and instruction, not an
      // offset into a binary encoding the user never saw
      if (validate) validateModule(parsed);
      const bytes = encodeModule(parsed);
      return { file, bytes, module: decodeModule(bytes, { borrow: true }), fromText };
    }
    // the file's bytes are never modified: lazy function bodies may refer to them
    const module = validate ? decodeAndValidate(raw, { borrow: true }) : decodeModule(raw, { borrow: true });
    return { file, bytes: raw, module, fromText };
  } catch (e) {
    if (isKilnError(e) && e.loc.file === undefined) e.loc.file = file;
    throw e;
  }
}

function decodeUtf8(raw: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new KilnError('malformed', 'text file is not valid UTF-8', { file });
  }
}
