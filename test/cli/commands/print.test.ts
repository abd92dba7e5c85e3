/**
 * `kiln print` as a user runs it (the built CLI in dist/): text and binary input, `-o`,
 * one-line errors with exit 1 for bad input and unwritable output, --no-validate, and a
 * reader that closes the pipe early.
 */

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import { kiln, root, tempFile, wasmModule } from '../run-kiln.js';

describe('kiln print', () => {
  it('prints a text module, names as $identifiers, exit 0', () => {
    const file = tempFile('add.wat', '(module (func $add (export "add") (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b))))');
    expect(kiln(['print', file])).toEqual({
      code: 0,
      stderr: '',
      stdout: `(module
  (type (;0;) (func (param i32 i32) (result i32)))
  (func $add (;0;) (type 0) (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add
  )
  (export "add" (func $add))
)
`,
    });
  });

  it('prints a binary module to -o FILE; the text encodes back to the same bytes', () => {
    const out = tempFile('hello.wat', '');
    const r = kiln(['print', 'examples/hello.wasm', '-o', out]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(kiln(['print', 'examples/hello.wasm']).stdout);
    const bytes = new Uint8Array(readFileSync(join(root, 'examples/hello.wasm')));
    const m = decodeModule(bytes);
    // compare with the module as text can hold it: no custom sections besides the names
    m.customs = m.customs.filter((c) => c.name === 'name');
    expect(encodeModule(parseWat(text))).toEqual(encodeModule(m));
  });

  it('reports a malformed binary as one line with its offset, exit 1, nothing on stdout', () => {
    const file = tempFile('trunc.wasm', Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1));
    expect(kiln(['print', file])).toEqual({ code: 1, stdout: '', stderr: `${file}:0x9: malformed: unexpected end of section or function\n` });
  });

  it('refuses an invalid module unless --no-validate', () => {
    const file = tempFile('invalid.wat', '(module (func (result i32)))');
    expect(kiln(['print', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}:1:9: invalid: func 0: type mismatch in end: expected i32, got nothing\n`,
    });
    expect(kiln(['print', '--no-validate', file])).toEqual({
      code: 0,
      stderr: '',
      stdout: '(module\n  (type (;0;) (func (result i32)))\n  (func (;0;) (type 0) (result i32))\n)\n',
    });
  });

  it('reports a missing input and an unwritable output as io errors, exit 1', () => {
    expect(kiln(['print', 'no-such.wasm'])).toEqual({ code: 1, stdout: '', stderr: 'no-such.wasm: io: no such file\n' });
    expect(kiln(['print', 'examples/hello.wasm', '-o', '/no-such-dir/x.wat'])).toEqual({
      code: 1,
      stdout: '',
      stderr: '/no-such-dir/x.wat: io: no such directory\n',
    });
    expect(kiln(['print', 'examples/hello.wasm', '-o', root]).stderr).toBe(`${root}: io: is a directory\n`);
  });

  it('refuses a valid module with 2^32-1 locals in one line, exit 1, before any output', () => {
    // (module (func (local i32 × 4294967295))): type, function and code sections
    const file = tempFile(
      'locals.wasm',
      wasmModule([1, 1, 0x60, 0, 0], [3, 1, 0], [10, 1, 8, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x0b]),
    );
    expect(kiln(['print', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}:0x15: invalid: function 0 has 4294967295 locals (parameters included); kiln prints at most 50000 per function\n`,
    });
  });

  it('ends quietly when the reader closes the pipe early', () => {
    const r = spawnSync('bash', ['-c', `node bin/kiln.js print bench/corpus/corpus.wasm | head -n 1; echo "status \${PIPESTATUS[0]}"`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('(module\nstatus 0\n');
    expect(r.stderr).toBe('');
  });
});
