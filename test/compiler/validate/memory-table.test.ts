import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import type { Elem, TableType } from '../../../formats/wasm/types.js';
import { body, ft, ins, oneMemory, rejection, withFunc, I32, I64, V128 } from './build.js';

const c32 = (v = 0) => ins('i32.const', v);
const v128 = () => ins('v128.const', 0, 0, new Uint8Array(16));
const funcTable: TableType = { elem: 0x70, limits: { min: 1 } };
const externTable: TableType = { elem: 0x6f, limits: { min: 1 } };
const passive = (type: 0x70 | 0x6f): Elem => ({ type, init: [], mode: { kind: 'passive' } });

describe('memory instructions', () => {
  it('accepts loads and stores up to natural alignment', () => {
    const m = withFunc(ft([], [I64]), body(c32(), ins('i64.load', 3, 8)), [], oneMemory());
    expect(() => validateModule(m)).not.toThrow();
  });
  it('rejects alignment larger than natural', () => {
    const e = rejection(withFunc(ft([], [I32]), body(c32(), ins('i32.load16_u', 2, 0)), [], oneMemory()));
    expect(e.reason).toBe('func 0: alignment must not be larger than natural in i32.load16_u: 2^2 > 2');
    expect(e.loc.offset).toBe(101);
  });
  it('rejects memory instructions without a memory', () => {
    for (const code of [
      [c32(), ins('i32.load')],
      [ins('memory.size')],
      [c32(), ins('memory.grow')],
      [c32(), c32(), c32(), ins('memory.fill')],
      [c32(), c32(), c32(), ins('memory.copy')],
    ]) {
      expect(rejection(withFunc(ft([], [I32]), body(...code, c32()))).reason).toMatch(/unknown memory 0 in memory\.|unknown memory 0 in i32\.load/);
    }
  });
  it('checks memory before the alignment', () => {
    expect(rejection(withFunc(ft([], [I32]), body(c32(), ins('i32.load', 5)))).reason).toContain('unknown memory 0');
  });
  it('types stores by their signature', () => {
    expect(() => validateModule(withFunc(ft([], []), body(c32(), ins('i64.const', 0, 0, 0n), ins('i64.store32', 2)), [], oneMemory()))).not.toThrow();
    expect(rejection(withFunc(ft([], []), body(c32(), c32(), ins('i64.store32', 2)), [], oneMemory())).reason).toBe(
      'func 0: type mismatch in i64.store32: expected i64, got i32',
    );
  });
  it('memory.init checks the memory, then the data segment', () => {
    const args = [c32(), c32(), c32()];
    expect(rejection(withFunc(ft([], []), body(...args, ins('memory.init', 1, 0)))).reason).toBe(
      'func 0: unknown memory 0 in memory.init',
    );
    const withData = oneMemory({ datas: [{ bytes: new Uint8Array(1), mode: { kind: 'passive' } }], dataCount: 1 });
    expect(() => validateModule(withFunc(ft([], []), body(...args, ins('memory.init', 0, 0)), [], withData))).not.toThrow();
    expect(rejection(withFunc(ft([], []), body(...args, ins('memory.init', 1, 0)), [], withData)).reason).toBe(
      'func 0: unknown data segment 1 in memory.init',
    );
  });
  it('data.drop needs a data segment but no memory', () => {
    expect(rejection(withFunc(ft([], []), body(ins('data.drop', 0)))).reason).toBe('func 0: unknown data segment 0 in data.drop');
    const m = withFunc(ft([], []), body(ins('data.drop', 0)), [], { datas: [{ bytes: new Uint8Array(0), mode: { kind: 'passive' } }] });
    expect(() => validateModule(m)).not.toThrow();
  });
});

describe('vector lanes', () => {
  it('rejects a lane index out of range for extract/replace', () => {
    expect(() => validateModule(withFunc(ft([], [I32]), body(v128(), ins('i32x4.extract_lane', 3))))).not.toThrow();
    const e = rejection(withFunc(ft([], [I32]), body(v128(), ins('i32x4.extract_lane', 4))));
    expect(e.reason).toBe('func 0: invalid lane index in i32x4.extract_lane: 4 >= 4');
    expect(e.loc.offset).toBe(101);
  });
  it('rejects a lane index out of range for load/store lane', () => {
    const ok = withFunc(ft([], []), body(c32(), v128(), ins('v128.store16_lane', 1, 0, null, 7)), [], oneMemory());
    expect(() => validateModule(ok)).not.toThrow();
    const bad = withFunc(ft([], []), body(c32(), v128(), ins('v128.store16_lane', 1, 0, null, 8)), [], oneMemory());
    expect(rejection(bad).reason).toContain('invalid lane index in v128.store16_lane');
    const align = withFunc(ft([], []), body(c32(), v128(), ins('v128.store16_lane', 2, 0, null, 0)), [], oneMemory());
    expect(rejection(align).reason).toContain('alignment must not be larger than natural');
  });
  it('rejects shuffle lane indices of 32 and above', () => {
    const lanes = (last: number) => new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, last]);
    expect(() => validateModule(withFunc(ft([], [V128]), body(v128(), v128(), ins('i8x16.shuffle', 0, 0, lanes(31)))))).not.toThrow();
    expect(rejection(withFunc(ft([], [V128]), body(v128(), v128(), ins('i8x16.shuffle', 0, 0, lanes(32))))).reason).toBe(
      'func 0: invalid lane index in i8x16.shuffle: 32 >= 32',
    );
  });
});

describe('table instructions', () => {
  it('table.get/set/size/grow/fill type by the table element type', () => {
    const code = body(
      c32(), ins('table.get', 1), ins('drop'),
      c32(), ins('ref.null', 0x6f), ins('table.set', 1),
      ins('table.size', 0), ins('drop'),
      ins('ref.null', 0x70), c32(), ins('table.grow', 0), ins('drop'),
      c32(), ins('ref.null', 0x6f), c32(), ins('table.fill', 1),
    );
    expect(() => validateModule(withFunc(ft([], []), code, [], { tables: [funcTable, externTable] }))).not.toThrow();
    const bad = body(c32(), ins('ref.null', 0x70), ins('table.set', 1));
    expect(rejection(withFunc(ft([], []), bad, [], { tables: [funcTable, externTable] })).reason).toBe(
      'func 0: type mismatch in table.set: expected externref, got funcref',
    );
  });
  it('rejects an unknown table', () => {
    for (const name of ['table.get', 'table.size', 'table.grow', 'table.fill', 'table.set']) {
      expect(rejection(withFunc(ft([], []), body(ins(name, 2)), [], { tables: [funcTable] })).reason).toBe(
        `func 0: unknown table 2 in ${name}`,
      );
    }
  });
  it('table.copy needs tables of the same element type', () => {
    const args = [c32(), c32(), c32()];
    const tables = { tables: [funcTable, externTable, funcTable] };
    expect(() => validateModule(withFunc(ft([], []), body(...args, ins('table.copy', 2, 0)), [], tables))).not.toThrow();
    expect(rejection(withFunc(ft([], []), body(...args, ins('table.copy', 0, 1)), [], tables)).reason).toContain(
      'type mismatch in table.copy',
    );
    expect(rejection(withFunc(ft([], []), body(...args, ins('table.copy', 0, 3)), [], tables)).reason).toContain(
      'unknown table 3 in table.copy',
    );
  });
  it('table.init checks the table, then the segment and its type', () => {
    const args = [c32(), c32(), c32()];
    expect(rejection(withFunc(ft([], []), body(...args, ins('table.init', 0, 0)))).reason).toBe(
      'func 0: unknown table 0 in table.init',
    );
    const env = { tables: [funcTable], elems: [passive(0x70), passive(0x6f)] };
    expect(() => validateModule(withFunc(ft([], []), body(...args, ins('table.init', 0, 0)), [], env))).not.toThrow();
    expect(rejection(withFunc(ft([], []), body(...args, ins('table.init', 1, 0)), [], env)).reason).toContain(
      'type mismatch in table.init',
    );
    expect(rejection(withFunc(ft([], []), body(...args, ins('table.init', 4, 0)), [], env)).reason).toBe(
      'func 0: unknown elem segment 4 in table.init',
    );
  });
  it('elem.drop needs an element segment', () => {
    expect(rejection(withFunc(ft([], []), body(ins('elem.drop', 0)))).reason).toBe('func 0: unknown elem segment 0 in elem.drop');
    expect(() => validateModule(withFunc(ft([], []), body(ins('elem.drop', 0)), [], { elems: [passive(0x70)] }))).not.toThrow();
  });
});
