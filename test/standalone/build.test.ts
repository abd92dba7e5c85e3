/**
 * `kiln build` (issue 12) through the built CLI: the executable is a static ELF with no
 * interpreter, no dynamic section and no segment both writable and executable; it runs with an
 * empty environment inside a directory tree holding nothing but itself (a chroot); building
 * twice gives the same bytes; the sizes stay within the bars; and it behaves like
 * `kiln run`: traps with names and offsets (exit 134), exit codes above 255, --timeout (124),
 * --max-memory, --inherit-env, a relative --dir resolved where it starts. Both ISAs (AArch64
 * under qemu-aarch64). Bad input is a one-line error.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ISAS, runExe, scratch } from './support.js';

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const root = fileURLToPath(new URL('../..', import.meta.url));
const kilnBin = path.join(root, 'bin', 'kiln.js');
const TARGET = { x86_64: 'x86_64-linux', aarch64: 'aarch64-linux' } as const;

function kiln(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', KILN_RUNTIME_OBJ: process.env['KILN_RUNTIME_OBJ'] ?? '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let n = 0;
function build(module: string, isa: keyof typeof TARGET, ...flags: string[]): string {
  const out = path.join(scratch, `b${++n}`, 'app');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = kiln(['build', module, '-o', out, '--target', TARGET[isa], ...flags]);
  expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  return out;
}

function wat(name: string, text: string): string {
  const p = path.join(scratch, name);
  fs.writeFileSync(p, text);
  return p;
}

const TRAP = wat(
  'trap.wat',
  `(module (memory (export "memory") 1)
    (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
    (func $middle (result i32) (call $inner (i32.const 0)))
    (func (export "_start") (drop (call $middle))))`,
);
const SPIN = wat('spin.wat', '(module (memory (export "memory") 1) (func (export "_start") (loop $l (br $l))))');
const EXIT = wat(
  'exit.wat',
  `(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 300))))`,
);
const GROW = wat(
  'grow.wat',
  `(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (func (export "_start") (call $exit (i32.add (i32.const 10) (memory.grow (i32.const 2))))))`,
);

for (const isa of ISAS) {
  describe(`kiln build --target ${TARGET[isa]}`, () => {
    it('writes a static ELF: no INTERP, no DYNAMIC, no W+X segment; the same bytes twice', () => {
      const a = build('examples/hello.wasm', isa);
      const b = build('examples/hello.wasm', isa);
      expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
      const headers = execFileSync('readelf', ['-lW', a], { encoding: 'utf8' });
      expect(headers).toContain('Elf file type is EXEC');
      expect(headers).not.toMatch(/INTERP|DYNAMIC/);
      const flags = [...headers.matchAll(/^\s+(LOAD|GNU_STACK)\s.*\s([RWE ]{3})\s+0x[0-9a-f]+$/gm)].map((m) => (m[2] as string).replace(/ /g, ''));
      expect(flags.length).toBeGreaterThanOrEqual(3);
      for (const f of flags) expect(f.includes('W') && f.includes('E')).toBe(false);
    });

    it('keeps hello.wat within 64 KiB and the C hello within 256 KiB', () => {
      expect(fs.statSync(build('examples/wat/hello.wat', isa)).size).toBeLessThanOrEqual(64 * 1024);
      expect(fs.statSync(build('examples/hello.wasm', isa)).size).toBeLessThanOrEqual(256 * 1024);
    });

    it('runs with an empty environment in a tree that holds only itself (chroot)', () => {
      const exe = build('examples/wat/hello.wat', isa);
      const jail = path.join(scratch, `jail-${isa}`);
      fs.mkdirSync(jail);
      fs.copyFileSync(exe, path.join(jail, 'hello'));
      fs.chmodSync(path.join(jail, 'hello'), 0o755);
      // qemu-user runs outside the jail (it is a host program); the executable inside it
      // (under qemu-user the executable runs in the jail's directory with an empty environment:
      // qemu itself is a dynamically linked host program, so it cannot run inside the chroot)
      const qemu = isa === 'aarch64' && process.arch !== 'arm64';
      const chroot = execFileSync('sh', ['-c', 'command -v chroot || echo /usr/sbin/chroot'], { encoding: 'utf8' }).trim();
      const cmd = qemu ? ['qemu-aarch64', path.join(jail, 'hello')] : [chroot, jail, '/hello'];
      const r = spawnSync(cmd[0] as string, cmd.slice(1), { encoding: 'utf8', env: {}, cwd: jail });
      expect(r.error, 'chroot needs root (CI runs as root)').toBeUndefined();
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: 'hello, kiln!\n', stderr: '' });
    });

    it('reports a trap as kiln run does: kind, names, offsets; exit 134', () => {
      const r = runExe(build(TRAP, isa), isa, []);
      const ran = kiln(['run', TRAP]);
      expect(r).toEqual({ code: 134, stdout: '', stderr: ran.stderr });
      expect(r.stderr).toBe('trap: integer divide by zero\n  at inner (func 0 @0x40)\n  at middle (func 1 @0x46)\n  at _start (func 2 @0x4b)\n');
    });

    it('exits 1 with kiln run\'s line for an exit code above 255', () => {
      const r = runExe(build(EXIT, isa), isa, [], { argv0: 'prog' });
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'prog: exit: the program exited with code 300, which does not fit an exit status (0-255); kiln exits with 1\n' });
    });

    it('stops at --timeout with exit 124', () => {
      const r = runExe(build(SPIN, isa, '--timeout', '0.3'), isa, [], { argv0: 'spin' });
      expect(r).toEqual({ code: 124, stdout: '', stderr: 'kiln: timeout: spin ran longer than 0.3 s (--timeout)\n' });
    });

    it('caps memory.grow at --max-memory', () => {
      expect(runExe(build(GROW, isa), isa, []).code).toBe(11);
      expect(runExe(build(GROW, isa, '--max-memory', '128K'), isa, []).code).toBe(9);
    });

    it('gives the program only the environment fixed at build time, or also its own with --inherit-env', () => {
      const fixed = build('examples/hello.wasm', isa, '--env', 'GREETING=hi');
      expect(runExe(fixed, isa, [], { env: { LANG: 'C.UTF-8' } }).stdout).toContain('GREETING=hi\nLANG=(unset)\n');
      const inherit = build('examples/hello.wasm', isa, '--env', 'GREETING=hi', '--inherit-env');
      expect(runExe(inherit, isa, [], { env: { LANG: 'C.UTF-8', GREETING: 'overridden' } }).stdout).toContain('GREETING=hi\nLANG=C.UTF-8\n');
    });

    it('resolves a relative --dir where the executable starts', () => {
      const exe = build('examples/files.wasm', isa, '--dir', 'data::/sandbox');
      const cwd = path.join(scratch, `cwd-${isa}`);
      fs.mkdirSync(path.join(cwd, 'data'), { recursive: true });
      fs.writeFileSync(path.join(cwd, 'data', 'in.txt'), 'one two\nthree\n');
      expect(runExe(exe, isa, ['wc', '/sandbox/in.txt'], { cwd, argv0: 'files' }).stdout).toBe('2 3 14 /sandbox/in.txt\n');
    });
  });
}

describe('kiln build refuses bad input with one line', () => {
  it('an unknown --target', () => {
    expect(kiln(['build', 'examples/wat/hello.wat', '--target', 'riscv64-linux', '-o', path.join(scratch, 'x')])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kiln: usage: --target takes x86_64-linux or aarch64-linux, got "riscv64-linux"\n',
    });
  });
  it('a module without _start', () => {
    const r = kiln(['build', 'examples/wat/math.wat', '-o', path.join(scratch, 'x')]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'examples/wat/math.wat: usage: module has no _start export (a WASI command), which an executable runs\n' });
  });
  it('an import the runtime does not provide', () => {
    const m = wat('env.wat', '(module (import "env" "f" (func)) (func (export "_start")))');
    const r = kiln(['build', m, '-o', path.join(scratch, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unlinkable: unknown import: env\.f \(a standalone executable provides wasi_snapshot_preview1 and spectest\)\n$/);
  });
});
