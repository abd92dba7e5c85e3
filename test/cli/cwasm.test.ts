/**
 * The artifact commands as a user runs them: `kiln compile` writes a `.cwasm` that `kiln run`
 * runs natively and `kiln inspect` describes; a mismatching artifact runs its embedded wasm
 * on the interpreter after one line naming the reason (or fails with --fallback none); a
 * corrupt one is refused with exit 1. Runs the built CLI (`npm run build` first).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, HEADER_OFFSET, HEADER_VERSION_AT } from '../../formats/cwasm/layout.js';
import { resealed } from '../cwasm/helpers.js';
import { kiln, tempFile } from './run-kiln.js';

const ADD = '(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add) (func (export "clz") (param i64) (result i64) local.get 0 i64.clz))';

describe('kiln compile / run / inspect with .cwasm', () => {
  const wat = tempFile('add.wat', ADD);
  const out = wat.replace(/\.wat$/, '.cwasm');

  it('compiles a .wat to <name>.cwasm by default and runs it natively', () => {
    const c = kiln(['compile', wat]);
    expect(c).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = kiln(['run', '--verbose', '--invoke', 'add', out, '40', '2']);
    expect(r.stdout).toBe('42\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('kiln: engine: native (artifact for x86_64-linux, bounds guard, CPU features none)\n');
  });

  it('runs a WASI program from its artifact like from its wasm', () => {
    const artifact = tempFile('hello.cwasm', '');
    expect(kiln(['compile', 'examples/hello.wasm', '-o', artifact]).code).toBe(0);
    const fromWasm = kiln(['run', '--env', 'GREETING=hi', 'examples/hello.wasm']);
    const fromArtifact = kiln(['run', '--env', 'GREETING=hi', '--argv0', 'examples/hello.wasm', artifact]);
    expect(fromArtifact).toEqual(fromWasm);
  });

  it('inspect shows the key, the sections and the counts (text and JSON)', () => {
    kiln(['compile', '--bounds', 'explicit', '--opt-level', '1', wat, '-o', out]);
    const t = kiln(['inspect', out]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain(`kiln artifact, format version ${FORMAT_VERSION}`);
    expect(t.stdout).toContain('fits this host: yes');
    expect(t.stdout).toContain('  bounds=explicit\n  interrupts=on\n  opt-level=1\n');
    expect(t.stdout).toMatch(/functions: 2, code \d+ bytes/);
    expect(t.stdout).toMatch(/relocations: 0; trap sites: \d+; fault sites: 0; address map entries: \d+/);
    const j = JSON.parse(kiln(['inspect', '--json', out]).stdout) as { functions: number; key: { bounds: string }; sections: { name: string }[] };
    expect(j.functions).toBe(2);
    expect(j.key.bounds).toBe('explicit');
    expect(j.sections.map((s) => s.name)).toEqual(['.kiln.header', '.text', '.kiln.funcs', '.kiln.traps', '.kiln.faults', '.kiln.addrmap', '.kiln.stackmaps', '.kiln.tramps', '.kiln.reloc', '.kiln.meta', '.kiln.wasm', '.symtab', '.strtab', '.shstrtab']);
  });

  it('falls back to the interpreter with one line naming the reason; --fallback none exits 1', () => {
    kiln(['compile', wat, '-o', out]);
    const bytes = readFileSync(out);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(HEADER_OFFSET + HEADER_VERSION_AT, FORMAT_VERSION + 1, true);
    const newer = tempFile('newer.cwasm', resealed(bytes));
    const r = kiln(['run', '--invoke', 'add', newer, '1', '2']);
    expect(r.stdout).toBe('3\n');
    expect(r.stderr).toBe(`kiln: ${newer}: written in a newer .cwasm format (version ${FORMAT_VERSION + 1}); this kiln reads version ${FORMAT_VERSION}; running its embedded wasm on the interpreter\n`);
    expect(r.code).toBe(0);
    const none = kiln(['run', '--fallback', 'none', '--invoke', 'add', newer, '1', '2']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(`${newer}: incompatible: written in a newer .cwasm format (version ${FORMAT_VERSION + 1}); this kiln reads version ${FORMAT_VERSION}\n`);
    const re = kiln(['run', '--fallback', 'recompile', '--bounds', 'explicit', '--invoke', 'add', out, '5', '6']);
    expect(re.stdout).toBe('11\n');
    expect(re.stderr).toBe(`kiln: ${out}: compiled with --bounds guard; --bounds explicit was asked for; recompiling its embedded wasm\n`);
  });

  it('refuses a corrupt artifact with exit 1 and runs nothing', () => {
    kiln(['compile', wat, '-o', out]);
    const bytes = readFileSync(out);
    bytes[bytes.length - 40] ^= 1;
    const bad = tempFile('bad.cwasm', bytes);
    for (const args of [['run', '--invoke', 'add', bad, '1', '2'], ['inspect', bad]]) {
      const r = kiln(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${bad}:0x50: corrupt: the checksum does not match the contents (the file is damaged)\n`);
    }
    writeFileSync(bad, bytes.subarray(0, 100));
    expect(kiln(['run', bad]).stderr).toMatch(/^.*bad\.cwasm: (malformed|corrupt): /);
  });

  it('--timeout stops an artifact that never ends (on the worker thread), exit 124', () => {
    const loop = tempFile('loop.wat', '(module (memory (export "memory") 1) (func (export "_start") (loop br 0)))');
    const artifact = loop.replace(/\.wat$/, '.cwasm');
    expect(kiln(['compile', loop]).code).toBe(0);
    const r = kiln(['run', '--timeout', '1', artifact]);
    expect(r.code).toBe(124);
    expect(r.stderr).toBe(`kiln: timeout: ${artifact} ran longer than 1 s (--timeout)\n`);
  });

  it('usage errors name the option', () => {
    expect(kiln(['compile', '--target', 'mips-linux', wat]).stderr).toBe('kiln: usage: --target takes x86_64-linux or aarch64-linux, got "mips-linux" (kiln targets lists them)\n');
    expect(kiln(['compile', '--opt-level', '3', wat]).code).toBe(2);
    expect(kiln(['run', '--fallback', 'maybe', out]).stderr).toBe('kiln: usage: --fallback takes interpreter, recompile or none, got "maybe"\n');
  });
});
