/**
 * Opening an app package (`.kapp`, docs/kapp.md) and checking everything in it that can be
 * checked without touching the store: the zip (formats/kapp/zip-read.ts: names, attributes,
 * sizes, bombs), the manifest (formats/kapp/manifest.ts), that the entry and the icon are
 * files of the package, and that every `.wasm` file in it decodes and validates. Errors name
 * the package and the entry inside it: `app.kapp/bin/x.wasm:0x1f: invalid: …`.
 */

import { createHash } from 'node:crypto';
import { decodeAndValidate } from '../../compiler/validate/index.js';
import { parseManifest, type Manifest } from '../../formats/kapp/manifest.js';
import { readZip, type ZipFile } from '../../formats/kapp/zip-read.js';
import { KilnError, isKilnError } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';

export const MANIFEST_NAME = 'manifest.toml';

export interface PackageModule {
  /** path inside the package */
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly module: Module;
  /** SHA-256 of `bytes`, hex */
  readonly sha256: string;
}

export interface CheckedPackage {
  readonly file: string;
  /** SHA-256 of the package file, hex */
  readonly sha256: string;
  readonly manifest: Manifest;
  /** every file of the package, the manifest included, in the zip's order */
  readonly files: readonly ZipFile[];
  /** every `.wasm` file, sorted by path */
  readonly modules: readonly PackageModule[];
}

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** the package in `bytes` (read from `file`), checked whole */
export function checkPackage(bytes: Uint8Array, file: string): CheckedPackage {
  const files = readZip(bytes, file);
  return checkContents(files, file, sha256Hex(bytes));
}

/** the checks after the zip's own: manifest, entry, icon, modules */
export function checkContents(files: readonly ZipFile[], file: string, sha256: string): CheckedPackage {
  const byName = new Map(files.map((f) => [f.name, f]));
  const manifestFile = byName.get(MANIFEST_NAME);
  if (manifestFile === undefined) throw new KilnError('package', `no ${MANIFEST_NAME} at the top of the package`, { file });
  const manifest = parseManifest(utf8(manifestFile.data, `${file}/${MANIFEST_NAME}`), `${file}/${MANIFEST_NAME}`);
  if (!byName.has(manifest.entry)) {
    throw new KilnError('package', `entry: the package has no file ${JSON.stringify(manifest.entry)}`, { file: `${file}/${MANIFEST_NAME}` });
  }
  if (manifest.icon !== null && !byName.has(manifest.icon)) {
    throw new KilnError('package', `icon: the package has no file ${JSON.stringify(manifest.icon)}`, { file: `${file}/${MANIFEST_NAME}` });
  }
  const modules = files
    .filter((f) => f.name.endsWith('.wasm'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => checkModule(f, file));
  return { file, sha256, manifest, files, modules };
}

function checkModule(f: ZipFile, file: string): PackageModule {
  const where = `${file}/${f.name}`;
  try {
    // the zip's buffer is not modified later, so the module may borrow it
    const module = decodeAndValidate(f.data, { borrow: true });
    return { path: f.name, bytes: f.data, module, sha256: sha256Hex(f.data) };
  } catch (e) {
    if (isKilnError(e)) {
      e.loc.file = where;
      throw e;
    }
    if (e instanceof RangeError) throw new KilnError('unsupported', 'the module is nested too deeply to check here', { file: where });
    throw e;
  }
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KilnError('package', 'not valid UTF-8', { file });
  }
}
