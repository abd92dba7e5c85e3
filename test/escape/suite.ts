/**
 * The WASI sandbox escape suite: wasm guest programs (test/escape/guests/*.c, built to .wasm
 * by guests/build.mjs and committed) that try to leave their preopens or modify a read-only
 * tree, each with an expected transcript (test/escape/expected/NAME.txt).
 *
 * The suite is independent of how kiln runs a program: a `GuestRunner` gets the module path,
 * the preopens and the working directory, and returns the exit code and output. `kiln run`
 * uses it today (escape.test.ts); `.cwasm` artifacts and standalone executables reuse it
 * unchanged.
 *
 * Each guest runs in a fresh world:
 *   world/outside/secret.txt   TOP-SECRET (must never be read, changed or linked)
 *   world/rw/                  preopen /rw, read-write, with host-made symlinks that escape
 *   world/ro/                  preopen /ro, read-only (hashed before and after)
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GUEST_DIR = fileURLToPath(new URL('./guests/', import.meta.url));
export const EXPECTED_DIR = fileURLToPath(new URL('./expected/', import.meta.url));
export const SECRET = 'TOP-SECRET';

export interface GuestPreopen {
  host: string;
  guest: string;
  readonly: boolean;
}

export interface GuestRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** runs `wasm` with these preopens (and extra environment for the runner itself) */
export type GuestRunner = (wasm: string, preopens: GuestPreopen[], env: Record<string, string>) => GuestRun;

export interface EscapeResult {
  guest: string;
  run: GuestRun;
  expected: string;
  /** files outside rw/ whose content, type or link target changed, appeared or vanished */
  changedOutside: string[];
  /** the secret appeared in the guest's output */
  leaked: boolean;
}

/** the guests: every test/escape/guests/*.wasm */
export function guestNames(): string[] {
  return fs.readdirSync(GUEST_DIR).filter((f) => f.endsWith('.wasm')).map((f) => f.slice(0, -5)).sort();
}

/** a fresh world for one guest */
export function makeWorld(): string {
  const world = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-escape-'));
  for (const d of ['outside', 'outside/inner', 'rw', 'rw/sub', 'ro', 'ro/dir']) fs.mkdirSync(path.join(world, d));
  fs.writeFileSync(path.join(world, 'outside/secret.txt'), SECRET);
  fs.writeFileSync(path.join(world, 'rw/file.txt'), 'rw file');
  fs.writeFileSync(path.join(world, 'rw/sub/inner.txt'), 'inner');
  fs.writeFileSync(path.join(world, 'ro/data.txt'), 'read only');
  fs.writeFileSync(path.join(world, 'ro/dir/deep.txt'), 'deep read only');
  fs.symlinkSync('../outside', path.join(world, 'rw/out'));
  fs.symlinkSync('/etc', path.join(world, 'rw/abs'));
  fs.symlinkSync('../outside/created.txt', path.join(world, 'rw/dangle'));
  fs.symlinkSync('../../outside', path.join(world, 'rw/sub/out2'));
  fs.symlinkSync('data.txt', path.join(world, 'ro/link'));
  return world;
}

/** a listing of everything below `dir` with a hash of each file and each link's target */
export function treeHash(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    const st = fs.lstatSync(abs);
    if (st.isSymbolicLink()) out.set(rel, 'link ' + fs.readlinkSync(abs));
    else if (st.isFile()) out.set(rel, `file ${st.mode.toString(8)} ` + createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
    else if (st.isDirectory()) {
      out.set(rel, `dir ${st.mode.toString(8)}`);
      for (const name of fs.readdirSync(abs).sort()) walk(rel === '' ? name : rel + '/' + name);
    } else out.set(rel, 'other');
  };
  walk('');
  return out;
}

/** everything in the world except rw/ */
function untouchable(world: string): Map<string, string> {
  const all = treeHash(world);
  for (const k of [...all.keys()]) if (k === 'rw' || k.startsWith('rw/')) all.delete(k);
  return all;
}

function diff(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/** run one guest in a fresh world */
export function runGuest(name: string, runner: GuestRunner, env: Record<string, string> = {}): EscapeResult {
  const world = makeWorld();
  try {
    const before = untouchable(world);
    const run = runner(
      path.join(GUEST_DIR, name + '.wasm'),
      [
        { host: path.join(world, 'rw'), guest: '/rw', readonly: false },
        { host: path.join(world, 'ro'), guest: '/ro', readonly: true },
      ],
      env,
    );
    const after = untouchable(world);
    return {
      guest: name,
      run,
      expected: fs.readFileSync(path.join(EXPECTED_DIR, name + '.txt'), 'utf8'),
      changedOutside: diff(before, after),
      leaked: run.stdout.includes(SECRET) || run.stderr.includes(SECRET),
    };
  } finally {
    fs.rmSync(world, { recursive: true, force: true });
  }
}
