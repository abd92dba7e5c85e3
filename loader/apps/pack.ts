/**
 * `kiln pack DIR` (docs/kapp.md, "Packing"): every regular file under DIR, by its path relative
 * to DIR, into a deterministic zip (formats/kapp/zip-write.ts) — after the same checks install
 * makes (package.ts: the manifest, the entry, the icon, every `.wasm` module validated), so a
 * package that packs also installs. Anything but regular files and directories (a symlink, a
 * device) is refused rather than followed, as install would refuse it.
 */

import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeZip, type ZipInput } from '../../formats/kapp/zip-write.js';
import { KilnError } from '../../formats/errors.js';
import { checkContents, sha256Hex, type CheckedPackage } from './package.js';

export interface Packed {
  readonly bytes: Uint8Array;
  readonly pkg: CheckedPackage;
}

export function packDirectory(dir: string): Packed {
  let top;
  try {
    top = lstatSync(dir);
  } catch {
    throw new KilnError('usage', `no such directory ${JSON.stringify(dir)}`);
  }
  if (!top.isDirectory()) throw new KilnError('usage', `${JSON.stringify(dir)} is not a directory`);
  const files: ZipInput[] = [];
  collect(dir, '', files);
  const bytes = writeZip(files);
  const pkg = checkContents(files, dir, sha256Hex(bytes));
  return { bytes, pkg };
}

function collect(root: string, rel: string, out: ZipInput[]): void {
  const here = rel === '' ? root : join(root, rel);
  for (const name of readdirSync(here).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const full = join(root, path);
    const st = lstatSync(full);
    if (st.isDirectory()) collect(root, path, out);
    else if (st.isFile()) out.push({ name: path, data: new Uint8Array(readFileSync(full)) });
    else throw new KilnError('package', `${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; a package holds only regular files and directories`, { file: full });
  }
}
