/**
 * Instance state in native memory, driven by hand-assembled code: memory growth (from wasm
 * through the memory_grow runtime function and from JS) with vmctx sizes and JS views kept
 * current across sharing instances; runtime-function traps with backtraces; tables with
 * funcref records (an indirect call by hand), growth that moves the array, externrefs;
 * globals inline in the vmctx and imported by pointer; deep recursion ending in "call stack
 * exhausted" without crashing the process.
 */

import { describe, expect, it } from 'vitest';
import type { WasmFunction, WasmGlobal, WasmMemory, WasmTable } from '../../../loader/api.js';
import { instantiateWat } from '../interp/helpers.js';
import { KilnTrap } from '../../../loader/trap.js';
import { imm32 } from '../../../targets/x86_64/imm.js';
import { mem, memIndex } from '../../../targets/x86_64/operands.js';
import { R8, RAX, RCX, RDI, RDX, RSI } from '../../../targets/x86_64/regs.js';
import { exported, handInstance, type Fn, thrown } from './hand.js';

const memoryBodies = {
  size: (f: Fn) => f.e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 24) }),
  // memory_grow(vmctx, 0, delta)
  grow: (f: Fn) => f.e({ kind: 'mov', w: 32, dst: RDX, src: RSI }).e({ kind: 'alu', op: 'xor', w: 32, dst: RSI, src: RSI }).callRuntime('memory_grow'),
  // i32 load at [base + x] (no bounds check in this hand code)
  load: (f: Fn) => f.e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 16) }).e({ kind: 'mov', w: 32, dst: RAX, src: memIndex(RAX, RSI, 1) }),
  // memory_fill(vmctx, 0, d, v, n)
  fill: (f: Fn) =>
    f
      .e({ kind: 'mov', w: 32, dst: R8, src: RCX })
      .e({ kind: 'mov', w: 32, dst: RCX, src: RDX })
      .e({ kind: 'mov', w: 32, dst: RDX, src: RSI })
      .e({ kind: 'alu', op: 'xor', w: 32, dst: RSI, src: RSI })
      .at(0x44)
      .callRuntime('memory_fill'),
};

const MEMORY_WAT = `(module
  (memory (export "mem") 1 4)
  (data (i32.const 8) "abc")
  (func $size (export "size") (result i64) unreachable)
  (func $grow (export "grow") (param i32) (result i32) unreachable)
  (func $load (export "load") (param i32) (result i32) unreachable)
  (func $fill (export "fill") (param i32 i32 i32) unreachable))`;

describe('native engine: memory', () => {
  it('grows from wasm and from JS; vmctx size, views and buffer follow', () => {
    const { instance } = handInstance(MEMORY_WAT, memoryBodies);
    const m = instance.exports['mem'] as WasmMemory;
    const size = exported(instance, 'size');
    expect(size.call()).toBe(65536n);
    expect(exported(instance, 'load').call(8)).toBe(0x00636261);
    m.bytes().set([1, 2, 3, 4], 100);
    expect(exported(instance, 'load').call(100)).toBe(0x04030201);
    expect(exported(instance, 'grow').call(2)).toBe(1);
    expect(size.call()).toBe(3n * 65536n);
    expect(m.size()).toBe(3);
    expect(m.bytes().length).toBe(3 * 65536);
    expect(m.buffer.byteLength).toBe(3 * 65536);
    m.bytes()[3 * 65536 - 1] = 0x7f;
    expect(exported(instance, 'load').call(3 * 65536 - 4)).toBe(0x7f000000);
    expect(exported(instance, 'grow').call(2)).toBe(-1);
    expect(m.grow(1)).toBe(3);
    expect(size.call()).toBe(4n * 65536n);
    expect(m.grow(1)).toBe(-1);
  });

  it('keeps the size current in every instance sharing the memory', () => {
    const a = handInstance(MEMORY_WAT, memoryBodies);
    const wat = `(module (import "env" "mem" (memory 1)) (func $size (export "size") (result i64) unreachable))`;
    const b = handInstance(wat, memoryBodies, { env: { mem: a.instance.exports['mem'] as WasmMemory } }, { engine: a.engine });
    expect(exported(a.instance, 'grow').call(1)).toBe(1);
    expect(exported(b.instance, 'size').call()).toBe(2n * 65536n);
  });

  it('traps from a runtime function with the wording and a backtrace at the call', () => {
    const { instance } = handInstance(MEMORY_WAT, memoryBodies);
    const fill = exported(instance, 'fill');
    fill.call(20, 0xab, 5);
    expect([...(instance.exports['mem'] as WasmMemory).bytes().subarray(19, 26)]).toEqual([0, 0xab, 0xab, 0xab, 0xab, 0xab, 0]);
    const e = thrown(() => fill.call(65530, 1, 7)) as KilnTrap;
    expect(e).toBeInstanceOf(KilnTrap);
    expect(e.trapKind).toBe('out of bounds memory access');
    expect(e.frames).toEqual([{ funcIndex: 3, name: 'fill', offset: 0x44 }]);
    // nothing was written: the range is checked first
    expect((instance.exports['mem'] as WasmMemory).bytes()[65535]).toBe(0);
    fill.call(65530, 1, 6);
    expect((instance.exports['mem'] as WasmMemory).bytes()[65535]).toBe(1);
  });
});

describe('native engine: tables and funcref records', () => {
  const wat = `(module
    (table (export "t") 2 10 funcref)
    (elem (i32.const 0) $g)
    (func $g (export "g") (param i32) (result i32) unreachable)
    (func $ci (export "ci") (param i32) (result i32) unreachable)
    (func $tget (export "tget") (param i32) (result funcref) unreachable))`;
  const bodies = {
    g: (f: Fn) => f.e({ kind: 'lea', w: 32, dst: RAX, src: memIndex(RSI, RSI, 1) }),
    // record = table0.base[x]; call record.code(record.vmctx, 21)
    ci: (f: Fn) =>
      f
        .e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, 32) })
        .e({ kind: 'mov', w: 64, dst: RAX, src: memIndex(RAX, RSI, 8) })
        .e({ kind: 'mov', w: 64, dst: RDI, src: mem(RAX, 8) })
        .e({ kind: 'mov_imm', w: 32, dst: RSI, imm: imm32(21) })
        .e({ kind: 'call_ind', target: mem(RAX, 0) }),
    // table_get(vmctx, 0, x)
    tget: (f: Fn) => f.e({ kind: 'mov', w: 32, dst: RDX, src: RSI }).e({ kind: 'alu', op: 'xor', w: 32, dst: RSI, src: RSI }).callRuntime('table_get'),
  };

  it('initialises from element segments, calls through records, maps pointers back to functions', () => {
    const { instance } = handInstance(wat, bodies);
    const t = instance.exports['t'] as WasmTable;
    const g = exported(instance, 'g');
    expect(t.get(0)).toBe(g);
    expect(t.get(1)).toBe(null);
    expect(exported(instance, 'ci').call(0)).toBe(42);
    expect(exported(instance, 'tget').callRaw([0])).toEqual([g]);
    expect(exported(instance, 'tget').callRaw([1])).toEqual([null]);
    expect((thrown(() => exported(instance, 'tget').call(2)) as KilnTrap).trapKind).toBe('out of bounds table access');
    // growth moves the element array; the vmctx follows
    expect(t.grow(6, g)).toBe(2);
    expect(t.size()).toBe(8);
    expect(exported(instance, 'ci').call(7)).toBe(42);
    expect(t.grow(3, null)).toBe(-1);
  });

  it('stores functions of another instance and of another engine as records that compiled code can call', () => {
    const a = handInstance(wat, bodies);
    const b = handInstance(wat, bodies, {}, { engine: a.engine });
    const ta = a.instance.exports['t'] as WasmTable;
    ta.set(1, exported(b.instance, 'g'));
    expect(exported(a.instance, 'ci').call(1)).toBe(42);
    const interp = instantiateWat('(module (func (export "inc") (param i32) (result i32) local.get 0 i32.const 1 i32.add))');
    const inc = interp.exports['inc'] as WasmFunction;
    ta.set(1, inc);
    expect(ta.get(1)).toBe(inc);
    expect(exported(a.instance, 'ci').call(1)).toBe(22);
  });

  it('keeps externrefs by identity', () => {
    const { instance } = handInstance('(module (table (export "t") 3 externref) (func $f unreachable))', { f: () => undefined });
    const t = instance.exports['t'] as WasmTable;
    const x = { externref: { hello: 1 } };
    t.set(2, x);
    expect(t.get(2)).toBe(x);
    expect(t.get(0)).toBe(null);
  });
});

describe('native engine: globals', () => {
  it('shares one cell between compiled code, the export and importing instances', () => {
    const wat = `(module (global $g (export "g") (mut i32) (i32.const 5))
      (func $getg (export "getg") (result i32) unreachable) (func $setg (export "setg") (param i32) unreachable))`;
    const bodies = {
      getg: (f: Fn) => f.e({ kind: 'mov', w: 32, dst: RAX, src: mem(RDI, f.layout.globals[0]?.offset as number) }),
      setg: (f: Fn) => f.e({ kind: 'store', w: 32, dst: mem(RDI, f.layout.globals[0]?.offset as number), src: RSI }),
      geti: (f: Fn) =>
        f.e({ kind: 'mov', w: 64, dst: RAX, src: mem(RDI, f.layout.globals[0]?.offset as number) }).e({ kind: 'mov', w: 32, dst: RAX, src: mem(RAX, 0) }),
    };
    const a = handInstance(wat, bodies);
    const g = a.instance.exports['g'] as WasmGlobal;
    expect(g.getRaw()).toBe(5);
    exported(a.instance, 'setg').call(9);
    expect(g.getRaw()).toBe(9);
    g.setRaw(11);
    expect(exported(a.instance, 'getg').call()).toBe(11);
    const b = handInstance('(module (import "env" "g" (global (mut i32))) (func $geti (export "geti") (result i32) unreachable))', bodies, { env: { g } }, { engine: a.engine });
    expect(exported(b.instance, 'geti').call()).toBe(11);
    exported(a.instance, 'setg').call(-3);
    expect(exported(b.instance, 'geti').call()).toBe(-3);
  });
});

describe('native engine: stack limit', () => {
  // rec(n) = n == 0 ? 0 : rec(n - 1) + 1, a 32-byte frame per level
  const rec = (f: Fn): void => {
    const zero = f.a.newLabel();
    const end = f.a.newLabel();
    f.e({ kind: 'alu', op: 'test', w: 32, dst: RSI, src: RSI }).e({ kind: 'jcc', cc: 'e', target: zero, short: false });
    f.e({ kind: 'lea', w: 32, dst: RSI, src: mem(RSI, -1) }).at(0x61).call(f.index).at(0x66);
    f.e({ kind: 'alu_imm', op: 'add', w: 32, dst: RAX, imm: imm32(1) }).e({ kind: 'jmp', target: end, short: false });
    f.a.bind(zero);
    f.e({ kind: 'alu', op: 'xor', w: 32, dst: RAX, src: RAX });
    f.a.bind(end);
  };
  const wat = '(module (func $rec (export "rec") (param i32) (result i32) unreachable))';

  it('runs 100,000 levels (the default depth) and exhausts deeper recursion as a trap, not a crash', () => {
    const { instance } = handInstance(wat, { rec });
    const r = exported(instance, 'rec');
    expect(r.call(100_000)).toBe(100_000);
    const e = thrown(() => r.call(50_000_000)) as KilnTrap;
    expect(e).toBeInstanceOf(KilnTrap);
    expect(e.trapKind).toBe('call stack exhausted');
    expect(e.frames.length).toBe(64);
    expect(e.frames[1]).toEqual({ funcIndex: 0, name: 'rec', offset: 0x61 });
    expect(r.call(10)).toBe(10);
  });

  it('sizes the limit from maxCallDepth', () => {
    const { instance } = handInstance(wat, { rec }, {}, { maxCallDepth: 1000 });
    const r = exported(instance, 'rec');
    expect(r.call(1000)).toBe(1000);
    expect((thrown(() => r.call(1_000_000)) as KilnTrap).trapKind).toBe('call stack exhausted');
  });
});
