/**
 * Helpers of the app package tests (test/apps): running the built `kiln` with an environment of
 * its own (no XDG_DATA_HOME, so `--store` is the only store; a compile cache of the test's own),
 * making app directories and packages in a scratch directory, and snapshots of directory trees
 * (to prove a failed command changed nothing).
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModule } from '../../formats/wasm/encode.js';
import { parseWat } from '../../formats/wat/index.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const kilnBin = join(root, 'bin', 'kiln.js');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export const scratch = mkdtempSync(join(tmpdir(), 'kiln-apps-'));

/** the environment kiln runs with: PATH and a compile cache in the scratch directory, nothing else */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: join(scratch, 'xdg-cache'), ...extra };
}

export function kiln(args: readonly string[], extra: Record<string, string> = {}): Result {
  const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: root, encoding: 'utf8', env: env(extra) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** kiln started without waiting (concurrent installs); `keepStdinOpen`: its stdin is a pipe never closed */
export function kilnAsync(args: readonly string[], options: { keepStdinOpen?: boolean } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kilnBin, ...args], { cwd: root, env: env({}), stdio: [options.keepStdinOpen === true ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let counter = 0;

/** a fresh directory in the scratch directory */
export function freshDir(what: string): string {
  const dir = join(scratch, `${what}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** an app directory holding `files` (path → content) */
export function appDir(files: Record<string, string | Uint8Array>): string {
  const dir = freshDir('app');
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** `kiln pack dir`, expected to succeed; the package's path */
export function pack(dir: string): string {
  const out = join(freshDir('pkg'), 'app.kapp');
  const r = kiln(['pack', dir, '-o', out]);
  if (r.code !== 0) throw new Error(`kiln pack failed: ${r.stderr}`);
  return out;
}

/** a binary module from WAT text */
export const wat = (text: string): Uint8Array => encodeModule(parseWat(text));

export const probeWasm = (): Uint8Array => new Uint8Array(readFileSync(join(root, 'test', 'apps', 'probe.wasm')));

/** every entry below `dir`: path → "dir", or the file's contents (an absent dir: {}) */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (rel: string): void => {
    for (const name of readdirSync(rel === '' ? dir : join(dir, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(join(dir, r));
      if (st.isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else out[r] = readFileSync(join(dir, r)).toString('base64');
    }
  };
  walk('');
  return out;
}
