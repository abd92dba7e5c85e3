/**
 * What loading an artifact does not do (docs/cwasm.md "Loading"): it generates no code — the
 * trampolines its imports and exports need come with it (`.kiln.tramps`) — and it makes no
 * object per function: a function's maps, its name and its function object appear when first
 * needed. And the CRC-32 checksum: the table fallback (Node before 20.15) agrees with zlib's.
 */

import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checksumMatches, crc32ByTable } from '../../formats/cwasm/checksum.js';
import { openCwasm, readContents, readHeader } from '../../formats/cwasm/read.js';
import type { WasmFunction } from '../../loader/api.js';
import { loadArtifact } from '../../loader/cwasm/load.js';
import { codeRanges, type NativeEngine } from '../../loader/native/index.js';
import { compileArtifact } from '../../linker/cwasm.js';
import { fromWat } from './helpers.js';

const WAT = `(module
  (type $log (func (param i32)))
  (import "env" "log" (func $log (type $log)))
  (import "env" "log2" (func $log2 (param i32)))
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $twice $g1 $g2)
  (func $twice (export "twice") (param i32) (result i32)
    (call $log (local.get 0))
    (call $log2 (local.get 0))
    (call $add (local.get 0) (local.get 0)))
  (func $g1 (result i32) i32.const 1)
  (func $g2 (result i32) i32.const 2)
  (func $f3 (export "three") (param i32) (result i32) (i32.add (local.get 0) (i32.const 3))))`;

describe('loading an artifact', () => {
  const src = fromWat(WAT);
  const bytes = compileArtifact(src.module, src.wasm);

  it('lists one exit trampoline per imported signature and one entry per exported one', () => {
    const env = openCwasm(bytes);
    const code = readContents(env, readHeader(env));
    // types: 0 (i32)->() (log, log2), 1 (i32 i32)->i32 (add), 2 (i32)->i32 (twice, three), 3 ()->i32
    expect(code.module.types.length).toBe(4);
    expect(code.trampolines.map((t) => [t.kind, t.type])).toEqual([
      ['exit', 0],
      ['exit', 1],
      ['entry', 2],
    ]);
    const text = code.text.length;
    for (const t of code.trampolines) expect(t.offset + t.size).toBeLessThanOrEqual(text);
  });

  it('maps two code regions (functions, trampolines) and generates no trampoline, binding imports and calling exports', () => {
    // the engine's runtime (its trap routine, the fault handler) is made by the first load
    const tiny = fromWat('(module (func (export "f")))');
    loadArtifact(compileArtifact(tiny.module, tiny.wasm), { fallback: 'none' });
    const before = codeRanges().length;
    const l = loadArtifact(bytes, { fallback: 'none' });
    const logged: number[] = [];
    const inst = l.engine.instantiate(l.compiled, {
      env: { log: (x: number) => void logged.push(x), log2: (x: number) => void logged.push(-x), add: (a: number, b: number) => a + b },
    });
    expect((inst.exports['twice'] as WasmFunction).call(21)).toBe(42);
    expect((inst.exports['three'] as WasmFunction).call(4)).toBe(7);
    expect(logged).toEqual([21, -21]);
    // functions and trampolines get regions of their own: an interrupt makes only the first non-executable
    expect(codeRanges().length).toBe(before + 2);
    expect(l.engine.name).toBe('native');
    expect((l.engine as NativeEngine).backend.instances).toBeGreaterThan(0);
  });

  it('names functions only when asked, and gives the same function object every time', () => {
    const l = loadArtifact(bytes, { fallback: 'none' });
    const inst = l.engine.instantiate(l.compiled, { env: { log: () => {}, log2: () => {}, add: () => 0 } });
    const twice = inst.exports['twice'] as WasmFunction;
    expect(twice.name).toBe('twice');
    expect(inst.exports['twice']).toBe(twice);
  });
});

describe('the CRC-32 checksum', () => {
  it('the table fallback agrees with zlib', () => {
    const crc32 = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
    expect(crc32, 'Node 20.15 or later has zlib.crc32').toBeDefined();
    const data = new Uint8Array(100_003);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    expect(crc32ByTable(data)).toBe((crc32 as (d: Uint8Array) => number)(data));
    expect(crc32ByTable(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('covers every byte but its own four', () => {
    const src = fromWat('(module (func (export "f")))');
    const bytes = compileArtifact(src.module, src.wasm);
    expect(checksumMatches(bytes)).toBe(true);
    for (const at of [0, 79, 84, bytes.length - 1]) {
      const b = bytes.slice();
      b[at] = (b[at] as number) ^ 1;
      expect(checksumMatches(b)).toBe(false);
    }
  });
});
