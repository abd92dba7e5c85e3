/**
 * `kiln run --timeout SECONDS` and `--max-memory SIZE`: a runaway program is stopped with a
 * one-line message and exit code 124, output written before that is kept; memory growth
 * beyond the limit fails as the spec allows (memory.grow returns -1), and a module whose
 * initial memory is already larger cannot be instantiated.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiln, root, tempFile } from './run-kiln.js';

const spin = tempFile('spin.wat', '(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))');
const tickThenSpin = tempFile(
  'tick-spin.wat',
  `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 0) "\\10\\00\\00\\00\\05\\00\\00\\00")
    (data (i32.const 16) "tick\\0a")
    (func (export "_start")
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (loop (br 0))))`,
);

describe('kiln run --timeout', () => {
  it('stops a runaway _start with one line and exit code 124', () => {
    expect(kiln(['run', '--timeout', '0.5', spin])).toEqual({
      code: 124,
      stdout: '',
      stderr: `kiln: timeout: ${spin} ran longer than 0.5 s (--timeout)\n`,
    });
  });
  it('keeps what the program wrote before it was stopped', () => {
    // long enough for a first native compile on a loaded machine (loading counts against it)
    expect(kiln(['run', '--timeout', '3', tickThenSpin])).toEqual({
      code: 124,
      stdout: 'tick\n',
      stderr: `kiln: timeout: ${tickThenSpin} ran longer than 3 s (--timeout)\n`,
    });
  });
  it('stops a runaway --invoke call too', () => {
    const file = tempFile('spin-invoke.wat', '(module (func (export "spin") (param i32) (result i32) (loop (br 0)) (local.get 0)))');
    expect(kiln(['run', '--timeout', '0.3', '--invoke', 'spin', file, '7']).code).toBe(124);
  });
  it('stops a program blocked reading a stdin that never ends', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'kiln.js'), 'run', '--timeout', '0.5', 'examples/wat/cat.wat'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // stdin stays open: the program waits in fd_read until kiln stops it
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.stdin.destroy();
    expect({ code, stderr }).toEqual({ code: 124, stderr: 'kiln: timeout: examples/wat/cat.wat ran longer than 0.5 s (--timeout)\n' });
  });
  it('a program that finishes in time is unaffected', () => {
    expect(kiln(['run', '--timeout', '30', 'examples/wat/hello.wat'])).toEqual({ code: 0, stdout: 'hello, kiln!\n', stderr: '' });
  });
  it('rejects a value that is not a positive number of seconds', () => {
    for (const v of ['0', '-1', 'abc', '', '1s']) {
      expect(kiln(['run', '--timeout', v, 'examples/wat/hello.wat'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `kiln: usage: --timeout takes a positive number of seconds, got "${v}"\n`,
      });
    }
  });
});

describe('kiln run --max-memory', () => {
  const grow = tempFile(
    'grow.wat',
    '(module (memory 2) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))',
  );
  it('memory.grow beyond the limit returns -1; within it, the old size', () => {
    expect(kiln(['run', '--max-memory', '192K', '--invoke', 'grow', grow, '1']).stdout).toBe('2\n');
    expect(kiln(['run', '--max-memory', '192K', '--invoke', 'grow', grow, '2']).stdout).toBe('-1\n');
    expect(kiln(['run', '--max-memory', '1M', '--invoke', 'grow', grow, '14']).stdout).toBe('2\n');
    expect(kiln(['run', '--max-memory', '1M', '--invoke', 'grow', grow, '15']).stdout).toBe('-1\n');
    expect(kiln(['run', '--invoke', 'grow', grow, '15']).stdout).toBe('2\n');
  });
  it('a module whose initial memory exceeds the limit cannot be instantiated', () => {
    const r = kiln(['run', '--max-memory', '64K', '--invoke', 'grow', grow, '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${grow}: uninstantiable: .+\n$`));
  });
  it('accepts bytes with an optional K, M or G suffix (powers of 1024), in whole 64 KiB pages', () => {
    expect(kiln(['run', '--max-memory', '131072', '--invoke', 'grow', grow, '1']).stdout).toBe('-1\n');
    expect(kiln(['run', '--max-memory', '1g', '--invoke', 'grow', grow, '1']).stdout).toBe('2\n');
  });
  it('rejects a size that is not a whole number of 64 KiB pages', () => {
    for (const v of ['100000', '1.5M', 'lots', '', '-64K', '64KB']) {
      expect(kiln(['run', '--max-memory', v, 'examples/wat/hello.wat'])).toEqual({
        code: 2,
        stdout: '',
        stderr: `kiln: usage: --max-memory takes a size in bytes (a multiple of 64K, with an optional K, M or G suffix), got "${v}"\n`,
      });
    }
  });
});
