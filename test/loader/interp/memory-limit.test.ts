/**
 * EngineOptions.maxMemoryPages on the interpreter: memory.grow beyond the limit returns -1,
 * a memory whose initial size exceeds it fails instantiation as uninstantiable, the declared
 * maximum still applies below it, and a malformed limit is a usage error.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import type { WasmMemory } from '../../../loader/api.js';
import { Memory } from '../../../loader/instance/memory.js';
import { call, instantiateWat, thrown } from './helpers.js';

/** grows by `step` pages until memory.grow fails; returns the final size */
const growText = (mem: string): string => `(module
  (memory (export "memory") ${mem})
  (func (export "grow") (param $step i32) (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.eq (memory.grow (local.get $step)) (i32.const -1)))
        (br $l)))
    (memory.size))
  (func (export "grow1") (result i32) (memory.grow (i32.const 1)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`;

describe('EngineOptions.maxMemoryPages', () => {
  it('memory.grow up to the limit succeeds, beyond it returns -1; contents survive', () => {
    const inst = instantiateWat(growText('1'), {}, { maxMemoryPages: 40 });
    call(inst, 'store', 100, 1234);
    expect(call(inst, 'grow', 3)).toBe(40);
    expect(call(inst, 'grow1')).toBe(-1);
    expect(call(inst, 'load', 100)).toBe(1234);
    call(inst, 'store', 40 * 65536 - 4, -5);
    expect(call(inst, 'load', 40 * 65536 - 4)).toBe(-5);
    const mem = inst.exports['memory'] as WasmMemory;
    expect(mem.size()).toBe(40);
    expect((mem as Memory).reallocations).toBe(1);
  });

  it('the declared maximum applies when it is lower than the limit', () => {
    const inst = instantiateWat(growText('1 7'), {}, { maxMemoryPages: 40 });
    expect(call(inst, 'grow', 2)).toBe(7);
  });

  it('without a limit a memory grows to the spec maximum of 65,536 pages (4 GiB)', () => {
    const inst = instantiateWat(growText('0'), {});
    expect(call(inst, 'grow', 16)).toBe(65536);
    call(inst, 'store', -4, 77);
    expect(call(inst, 'load', -4)).toBe(77);
  });

  it('a memory whose initial size exceeds the limit fails instantiation as uninstantiable', () => {
    const e = thrown(() => instantiateWat(growText('41'), {}, { maxMemoryPages: 40 }));
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).kind).toBe('uninstantiable');
    expect((e as KilnError).reason).toBe('memory 0 needs 41 pages initially, more than the memory limit of 40 pages (--max-memory, EngineOptions.maxMemoryPages)');
    expect(call(instantiateWat(growText('40'), {}, { maxMemoryPages: 40 }), 'grow1')).toBe(-1);
  });

  it('a limit of 0 pages allows only empty memories', () => {
    const inst = instantiateWat(growText('0'), {}, { maxMemoryPages: 0 });
    expect(call(inst, 'grow1')).toBe(-1);
  });

  it.each([-1, 1.5, Number.NaN])('a limit of %s is a usage error', (limit) => {
    const e = thrown(() => instantiateWat(growText('0'), {}, { maxMemoryPages: limit }));
    expect(e).toBeInstanceOf(KilnError);
    expect((e as KilnError).kind).toBe('usage');
    expect((e as KilnError).reason).toBe(`maxMemoryPages must be a whole number of 64 KiB pages, not ${String(limit)}`);
  });
});
