/**
 * `.cwasm` artifacts end to end: compile → bytes → load (no fallback) → instantiate → the
 * same results, traps and backtraces as the interpreter; byte-identical output for the same
 * input; every mismatch kind named, with the fallback running the embedded wasm.
 */

import { describe, expect, it } from 'vitest';
import { CwasmError } from '../../formats/cwasm/errors.js';
import { FORMAT_VERSION, HEADER_OFFSET, HEADER_VERSION_AT } from '../../formats/cwasm/layout.js';
import { writeCwasm } from '../../formats/cwasm/write.js';
import type { Instance, WasmFunction } from '../../loader/api.js';
import { loadArtifact, type ArtifactLoadOptions } from '../../loader/cwasm/load.js';
import { hostProfile } from '../../loader/cwasm/host.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { interpEngine } from '../../loader/interp/index.js';
import { KilnTrap } from '../../loader/trap.js';
import { compileArtifact, writeArtifact, resolveArtifactOptions } from '../../linker/cwasm.js';
import { linkCode } from '../../linker/link.js';
import { compileModule } from '../../targets/compile.js';
import { fromWat, PROGRAM, resealed } from './helpers.js';

const src = fromWat(PROGRAM);

function instanceOf(bytes: Uint8Array, options: ArtifactLoadOptions = {}): { inst: Instance; fallback: CwasmError | null; engine: string } {
  const l = loadArtifact(bytes, options);
  return { inst: l.engine.instantiate(l.compiled, {}), fallback: l.fallback, engine: l.engine.name };
}

const fn = (inst: Instance, name: string): WasmFunction => inst.exports[name] as WasmFunction;

function trapOf(f: () => unknown): { message: string; frames: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof KilnTrap)) throw e;
    return { message: e.message, frames: JSON.stringify(e.frames) };
  }
  throw new Error('no trap');
}

describe('.cwasm round trip', () => {
  for (const bounds of ['guard', 'explicit'] as const) {
    it(`runs like the interpreter (${bounds} bounds), loaded without fallback`, () => {
      const bytes = compileArtifact(src.module, src.wasm, { bounds });
      const { inst, fallback, engine } = instanceOf(bytes, { fallback: 'none' });
      expect(fallback).toBeNull();
      expect(engine).toBe('native');
      const ref = instantiateModule(interpEngine, src.module, {});
      const calls: Array<[string, unknown[]]> = [
        ['apply', [0, 6, 7]], ['apply', [1, 6, 7]], ['count', []], ['fib', [20n]], ['sum', [1000]], ['load', [16]], ['div', [100]], ['pop', [0xf0f0]],
      ];
      for (const [name, args] of calls) expect(fn(inst, name).call(...(args as number[]))).toEqual(fn(ref, name).call(...(args as number[])));
      for (const [name, args] of [['load', [65535]], ['apply', [5, 1, 1]], ['boom', []]] as Array<[string, number[]]>) {
        expect(trapOf(() => fn(inst, name).call(...args))).toEqual(trapOf(() => fn(ref, name).call(...args)));
      }
    });
  }

  it('is deterministic: the same module and options give the same bytes', () => {
    const a = compileArtifact(src.module, src.wasm);
    const b = compileArtifact(fromWat(PROGRAM).module, src.wasm);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('one artifact instantiates many times, each instance with its own state', () => {
    const l = loadArtifact(compileArtifact(src.module, src.wasm), { fallback: 'none' });
    const a = l.engine.instantiate(l.compiled, {});
    const b = l.engine.instantiate(l.compiled, {});
    fn(a, 'apply').call(0, 1, 2);
    expect(fn(a, 'count').call()).toBe(1);
    expect(fn(b, 'count').call()).toBe(0);
  });
});

describe('.cwasm mismatches', () => {
  const bytes = compileArtifact(src.module, src.wasm);

  function mismatchOf(b: Uint8Array, options: ArtifactLoadOptions = {}): string {
    try {
      loadArtifact(b, { ...options, fallback: 'none' });
    } catch (e) {
      if (e instanceof CwasmError) return `${e.mismatch}: ${e.reason}`;
      throw e;
    }
    return 'loaded';
  }

  function fallsBackToInterpreter(b: Uint8Array, options: ArtifactLoadOptions = {}): void {
    const { inst, fallback, engine } = instanceOf(b, options);
    expect(fallback).toBeInstanceOf(CwasmError);
    expect(engine).toBe('interp');
    expect(fn(inst, 'fib').call(15n)).toBe(610n);
  }

  it('corrupt: any damaged byte, before anything is read', () => {
    const b = bytes.slice();
    b[b.length - 100] ^= 0x40;
    expect(mismatchOf(b)).toBe('corrupt: the checksum does not match the contents (the file is damaged)');
    expect(() => instanceOf(b)).toThrow(CwasmError);
    expect(mismatchOf(new Uint8Array(10))).toMatch(/^corrupt: 10 bytes is too short/);
    expect(mismatchOf(src.wasm)).toMatch(/^corrupt: /);
  });

  it('target: an artifact whose ELF machine is AArch64', () => {
    const linked = linkCode(compileModule(src.module, { bounds: 'guard' }), src.module);
    const o = resolveArtifactOptions({});
    const x86 = writeArtifact(src.module, src.wasm, linked, o);
    const arm = writeCwasm({
      isa: 'aarch64',
      key: { kilnVersion: hostProfile().kilnVersion, buildId: hostProfile().buildId, target: 'aarch64-linux', cpuFeatures: [], bounds: 'guard', interrupts: true, optLevel: 2 },
      text: linked.text,
      funcs: linked.funcs,
      trampolines: linked.trampolines,
      names: [],
      metadata: x86.subarray(0, 0),
      wasm: src.wasm,
    });
    expect(mismatchOf(arm)).toBe('target: compiled for aarch64-linux; this host is x86_64-linux');
    fallsBackToInterpreter(arm);
  });

  it('format-version: a newer format', () => {
    const b = bytes.slice();
    new DataView(b.buffer).setUint32(HEADER_OFFSET + HEADER_VERSION_AT, FORMAT_VERSION + 1, true);
    const newer = resealed(b);
    expect(mismatchOf(newer)).toBe(`format-version: written in a newer .cwasm format (version ${FORMAT_VERSION + 1}); this kiln reads version ${FORMAT_VERSION}`);
    fallsBackToInterpreter(newer);
  });

  it('kiln-version: another build of kiln', () => {
    const host = { ...hostProfile(), buildId: '0123456789abcdef0123456789abcdef' };
    expect(mismatchOf(bytes, { host })).toMatch(/^kiln-version: written by kiln \S+ \(build \w{12}\); this is kiln \S+ \(build 0123456789ab\)$/);
    fallsBackToInterpreter(bytes, { host });
  });

  it('cpu-features: a host without a feature the code uses (simulated)', () => {
    const host = { ...hostProfile(), cpuFeatures: [] };
    expect(mismatchOf(bytes, { host })).toBe('cpu-features: uses CPU feature this host lacks: popcnt');
    fallsBackToInterpreter(bytes, { host });
  });

  it('options: guard-page code on a host without guard pages, or other options asked for', () => {
    expect(mismatchOf(bytes, { host: { ...hostProfile(), guardPages: 'no 8 GiB reservation' } })).toBe(
      'options: compiled for guard-page bounds, which this host cannot use (no 8 GiB reservation); compile with --bounds explicit',
    );
    expect(mismatchOf(bytes, { require: { bounds: 'explicit' } })).toBe('options: compiled with --bounds guard; --bounds explicit was asked for');
    expect(mismatchOf(bytes, { require: { interrupts: false } })).toBe('options: compiled with interrupt checks on; off was asked for');
    fallsBackToInterpreter(bytes, { require: { bounds: 'explicit' } });
  });

  it('recompile: the fallback that compiles the embedded wasm natively', () => {
    const { inst, fallback, engine } = instanceOf(bytes, { require: { bounds: 'explicit' }, fallback: 'recompile' });
    expect(fallback?.mismatch).toBe('options');
    expect(engine).toBe('native');
    expect(fn(inst, 'fib').call(15n)).toBe(610n);
  });
});
