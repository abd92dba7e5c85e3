/**
 * Guard-page bounds on the native engine: loads and stores compiled without checks, kiln's
 * fault handler turning their faults into "out of bounds memory access" with the
 * interpreter's backtrace, memory.grow opening pages to the same code, the explicit mode
 * still raising the trap through its checks, and the handler counting exactly the faults it
 * claimed. Faults that are not kiln's still reach their owners: test/loader/native/chain.test.ts.
 */

import { layoutOf, type LinkedFunc } from '../../../linker/link.js';
import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Engine, Instance, WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { FaultTable } from '../../../loader/native/fault-table.js';
import { FAULT_ENTRY } from '../../../targets/native-isa.js';
import { GuardHandler } from '../../../loader/native/guard.js';
import { viewOf } from '../../../loader/native/native-mem.js';
import { nativeEngine, nativeEngineFor, NativeMemory } from '../../../loader/native/index.js';
import { KilnTrap } from '../../../loader/trap.js';
import { compileModule } from '../../../targets/compile.js';

const WAT = `(module
  (memory (export "mem") 1 3)
  (func $get (export "get") (param i32) (result i32) local.get 0 i32.load)
  (func (export "get8") (param i32) (result i32) local.get 0 i32.load8_u offset=4)
  (func (export "far") (param i32) (result i64) local.get 0 i64.load offset=0xfffffff0)
  (func (export "put") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "putf") (param i32) local.get 0 f64.const 1.5 f64.store offset=0x80000000)
  (func (export "nested") (param i32) (result i32) i32.const 1 drop local.get 0 call $get)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))`;

const module = (() => {
  // through the binary, so that instructions have byte offsets
  const m = decodeModule(encodeModule(parseWat(WAT)));
  validateModule(m);
  return m;
})();

function instance(engine: Engine): Instance {
  return instantiateModule(engine, module, {});
}

function call(inst: Instance, name: string, args: (number | bigint)[]): unknown {
  return (inst.exports[name] as WasmFunction).callRaw(args);
}

function trapOf(inst: Instance, name: string, args: number[]): KilnTrap {
  try {
    call(inst, name, args);
  } catch (e) {
    if (e instanceof KilnTrap) return e;
    throw e;
  }
  throw new Error(`${name}(${args.join(', ')}) did not trap`);
}

const guard = (): GuardHandler => {
  const g = nativeEngine.backend.runtime().guard();
  if (typeof g === 'string') throw new Error(`no guard pages on this machine: ${g}`);
  return g;
};

describe('guard-page bounds', () => {
  it('the default native engine compiles for guard pages here', () => {
    expect(nativeEngine.backend.bounds().mode).toBe('guard');
    expect(nativeEngineFor('explicit').backend.bounds()).toEqual({ mode: 'explicit', reason: 'explicit bounds checks (asked for)' });
  });

  it('guard-mode code has a fault site per access and no heap check; explicit code has checks and no sites', () => {
    const g = compileModule(module, { bounds: 'guard' });
    const e = compileModule(module, { bounds: 'explicit' });
    expect(g.bounds).toBe('guard');
    expect(e.bounds).toBe('explicit');
    // get, get8, far, put, putf: one access each; nested and grow: none
    expect(g.funcs.map((f) => (f.faultSites?.length ?? 0) / 2)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(e.funcs.every((f) => f.faultSites === undefined)).toBe(true);
    // explicit: one more trap stub per access (its heap check's), and one for the interrupt check
    // at the entry (guard-mode code is interrupted through its pages, loader/native/interrupt.ts)
    expect(e.funcs.map((f, k) => f.trapSites.length - g.funcs[k]!.trapSites.length)).toEqual([2, 2, 2, 2, 2, 1, 1]);
    // each fault site is the access's wasm offset: `i32.load` in $get
    const get = g.funcs[0]!;
    expect(get.faultSites![1]).toBeGreaterThan(0);
  });

  it('in-bounds accesses work, including the last bytes of the memory', () => {
    const inst = instance(nativeEngine);
    call(inst, 'put', [65532, 0x11223344]);
    expect(call(inst, 'get', [65532])).toEqual([0x11223344]);
    expect(call(inst, 'get8', [65531])).toEqual([0x11]);
  });

  it.each([
    ['get', [65533]],
    ['get', [0xffffffff]],
    ['get8', [65532]],
    ['far', [0]],
    ['far', [0xffffffff]],
    ['put', [65536, 1]],
    ['putf', [0]],
    ['nested', [70000]],
  ] as const)('%s(%j) traps as on the interpreter, through the fault handler', (name, args) => {
    const rt = nativeEngine.backend.runtime();
    const claimed = guard().claimed;
    const faults = rt.outOfBounds.fault;
    const a = trapOf(instance(interpEngine), name, [...args]);
    const b = trapOf(instance(nativeEngine), name, [...args]);
    expect(b.trapKind).toBe('out of bounds memory access');
    expect(b.backtrace()).toBe(a.backtrace());
    expect(b.frames[0]?.offset).toBeDefined();
    expect(guard().claimed).toBe(claimed + 1);
    expect(rt.outOfBounds.fault).toBe(faults + 1);
  });

  it('the explicit engine raises the same traps through its checks, not the handler', () => {
    const engine = nativeEngineFor('explicit');
    const rt = engine.backend.runtime();
    const claimed = guard().claimed;
    const stubs = rt.outOfBounds.stub;
    const a = trapOf(instance(interpEngine), 'nested', [70000]);
    const b = trapOf(instance(engine), 'nested', [70000]);
    expect(b.backtrace()).toBe(a.backtrace());
    expect(guard().claimed).toBe(claimed);
    expect(rt.outOfBounds.stub).toBe(stubs + 1);
  });

  it('memory.grow opens pages to the same code; the maximum stays closed', () => {
    const inst = instance(nativeEngine);
    expect(trapOf(inst, 'get', [65536]).trapKind).toBe('out of bounds memory access');
    expect(call(inst, 'grow', [2])).toEqual([1]);
    call(inst, 'put', [3 * 65536 - 4, 7]);
    expect(call(inst, 'get', [3 * 65536 - 4])).toEqual([7]);
    expect(call(inst, 'grow', [1])).toEqual([-1]);
    expect(trapOf(inst, 'get', [3 * 65536 - 3]).trapKind).toBe('out of bounds memory access');
  });

  it('a trap leaves the engine usable: many traps in a row, then normal calls', () => {
    const inst = instance(nativeEngine);
    const claimed = guard().claimed;
    for (let k = 0; k < 1000; k++) expect(trapOf(inst, 'get', [65536 + k]).trapKind).toBe('out of bounds memory access');
    expect(guard().claimed).toBe(claimed + 1000);
    call(inst, 'put', [0, 5]);
    expect(call(inst, 'get', [0])).toEqual([5]);
  });

  it('memories have the full reservation, which guard-mode code requires', () => {
    const inst = instance(nativeEngine);
    const mem = inst.exports['mem'];
    expect(mem).toBeInstanceOf(NativeMemory);
    expect((mem as NativeMemory).guarded).toBe(true);
  });

  it('the fault table holds every loaded guard-mode module', () => {
    const g = guard();
    const before = g.table.entries;
    instance(nativeEngine);
    expect(g.table.entries).toBe(before + 1);
    instance(nativeEngineFor('explicit'));
    expect(g.table.entries).toBe(before + 1);
  });
});

describe('the fault table', () => {
  const word = (addr: number, off: number): number => {
    const dv = new DataView(viewOf(addr + off, 8));
    return dv.getUint32(0, true) + dv.getUint32(4, true) * 2 ** 32;
  };

  it('publishes a directory of [start, length, sites, count, record] entries that grows past its capacity', () => {
    const t = new FaultTable();
    expect(t.root.word(0)).toBe(0);
    t.add(0x1000, 64, new Uint32Array(0), 0x77); // no sites: still registered (interruption makes its code non-executable)
    expect(t.entries).toBe(1);
    for (let k = 1; k < 40; k++) t.add(0x10000 * k, 0x100, Uint32Array.from([k, k + 10, k + 20]), 0x77);
    expect(t.entries).toBe(40);
    expect(t.siteCount).toBe(117);
    expect(t.ranges()[1]).toEqual([0x10000, 0x100]);
    const dir = t.root.word(0);
    expect(word(dir, 0)).toBe(40);
    expect(word(dir, 8)).toBeGreaterThanOrEqual(40);
    for (const k of [1, 15, 16, 39]) {
      const e = 16 + FAULT_ENTRY * k;
      expect([word(dir, e), word(dir, e + 8), word(dir, e + 24), word(dir, e + 32)]).toEqual([0x10000 * k, 0x100, 3, 0x77]);
      expect([...new Uint32Array(viewOf(word(dir, e + 16), 12))]).toEqual([k, k + 10, k + 20]);
    }
  });

  it('gets sorted sites from linked code, which refuses unsorted ones', () => {
    const f = (index: number, offset: number, sites: number[]): LinkedFunc => ({ index, offset, size: 32, trapSites: [], addressMap: new Int32Array(0), faultSites: Int32Array.from(sites) });
    expect([...layoutOf([f(0, 0, [4, 0, 8, 0]), f(1, 32, [0, 0])]).faultOffsets()]).toEqual([4, 8, 32]);
    expect(() => layoutOf([f(0, 0, [8, 0, 4, 0])]).faultOffsets()).toThrow(/function 0: fault sites out of order/);
  });
});
