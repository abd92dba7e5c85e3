/**
 * AArch64 code in-process under qemu-aarch64: `node scripts/test-aarch64.mjs --no-build smoke`
 * (dist is built by `pretest`) must pass — koffi's arm64 build, assembled code in W^X pages,
 * the cache synchronisation routine, a koffi callback. Missing tools fail the test with the
 * install command (the script installs nothing here: --no-install). The arm64 Node and koffi
 * build come from $KILN_ARM64_CACHE, else ~/.cache/kiln-dev/arm64 (vitest's setup points
 * XDG_CACHE_HOME at a temporary folder, which would refetch them for every run).
 */

import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/testsuite.js';

const script = join(repoRoot(), 'scripts', 'test-aarch64.mjs');
const cache = process.env['KILN_ARM64_CACHE'] || join(homedir(), '.cache', 'kiln-dev', 'arm64');

function run(args: readonly string[], env: Record<string, string> = {}): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, KILN_ARM64_CACHE: cache, ...env },
    timeout: 300_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('AArch64 under qemu-aarch64 (npm run test:aarch64)', () => {
  it('the smoke suite passes on an arm64 Node: koffi, W^X code pages, cache synchronisation, callbacks', () => {
    const r = run(['--no-build', '--no-install', 'smoke']);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/== smoke: \d+ passed, 0 failed/);
    expect(r.output).toContain('(Node v20.');
  });

  it('fails, not skips, with the install command when qemu or the arm64 libraries are missing', () => {
    const r = run(['--no-build', '--no-install', 'smoke'], { KILN_QEMU_AARCH64: '/nonexistent/qemu-aarch64', KILN_AARCH64_SYSROOT: '/nonexistent' });
    expect(r.status).toBe(1);
    expect(r.output).toContain('apt-get update && apt-get install -y qemu-user gcc-aarch64-linux-gnu');
  });
});
