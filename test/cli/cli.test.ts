/**
 * The `kiln` command as a user runs it: exit codes, one-line errors, inspect output,
 * `kiln run` of WASI programs and `--invoke`. Runs the built CLI (dist/, made by `pretest`).
 */

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kilnBin = join(root, 'bin', 'kiln.js');

function kiln(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: root, encoding: 'utf8', input: input ?? '' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'kiln-cli-'));
function tempFile(name: string, content: Uint8Array | string): string {
  const p = join(scratch, name);
  writeFileSync(p, content);
  return p;
}

const noStackTrace = (s: string): void => {
  expect(s).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
};

describe('kiln --help / --version', () => {
  it('lists the commands and exits 0', () => {
    const r = kiln(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['validate', 'inspect', 'run']) expect(r.stdout).toContain(cmd);
  });
  it('prints the package version', () => {
    const r = kiln(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('rejects an unknown flag with one clear line and exit 2', () => {
    const r = kiln(['validate', '--frobnicate', 'x.wasm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("kiln: error: unknown option '--frobnicate' (see kiln --help)\n");
  });
  it('a missing argument or unknown command is one line too', () => {
    expect(kiln(['validate'])).toEqual({ code: 2, stdout: '', stderr: "kiln: error: missing required argument 'file' (see kiln --help)\n" });
    expect(kiln(['frob']).stderr).toBe("kiln: error: unknown command 'frob' (see kiln --help)\n");
  });
});

describe('kiln validate', () => {
  it('accepts a valid text module', () => {
    const r = kiln(['validate', 'examples/wat/math.wat']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid');
  });
  it('accepts a valid binary module (magic detected, any extension)', () => {
    const bytes = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(kiln(['validate', tempFile('empty.bin', bytes)]).code).toBe(0);
  });
  it('reports a malformed binary as file:offset: malformed: reason', () => {
    const file = tempFile('bad-version.wasm', Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
    const r = kiln(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:0x[0-9a-f]+: malformed: unknown binary version`));
  });
  it('reports an invalid module as invalid with the reason', () => {
    const file = tempFile('invalid.wat', '(module (func (result i32) (i64.const 1)))');
    const r = kiln(['validate', file]);
    expect(r.code).toBe(1);
    // a text module's error points into the text (line:column of the function's final end)
    expect(r.stderr).toBe(`${file}:1:9: invalid: func 0: type mismatch in end: expected i32, got i64\n`);
  });
  it('locates an invalid instruction of a text module by line and column', () => {
    const file = tempFile('invalid2.wat', '(module\n  (func (param i32) (result i32)\n    (i32.add\n      (local.get 0)\n      (i64.const 1))))');
    const r = kiln(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:3:6: invalid: func 0: type mismatch in i32.add: expected i32, got i64\n`);
  });
  it('locates an invalid binary module by byte offset', () => {
    // (module (func (result i32) (i64.const 1))) assembled by hand
    const bytes = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 6, 1, 4, 0, 0x42, 1, 0x0b]);
    const file = tempFile('invalid.wasm', bytes);
    const r = kiln(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:0x1a: invalid: func 0: type mismatch in end: expected i32, got i64\n`);
  });
  it('reports a text syntax error with line:column', () => {
    const file = tempFile('syntax.wat', '(module\n  (func (i32.add oops)))');
    const r = kiln(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file}:2:\\d+: malformed: `));
  });
  it('reports a missing file in one line', () => {
    const r = kiln(['validate', 'no/such/file.wasm']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('no/such/file.wasm: io: no such file');
  });
});

describe('closed pipes', () => {
  it('a reader that stops early (| head) ends kiln quietly, with no stack trace', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" bin/kiln.js inspect bench/corpus/corpus.wasm | head -1`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('bench/corpus/corpus.wasm: 1235982 bytes\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('kiln inspect', () => {
  it('shows sections, functions and exports as text', () => {
    const r = kiln(['inspect', 'examples/wat/math.wat']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sections');
    expect(r.stdout).toContain('code');
    expect(r.stdout).toMatch(/fac: func 0/);
    expect(r.stdout).toMatch(/\[1\] \(i32, i32\) -> \(i32\) code \d+ bytes/);
  });
  it('emits JSON with every part of the module', () => {
    const r = kiln(['inspect', '--json', 'examples/wat/hello.wat']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      imports: { module: string; name: string; kind: string }[];
      exports: { name: string; kind: string }[];
      memories: { type: string }[];
      sections: { name: string; size: number }[];
      functions: { codeSize: number }[];
    };
    expect(report.imports).toEqual([
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'func', type: '(i32, i32, i32, i32) -> (i32)' },
    ]);
    expect(report.exports.map((e) => e.name).sort()).toEqual(['_start', 'memory']);
    expect(report.memories).toEqual([{ index: 0, type: 'pages 1..', imported: false }]);
    expect(report.sections.map((s) => s.name)).toEqual(['type', 'import', 'function', 'memory', 'export', 'code', 'data', 'name']);
    expect(report.functions[0]?.codeSize).toBeGreaterThan(0);
  });
});

describe('kiln run', () => {
  it('runs a WASI command and passes its stdout through', () => {
    const r = kiln(['run', 'examples/wat/hello.wat']);
    expect(r.stdout).toBe('hello, kiln!\n');
    expect(r.code).toBe(0);
  });
  it('passes stdin through to the program, in order and complete', () => {
    const input = Array.from({ length: 20000 }, (_, i) => `${i + 1}\n`).join('');
    const r = kiln(['run', 'examples/wat/cat.wat'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(input);
  });
  it('--invoke calls an export with typed arguments and prints the results', () => {
    expect(kiln(['run', '--invoke', 'fac', 'examples/wat/math.wat', '20']).stdout).toBe('2432902008176640000\n');
    expect(kiln(['run', '--invoke', 'gcd', 'examples/wat/math.wat', '84', '36']).stdout).toBe('12\n');
  });
  it('a trap prints the kind and a wasm backtrace, exit 134', () => {
    const r = kiln(['run', '--invoke', 'divide', 'examples/wat/math.wat', '1', '0']);
    expect(r.code).toBe(134);
    expect(r.stderr).toContain('trap: integer divide by zero');
    expect(r.stderr).toMatch(/at .*\(func 2/);
    noStackTrace(r.stderr);
  });
  it('rejects a wrong argument count or type in one line', () => {
    const r = kiln(['run', '--invoke', 'gcd', 'examples/wat/math.wat', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('takes 2 argument(s)');
    const r2 = kiln(['run', '--invoke', 'gcd', 'examples/wat/math.wat', '1', 'x']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('is not a valid i32');
  });
  it('refuses a module without _start unless --invoke is given', () => {
    const r = kiln(['run', 'examples/wat/math.wat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no _start export');
  });
  it('an import that cannot be linked names the file and the import, exit 1', () => {
    const file = tempFile('imports.wat', '(module (import "env" "foo" (func)) (func (export "_start") (call 0)))');
    const r = kiln(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}: unlinkable: unknown import: env.foo\n`);
  });
  it('a trap in the start function is reported like any trap', () => {
    const file = tempFile('start.wat', '(module (func $boot unreachable) (start $boot) (func (export "_start")))');
    const r = kiln(['run', file]);
    expect(r.code).toBe(134);
    expect(r.stderr).toBe('trap: unreachable\n  at boot (func 0 @0x27)\n');
  });
  it('deep recursion runs to the default depth of 100,000, and --max-call-depth caps it', () => {
    const file = tempFile(
      'down.wat',
      `(module (func $down (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`,
    );
    expect(kiln(['run', '--invoke', 'down', file, '90000'])).toEqual({ code: 0, stdout: '90000\n', stderr: '' });
    // the interpreter counts calls exactly; the native engine turns the depth into a stack size
    // (at least that many frames fit), tested below
    const capped = kiln(['run', '--engine', 'interp', '--max-call-depth', '1000', '--invoke', 'down', file, '2000']);
    expect(capped.code).toBe(134);
    // the innermost frame trapped on entry (no instruction offset); the callers are the
    // recursive call, a bounded number of them, collapsed into one line
    expect(capped.stderr).toMatch(
      /^trap: call stack exhausted\n {2}at down \(func 0\)\n {2}at down \(func 0 @0x32\)\n {2}… the frame above repeated \d+ more times\n$/,
    );
    expect(kiln(['run', '--max-call-depth', '1000', '--invoke', 'down', file, '990']).stdout).toBe('990\n');
    expect(kiln(['run', '--engine', 'interp', '--max-call-depth', '1000', '--invoke', 'down', file, '990']).stdout).toBe('990\n');
    const native = kiln(['run', '--engine', 'native', '--max-call-depth', '1000', '--invoke', 'down', file, '1000000']);
    expect(native.code).toBe(134);
    expect(native.stderr).toMatch(/^trap: call stack exhausted\n {2}at down \(func 0\)\n {2}at down \(func 0 @0x32\)\n {2}… the frame above repeated \d+ more times\n$/);
  });
  it('unbounded recursion traps as call stack exhausted, never a JS RangeError', () => {
    const file = tempFile('deep.wat', '(module (func $r (export "r") (param i32) (result i32) (call $r (local.get 0))))');
    for (const depth of ['50', '1000000']) {
      const r = kiln(['run', '--max-call-depth', depth, '--invoke', 'r', file, '0']);
      expect(r.code).toBe(134);
      expect(r.stderr.split('\n')[0]).toBe('trap: call stack exhausted');
      expect(r.stderr).not.toContain('RangeError');
    }
  });
  it('a missing --dir is a usage error in one line', () => {
    const r = kiln(['run', '--dir', 'no/such/dir', 'examples/wat/hello.wat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kiln: usage: --dir: no such directory "no/such/dir"\n');
  });
  it('WASI calls made by the start function already reach the memory', () => {
    const file = tempFile(
      'start-wasi.wat',
      `(module
        (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 0) "\\10\\00\\00\\00\\06\\00\\00\\00")
        (data (i32.const 16) "start\\0a")
        (func $init (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
        (start $init)
        (func (export "_start")))`,
    );
    expect(kiln(['run', file])).toEqual({ code: 0, stdout: 'start\n', stderr: '' });
  });
  it('unknown engine is a usage error', () => {
    const r = kiln(['run', '--engine', 'jit', 'examples/wat/hello.wat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown engine "jit"');
  });
});

describe('names from text', () => {
  it('a trap in a text module shows its $identifiers in the backtrace', () => {
    const file = tempFile(
      'names.wat',
      `(module $demo
        (func $inner (param $x i32) (result i32) (i32.div_u (i32.const 1) (local.get $x)))
        (func $outer (export "go") (param i32) (result i32) (call $inner (local.get 0))))`,
    );
    const r = kiln(['run', '--invoke', 'go', file, '0']);
    expect(r.code).toBe(134);
    // offsets are those of the module's binary encoding (what `kiln inspect` shows)
    expect(r.stderr).toBe('trap: integer divide by zero\n  at inner (func 0 @0x26)\n  at outer (func 1 @0x2c)\n');
  });
});
