/**
 * A module's strings (export and import names, function names, custom section names) reach
 * the terminal with their control characters escaped: they can neither forge lines nor send
 * escape sequences. inspect --json stays exact JSON.
 */

import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../cli/escape.js';
import { kiln, tempFile, uleb, wasmModule, wasmName } from './run-kiln.js';

describe('escapeControls', () => {
  it('escapes C0 controls, DEL, C1 controls and line/bidi controls; keeps other text', () => {
    expect(escapeControls('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(escapeControls('\x1b[31mred\x07\x00\x7f\x9b')).toBe('\\u{1b}[31mred\\u{7}\\u{0}\\u{7f}\\u{9b}');
    expect(escapeControls('\u2028\u202e\u2066x')).toBe('\\u{2028}\\u{202e}\\u{2066}x');
    expect(escapeControls('héllo, wörld ✓ \\ "q"')).toBe('héllo, wörld ✓ \\ "q"');
  });
});

describe('module strings in kiln output', () => {
  const evil = 'a\\0ab\\1b[2J\\07';
  const shown = 'a\\nb\\u{1b}[2J\\u{7}';
  it('inspect escapes export, import and function names', () => {
    const file = tempFile(
      'evil-inspect.wat',
      `(module (import "env\\0a" "f\\1b" (func)) (func (export "${evil}") (nop)) (memory (export "m\\0d") 1))`,
    );
    const r = kiln(['inspect', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  env\\n.f\\u{1b}: func () -> ()\n`);
    expect(r.stdout).toContain(`  ${shown}: func 1\n`);
    expect(r.stdout).toContain(`  m\\r: memory 0\n`);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
  it('inspect --json keeps the exact names (JSON escapes them itself)', () => {
    const file = tempFile('evil-json.wat', `(module (func (export "${evil}")))`);
    const report = JSON.parse(kiln(['inspect', '--json', file]).stdout) as { exports: { name: string }[] };
    expect(report.exports[0]?.name).toBe('a\nb\x1b[2J\x07');
  });
  it('a trap backtrace escapes function names', () => {
    const file = tempFile('evil-trap.wat', `(module (func (export "${evil}") unreachable))`);
    const r = kiln(['run', '--invoke', 'a\nb\x1b[2J\x07', file]);
    expect(r.code).toBe(134);
    expect(r.stderr).toBe(`trap: unreachable\n  at ${shown} (func 0 @0x25)\n`);
  });
  it('a function name from the name section is escaped in inspect and in a trap backtrace', () => {
    const funcNames = [1, 0, ...wasmName('x\x1b]0;owned\x07y')]; // one entry: function 0
    const file = tempFile(
      'evil-names.wasm',
      wasmModule(
        [1, 1, 0x60, 0, 0], // type 0: [] -> []
        [3, 1, 0], // function 0 of type 0
        [7, 1, ...wasmName('run'), 0, 0], // export "run" = function 0
        [10, 1, 3, 0, 0x00, 0x0b], // body: unreachable (at 0x20), end
        [0, ...wasmName('name'), 1, ...uleb(funcNames.length), ...funcNames],
      ),
    );
    expect(kiln(['inspect', file]).stdout).toContain('  [0] x\\u{1b}]0;owned\\u{7}y () -> () code 3 bytes, 0 locals\n');
    expect(kiln(['run', '--invoke', 'run', file])).toEqual({
      code: 134,
      stdout: '',
      stderr: 'trap: unreachable\n  at x\\u{1b}]0;owned\\u{7}y (func 0 @0x20)\n',
    });
  });
  it('a link error escapes the import names', () => {
    const file = tempFile('evil-link.wat', '(module (import "env\\0a" "f\\1b[0m" (func)) (func (export "_start")))');
    expect(kiln(['run', file])).toEqual({ code: 1, stdout: '', stderr: `${file}: unlinkable: unknown import: env\\n.f\\u{1b}[0m\n` });
  });
  it('a usage error quoting an export name escapes it', () => {
    expect(kiln(['run', '--invoke', 'x\ny', 'examples/wat/math.wat']).stderr).toBe(
      'examples/wat/math.wat: usage: no export named "x\\ny" (exported functions: fac, gcd, divide)\n',
    );
  });
  it('a validation error quoting an export name escapes it', () => {
    const file = tempFile('evil-dup.wat', '(module (func (export "d\\1b")) (func (export "d\\1b")))');
    expect(kiln(['validate', file])).toEqual({ code: 1, stdout: '', stderr: `${file}:1:32: invalid: export "d\\u{1b}": duplicate export name\n` });
  });
});
