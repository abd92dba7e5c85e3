/**
 * `kiln run --perfmap`: /tmp/perf-<pid>.map names every natively compiled function in the
 * format perf reads (`START SIZE NAME`, hex without 0x), at the addresses the code runs from;
 * without the flag no map is written.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kiln-perfmap-'));
const file = join(dir, 'two.wat');
writeFileSync(file, '(module (func $helper (param i32) (result i32) local.get 0 i32.const 2 i32.mul) (func (export "twice") (param i32) (result i32) local.get 0 call $helper))');

function run(flags: string[]): { pid: number; code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, ['bin/kiln.js', 'run', '--engine', 'native', ...flags, '--invoke', 'twice', file, '21'], { cwd: root, encoding: 'utf8' });
  return { pid: r.pid ?? -1, code: r.status, stdout: r.stdout };
}

describe('kiln run --perfmap', () => {
  it('names every compiled function at its address and size', () => {
    const r = run(['--perfmap']);
    expect([r.code, r.stdout]).toEqual([0, '42\n']);
    const map = `/tmp/perf-${r.pid}.map`;
    try {
      const lines = readFileSync(map, 'utf8').trim().split('\n');
      const parsed = lines.map((l) => /^([0-9a-f]+) ([0-9a-f]+) (.+)$/.exec(l));
      expect(parsed.every((p) => p !== null)).toBe(true);
      expect(parsed.map((p) => p![3])).toEqual(['wasm:helper', 'wasm:twice']);
      const [a, b] = parsed.map((p) => ({ start: parseInt(p![1]!, 16), size: parseInt(p![2]!, 16) }));
      expect(a!.size).toBeGreaterThan(0);
      expect(b!.start).toBeGreaterThanOrEqual(a!.start + a!.size);
    } finally {
      rmSync(map, { force: true });
    }
  });

  it('writes nothing without the flag', () => {
    const r = run([]);
    expect(r.code).toBe(0);
    expect(existsSync(`/tmp/perf-${r.pid}.map`)).toBe(false);
  });
});
