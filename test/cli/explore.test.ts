/**
 * `kiln explore`: the native compiler's stages for one function, selected by index, name or
 * export name; `--dump` picks stages; `--bounds` picks the bounds checks; bad selections are one-line usage errors; a SIMD module
 * is refused with exit code 3.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kiln-explore-'));

function kiln(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/kiln.js', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const file = join(dir, 'two.wat');
writeFileSync(file, '(module (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add) (func (export "twice") (param i32) (result i32) local.get 0 call $inc call $inc))');
const simd = join(dir, 'simd.wat');
writeFileSync(simd, '(module (func (export "f") (result i32) v128.const i64x2 0 0 i32x4.extract_lane 0))');

describe('kiln explore', () => {
  it('prints every stage of one function by name', () => {
    const r = kiln(['explore', file, '--func', 'inc']);
    expect(r.code).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith(';; ----'));
    expect(headers).toEqual(['ir', 'opt', 'lower', 'regalloc', 'asm'].map((s) => `;; ---- function 0: ${s} ----`));
    expect(r.stdout).toContain('function %inc(ptr, i32) -> i32 {');
    expect(r.stdout).toMatch(/add {4}eax,0x1|lea/);
    expect(r.stdout).toContain('ret');
  });

  it('selects by export name and index, and --dump picks stages', () => {
    const byExport = kiln(['explore', file, '--func', 'twice', '--dump', 'asm']);
    const byIndex = kiln(['explore', file, '--func', '1', '--dump', 'asm']);
    expect(byExport.code).toBe(0);
    expect(byExport.stdout).toBe(byIndex.stdout);
    expect(byExport.stdout.startsWith(';; ---- function 1: asm ----\n')).toBe(true);
    expect(byExport.stdout).toContain('call');
  });

  it('--bounds guard compiles loads without their check; explicit is the default; a bad mode is a usage error', () => {
    const mem = join(dir, 'mem.wat');
    writeFileSync(mem, '(module (memory 1) (func (export "get") (param i32) (result i32) local.get 0 i32.load))');
    const explicit = kiln(['explore', mem, '--dump', 'asm']);
    const guard = kiln(['explore', mem, '--dump', 'asm', '--bounds', 'guard']);
    expect(explicit.stdout).toMatch(/\bja\b/);
    expect(guard.code).toBe(0);
    expect(guard.stdout).not.toMatch(/\bja\b/);
    expect(kiln(['explore', mem, '--bounds', 'none'])).toEqual({ code: 2, stdout: '', stderr: 'kiln: usage: --bounds takes guard or explicit, got "none"\n' });
  });

  it('without --func prints every defined function', () => {
    const r = kiln(['explore', file, '--dump', 'opt']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith(';; ----'))).toEqual([';; ---- function 0: opt ----', ';; ---- function 1: opt ----']);
  });

  it('refuses bad selections as usage errors, and a SIMD module with exit code 3', () => {
    expect(kiln(['explore', file, '--func', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no function named "nope"') });
    expect(kiln(['explore', file, '--func', '9'])).toMatchObject({ code: 2, stderr: expect.stringContaining('out of range') });
    expect(kiln(['explore', file, '--dump', 'ir,bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown stage "bogus"') });
    const r = kiln(['explore', simd]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unsupported: cannot compile v128\.const in function 0.*SIMD/);
    const run = kiln(['run', '--engine', 'native', '--invoke', 'f', simd]);
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n').length).toBe(2);
    expect(kiln(['run', '--invoke', 'f', simd])).toEqual({ code: 0, stdout: '0\n', stderr: '' });
  });
});
