/**
 * CPU features through the compile driver (targets/compile.ts): `cpuFeatures` reaches the
 * lowering and the assembler, i32/i64.clz become lzcnt and ctz tzcnt (bmi1) when enabled, the
 * baseline keeps bsr/bsf, `CompiledCode.features` lists what the code uses, and
 * `resolveCpuFeatures` reads `--cpu-features` values. The lzcnt/tzcnt code runs on the native
 * engine only where this CPU has both (else its bytes are checked instead).
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { KilnError } from '../../../formats/errors.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { nativeEngineWith } from '../../../loader/native/index.js';
import { compileFunctionStages, compileModule, resolveCpuFeatures } from '../../../targets/compile.js';
import { hostCpuFeatures } from '../../../targets/host.js';

const WAT = `(module
  (func (export "clz32") (param i32) (result i32) local.get 0 i32.clz)
  (func (export "ctz32") (param i32) (result i32) local.get 0 i32.ctz)
  (func (export "clz64") (param i64) (result i64) local.get 0 i64.clz)
  (func (export "ctz64") (param i64) (result i64) local.get 0 i64.ctz)
  (func (export "pop32") (param i32) (result i32) local.get 0 i32.popcnt))`;

const module: Module = (() => {
  const m = decodeModule(encodeModule(parseWat(WAT)));
  validateModule(m);
  return m;
})();

/** the x86-64-v2 baseline */
const V2 = ['popcnt', 'sse4.1', 'sse4.2', 'ssse3'];
const FAST = ['bmi1', 'lzcnt', ...V2];

/** the CPU flags Linux reports for this machine's first processor */
const cpuFlags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/) ?? []);
const hostHasLzcntTzcnt = (cpuFlags.has('abm') || cpuFlags.has('lzcnt')) && cpuFlags.has('bmi1');

/** does `needle` occur in `hay`? (null matches any byte) */
function contains(hay: Uint8Array, needle: readonly (number | null)[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (needle[k] !== null && hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const CASES: [string, bigint | number, bigint | number][] = [
  ['clz32', 0, 32], ['clz32', 1, 31], ['clz32', 0x80000000, 0], ['clz32', 0x00ff0000, 8],
  ['ctz32', 0, 32], ['ctz32', 1, 0], ['ctz32', 0x80000000, 31], ['ctz32', 0x00ff0000, 16],
  ['clz64', 0n, 64n], ['clz64', 1n, 63n], ['clz64', -1n, 0n], ['clz64', 0x100000000n, 31n],
  ['ctz64', 0n, 64n], ['ctz64', 1n, 0n], ['ctz64', -0x8000000000000000n, 63n], ['ctz64', 0x100000000n, 32n],
  ['pop32', 0xf0f0f0f0, 16],
];

describe('CPU features through the compiler', () => {
  it('the baseline compile uses bsr/bsf and popcnt, and lists neither lzcnt nor bmi1', () => {
    const code = compileModule(module);
    expect(code.features).toEqual(['popcnt']);
    expect(compileModule(module, { cpuFeatures: V2 }).funcs.map((f) => [...f.code])).toEqual(code.funcs.map((f) => [...f.code]));
    const asm = compileFunctionStages(module, 0).asm;
    expect(asm).toMatch(/\bbsr\b/);
    expect(asm).not.toMatch(/\blzcnt\b/);
  });

  it('with lzcnt and bmi1, clz is one lzcnt and ctz one tzcnt, and features lists them', () => {
    const code = compileModule(module, { cpuFeatures: FAST });
    expect(code.features).toEqual(['bmi1', 'lzcnt', 'popcnt']);
    const [clz32, ctz32, clz64, ctz64] = code.funcs;
    // F3 0F BD /r: lzcnt; F3 0F BC /r: tzcnt (REX.W between F3 and 0F for 64 bits)
    expect(contains(clz32!.code, [0xf3, 0x0f, 0xbd])).toBe(true);
    expect(contains(ctz32!.code, [0xf3, 0x0f, 0xbc])).toBe(true);
    expect(contains(clz64!.code, [0xf3, null, 0x0f, 0xbd])).toBe(true);
    expect(contains(ctz64!.code, [0xf3, null, 0x0f, 0xbc])).toBe(true);
    const asm = compileFunctionStages(module, 2, { cpuFeatures: FAST }).asm;
    expect(asm).toMatch(/\blzcnt +r\w+,r\w+/);
    expect(asm).not.toMatch(/\bbsr\b|\bcmove\b/);
    expect(compileFunctionStages(module, 1, { cpuFeatures: FAST }).lower).toContain(': tzcnt[');
  });

  it('only lzcnt enabled: clz uses it, ctz keeps bsf, and features says lzcnt but not bmi1', () => {
    const code = compileModule(module, { cpuFeatures: ['lzcnt', ...V2] });
    expect(code.features).toEqual(['lzcnt', 'popcnt']);
    expect(compileFunctionStages(module, 1, { cpuFeatures: ['lzcnt', ...V2] }).asm).toMatch(/\bbsf\b/);
  });

  it.runIf(hostHasLzcntTzcnt)('this CPU has lzcnt and bmi1: the code runs natively with the right results', () => {
    const engine = nativeEngineWith((m, o) => compileModule(m, { cpuFeatures: FAST, bounds: o?.bounds ?? 'explicit' }));
    const inst = instantiateModule(engine, module, {});
    for (const [name, arg, want] of CASES) {
      expect([name, arg, (inst.exports[name] as WasmFunction).callRaw([arg])]).toEqual([name, arg, [want]]);
    }
  });

  it('the baseline code gives the same results natively', () => {
    const engine = nativeEngineWith((m, o) => compileModule(m, { bounds: o?.bounds ?? 'explicit' }));
    const inst = instantiateModule(engine, module, {});
    for (const [name, arg, want] of CASES) {
      expect([name, arg, (inst.exports[name] as WasmFunction).callRaw([arg])]).toEqual([name, arg, [want]]);
    }
  });

  it('an unknown feature, or a set without the baseline, is a usage error', () => {
    const usage = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (e instanceof KilnError) return e.format();
        throw e;
      }
      throw new Error('no error');
    };
    expect(usage(() => compileModule(module, { cpuFeatures: [...V2, 'avx512'] }))).toBe(
      "usage: unknown x86-64 CPU feature 'avx512' (known: ssse3, sse4.1, sse4.2, popcnt, lzcnt, bmi1, bmi2, avx, avx2)",
    );
    expect(usage(() => compileModule(module, { cpuFeatures: ['sse4.1'] }))).toBe("usage: kiln's x86-64 code needs the x86-64-v2 baseline; the CPU feature set lacks ssse3, sse4.2, popcnt");
    expect(usage(() => compileModule(module, { cpuFeatures: ['popcnt', 'sse4.1'] }))).toBe("usage: kiln's x86-64 code needs the x86-64-v2 baseline; the CPU feature set lacks ssse3, sse4.2");
    expect(usage(() => resolveCpuFeatures('x86_64', '+lzcnt,-popcnt'))).toBe("usage: kiln's x86-64 code needs the x86-64-v2 baseline; the CPU feature set lacks popcnt");
    expect(usage(() => resolveCpuFeatures('x86_64', '+sse5'))).toMatch(/^usage: unknown x86-64 CPU feature 'sse5'/);
    expect(usage(() => resolveCpuFeatures('aarch64', '+lse'))).toMatch(/^usage: unknown aarch64 CPU feature 'lse'/);
    expect(usage(() => resolveCpuFeatures('aarch64', 'native'))).toBe('usage: --cpu-features native describes this host (x86_64); it cannot be used for target aarch64');
    // the other target compiles it (test/targets/aarch64 checks its code)
    expect(compileModule(module, { isa: 'aarch64' }).isa).toBe('aarch64');
  });

  it('resolveCpuFeatures: baseline by default, native from this host, lists on top of the baseline, all sorted', () => {
    expect(resolveCpuFeatures('x86_64', undefined)).toEqual(V2);
    expect(resolveCpuFeatures('x86_64', 'baseline')).toEqual(V2);
    expect(resolveCpuFeatures('x86_64', '+lzcnt,+bmi1')).toEqual(['bmi1', 'lzcnt', ...V2]);
    expect(resolveCpuFeatures('x86_64', 'x86-64-v2,+avx2,-avx2,+bmi2')).toEqual(['bmi2', ...V2]);
    expect(resolveCpuFeatures('x86_64', 'native')).toEqual(hostCpuFeatures());
    expect(resolveCpuFeatures('aarch64', undefined)).toEqual([]);
    // what native gives compiles, and uses nothing the host lacks
    const native = compileModule(module, { cpuFeatures: resolveCpuFeatures('x86_64', 'native') });
    for (const f of native.features) expect(hostCpuFeatures()).toContain(f);
  });
});
