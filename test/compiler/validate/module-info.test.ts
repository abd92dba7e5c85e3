import { describe, expect, it } from 'vitest';
import {
  blockTypeOf,
  buildModuleInfo,
  funcTypeIdxOf,
  funcTypeOf,
  globalTypeOf,
  importCounts,
  memTypeOf,
  tableTypeOf,
} from '../../../compiler/validate/index.js';
import { BLOCK_EMPTY, blockOfValType } from '../../../formats/wasm/opcodes.js';
import { emptyModule, type Module } from '../../../formats/wasm/types.js';
import { ft, ins, I32, I64, F32, FuncRef, ExternRef } from './build.js';

function sample(): Module {
  const m = emptyModule();
  m.types = [ft([], []), ft([I32], [I64])];
  m.imports = [
    { module: 'a', name: 'f', desc: { kind: 'func', type: 1 } },
    { module: 'a', name: 'g', desc: { kind: 'global', global: { type: F32, mutable: true } } },
    { module: 'a', name: 't', desc: { kind: 'table', table: { elem: ExternRef, limits: { min: 0 } } } },
    { module: 'a', name: 'm', desc: { kind: 'memory', mem: { limits: { min: 1 } } } },
    { module: 'a', name: 'h', desc: { kind: 'func', type: 0 } },
  ];
  m.funcs = [1];
  m.tables = [{ elem: FuncRef, limits: { min: 3 } }];
  m.globals = [{ type: { type: I32, mutable: false }, init: [ins('i32.const')] }];
  return m;
}

describe('module index spaces', () => {
  it('counts imports by kind', () => {
    expect(importCounts(sample())).toEqual({ funcs: 2, tables: 1, mems: 1, globals: 1 });
  });
  it('numbers imported entities before defined ones', () => {
    const m = sample();
    expect(funcTypeIdxOf(m, 0)).toBe(1);
    expect(funcTypeIdxOf(m, 1)).toBe(0);
    expect(funcTypeIdxOf(m, 2)).toBe(1);
    expect(funcTypeIdxOf(m, 3)).toBe(-1);
    expect(funcTypeOf(m, 2)).toEqual(ft([I32], [I64]));
    expect(funcTypeOf(m, 3)).toBeUndefined();
    expect(globalTypeOf(m, 0)).toEqual({ type: F32, mutable: true });
    expect(globalTypeOf(m, 1)).toEqual({ type: I32, mutable: false });
    expect(globalTypeOf(m, 2)).toBeUndefined();
    expect(tableTypeOf(m, 0)?.elem).toBe(ExternRef);
    expect(tableTypeOf(m, 1)?.elem).toBe(FuncRef);
    expect(memTypeOf(m, 0)).toEqual({ limits: { min: 1 } });
    expect(memTypeOf(m, 1)).toBeUndefined();
  });
  it('builds the flattened index spaces', () => {
    const info = buildModuleInfo(sample());
    expect(info.funcTypeIdx).toEqual([1, 0, 1]);
    expect(info.tables.map((t) => t.elem)).toEqual([ExternRef, FuncRef]);
    expect(info.globals.map((g) => g.type)).toEqual([F32, I32]);
    expect(info.mems.length).toBe(1);
    expect(info.imported).toEqual({ funcs: 2, tables: 1, mems: 1, globals: 1 });
  });
});

describe('block types', () => {
  it('decodes empty, single value and type index forms', () => {
    const m = sample();
    expect(blockTypeOf(m, BLOCK_EMPTY)).toEqual({ params: [], results: [] });
    expect(blockTypeOf(m, blockOfValType(F32))).toEqual({ params: [], results: [F32] });
    expect(blockTypeOf(m, 1)).toBe(m.types[1]);
    expect(blockTypeOf(m, 2)).toBeUndefined();
  });
  it('returns shared objects for the value type forms', () => {
    const m = sample();
    expect(blockTypeOf(m, blockOfValType(I64))).toBe(blockTypeOf(m, blockOfValType(I64)));
  });
});
