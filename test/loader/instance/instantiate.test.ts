/**
 * The engine-neutral instantiation (loader/instance) through a fake backend that shares
 * nothing with the interpreter: the order of the hooks, constant expressions, segments
 * applied through the WasmTable/WasmMemory interfaces, dropped segments, import matching and
 * refusal, the memory limit, the start function, the Engine made by defineEngine (compile /
 * instantiate / host factories) and objects crossing between two engines.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { Engine, HostFunction, Instance, WasmFunction, WasmGlobal } from '../../../loader/api.js';
import { defineEngine, instantiateModule } from '../../../loader/instance/engine.js';
import { spectestImports } from '../../../loader/instance/spectest.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { KilnTrap } from '../../../loader/trap.js';
import { FakeFunc, FakeGlobal, FakeMemory, FakeTable, fakeBackend, type FakeBackend } from './fake-backend.js';

function wat(text: string): Module {
  const m = parseWat(text);
  validateModule(m);
  return m;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

function fake(): { backend: FakeBackend; engine: Engine } {
  const backend = fakeBackend();
  return { backend, engine: defineEngine(backend) };
}

const host = (params: number[], results: number[], fn: HostFunction['fn'] = () => []): HostFunction => ({
  kind: 'host',
  type: { params, results },
  fn,
});

describe('neutral instantiation over a fake backend', () => {
  it('calls the hooks in the spec order, then beforeStart, then the start function', () => {
    const { backend, engine } = fake();
    const g = new FakeGlobal({ type: 0x7f, mutable: false }, 40);
    const order: string[] = backend.log;
    const inst = instantiateModule(
      engine,
      wat(`(module
        (import "h" "f" (func $f))
        (import "h" "g" (global $g i32))
        (func $s)
        (global i32 (global.get $g))
        (global i64 (i64.const -3))
        (table 2 funcref)
        (memory 1)
        (start $s))`),
      { h: { f: () => undefined, g } },
      { beforeStart: () => order.push('beforeStart') },
    );
    expect(order).toEqual([
      'compile',
      'import func h.f (js)',
      'import global h.g',
      'allocate 1 after 1 imported',
      'global 40',
      'global -3n',
      'table 2',
      'memory 1 limit undefined',
      'link',
      'beforeStart',
      'call func[1]',
    ]);
    expect(inst.engine).toBe('fake');
  });

  it('evaluates constant expressions: imported globals, function references, every number type', () => {
    const { backend, engine } = fake();
    const inst = instantiateModule(
      engine,
      wat(`(module
        (import "h" "g" (global $g i64))
        (func $f (export "f"))
        (elem declare func $f)
        (global (export "r") funcref (ref.func $f))
        (global (export "i") i64 (global.get $g))
        (global (export "s") f32 (f32.const -0.0))
        (global (export "d") f64 (f64.const nan:0x4)))`),
      { h: { g: new FakeGlobal({ type: 0x7e, mutable: false }, -5n) } },
    );
    const get = (n: string): unknown => (inst.exports[n] as WasmGlobal).getRaw();
    expect(get('r')).toBe(inst.exports['f']);
    expect(get('r')).toBeInstanceOf(FakeFunc);
    expect(get('i')).toBe(-5n);
    expect(get('s')).toBe(0x80000000 | 0);
    expect(Number.isNaN(get('d'))).toBe(true);
    expect(backend.linked).toHaveLength(1);
  });

  it('applies active segments through the interfaces and drops active and declarative ones', () => {
    const { backend, engine } = fake();
    const inst = instantiateModule(
      engine,
      wat(`(module
        (func $a) (func $b)
        (table (export "t") 4 funcref)
        (memory (export "m") 1)
        (elem (i32.const 1) $b $a)
        (elem funcref (ref.func $a))
        (elem declare func $b)
        (data (i32.const 65534) "\\01\\02")
        (data "passive"))`),
      {},
    );
    const t = inst.exports['t'] as FakeTable;
    const funcs = backend.linked[0]!.funcs;
    expect(funcs.length).toBe(2);
    expect(t.elems).toEqual([null, funcs.at(1), funcs.at(0), null]);
    expect([...(inst.exports['m'] as FakeMemory).bytes().subarray(65533)]).toEqual([0, 1, 2]);
    const seg = backend.linked[0]!.segments;
    expect(seg.elems.map((e) => e.length)).toEqual([0, 1, 0]);
    expect(seg.datas.map((d) => d.length)).toEqual([0, 7]);
  });

  it('a segment out of bounds traps, keeping the writes of the segments before it; start does not run', () => {
    const { backend, engine } = fake();
    const table = new FakeTable({ elem: 0x70, limits: { min: 1 } }, null);
    const e = thrown(() =>
      instantiateModule(
        engine,
        wat(`(module
          (import "h" "t" (table 1 funcref))
          (func $a) (start $a)
          (memory 1)
          (elem (i32.const 0) $a)
          (data (i32.const 65535) "\\01\\02"))`),
        { h: { t: table } },
      ),
    );
    expect((e as KilnTrap).trapKind).toBe('out of bounds memory access');
    expect(table.elems[0]).toBe(backend.linked[0]!.funcs.at(0));
    expect(backend.log).not.toContain('call func[0]');

    const e2 = thrown(() =>
      instantiateModule(engine, wat(`(module (table 1 funcref) (func $a) (elem (i32.const 1) $a $a))`), {}),
    );
    expect((e2 as KilnTrap).trapKind).toBe('out of bounds table access');
  });

  it('matches imports before the engine sees them, and hands over each kind of function import', () => {
    const { backend, engine } = fake();
    const m = wat(`(module
      (import "h" "js" (func (param i32) (result i32)))
      (import "h" "host" (func (param i32) (result i32)))
      (import "h" "wasm" (func (param i32) (result i32)))
      (func (export "x")))`);
    const other = new FakeFunc({ params: [0x7f], results: [0x7f] }, 'other', () => [3]);
    other.linked = true;
    instantiateModule(engine, m, { h: { js: (x: unknown) => x, host: host([0x7f], [0x7f], (a) => a), wasm: other } });
    expect(backend.log.filter((l) => l.startsWith('import'))).toEqual([
      'import func h.js (js)',
      'import func h.host (host)',
      'import func h.wasm (wasm)',
    ]);

    const unlinkable = (imports: Record<string, Record<string, unknown>>): string => {
      const err = thrown(() => instantiateModule(engine, m, imports as never));
      expect(err).toBeInstanceOf(KilnError);
      expect((err as KilnError).kind).toBe('unlinkable');
      return (err as KilnError).message;
    };
    expect(unlinkable({ h: {} })).toBe('unknown import: h.js');
    expect(unlinkable({ h: { js: 1 } })).toBe('incompatible import type: h.js');
    expect(unlinkable({ h: { js: () => 0, host: host([0x7e], [0x7f]) } })).toBe('incompatible import type: h.host');
    expect(unlinkable({ h: { js: () => 0, host: host([0x7f], [0x7f]), wasm: new FakeFunc({ params: [], results: [] }, 'w', () => []) } })).toBe(
      'incompatible import type: h.wasm',
    );
  });

  it('checks limits and kinds of memories, tables and globals; the engine refuses objects it cannot back', () => {
    const { engine } = fake();
    const m = wat(`(module (import "h" "m" (memory 1 2)))`);
    const kindOf = (v: unknown): string => {
      const e = thrown(() => instantiateModule(engine, m, { h: { m: v } } as never));
      return `${(e as KilnError).kind}: ${(e as KilnError).message}`;
    };
    expect(kindOf(engine.host.memory({ limits: { min: 0, max: 2 } }))).toBe('unlinkable: incompatible import type: h.m');
    expect(kindOf(engine.host.memory({ limits: { min: 1 } }))).toBe('unlinkable: incompatible import type: h.m');
    expect(kindOf(engine.host.table({ elem: 0x70, limits: { min: 1 } }))).toBe('unlinkable: incompatible import type: h.m');
    expect(instantiateModule(engine, m, { h: { m: engine.host.memory({ limits: { min: 1, max: 2 } }) } }).engine).toBe('fake');
    // the right type, but the interpreter's memory: the fake engine cannot back it
    const foreign = kindOf(interpEngine.host.memory({ limits: { min: 1, max: 2 } }));
    expect(foreign).toMatch(/^unlinkable: incompatible import type: h\.m \(the fake engine cannot link a memory it did not create/);
    expect(foreign).toContain('engine.host.memory');

    const g = wat(`(module (import "h" "g" (global (mut i32))))`);
    const e = thrown(() => instantiateModule(engine, g, { h: { g: engine.host.global({ type: 0x7f, mutable: false }, 1) } }));
    expect((e as KilnError).message).toBe('incompatible import type: h.g');
  });

  it('the interpreter refuses another engine’s memory, table and global by name, and calls its functions', () => {
    const { engine } = fake();
    const refused = (decl: string, v: unknown): string => {
      const e = thrown(() => instantiateModule(interpEngine, wat(`(module (import "x" "y" ${decl}))`), { x: { y: v } } as never));
      return `${(e as KilnError).kind}: ${(e as KilnError).message}`;
    };
    expect(refused('(memory 1)', engine.host.memory({ limits: { min: 1 } }))).toMatch(/^unlinkable: .*x\.y .*interp engine cannot link a memory/);
    expect(refused('(table 1 funcref)', engine.host.table({ elem: 0x70, limits: { min: 1 } }))).toMatch(/interp engine cannot link a table/);
    expect(refused('(global i32)', engine.host.global({ type: 0x7f, mutable: false }, 1))).toMatch(/interp engine cannot link a global/);

    const calls: number[] = [];
    const a = instantiateModule(
      engine,
      wat(`(module (import "h" "f" (func $f (param i32) (result i32))) (export "f" (func $f)))`),
      { h: { f: host([0x7f], [0x7f], ([x]) => (calls.push(x as number), [(x as number) + 1])) } },
    );
    const b = instantiateModule(
      interpEngine,
      wat(`(module (import "a" "f" (func $f (param i32) (result i32)))
        (func (export "g") (result i32) (call $f (i32.const 41))))`),
      { a: a.exports },
    );
    expect((b.exports['g'] as WasmFunction).call()).toBe(42);
    expect(calls).toEqual([41]);
  });

  it('applies the memory limit: growth bound given to the engine, an initial size above it uninstantiable', () => {
    const { backend, engine } = fake();
    instantiateModule(engine, wat(`(module (memory 2))`), {}, { maxMemoryPages: 3 });
    expect(backend.log).toContain('memory 2 limit 3');
    const e = thrown(() => instantiateModule(engine, wat(`(module (memory 4))`), {}, { maxMemoryPages: 3 }));
    expect((e as KilnError).kind).toBe('uninstantiable');
    expect((e as KilnError).message).toContain('memory 0 needs 4 pages initially, more than the memory limit of 3 pages');
    const bad = thrown(() => instantiateModule(engine, wat(`(module)`), {}, { maxMemoryPages: 1.5 }));
    expect((bad as KilnError).kind).toBe('usage');
  });
});

describe('engines made by defineEngine', () => {
  it('compile once, instantiate many times; each instance has its own objects', () => {
    const { backend, engine } = fake();
    const compiled = engine.compile(wat(`(module (memory (export "m") 1) (global (export "g") (mut i32) (i32.const 1)))`));
    expect(compiled.engine).toBe('fake');
    const a: Instance = engine.instantiate(compiled, {});
    const b: Instance = engine.instantiate(compiled, {});
    expect(a.exports['m']).not.toBe(b.exports['m']);
    expect(backend.log.filter((l) => l === 'compile')).toHaveLength(1);
  });

  it('refuse a module compiled by another engine', () => {
    const { engine } = fake();
    const compiled = interpEngine.compile(wat(`(module)`));
    const e = thrown(() => engine.instantiate(compiled, {}));
    expect((e as KilnError).kind).toBe('usage');
    expect((e as KilnError).message).toBe('the fake engine cannot instantiate a module compiled by the interp engine');
    const e2 = thrown(() => interpEngine.instantiate(engine.compile(wat(`(module)`)), {}));
    expect((e2 as KilnError).message).toBe('the interp engine cannot instantiate a module compiled by the fake engine');
  });

  it('host factories make the engine’s own objects, and spectest uses them', () => {
    const { engine } = fake();
    expect(engine.host.memory({ limits: { min: 1 } })).toBeInstanceOf(FakeMemory);
    expect(engine.host.table({ elem: 0x70, limits: { min: 1 } })).toBeInstanceOf(FakeTable);
    expect(engine.host.global({ type: 0x7f, mutable: true }, 5).getRaw()).toBe(5);
    const s = spectestImports(engine)['spectest']!;
    expect(s['memory']).toBeInstanceOf(FakeMemory);
    expect(s['table']).toBeInstanceOf(FakeTable);
    expect((s['global_i64'] as WasmGlobal).getRaw()).toBe(666n);
    const inst = instantiateModule(
      engine,
      wat(`(module (import "spectest" "memory" (memory 1 2)) (import "spectest" "global_i32" (global i32))
        (import "spectest" "print_i32" (func (param i32))))`),
      spectestImports(engine),
    );
    expect(inst.engine).toBe('fake');
  });
});
