/**
 * Instantiation and linking (spec §4.5.4): import resolution and type checks, shared
 * memories/tables/globals between instances, memory growth seen by running code, segment
 * initialisation order, call_indirect checks and the spectest host module.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import type { WasmGlobal, WasmMemory, WasmTable } from '../../../loader/api.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { spectestImports } from '../../../loader/instance/spectest.js';
import { KilnTrap } from '../../../loader/trap.js';
import { call, instantiateWat, thrown } from './helpers.js';

const exporter = `(module
  (memory (export "mem") 1 3)
  (table (export "tab") 2 funcref)
  (global (export "g") (mut i32) (i32.const 5))
  (func $seven (export "seven") (result i32) (i32.const 7))
  (elem (i32.const 0) $seven)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "grow_then_load") (param i32) (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.load (local.get 0)))
  (func (export "getg") (result i32) (global.get 0)))`;

describe('linking', () => {
  it('memories, tables and mutable globals are shared with importers', () => {
    const a = instantiateWat(exporter);
    const b = instantiateWat(
      `(module
        (import "a" "mem" (memory 1))
        (import "a" "tab" (table 1 funcref))
        (import "a" "g" (global $g (mut i32)))
        (type $v_i (func (result i32)))
        (func $eight (result i32) (i32.const 8))
        (elem (i32.const 1) $eight)
        (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
        (func (export "callt") (param i32) (result i32) (call_indirect (type $v_i) (local.get 0)))
        (func (export "setg") (param i32) (global.set $g (local.get 0))))`,
      { a: a.exports },
    );
    call(b, 'store', 16, 1234);
    expect(call(a, 'load', 16)).toBe(1234);
    expect(call(b, 'callt', 0)).toBe(7);
    expect(call(b, 'callt', 1)).toBe(8);
    call(b, 'setg', 42);
    expect(call(a, 'getg')).toBe(42);
    expect((a.exports['g'] as WasmGlobal).getRaw()).toBe(42);
  });

  it('code sees memory growth that happens during the same function', () => {
    const a = instantiateWat(exporter);
    const e = thrown(() => call(a, 'load', 65536));
    expect((e as KilnTrap).trapKind).toBe('out of bounds memory access');
    expect(call(a, 'grow_then_load', 65536)).toBe(0);
    expect((a.exports['mem'] as WasmMemory).size()).toBe(2);
    expect((a.exports['mem'] as WasmMemory).buffer.byteLength).toBe(2 * 65536);
  });

  it('a memory grown by the host is seen by the next access', () => {
    const mem = interpEngine.host.memory({ limits: { min: 0 } });
    const inst = instantiateWat(
      `(module (import "m" "mem" (memory 0))
        (import "m" "grow" (func $grow))
        (func (export "f") (result i32) (call $grow) (i32.store8 (i32.const 5) (i32.const 9)) (i32.load8_u (i32.const 5))))`,
      { m: { mem, grow: () => void mem.grow(1) } },
    );
    expect(call(inst, 'f')).toBe(9);
  });

  it('rejects unknown imports and incompatible types as unlinkable', () => {
    const a = instantiateWat(exporter);
    const cases: [string, string][] = [
      ['(import "a" "nope" (func))', 'unknown import'],
      ['(import "a" "seven" (func (result i64)))', 'incompatible import type'],
      ['(import "a" "mem" (memory 2))', 'incompatible import type'],
      ['(import "a" "mem" (memory 1 2))', 'incompatible import type'],
      ['(import "a" "g" (global i32))', 'incompatible import type'],
      ['(import "a" "tab" (table 2 externref))', 'incompatible import type'],
      ['(import "a" "mem" (func))', 'incompatible import type'],
    ];
    for (const [imp, reason] of cases) {
      const e = thrown(() => instantiateWat(`(module ${imp})`, { a: a.exports }));
      expect(e).toBeInstanceOf(KilnError);
      expect((e as KilnError).kind).toBe('unlinkable');
      expect((e as KilnError).reason.startsWith(reason)).toBe(true);
    }
  });

  it('call_indirect distinguishes undefined, uninitialized and mismatched elements', () => {
    const inst = instantiateWat(`(module
      (table 3 funcref)
      (func $f (param i32) (result i32) (local.get 0))
      (elem (i32.const 0) $f)
      (type $t0 (func (param i32) (result i32)))
      (type $t1 (func (result i32)))
      (func (export "ok") (result i32) (call_indirect (type $t0) (i32.const 9) (i32.const 0)))
      (func (export "ci") (param i32) (result i32) (call_indirect (type $t1) (local.get 0))))`);
    expect(call(inst, 'ok')).toBe(9);
    const kind = (i: number): string => (thrown(() => call(inst, 'ci', i)) as KilnTrap).trapKind;
    expect([kind(0), kind(1), kind(3), kind(-1)]).toEqual([
      'indirect call type mismatch',
      'uninitialized element',
      'undefined element',
      'undefined element',
    ]);
  });

  it('a trapping element segment keeps the writes of earlier segments', () => {
    const a = instantiateWat(exporter);
    const e = thrown(() =>
      instantiateWat(
        `(module (import "a" "tab" (table 2 funcref)) (func $f)
          (elem (i32.const 1) $f) (elem (i32.const 2) $f))`,
        { a: a.exports },
      ),
    );
    expect((e as KilnTrap).trapKind).toBe('out of bounds table access');
    const tab = a.exports['tab'] as WasmTable;
    expect(tab.get(1)).not.toBeNull();
  });

  it('runs the start function after the data segments', () => {
    const inst = instantiateWat(`(module (memory 1) (global $g (mut i32) (i32.const 0))
      (data (i32.const 3) "\\2a")
      (func $start (global.set $g (i32.load8_u (i32.const 3))))
      (start $start)
      (func (export "g") (result i32) (global.get $g)))`);
    expect(call(inst, 'g')).toBe(42);
  });

  it('spectestImports provides the testsuite host module', () => {
    const inst = instantiateWat(
      `(module
        (import "spectest" "global_i32" (global i32))
        (import "spectest" "global_f32" (global f32))
        (import "spectest" "memory" (memory 1 2))
        (import "spectest" "table" (table 10 20 funcref))
        (import "spectest" "print_i32" (func (param i32)))
        (func (export "f") (result i32) (call 0 (i32.const 1)) (global.get 0))
        (func (export "g") (result f32) (global.get 1)))`,
      spectestImports(interpEngine),
    );
    expect(call(inst, 'f')).toBe(666);
    expect(call(inst, 'g')).toBe(Math.fround(666.6));
  });
});
