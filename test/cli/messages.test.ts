/**
 * Every kiln message names the file and, where there is one, the place in it; options are
 * named as the user typed them; a memory export is called a memory. Runs the built CLI.
 */

import { describe, expect, it } from 'vitest';
import { kiln, tempFile, wasmModule } from './run-kiln.js';

describe('messages name the file and the place', () => {
  it('a WASI module without a memory export names the file', () => {
    const file = tempFile('no-memory.wat', '(module (func (export "_start")))');
    expect(kiln(['run', file])).toEqual({ code: 1, stdout: '', stderr: `${file}: uninstantiable: WASI module exports no memory\n` });
  });
  it('an invalid memory of a binary module is located by the byte offset of its entry', () => {
    // memory section (id 5) at 0x8: size, count 1, then the entry (flags 0, min 70000) at 0xb
    const file = tempFile('big-memory.wasm', wasmModule([5, 1, 0x00, 0xf0, 0xa2, 0x04]));
    expect(kiln(['validate', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}:0xb: invalid: memory 0: memory size must be at most 65536 pages (4GiB)\n`,
    });
  });
  it('an invalid memory of a text module is located by line and column', () => {
    const file = tempFile('big-memory.wat', '(module\n  (memory 70000))');
    expect(kiln(['validate', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}:2:3: invalid: memory 0: memory size must be at most 65536 pages (4GiB)\n`,
    });
  });
});

describe('options and exports are named as they are', () => {
  it('--dir-readonly with an empty value is reported as --dir-readonly', () => {
    expect(kiln(['run', '--dir-readonly', '', 'examples/wat/hello.wat'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kiln: usage: --dir-readonly takes HOST[::GUEST], got ""\n',
    });
  });
  it('--dir-readonly naming a missing directory says --dir-readonly', () => {
    expect(kiln(['run', '--dir-readonly', 'no/such/dir', 'examples/wat/hello.wat']).stderr).toBe(
      'kiln: usage: --dir-readonly: no such directory "no/such/dir"\n',
    );
  });
  it('--invoke of a memory export says that it is a memory', () => {
    expect(kiln(['run', '--invoke', 'memory', 'examples/wat/hello.wat'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'examples/wat/hello.wat: usage: export "memory" is a memory, not a function\n',
    });
  });
  it('--invoke of a name that is not exported says so', () => {
    expect(kiln(['run', '--invoke', 'nope', 'examples/wat/math.wat']).stderr).toBe(
      'examples/wat/math.wat: usage: no export named "nope" (exported functions: fac, gcd, divide)\n',
    );
  });
});
