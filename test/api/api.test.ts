/**
 * The Node API (api/index.ts), as a package user reaches it: `import … from 'kiln'` resolves
 * through package.json's exports map to dist/api (with type declarations a TypeScript user
 * type-checks against), `compile` (threads) and `compileSync` give the same artifact, `load`
 * maps it and says why when it fell back, and instances take imports like the WebAssembly JS
 * API. Uses dist/ (`npm run build` first).
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, compileSync, CwasmError, KilnError, KilnTrap, load, type WasmFunction, type WasmMemory } from '../../api/index.js';
import { FORMAT_VERSION, HEADER_OFFSET, HEADER_VERSION_AT } from '../../formats/cwasm/layout.js';
import { resealed } from '../cwasm/helpers.js';
import { root } from '../cli/run-kiln.js';

const WAT = `(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "mem") 1)
  (func (export "sum") (param i32) (result i32) (local i32)
    block loop local.get 0 i32.eqz br_if 1
      local.get 1 local.get 0 i32.add local.set 1
      local.get 0 i32.const 1 i32.sub local.set 0 br 0 end end
    local.get 1 call $log local.get 1)
  (func (export "boom") (param i32) (result i32) local.get 0 i32.load))`;

describe('the Node API', () => {
  it('compile (threads) and compileSync give the same bytes; wat text and wasm bytes both work', async () => {
    const a = compileSync(WAT);
    const b = await compile(WAT, { jobs: 2 });
    const c = await compile(new TextEncoder().encode(WAT), { jobs: 1 });
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(c).equals(Buffer.from(a))).toBe(true);
  });

  it('load + instantiate: imports as JS functions, exports callable, memory visible, traps as KilnTrap', () => {
    const m = load(compileSync(WAT));
    expect(m.engine).toBe('native');
    expect(m.fallback).toBeNull();
    expect(m.imports).toEqual([{ module: 'env', name: 'log', kind: 'func' }]);
    expect(m.exports.map((e) => e.name)).toEqual(['mem', 'sum', 'boom']);
    const logged: number[] = [];
    const inst = m.instantiate({ env: { log: (x: unknown) => void logged.push(x as number) } });
    expect((inst.exports['sum'] as WasmFunction).call(100)).toBe(5050);
    expect(logged).toEqual([5050]);
    expect((inst.exports['mem'] as WasmMemory).bytes().length).toBe(65536);
    expect(() => (inst.exports['boom'] as WasmFunction).call(70000)).toThrow(KilnTrap);
    // a second instance of the same loaded module has its own state
    expect((m.instantiate({ env: { log: () => {} } }).exports['sum'] as WasmFunction).call(3)).toBe(6);
  });

  it('says why it fell back, and throws the mismatch with fallback none; corrupt bytes throw', () => {
    const bytes = compileSync(WAT);
    new DataView(bytes.buffer).setUint32(HEADER_OFFSET + HEADER_VERSION_AT, FORMAT_VERSION + 1, true);
    const newer = resealed(bytes);
    const m = load(newer);
    expect(m.engine).toBe('interp');
    expect(m.fallback?.kind).toBe('format-version');
    expect((m.instantiate({ env: { log: () => {} } }).exports['sum'] as WasmFunction).call(4)).toBe(10);
    expect(() => load(newer, { fallback: 'none' })).toThrow(CwasmError);
    const bad = compileSync(WAT);
    bad[200] ^= 0xff;
    expect(() => load(bad)).toThrow(/the checksum does not match the contents/);
    expect(() => compileSync('(module (func (result i32)))')).toThrow(KilnError);
    expect(() => compileSync(WAT, { target: 'sparc-linux' })).toThrow(/unknown target/);
  });

  it("resolves as the package 'kiln' from plain Node (the exports map)", () => {
    const script = `import { compileSync, load } from 'kiln';
      const m = load(compileSync('(module (func (export "f") (result i32) i32.const 41 i32.const 1 i32.add))'));
      console.log(m.engine, m.instantiate().exports.f.call());`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('native 42\n');
  });

  it('type-checks a TypeScript user of the package against its declarations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-api-'));
    const file = join(root, 'test', 'api', `.consumer-${process.pid}.ts`);
    writeFileSync(file, `import { compileSync, load, type LoadedModule } from 'kiln';
const m: LoadedModule = load(compileSync('(module)', { optLevel: 1, bounds: 'explicit' }));
const engine: string = m.engine;
// @ts-expect-error optLevel is 0, 1 or 2
compileSync('(module)', { optLevel: 3 });
export { engine };
`);
    try {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const out = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--types', 'node', file], { cwd: root, encoding: 'utf8' });
      expect(out.stdout + out.stderr).toBe('');
      expect(out.status).toBe(0);
    } finally {
      execFileSync('rm', ['-f', file]);
      void dir;
    }
  });
});
