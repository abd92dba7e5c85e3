/**
 * `kiln validate` and `kiln inspect` on deeply nested modules, text and binary, and on a
 * truncated binary: a result or a one-line located error with exit 1, never an internal
 * error. Runs the built CLI (dist/, made by `pretest`).
 */

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { code, func, funcs, module, oneType } from '../formats/wasm/bytes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kilnBin = join(root, 'bin', 'kiln.js');

function kiln(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'kiln-deep-'));
function tempFile(name: string, content: Uint8Array | string): string {
  const p = join(scratch, name);
  writeFileSync(p, content);
  return p;
}

const plain4000 = tempFile('plain4000.wat', `(module (func $f ${'block '.repeat(4000)}${'end '.repeat(4000)}))\n`);
const folded100k = tempFile('folded100k.wat', `(module (func ${'(block '.repeat(100000)}${')'.repeat(100000)}))\n`);
const n = 100000;
const binary100k = tempFile(
  'nested100k.wasm',
  module(oneType, funcs(1), code(func([], [...new Array<number[]>(n).fill([0x02, 0x40]).flat(), ...new Array<number>(n + 1).fill(0x0b)]))),
);

describe('kiln validate on deep nesting', () => {
  it('accepts 4,000 nested plain `block … end` in a .wat file', () => {
    expect(kiln(['validate', plain4000])).toEqual({
      code: 0,
      stdout: `${plain4000}: valid (0 imports, 1 functions, 0 exports)\n`,
      stderr: '',
    });
  });
  it('accepts 100,000 nested folded `(block` in a .wat file', () => {
    expect(kiln(['validate', folded100k])).toEqual({
      code: 0,
      stdout: `${folded100k}: valid (0 imports, 1 functions, 0 exports)\n`,
      stderr: '',
    });
  });
  it('accepts a binary module with 100,000 nested blocks', () => {
    expect(kiln(['validate', binary100k])).toEqual({
      code: 0,
      stdout: `${binary100k}: valid (0 imports, 1 functions, 0 exports)\n`,
      stderr: '',
    });
  });
  it('reports an error 100,000 blocks deep in text as one located line, exit 1', () => {
    const bad = tempFile('bad100k.wat', `(module (func\n${'(block '.repeat(100000)}\n  (i32.frob)${')'.repeat(100000)}))\n`);
    expect(kiln(['validate', bad])).toEqual({ code: 1, stdout: '', stderr: `${bad}:3:4: malformed: unknown operator i32.frob\n` });
  });
});

describe('kiln inspect on deep nesting', () => {
  // one body: a locals count byte, then (block 0x40) per level and an end per level plus one
  it('shows the 4,000-deep text function and its code size', () => {
    const r = kiln(['inspect', plain4000]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`  [0] f () -> () code ${1 + 2 * 4000 + 4001} bytes, 0 locals\n`);
  });
  it('shows the 100,000-deep folded text function and its code size', () => {
    const r = kiln(['inspect', folded100k]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`  [0] () -> () code ${1 + 2 * n + n + 1} bytes, 0 locals\n`);
  });
  it('shows the 100,000-deep binary function and its code size', () => {
    const r = kiln(['inspect', binary100k]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`  [0] () -> () code ${1 + 2 * n + n + 1} bytes, 0 locals\n`);
  });
});

describe('kiln validate on a truncated binary', () => {
  it('a custom section running one byte past the end of the file is malformed: unexpected end, exit 1', () => {
    // id 0, size 5, then only 4 bytes: name "a" and payload [1, 2]; the file is 14 bytes
    const truncated = tempFile('truncated.wasm', module([0x00, 0x05, 0x01, 0x61, 0x01, 0x02]));
    expect(kiln(['validate', truncated])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${truncated}:0xe: malformed: unexpected end of section or function\n`,
    });
    expect(kiln(['inspect', truncated]).stderr).toBe(`${truncated}:0xe: malformed: unexpected end of section or function\n`);
  });
});
