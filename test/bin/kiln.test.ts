/**
 * bin/kiln.js picks the bundled CLI (dist/bundle/main.js) when it is at least as new as the
 * compiled one (dist/cli/main.js), and the compiled one when there is no bundle or the bundle
 * predates the last `tsc` run. Checked on a scratch copy of the layout whose two entries only
 * print their name, so that nothing in the real dist/ is touched.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const realBin = fileURLToPath(new URL('../../bin/kiln.js', import.meta.url));

/** a scratch package with bin/kiln.js, a dist/cli/main.js and (optionally) a dist/bundle/main.js */
function layout(bundle: 'none' | 'newer' | 'older' | 'same'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bin-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  copyFileSync(realBin, join(dir, 'bin', 'kiln.js'));
  const compiled = join(dir, 'dist', 'cli', 'main.js');
  writeFileSync(compiled, "process.stdout.write('dist/cli\\n');\n");
  const t = new Date('2025-06-01T12:00:00Z');
  utimesSync(compiled, t, t);
  if (bundle !== 'none') {
    mkdirSync(join(dir, 'dist', 'bundle'));
    const bundled = join(dir, 'dist', 'bundle', 'main.js');
    writeFileSync(bundled, "process.stdout.write('dist/bundle\\n');\n");
    const offset = { newer: 60_000, older: -60_000, same: 0 }[bundle];
    const b = new Date(t.getTime() + offset);
    utimesSync(bundled, b, b);
  }
  return dir;
}

function entryRun(bundle: 'none' | 'newer' | 'older' | 'same'): string {
  const dir = layout(bundle);
  try {
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'kiln.js')], { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('bin/kiln.js entry choice', () => {
  it('runs the bundle when it is newer than dist/cli/main.js', () => {
    expect(entryRun('newer')).toBe('dist/bundle\n');
  });
  it('runs the bundle when both have the same modification time', () => {
    expect(entryRun('same')).toBe('dist/bundle\n');
  });
  it('runs dist/cli/main.js when the bundle predates it (tsc ran after the bundler)', () => {
    expect(entryRun('older')).toBe('dist/cli\n');
  });
  it('runs dist/cli/main.js when there is no bundle', () => {
    expect(entryRun('none')).toBe('dist/cli\n');
  });
});
