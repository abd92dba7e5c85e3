/**
 * The C example programs run end to end through `kiln run` (the built CLI), on each engine
 * (the interpreter and the native x86-64 engine): stdout, stderr, exit code and the sandbox's
 * files afterwards must equal examples/expected.json, as must the corpus's checksum.
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesDir, loadExampleCases, populate } from '../support/examples.js';
import { snapshot } from '../loader/wasi/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-examples-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const ENGINES = ['interp', 'native'] as const;

describe.each(ENGINES)('examples through kiln run --engine %s', (engine) => {
  loadExampleCases().forEach((c, i) => {
    it(c.name, () => {
      const flags: string[] = ['--engine', engine, '--argv0', c.args[0] ?? c.wasm];
      for (const [k, v] of Object.entries(c.env)) flags.push('--env', `${k}=${v}`);
      let sandbox: string | null = null;
      if (c.files !== undefined) {
        sandbox = path.join(scratch, `${engine}-case${i}`);
        fs.mkdirSync(sandbox);
        populate(sandbox, c.files);
        flags.push(c.readonly === true ? '--dir-readonly' : '--dir', `${sandbox}::/sandbox`);
      }
      const r = spawnSync(process.execPath, ['bin/kiln.js', 'run', ...flags, path.join(examplesDir, c.wasm), ...c.args.slice(1)], {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] },
      });
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: c.code, stdout: c.stdout, stderr: c.stderr });
      if (sandbox !== null) expect(snapshot(sandbox)).toEqual(c.after ?? c.files);
    });
  });

  it('runs the 1.2 MB benchmark corpus (480 generated C units, clang -O2) to its known checksum', () => {
    // the checksum was produced by the same module under Node's own WASI (bench/README.md)
    const r = spawnSync(process.execPath, ['bin/kiln.js', 'run', '--engine', engine, 'bench/corpus/corpus.wasm', '7'], { cwd: root, encoding: 'utf8' });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '480 entries, checksum 6aef77537c6202f5\n', stderr: '' });
  });

  it('--inherit-env passes kiln\'s environment, --env overrides it', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/kiln.js', 'run', '--engine', engine, '--inherit-env', '--env', 'LANG=C.UTF-8', '--argv0', 'hello', path.join(examplesDir, 'hello.wasm')],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'], GREETING: 'from-host', LANG: 'xx' } },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('GREETING=from-host\n');
    expect(r.stdout).toContain('LANG=C.UTF-8\n');
  });
});
