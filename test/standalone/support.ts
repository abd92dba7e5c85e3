/**
 * Helpers of the standalone-executable tests (test/standalone): building an executable of a
 * module for an ISA through linker/exe.ts (what `kiln build` does), and running one — x86-64
 * directly, AArch64 under qemu-aarch64 — with a chosen argv[0], environment (the real one the
 * executable sees; the program sees only what was fixed at build time) and stdin.
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAndValidate } from '../../compiler/validate/index.js';
import type { ExeSettings } from '../../linker/exe-image.js';
import { buildExecutable } from '../../linker/exe.js';
import type { Isa } from '../../targets/compiled.js';

export const ISAS: readonly Isa[] = ['x86_64', 'aarch64'];

export const scratch = mkdtempSync(join(tmpdir(), 'kiln-standalone-'));

export const defaultSettings: ExeSettings = {
  preopens: [],
  env: [],
  timeoutMs: null,
  timeoutText: null,
  maxMemoryPages: null,
  maxCallDepth: 100_000,
  moduleName: 'test.wasm',
  inheritEnv: false,
};

let counter = 0;

/** build `wasm` (a file or bytes) for `isa` into a fresh file named `name`; its path */
export function buildExe(wasm: string | Uint8Array, isa: Isa, settings: Partial<ExeSettings> = {}, name = 'app'): string {
  const bytes = typeof wasm === 'string' ? new Uint8Array(readFileSync(wasm)) : wasm;
  const exe = buildExecutable(decodeAndValidate(bytes), { isa, settings: { ...defaultSettings, ...settings } });
  const dir = join(scratch, `exe-${++counter}`);
  const path = join(dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, exe);
  chmodSync(path, 0o755);
  return path;
}

export interface ExeRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  argv0?: string;
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
}

/** run executable `exe` of `isa` with `args` */
export function runExe(exe: string, isa: Isa, args: readonly string[], o: RunOptions = {}): ExeRun {
  const qemu = isa === 'aarch64' && process.arch !== 'arm64';
  const cmd = qemu ? 'qemu-aarch64' : exe;
  const argv = qemu ? [...(o.argv0 === undefined ? [] : ['-0', o.argv0]), exe, ...args] : [...args];
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    env: o.env ?? {},
    input: o.input ?? '',
    ...(o.cwd === undefined ? {} : { cwd: o.cwd }),
    ...(!qemu && o.argv0 !== undefined ? { argv0: o.argv0 } : {}),
  });
  if (r.error !== undefined) throw new Error(`cannot run ${cmd}: ${r.error.message}${qemu ? ' (apt-get install qemu-user)' : ''}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
