/**
 * Test support: locating and loading the official WebAssembly testsuite (Wasm 2.0 `.wast`
 * scripts). The suite lives outside the repository, next to it, at
 * `<repo>/../shared/testsuite/wasm-2.0`; it is read in place and never copied or edited.
 * `KILN_TESTSUITE` overrides the location.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `<repo>/test/support/`, or `<repo>/dist/test/support/`). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`kiln tests: cannot find the repository root above ${fileURLToPath(import.meta.url)}`);
}

/** Absolute path of the Wasm 2.0 testsuite; throws a clear message when it is missing. */
export function testsuiteDir(): string {
  const env = process.env['KILN_TESTSUITE'];
  const dir = env !== undefined && env !== '' ? resolve(env) : resolve(repoRoot(), '..', 'shared', 'testsuite', 'wasm-2.0');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `kiln tests: the WebAssembly testsuite was not found at ${dir}. ` +
        `Expected the Wasm 2.0 .wast files in ../shared/testsuite/wasm-2.0 relative to the repository root ` +
        `(or set KILN_TESTSUITE to their folder).`,
    );
  }
  return dir;
}

/** Sorted absolute paths of every `.wast` file of the testsuite. */
export function wastFiles(): string[] {
  const dir = testsuiteDir();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`kiln tests: no .wast files in ${dir}`);
  return files;
}

/** The text of one testsuite file, given its base name (`i32.wast`) or an absolute path. */
export function readWast(file: string): string {
  const path = file.includes('/') ? file : join(testsuiteDir(), file);
  return readFileSync(path, 'utf8');
}

/** `i32.wast` from `/…/i32.wast`. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
