/**
 * The compile cache through the CLI: `kiln run` on the native engine stores the compiled
 * module and the second run is a hit (`--verbose` says which and names the entry);
 * `--no-cache` and the interpreter write nothing; a truncated entry is recompiled; the default
 * directory is `$XDG_CACHE_HOME/kiln`; concurrent runs share one entry; `kiln cache stats` and
 * `kiln cache clean`. Every run here names a temporary cache (`--cache-dir`, or XDG_CACHE_HOME
 * in the child's environment), never the home directory's. Runs the built CLI (dist/).
 */

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, tempFile, type KilnResult } from './run-kiln.js';

const kilnBin = join(root, 'bin', 'kiln.js');
const scratch = mkdtempSync(join(tmpdir(), 'kiln-cli-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
/** a fresh directory path under the scratch directory (not created) */
const freshDir = (): string => join(scratch, `d${dirs++}`);

/** kiln with XDG_CACHE_HOME set to `xdg` (a temporary directory; never the real home cache) */
function kilnWith(args: string[], xdg: string = freshDir()): KilnResult {
  const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: xdg } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const HELLO = 'examples/hello.wasm';
const HELLO_OUT = `hello from kiln\nargc=1\nargv[0]=${HELLO}\nGREETING=(unset)\nLANG=(unset)\nMISSING=(unset)\n`;
const ENTRY = /^[0-9a-f]{64}-[0-9a-f]{16}\.cwasm$/;

/** the `kiln: cache:` lines of a --verbose run */
const cacheLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('kiln: cache:'));

const entriesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('kiln run with the compile cache', () => {
  it('stores the compiled module on the first run; the second is a hit on the same entry', () => {
    const dir = freshDir();
    const first = kilnWith(['run', '--verbose', '--cache-dir', dir, HELLO]);
    expect([first.code, first.stdout]).toEqual([0, HELLO_OUT]);
    const [name] = entriesIn(dir);
    expect(entriesIn(dir)).toEqual([expect.stringMatching(ENTRY)]);
    const entry = join(dir, name as string);
    expect(cacheLines(first.stderr)).toEqual([`kiln: cache: miss ${entry} (compiled and stored)`]);
    const second = kilnWith(['run', '--verbose', '--cache-dir', dir, HELLO]);
    expect([second.code, second.stdout]).toEqual([0, HELLO_OUT]);
    expect(cacheLines(second.stderr)).toEqual([`kiln: cache: hit ${entry}`]);
    // without --verbose nothing is said
    expect(kilnWith(['run', '--cache-dir', dir, HELLO])).toEqual({ code: 0, stdout: HELLO_OUT, stderr: 'hello: done\n' });
    expect(entriesIn(dir)).toEqual([name]);
  });

  it('uses $XDG_CACHE_HOME/kiln by default, and a text module is cached too', () => {
    const xdg = freshDir();
    const wat = tempFile('cached.wat', '(module (func (export "triple") (param i32) (result i32) local.get 0 i32.const 3 i32.mul))');
    expect(kilnWith(['run', '--invoke', 'triple', wat, '14'], xdg)).toEqual({ code: 0, stdout: '42\n', stderr: '' });
    expect(entriesIn(join(xdg, 'kiln'))).toEqual([expect.stringMatching(ENTRY)]);
    const again = kilnWith(['run', '--verbose', '--invoke', 'triple', wat, '14'], xdg);
    expect(again.stdout).toBe('42\n');
    expect(cacheLines(again.stderr)).toEqual([expect.stringMatching(new RegExp(`^kiln: cache: hit ${xdg}/kiln/[0-9a-f]{64}-[0-9a-f]{16}\\.cwasm$`))]);
  });

  it('--no-cache and the interpreter read and write nothing', () => {
    const dir = freshDir();
    const off = kilnWith(['run', '--verbose', '--no-cache', '--cache-dir', dir, HELLO]);
    expect([off.code, off.stdout, cacheLines(off.stderr)]).toEqual([0, HELLO_OUT, []]);
    const interp = kilnWith(['run', '--verbose', '--engine', 'interp', '--cache-dir', dir, HELLO]);
    expect([interp.code, interp.stdout, cacheLines(interp.stderr)]).toEqual([0, HELLO_OUT, []]);
    expect(existsSync(dir)).toBe(false);
    const xdg = freshDir();
    expect(kilnWith(['run', '--no-cache', HELLO], xdg).code).toBe(0);
    expect(existsSync(xdg)).toBe(false);
  });

  it('a truncated entry is discarded, recompiled and rewritten', () => {
    const dir = freshDir();
    expect(kilnWith(['run', '--cache-dir', dir, HELLO]).code).toBe(0);
    const entry = join(dir, entriesIn(dir)[0] as string);
    const whole = readFileSync(entry);
    writeFileSync(entry, whole.subarray(0, whole.length >> 1));
    const r = kilnWith(['run', '--verbose', '--cache-dir', dir, HELLO]);
    expect([r.code, r.stdout]).toEqual([0, HELLO_OUT]);
    expect(cacheLines(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^kiln: cache: miss ${entry} \\(discarded the entry there: it is damaged: .+; compiled and stored\\)$`))]);
    expect(readFileSync(entry).equals(whole)).toBe(true);
    expect(cacheLines(kilnWith(['run', '--verbose', '--cache-dir', dir, HELLO]).stderr)).toEqual([`kiln: cache: hit ${entry}`]);
  });

  it('concurrent runs of one module leave one whole entry and no temporary file', async () => {
    const dir = freshDir();
    const runs = Array.from({ length: 4 }, () =>
      new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = spawn(process.execPath, [kilnBin, 'run', '--cache-dir', dir, HELLO], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', (code) => done({ code, stdout }));
      }),
    );
    expect(await Promise.all(runs)).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stdout: HELLO_OUT })));
    expect(entriesIn(dir)).toEqual([expect.stringMatching(ENTRY)]);
    expect(cacheLines(kilnWith(['run', '--verbose', '--cache-dir', dir, HELLO]).stderr)).toEqual([expect.stringMatching(/^kiln: cache: hit /)]);
  });

  it('skips a directory that others may write, with a warning, and still runs', () => {
    const dir = freshDir();
    expect(kilnWith(['run', '--cache-dir', dir, HELLO]).code).toBe(0);
    rmSync(join(dir, entriesIn(dir)[0] as string));
    chmodSync(dir, 0o777);
    const r = kilnWith(['run', '--cache-dir', dir, HELLO]);
    expect(r).toEqual({ code: 0, stdout: HELLO_OUT, stderr: `kiln: cache: not using ${dir}: group or others may write it (mode 777)\nhello: done\n` });
    expect(entriesIn(dir)).toEqual([]);
  });

  it('an empty --cache-dir is a usage error', () => {
    expect(kilnWith(['run', '--cache-dir', '', HELLO])).toEqual({ code: 2, stdout: '', stderr: 'kiln: usage: --cache-dir takes a directory, got ""\n' });
  });
});

describe('kiln cache stats / clean', () => {
  it('stats names the directory and counts entries and bytes; clean removes them', () => {
    const xdg = freshDir();
    const dir = join(xdg, 'kiln');
    const empty = kilnWith(['cache', 'stats'], xdg);
    expect(empty).toEqual({
      code: 0,
      stdout: `directory: ${dir}\nentries:   0\nsize:      0 bytes\nlimit:     536,870,912 bytes (512 MiB); beyond it the least recently used entries are removed\n`,
      stderr: '',
    });
    expect(kilnWith(['run', HELLO], xdg).code).toBe(0);
    expect(kilnWith(['run', '--invoke', 'fac', 'examples/wat/math.wat', '5'], xdg).stdout).toBe('120\n');
    const bytes = entriesIn(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    const json = kilnWith(['cache', 'stats', '--json'], xdg);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ directory: dir, entries: 2, bytes, limitBytes: 512 * 1024 * 1024 });
    const text = kilnWith(['cache', 'stats', '--cache-dir', dir]);
    expect(text.stdout).toContain(`entries:   2\nsize:      ${bytes.toLocaleString('en-US')} bytes (`);
    const clean = kilnWith(['cache', 'clean'], xdg);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(new RegExp(`^removed 2 entries, ${bytes.toLocaleString('en-US')} bytes \\(\\d+(\\.\\d)? KiB\\), from ${dir}\\n$`));
    expect(entriesIn(dir)).toEqual([]);
    expect(kilnWith(['cache', 'clean', '--cache-dir', dir]).stdout).toBe(`removed 0 entries, 0 bytes, from ${dir}\n`);
  });

  it('a cache directory that is a file is an error; unknown subcommands and arguments are usage errors', () => {
    const file = tempFile('not-a-dir', 'x');
    expect(kilnWith(['cache', 'stats', '--cache-dir', file])).toEqual({ code: 1, stdout: '', stderr: `${file}: io: the cache directory is not a directory\n` });
    expect(kilnWith(['cache', 'purge']).code).toBe(2);
    expect(kilnWith(['cache', 'stats', 'extra']).code).toBe(2);
    expect(kilnWith(['cache']).code).toBe(2);
  });
});
