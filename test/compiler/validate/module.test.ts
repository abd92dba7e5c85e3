import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { emptyModule, type Module } from '../../../formats/wasm/types.js';
import { body, ft, ins, rejection, withFunc, I32, I64, F32, FuncRef, ExternRef } from './build.js';

const mod = (parts: Partial<Module>): Module => ({ ...emptyModule(), ...parts });
const c32 = (v = 0) => ins('i32.const', v);
const importGlobal = (type: number, mutable: boolean): Module['imports'][number] => ({
  module: 'm',
  name: 'g',
  desc: { kind: 'global', global: { type: type as typeof I32, mutable } },
});

describe('types of imports and functions', () => {
  it('rejects an imported function with an unknown type', () => {
    const e = rejection(mod({ imports: [{ module: 'a', name: 'b', desc: { kind: 'func', type: 0 } }] }));
    expect(e.reason).toBe('import 0 "a" "b": unknown type 0');
    expect(e.loc.offset).toBeUndefined();
  });
  it('rejects a function with an unknown type', () => {
    expect(rejection(mod({ funcs: [3], codes: [{ locals: [], body: body(), offset: -1, size: 0 }] })).reason).toBe(
      'func 0: unknown type 3',
    );
  });
  it('rejects function and code counts that differ', () => {
    expect(rejection(mod({ types: [ft([], [])], funcs: [0] })).reason).toContain('inconsistent lengths');
  });
});

describe('limits', () => {
  it('rejects table min above max', () => {
    expect(rejection(mod({ tables: [{ elem: FuncRef, limits: { min: 2, max: 1 } }] })).reason).toBe(
      'table 0: size minimum must not be greater than maximum',
    );
  });
  it('rejects table sizes above 2^32-1', () => {
    expect(rejection(mod({ tables: [{ elem: FuncRef, limits: { min: 2 ** 32 } }] })).reason).toContain(
      'table size must be at most 2^32-1',
    );
  });
  it('accepts memories of 65536 pages and rejects more', () => {
    expect(() => validateModule(mod({ mems: [{ limits: { min: 65536, max: 65536 } }] }))).not.toThrow();
    expect(rejection(mod({ mems: [{ limits: { min: 65537 } }] })).reason).toBe(
      'memory 0: memory size must be at most 65536 pages (4GiB)',
    );
    expect(rejection(mod({ mems: [{ limits: { min: 0, max: 65537 } }] })).reason).toContain('memory size must be at most 65536 pages');
  });
  it('rejects memory min above max, including imported memories', () => {
    const imp = { module: 'a', name: 'm', desc: { kind: 'memory' as const, mem: { limits: { min: 2, max: 1 } } } };
    expect(rejection(mod({ imports: [imp] })).reason).toBe('import 0 "a" "m": size minimum must not be greater than maximum');
  });
  it('rejects more than one memory, imported or defined', () => {
    const imp = { module: 'a', name: 'm', desc: { kind: 'memory' as const, mem: { limits: { min: 0 } } } };
    expect(rejection(mod({ imports: [imp], mems: [{ limits: { min: 0 } }] })).reason).toBe('multiple memories (2)');
    expect(rejection(mod({ mems: [{ limits: { min: 0 } }, { limits: { min: 0 } }] })).reason).toContain('multiple memories');
  });
});

describe('globals (constant expressions)', () => {
  it('accepts constants of the global type', () => {
    const m = mod({
      globals: [
        { type: { type: I64, mutable: true }, init: [ins('i64.const', 0, 0, 5n), ins('end')] },
        { type: { type: FuncRef, mutable: false }, init: [ins('ref.null', FuncRef)] },
      ],
    });
    expect(() => validateModule(m)).not.toThrow();
  });
  it('rejects a constant of the wrong type', () => {
    expect(rejection(mod({ globals: [{ type: { type: I32, mutable: false }, init: [ins('f32.const')] }] })).reason).toBe(
      'global 0: type mismatch: expected i32, got f32',
    );
  });
  it('rejects an empty or two-value initialiser as a type mismatch', () => {
    expect(rejection(mod({ globals: [{ type: { type: I32, mutable: false }, init: [ins('end')] }] })).reason).toContain(
      'type mismatch',
    );
    expect(rejection(mod({ globals: [{ type: { type: I32, mutable: false }, init: [c32(), c32()] }] })).reason).toContain(
      'type mismatch',
    );
  });
  it('rejects non-constant instructions before looking at types', () => {
    const init = [c32(), ins('i32.ctz')];
    init[1]!.offset = 40;
    const e = rejection(mod({ globals: [{ type: { type: I32, mutable: false }, init }] }));
    expect(e.reason).toBe('global 0: constant expression required (i32.ctz is not constant)');
    expect(e.loc.offset).toBe(40);
    expect(rejection(mod({ globals: [{ type: { type: I32, mutable: false }, init: [ins('nop')] }] })).reason).toContain(
      'constant expression required',
    );
  });
  it('global.get may only read imported immutable globals', () => {
    const ok = mod({ imports: [importGlobal(I32, false)], globals: [{ type: { type: I32, mutable: false }, init: [ins('global.get', 0)] }] });
    expect(() => validateModule(ok)).not.toThrow();
    const defined = mod({
      globals: [
        { type: { type: I32, mutable: false }, init: [c32()] },
        { type: { type: I32, mutable: false }, init: [ins('global.get', 0)] },
      ],
    });
    expect(rejection(defined).reason).toBe('global 1: unknown global 0');
    const mutable = mod({ imports: [importGlobal(I32, true)], globals: [{ type: { type: I32, mutable: false }, init: [ins('global.get', 0)] }] });
    expect(rejection(mutable).reason).toContain('global 1: constant expression required');
    const wrongType = mod({ imports: [importGlobal(I64, false)], globals: [{ type: { type: I32, mutable: false }, init: [ins('global.get', 0)] }] });
    expect(rejection(wrongType).reason).toContain('type mismatch');
  });
  it('ref.func in an initialiser needs an existing function', () => {
    expect(rejection(mod({ globals: [{ type: { type: FuncRef, mutable: false }, init: [ins('ref.func', 2)] }] })).reason).toBe(
      'global 0: unknown function 2',
    );
  });
});

describe('element segments', () => {
  const table = { elem: FuncRef, limits: { min: 1 } } as const;
  it('accepts an active segment of the table type with an i32 offset', () => {
    const m = withFunc(ft([], []), body(), [], {
      tables: [table],
      elems: [{ type: FuncRef, init: [[ins('ref.func', 0)], [ins('ref.null', FuncRef)]], mode: { kind: 'active', table: 0, offset: [c32()] } }],
    });
    expect(() => validateModule(m)).not.toThrow();
  });
  it('rejects an unknown table', () => {
    const m = mod({ elems: [{ type: FuncRef, init: [], mode: { kind: 'active', table: 0, offset: [c32()] } }] });
    expect(rejection(m).reason).toBe('elem 0: unknown table 0');
  });
  it('rejects a segment whose type differs from the table', () => {
    const m = mod({ tables: [table], elems: [{ type: ExternRef, init: [], mode: { kind: 'active', table: 0, offset: [c32()] } }] });
    expect(rejection(m).reason).toContain('elem 0: type mismatch');
  });
  it('rejects a non-i32 offset and non-constant offsets', () => {
    const m = mod({ tables: [table], elems: [{ type: FuncRef, init: [], mode: { kind: 'active', table: 0, offset: [ins('i64.const', 0, 0, 0n)] } }] });
    expect(rejection(m).reason).toBe('elem 0 offset: type mismatch: expected i32, got i64');
    const n = mod({ tables: [table], elems: [{ type: FuncRef, init: [], mode: { kind: 'active', table: 0, offset: [ins('nop'), c32()] } }] });
    expect(rejection(n).reason).toContain('constant expression required');
  });
  it('rejects an initialiser of the wrong reference type', () => {
    const m = mod({ elems: [{ type: ExternRef, init: [[ins('ref.null', FuncRef)]], mode: { kind: 'passive' } }] });
    expect(rejection(m).reason).toBe('elem 0: type mismatch: expected externref, got funcref');
  });
  it('offsets may read imported immutable globals only', () => {
    const seg = (g: number) => ({ type: FuncRef, init: [], mode: { kind: 'active' as const, table: 0, offset: [ins('global.get', g)] } });
    expect(() => validateModule(mod({ imports: [importGlobal(I32, false)], tables: [table], elems: [seg(0)] }))).not.toThrow();
    expect(rejection(mod({ imports: [importGlobal(I32, false)], tables: [table], elems: [seg(1)] })).reason).toContain('unknown global 1');
    expect(rejection(mod({ imports: [importGlobal(I32, true)], tables: [table], elems: [seg(0)] })).reason).toContain(
      'constant expression required',
    );
  });
});

describe('data segments', () => {
  it('rejects an active segment without a memory', () => {
    const m = mod({ datas: [{ bytes: new Uint8Array(1), mode: { kind: 'active', mem: 0, offset: [c32()] } }] });
    expect(rejection(m).reason).toBe('data 0: unknown memory 0');
  });
  it('rejects a non-i32 offset', () => {
    const m = mod({ mems: [{ limits: { min: 1 } }], datas: [{ bytes: new Uint8Array(1), mode: { kind: 'active', mem: 0, offset: [ins('f32.const')] } }] });
    expect(rejection(m).reason).toBe('data 0 offset: type mismatch: expected i32, got f32');
  });
  it('accepts passive segments without a memory', () => {
    expect(() => validateModule(mod({ datas: [{ bytes: new Uint8Array(1), mode: { kind: 'passive' } }] }))).not.toThrow();
  });
});

describe('start function', () => {
  it('accepts a [] -> [] function', () => {
    expect(() => validateModule(withFunc(ft([], []), body(), [], { start: 0 }))).not.toThrow();
  });
  it('rejects an unknown function', () => {
    expect(rejection(mod({ start: 0 })).reason).toBe('start function: unknown function 0');
  });
  it('rejects a function with parameters or results', () => {
    expect(rejection(withFunc(ft([I32], []), body(), [], { start: 0 })).reason).toBe('start function 0 must have type [] -> []');
    expect(rejection(withFunc(ft([], [F32]), body(ins('f32.const')), [], { start: 0 })).reason).toContain('start function');
  });
});

describe('exports', () => {
  it('rejects duplicate export names', () => {
    const m = withFunc(ft([], []), body(), [], {
      exports: [
        { name: 'a', kind: 'func', index: 0 },
        { name: 'a', kind: 'func', index: 0 },
      ],
    });
    expect(rejection(m).reason).toBe('export "a": duplicate export name');
  });
  it('rejects unknown indices of each kind', () => {
    const cases: Array<[Module['exports'][number]['kind'], string]> = [
      ['func', 'unknown function 7'],
      ['table', 'unknown table 7'],
      ['memory', 'unknown memory 7'],
      ['global', 'unknown global 7'],
    ];
    for (const [kind, msg] of cases) {
      expect(rejection(mod({ exports: [{ name: 'x', kind, index: 7 }] })).reason).toBe(`export "x": ${msg}`);
    }
  });
});
