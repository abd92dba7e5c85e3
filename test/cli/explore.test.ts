/**
 * `kiln explore`: the native compiler's stages for one function, selected by index, name or
 * export name; `--dump` picks stages; `--bounds` picks the bounds checks; `--cpu-features` and
 * `--opt-level` change the code; bad selections are one-line usage errors; a module the native compiler refuses
 * is refused with exit code 3.
 */

import { REFUSED_REASON, REFUSED_WAT } from '../support/native-refusal.js';
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
const refused = join(dir, 'refused.wat');
writeFileSync(refused, REFUSED_WAT);

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

  it('--cpu-features picks lzcnt for clz; --opt-level 0 leaves the IR as the frontend made it; bad values are usage errors', () => {
    const bits = join(dir, 'bits.wat');
    writeFileSync(bits, '(module (func (export "f") (param i32) (result i32) local.get 0 i32.clz i32.const 1 i32.const 2 i32.add i32.add))');
    expect(kiln(['explore', bits, '--dump', 'asm']).stdout).toMatch(/\bbsr\b/);
    const fast = kiln(['explore', bits, '--dump', 'asm', '--cpu-features', '+lzcnt']);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toMatch(/\blzcnt\b/);
    expect(fast.stdout).not.toMatch(/\bbsr\b/);
    const o0 = kiln(['explore', bits, '--dump', 'ir,opt', '--opt-level', '0']).stdout.split(/;; ---- function 0: \w+ ----\n/);
    expect(o0[1]).toBe(o0[2]);
    expect(o0[1]).toContain('iconst.i32 2');
    const o2 = kiln(['explore', bits, '--dump', 'opt']).stdout;
    expect(o2).not.toContain('iconst.i32 2');
    expect(kiln(['explore', bits, '--opt-level', '3'])).toEqual({ code: 2, stdout: '', stderr: 'kiln: usage: --opt-level takes 0, 1 or 2, got "3"\n' });
    expect(kiln(['explore', bits, '--cpu-features', '+sse9'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining("usage: unknown x86-64 CPU feature 'sse9'") });
  });

  it('without --func prints every defined function', () => {
    const r = kiln(['explore', file, '--dump', 'opt']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith(';; ----'))).toEqual([';; ---- function 0: opt ----', ';; ---- function 1: opt ----']);
  });

  it('refuses bad selections as usage errors, and a module the native compiler cannot take with exit code 3', () => {
    expect(kiln(['explore', file, '--func', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no function named "nope"') });
    expect(kiln(['explore', file, '--func', '9'])).toMatchObject({ code: 2, stderr: expect.stringContaining('out of range') });
    expect(kiln(['explore', file, '--dump', 'ir,bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown stage "bogus"') });
    const r = kiln(['explore', refused]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(REFUSED_REASON));
    const run = kiln(['run', '--engine', 'native', '--invoke', 'f', refused]);
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n').length).toBe(2);
    expect(kiln(['run', '--engine', 'interp', '--invoke', 'f', refused])).toEqual({ code: 0, stdout: '1\n', stderr: '' });
  });
});
