/**
 * `kiln run --bounds guard|explicit` (the native engine's bounds checks) and its `--verbose`
 * line, including the automatic fall-back to explicit checks when the 8 GiB reservation of a
 * memory cannot be had (a child limited by `ulimit -v` to 3.5 GB: neither 8 GiB nor the 4 GiB
 * maximum fit, so the memory reserves a fraction of its maximum). Runs the built CLI (dist/).
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kiln, root, tempFile } from './run-kiln.js';

const wat = tempFile('bounds.wat', '(module (memory 1) (func (export "get") (param i32) (result i32) local.get 0 i32.load offset=4))');
const TRAP = 'trap: out of bounds memory access\n  at get (func 0 @0x29)\n';

describe('kiln run --bounds', () => {
  it('guard pages by default, said under --verbose; the trap is the same', () => {
    const r = kiln(['run', '--verbose', '--no-cache', '--invoke', 'get', wat, '65532']);
    expect(r.stderr).toBe(`kiln: engine: auto: native (x86-64)\nkiln: bounds: guard pages (8 GiB reservation per memory, fault handler installed)\n${TRAP}`);
    expect(r.code).toBe(134);
    expect(kiln(['run', '--invoke', 'get', wat, '65528'])).toEqual({ code: 0, stdout: '0\n', stderr: '' });
  });

  it('--bounds explicit keeps the checks', () => {
    const r = kiln(['run', '--verbose', '--no-cache', '--bounds', 'explicit', '--invoke', 'get', wat, '65532']);
    expect(r.stderr).toBe(`kiln: engine: auto: native (x86-64)\nkiln: bounds: explicit bounds checks (asked for)\n${TRAP}`);
    expect(r.code).toBe(134);
  });

  it('falls back to explicit checks when 8 GiB of address space cannot be reserved', () => {
    const r = spawnSync('/bin/sh', ['-c', 'ulimit -v 3500000; exec "$0" "$@"', process.execPath, join(root, 'bin', 'kiln.js'), 'run', '--verbose', '--no-cache', '--invoke', 'get', wat, '65532'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe(
      'kiln: engine: auto: native (x86-64)\n' +
        'kiln: bounds: explicit bounds checks (guard pages unavailable: cannot reserve 8 GiB of address space for a memory: ENOMEM)\n' +
        TRAP,
    );
    expect(r.status).toBe(134);
  });

  it('no bounds line for the interpreter; a bad mode is a usage error', () => {
    const r = kiln(['run', '--verbose', '--engine', 'interp', '--invoke', 'get', wat, '0']);
    expect(r.stderr).toBe('kiln: engine: --engine interp\n');
    expect(r.stdout).toBe('0\n');
    const bad = kiln(['run', '--bounds', 'none', '--invoke', 'get', wat, '0']);
    expect(bad.stderr).toBe('kiln: usage: --bounds takes guard or explicit, got "none"\n');
    expect(bad.code).toBe(2);
  });
});
