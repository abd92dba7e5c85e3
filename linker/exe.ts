/**
 * A standalone executable of one module (docs/standalone.md): the module compiled for the
 * target with guard-page bounds, linked (link.ts), turned into the module image
 * (exe-image.ts), and statically linked with kiln's native runtime — the committed relocatable
 * objects `runtime/obj/<isa>/*.o` built by scripts/build-runtime.mjs — into one ELF
 * (static-exe.ts). Deterministic: the same module, target and settings give the same bytes.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KilnError } from '../formats/errors.js';
import type { Module } from '../formats/wasm/types.js';
import type { Isa } from '../targets/compiled.js';
import { compileModule } from '../targets/compile.js';
import { compileOptionsOf, resolveArtifactOptions } from './cwasm.js';
import { readElfObject } from './elf-object.js';
import { moduleImage, type ExeSettings } from './exe-image.js';
import { linkCode } from './link.js';
import type { LinkObject } from './link-object.js';
import { linkExecutable } from './static-exe.js';

/**
 * runtime/obj of this kiln: next to dist/ (this file compiled into dist/linker/ or bundled into
 * dist/bundle/) or next to the sources (vitest runs linker/exe.ts itself)
 */
export function runtimeObjectsDir(): string {
  // developing the runtime: objects built elsewhere (a directory of <isa>/*.o and BUILD.json)
  const dev = process.env['KILN_RUNTIME_OBJ'];
  if (dev !== undefined && dev !== '') return dev;
  for (const up of ['../runtime/obj', '../../runtime/obj']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'BUILD.json'))) return dir;
  }
  throw new KilnError('io', "cannot find kiln's native runtime (runtime/obj/); reinstall kiln or run node scripts/build-runtime.mjs");
}

const objects = new Map<string, LinkObject[]>();

/** the runtime's objects for `isa`, read once per process (sorted by name: the link order is fixed) */
export function runtimeObjects(isa: Isa): LinkObject[] {
  const dir = join(runtimeObjectsDir(), isa);
  let found = objects.get(dir);
  if (found === undefined) objects.set(dir, (found = readObjects(dir, isa)));
  return found;
}

function readObjects(dir: string, isa: Isa): LinkObject[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.o'))
    .sort()
    .map((n) => readElfObject(new Uint8Array(readFileSync(join(dir, n))), `runtime/obj/${isa}/${n}`));
}

export interface ExeOptions {
  readonly isa: Isa;
  readonly settings: ExeSettings;
}

/** the executable of validated module `m` */
export function buildExecutable(m: Module, options: ExeOptions): Uint8Array {
  const o = resolveArtifactOptions({ isa: options.isa, bounds: 'guard' });
  const code = compileModule(m, compileOptionsOf(o));
  const linked = linkCode(code, m);
  const image = moduleImage(m, linked, options.settings);
  return linkExecutable([...runtimeObjects(options.isa), image], { isa: options.isa, entry: '_start' });
}
