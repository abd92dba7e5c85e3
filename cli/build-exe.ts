/**
 * What `kiln build` does once its options are parsed (commands/build.ts): load and validate the
 * module, build the executable (linker/exe.ts) and write it with mode 0755, atomically.
 */

import { chmodSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { KilnError } from '../formats/errors.js';
import { buildExecutable } from '../linker/exe.js';
import { writeFileAtomically } from '../loader/cwasm/atomic-write.js';
import { hostIsa } from '../targets/host.js';
import type { Isa } from '../targets/compiled.js';
import type { BuildFlags } from './commands/build.js';
import { loadModule } from './load.js';

const TARGETS: Readonly<Record<string, Isa>> = { 'x86_64-linux': 'x86_64', 'aarch64-linux': 'aarch64' };

export interface CheckedBuild {
  readonly preopens: readonly { readonly host: string; readonly guest: string; readonly readonly: boolean }[];
  readonly timeoutMs: number | null;
  readonly maxMemoryPages: number | null;
  readonly maxCallDepth: number;
}

function targetIsa(target: string | undefined): Isa {
  if (target === undefined) {
    const isa = hostIsa();
    if (isa === null) throw new KilnError('usage', `kiln has no target for this host (${process.arch}); name one with --target x86_64-linux or aarch64-linux`);
    return isa;
  }
  const isa = TARGETS[target];
  if (isa === undefined) throw new KilnError('usage', `--target takes x86_64-linux or aarch64-linux, got "${target}"`);
  return isa;
}

export async function buildAction(file: string, flags: BuildFlags, checked: CheckedBuild): Promise<void> {
  const isa = targetIsa(flags.target);
  const { module } = loadModule(file);
  const batch = flags.batch === true;
  if (!batch && !module.exports.some((e) => e.kind === 'func' && e.name === '_start')) {
    throw new KilnError('usage', 'module has no _start export (a WASI command), which an executable runs', { file });
  }
  const env = [...flags.env];
  const exe = buildExecutable(module, {
    isa,
    settings: {
      preopens: checked.preopens,
      env,
      timeoutMs: checked.timeoutMs,
      timeoutText: flags.timeout ?? null,
      maxMemoryPages: checked.maxMemoryPages,
      maxCallDepth: checked.maxCallDepth,
      moduleName: basename(file),
      inheritEnv: flags.inheritEnv === true,
      batch,
    },
  });
  const out = flags.output ?? basename(file, extname(file));
  writeFileAtomically(out, exe, 'the executable', 0o755);
  chmodSync(out, 0o755);
}
