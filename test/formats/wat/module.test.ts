import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/module.js';
import { KilnError } from '../../../formats/errors.js';
import { OPCODES } from '../../../formats/wasm/opcodes.js';
import { ValType, type Expr, type Instr } from '../../../formats/wasm/types.js';

/** instructions as compact text: name plus the immediates that are set */
function show(e: Expr): string[] {
  return e.map((i: Instr) => {
    const name = (OPCODES[i.op] as { name: string }).name;
    const x = i.x === null ? '' : ` x=${Array.isArray(i.x) || i.x instanceof Uint8Array ? `[${Array.from(i.x).join(',')}]` : String(i.x)}`;
    const imm = OPCODES[i.op]?.imm === 'none' ? '' : ` ${i.a}${i.b !== 0 ? ' ' + i.b : ''}${i.c !== 0 ? ' c=' + i.c : ''}`;
    return `${name}${imm}${x}`;
  });
}
const body = (text: string, f = 0): string[] => show((parseWat(text).codes[f] as { body: Expr }).body);
const errorOf = (text: string): KilnError => {
  try {
    parseWat(text, 'm.wat');
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected a KilnError');
};

describe('parseWat: module structure', () => {
  it('accepts (module ...) and bare fields alike', () => {
    const a = parseWat('(module $m (func))');
    const b = parseWat('(func)');
    expect({ ...a, names: null }).toEqual(b);
    expect(a.types).toEqual([{ params: [], results: [] }]);
    expect(a.funcs).toEqual([0]);
    expect(a.names).toEqual({ module: 'm', funcs: new Map(), locals: new Map() });
    expect(b.names).toBeNull();
    expect(a.customs).toEqual([]);
  });
  it('appends implicit types after the explicit ones, reusing equal types', () => {
    const m = parseWat(`
      (func (param i32))
      (type $v (func))
      (func (result i32) (i32.const 0))
      (func (param i32))
      (func (type $v))
      (type (func (param i32)))`);
    expect(m.types).toEqual([
      { params: [], results: [] },
      { params: [ValType.I32], results: [] },
      { params: [], results: [ValType.I32] },
    ]);
    expect(m.funcs).toEqual([1, 2, 1, 0]);
  });
  it('rejects (type x) with a different inline signature', () => {
    expect(errorOf('(type (func)) (func (type 0) (param i32))').reason).toMatch(/inline function type/);
  });
  it('expands inline imports and exports, imports first in each index space', () => {
    const m = parseWat(`
      (func $imp (import "m" "f") (param i32))
      (global $g (import "m" "g") (mut i64))
      (func $f (export "f") (export "f2") (call $imp (i32.const 1)))
      (memory (export "mem") 1 2)
      (table $t (export "t") 3 funcref)
      (global (export "g") f32 (f32.const 1))
      (export "imp" (func $imp))
      (export "glob" (global $g))`);
    expect(m.imports).toEqual([
      { module: 'm', name: 'f', desc: { kind: 'func', type: 0 } },
      { module: 'm', name: 'g', desc: { kind: 'global', global: { type: ValType.I64, mutable: true } } },
    ]);
    expect(m.exports).toEqual([
      { name: 'f', kind: 'func', index: 1 },
      { name: 'f2', kind: 'func', index: 1 },
      { name: 'mem', kind: 'memory', index: 0 },
      { name: 't', kind: 'table', index: 0 },
      { name: 'g', kind: 'global', index: 1 },
      { name: 'imp', kind: 'func', index: 0 },
      { name: 'glob', kind: 'global', index: 0 },
    ]);
    expect(m.mems).toEqual([{ limits: { min: 1, max: 2 } }]);
    expect(m.tables).toEqual([{ elem: ValType.FuncRef, limits: { min: 3 } }]);
    expect(show(m.globals[0]?.init as Expr)).toEqual(['f32.const 1065353216', 'end']);
    expect(body('(func $imp (import "m" "f") (param i32)) (func (call $imp (i32.const 1)))')).toEqual([
      'i32.const 1',
      'call 0',
      'end',
    ]);
  });
  it('rejects an import after a definition', () => {
    expect(errorOf('(func) (import "" "" (func))').reason).toBe('import after function');
    expect(errorOf('(memory 1) (import "" "" (table 1 funcref))').reason).toBe('import after memory');
    expect(errorOf('(global i32 (i32.const 0)) (func (import "" ""))').reason).toBe('import after global');
  });
  it('rejects duplicate identifiers and unknown ones', () => {
    expect(errorOf('(func $f) (func $f)').reason).toBe('duplicate func $f');
    expect(errorOf('(func (param $x i32) (local $x i32))').reason).toBe('duplicate local $x');
    const e = errorOf('(func\n  (call $nope))');
    expect(e.reason).toBe('unknown function $nope');
    expect([e.loc.line, e.loc.column]).toEqual([2, 9]);
  });
  it('keeps numeric indices that are out of range (the validator rejects them)', () => {
    expect(body('(func (call 7) (local.get 3) (drop))')).toEqual(['call 7', 'local.get 3', 'drop', 'end']);
  });
  it('groups locals and numbers named params and locals', () => {
    const m = parseWat('(func (param $a i32) (param i64 i64) (local $b f32) (local f32 i32) (local.get $b) (local.get $a) (drop) (drop))');
    expect(m.codes[0]?.locals).toEqual([
      { count: 2, type: ValType.F32 },
      { count: 1, type: ValType.I32 },
    ]);
    expect(show(m.codes[0]?.body as Expr).slice(0, 2)).toEqual(['local.get 3', 'local.get 0']);
  });
  it('expands table (elem ...) and memory (data ...) abbreviations', () => {
    const m = parseWat('(func $f) (table funcref (elem $f $f 0)) (memory (data "ab" "c"))');
    expect(m.tables).toEqual([{ elem: ValType.FuncRef, limits: { min: 3, max: 3 } }]);
    expect(m.elems).toHaveLength(1);
    expect(m.elems[0]?.mode.kind).toBe('active');
    expect(m.elems[0]?.init.map(show)).toEqual([['ref.func 0', 'end'], ['ref.func 0', 'end'], ['ref.func 0', 'end']]);
    expect(m.mems).toEqual([{ limits: { min: 1, max: 1 } }]);
    expect(Array.from(m.datas[0]?.bytes as Uint8Array)).toEqual([0x61, 0x62, 0x63]);
  });
  it('parses every element segment form', () => {
    const m = parseWat(`
      (table $t 10 funcref) (func $f)
      (elem (i32.const 0) $f 0)
      (elem $e (table $t) (offset (i32.const 1)) func $f)
      (elem (table $t) (i32.const 2) funcref (ref.func $f) (item (ref.null func)))
      (elem func $f)
      (elem externref (ref.null extern))
      (elem declare func $f)
      (elem 0 (i32.const 3) $f)`);
    const modes = m.elems.map((e) => e.mode.kind);
    expect(modes).toEqual(['active', 'active', 'active', 'passive', 'passive', 'declarative', 'active']);
    expect(m.elems.map((e) => e.type)).toEqual([
      ValType.FuncRef, ValType.FuncRef, ValType.FuncRef, ValType.FuncRef, ValType.ExternRef, ValType.FuncRef, ValType.FuncRef,
    ]);
    const e2 = m.elems[2];
    expect(e2?.mode.kind === 'active' && show(e2.mode.offset)).toEqual(['i32.const 2', 'end']);
    expect(e2?.init.map(show)).toEqual([['ref.func 0', 'end'], ['ref.null 112', 'end']]);
    expect(m.elems[4]?.init.map(show)).toEqual([['ref.null 111', 'end']]);
  });
  it('parses data segments: active with memory use, offset, passive', () => {
    const m = parseWat('(memory $m 1) (data (i32.const 1) "a") (data (memory $m) (offset (i32.const 2)) "b") (data $p "c" "d")');
    expect(m.datas.map((d) => d.mode.kind)).toEqual(['active', 'active', 'passive']);
    expect(m.dataCount).toBeNull();
    expect(parseWat('(memory 1) (data "x") (func (data.drop 0))').dataCount).toBe(1);
  });
  it('rejects a second start and names that are not UTF-8', () => {
    expect(errorOf('(func) (start 0) (start 0)').reason).toBe('multiple start sections');
    expect(errorOf('(func (export "\\ff"))').reason).toBe('malformed UTF-8 encoding');
  });
  it('rejects binary and quote modules outside scripts', () => {
    expect(errorOf('(module binary "")').kind).toBe('malformed');
  });
});

describe('parseWat: instructions', () => {
  it('unfolds folded instructions, operands first', () => {
    expect(body('(func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))')).toEqual([
      'i32.const 1', 'i32.const 2', 'i32.const 3', 'i32.mul', 'i32.add', 'end',
    ]);
  });
  it('resolves labels to relative depths, innermost binding first', () => {
    expect(body('(func (block $a (block $b (br $a) (br $b) (br 1))))')).toEqual([
      'block -64', 'block -64', 'br 1', 'br 0', 'br 1', 'end', 'end', 'end',
    ]);
    expect(body('(func (block $a (loop $a (br_if $a (i32.const 0)))))')).toEqual([
      'block -64', 'loop -64', 'i32.const 0', 'br_if 0', 'end', 'end', 'end',
    ]);
    expect(body('(func block $l loop $m i32.const 0 br_table $l $m 0 end $m end $l)')).toEqual([
      'block -64', 'loop -64', 'i32.const 0', 'br_table 0 x=[1,0]', 'end', 'end', 'end',
    ]);
  });
  it('checks labels repeated after end and else', () => {
    expect(errorOf('(func block $a end $b)').reason).toBe('mismatching label');
    expect(errorOf('(func block end $b)').reason).toBe('mismatching label');
    expect(errorOf('(func (i32.const 0) if $a else $b end)').reason).toBe('mismatching label');
    const e = errorOf('(func\n (block $a (br $x)))');
    expect([e.reason, e.loc.line, e.loc.column]).toEqual(['unknown label $x', 2, 16]);
  });
  it('folded if: condition, then, else', () => {
    expect(body('(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))))')).toEqual([
      'i32.const 1', 'if -1', 'i32.const 2', 'else', 'i32.const 3', 'end', 'end',
    ]);
    expect(body('(func (if (i32.const 1) (then)))')).toEqual(['i32.const 1', 'if -64', 'end', 'end']);
  });
  it('block types: empty, one result, type use, inline multi-value', () => {
    const m = parseWat(`(type $t (func (param i32) (result i32)))
      (func (block (result f64) (f64.const 0) drop)
            (i32.const 0) (block (type $t)) drop
            (i32.const 0) (block (param i32) (result i32)) drop
            (block (result i32 i32) (i32.const 0) (i32.const 0)) drop drop)`);
    expect(show(m.codes[0]?.body as Expr).filter((s) => s.startsWith('block'))).toEqual([
      'block -4', 'block 0', 'block 0', 'block 2',
    ]);
    expect(m.types[2]).toEqual({ params: [], results: [ValType.I32, ValType.I32] });
  });
  it('memory immediates: offset, power-of-two alignment, lanes', () => {
    expect(body('(memory 1) (func (i32.load offset=0x10 align=1 (i32.const 0)) drop (i64.store (i32.const 0) (i64.const 1)))')).toEqual([
      'i32.const 0', 'i32.load 0 16', 'drop', 'i32.const 0', 'i64.const 0 x=1', 'i64.store 3', 'end',
    ]);
    expect(errorOf('(memory 1) (func (i32.load align=3 (i32.const 0)) drop)').reason).toBe('alignment must be a power of two');
    expect(body('(memory 1) (func (v128.load16_lane offset=2 7 (i32.const 0) (v128.const i64x2 0 0)) drop)')[2]).toBe(
      'v128.load16_lane 1 2 c=7',
    );
  });
  it('constants of every type, v128 shapes and shuffles', () => {
    expect(body('(func (i64.const -1) (f64.const -0x1p0) (v128.const i16x8 1 2 3 4 5 6 7 -1))').slice(0, 3)).toEqual([
      'i64.const 0 x=-1',
      'f64.const 0 x=13830554455654793216',
      'v128.const 0 x=[1,0,2,0,3,0,4,0,5,0,6,0,7,0,255,255]',
    ]);
    expect(body('(func (v128.const f32x4 1 0 0 -0))')[0]).toBe('v128.const 0 x=[0,0,128,63,0,0,0,0,0,0,0,0,0,0,0,128]');
    expect(body('(func (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0) (v128.const i64x2 0 0)))')[2]).toBe(
      'i8x16.shuffle 0 x=[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,31]',
    );
    expect(errorOf('(func (v128.const i32x4 1 2 3))').reason).toBe('wrong number of lane literals');
    expect(errorOf('(func (i8x16.shuffle 0 1) drop)').reason).toBe('invalid lane length');
    expect(errorOf('(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)) drop)').reason).toBe('malformed lane index');
    expect(errorOf('(func (i32.const 0x100000000) drop)').reason).toBe('constant out of range');
  });
  it('typed select, call_indirect with table and inline type, table ops with defaults', () => {
    const m = parseWat(`(table $a 1 funcref) (table $b 1 funcref) (elem $e func) (type $t (func (param i32)))
      (func (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)) drop
            (call_indirect $b (type $t) (param i32) (i32.const 0) (i32.const 0))
            (call_indirect (param i64) (result f32) (i64.const 0) (i32.const 0)) drop
            (table.copy (i32.const 0) (i32.const 0) (i32.const 0))
            (table.copy $a $b (i32.const 0) (i32.const 0) (i32.const 0))
            (table.init $e (i32.const 0) (i32.const 0) (i32.const 0))
            (table.init $b $e (i32.const 0) (i32.const 0) (i32.const 0))
            (drop (table.size $b)) (drop (table.size))
            (ref.null extern) drop (ref.func 0) drop)`);
    const s = show(m.codes[0]?.body as Expr).filter((x) => !x.startsWith('i32.const') && !x.startsWith('i64.const') && x !== 'drop');
    expect(s).toEqual([
      'select 0 x=[127]', 'call_indirect 0 1', 'call_indirect 2', 'table.copy 0', 'table.copy 0 1', 'table.init 0',
      'table.init 0 1', 'table.size 1', 'table.size 0', 'ref.null 111', 'ref.func 0', 'end',
    ]);
    expect(m.types.slice(1)).toEqual([{ params: [], results: [] }, { params: [ValType.I64], results: [ValType.F32] }]);
  });
  it('reports unknown operators with their location', () => {
    const e = errorOf('(module\n  (func (i32.add (i32.const 0) (i32.foo))))');
    expect(e.format()).toBe('m.wat:2:33: malformed: unknown operator i32.foo');
    expect(errorOf('(func (drop (i32.const0)))').reason).toBe('unknown operator i32.const0');
    expect(errorOf('(func (nop) (local i32))').reason).toMatch(/^unexpected token/);
  });
});
